package trees

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"samvirke/generator/internal/config"
	"samvirke/generator/internal/content"
	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/legal"
	"samvirke/generator/internal/site"
)

const treeFile = "content/beslutningstrer/t.md"

// testToday is the build day of the tests.
var testToday = time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)

// prepare parses src as content/beslutningstrer/t.md (beside a provision page and the section
// page) and runs Prepare. Parse problems (such as duplicate keys) are returned like any other.
func prepare(t testing.TB, src string) (*Feature, *diag.List, *site.Site) {
	t.Helper()
	return prepareData(t, src, nil)
}

// prepareData is prepare on a site whose .Site.Data is data (nil: none).
func prepareData(t testing.TB, src string, data map[string]any) (*Feature, *diag.List, *site.Site) {
	t.Helper()
	d := &diag.List{}
	var files []*content.File
	for path, s := range map[string]string{
		treeFile:                            src,
		"content/beslutningstrer/_index.md": "---\ntitle: Beslutningstrær\n---\n",
		"content/lovverk/fvl-13b-7.md":      "---\ntitle: Avverge fare\nid: fvl-13b-7\nlaw: fvl.\nsection: § 13 b\n---\n",
		"content/lovverk/hol-7-2a.md":       "---\ntitle: Barnekoordinator\nid: hol-7-2a\n---\n",
		"content/lovverk/bvl-13-2.md":       "---\ntitle: Opplysningsplikt til barnevernet\nid: bvl-13-2\n---\n",
	} {
		f, problems := content.Parse(path, []byte(s))
		for _, p := range problems {
			d.Add(p)
		}
		if f != nil {
			files = append(files, f)
		}
	}
	cfg := &config.Config{Title: "T", DefaultContentLanguage: "nb", BaseURL: "/", Params: map[string]any{}}
	cfg.Site.Levels = []config.Level{{ID: 1, Name: "Nivå 1"}, {ID: 2, Name: "Nivå 2"}}
	s := site.New(cfg, files, false, d)
	for k, v := range data {
		s.Data[k] = v
	}
	reg := legal.New()
	reg.Now = func() time.Time { return testToday }
	f := New(reg)
	f.Now = func() time.Time { return testToday }
	if len(d.Errors()) == 0 {
		// The fixtures' provisions are stubs with an id: the registry's own checks are not under test.
		reg.Load(&feature.Context{Site: s, Diag: &diag.List{}})
		f.Prepare(&feature.Context{Site: s, Diag: d})
	}
	return f, d, s
}

// want asserts that d has a diagnostic of the severity at line whose message contains every part.
func want(t *testing.T, d *diag.List, sev diag.Severity, line int, parts ...string) diag.Diagnostic {
	t.Helper()
	for _, x := range d.All() {
		if x.File != treeFile || x.Line != line || x.Severity != sev {
			continue
		}
		ok := true
		for _, p := range parts {
			if !strings.Contains(x.Message+"\n"+x.Hint, p) {
				ok = false
			}
		}
		if ok {
			return x
		}
	}
	t.Fatalf("no %s at %s:%d containing %q; got:\n%s", sev, treeFile, line, parts, d.Report())
	return diag.Diagnostic{}
}

// tree builds a front matter from lines; line numbers in the tests count from the opening ---.
// The audience comes last, so that lines appended to a tree's nodes stay inside nodes:.
func tree(lines ...string) string {
	return "---\ntitle: Test\n" + strings.Join(lines, "\n") + "\naudience: [adults]\nlegal_review: {date: 2026-11-30, by: kommuneadvokat}\n---\nIntro.\n"
}

// Line numbers: 1 ---, 2 title, 3 onwards the lines given.
var good = []string{
	"start: q1", //  3
	"nodes:",    //  4
	"  q1:",     //  5
	"    question: Første?",
	"    answers:",
	"      - {label: Ja, next: q2}",  //  8
	"      - {label: Nei, next: o1}", //  9
	"  q2:",                          // 10
	"    question: Andre?",
	"    answers:",
	"      - label: Ja",  // 13
	"        next: o1",   // 14
	"      - label: Nei", // 15
	"        next: o2",   // 16
	"  o1:",              // 17
	"    outcome:",       // 18
	"      title: En",    // 19
	"      body: Tekst.", // 20
	"      level: 1",     // 21
	"      legal: [fvl-13b-7]",
	"      kind: guidance", // 23
	"  o2:",                // 24
	"    outcome:",         // 25
	"      title: To",
	"      body: Tekst.",
	"      kind: may-share", // 28
}

func edit(lines []string, i int, repl ...string) []string {
	out := append([]string(nil), lines[:i-3]...)
	out = append(out, repl...)
	return append(out, lines[i-3+1:]...)
}

func TestValidTree(t *testing.T) {
	f, d, s := prepare(t, tree(good...))
	if len(d.All()) != 0 {
		t.Fatalf("unexpected diagnostics:\n%s", d.Report())
	}
	if len(f.Trees()) != 1 {
		t.Fatalf("trees = %d", len(f.Trees()))
	}
	tr := f.Trees()[0]
	if tr.Slug != "t" || tr.Start != "q1" || strings.Join(tr.Order, ",") != "q1,q2,o1,o2" {
		t.Errorf("tree = %s %s %v", tr.Slug, tr.Start, tr.Order)
	}
	if tr.depth != 2 || tr.questions != 2 || tr.outcomes != 2 {
		t.Errorf("depth, questions, outcomes = %d, %d, %d", tr.depth, tr.questions, tr.outcomes)
	}
	for _, id := range tr.Order {
		p := s.ByURL("/beslutningstrer/t/" + id + "/")
		if p == nil {
			t.Fatalf("no node page for %s", id)
		}
		wantLayout := "node"
		if tr.Nodes[id].IsOutcome() {
			wantLayout = "outcome"
		}
		if p.Layout != wantLayout || p.Type() != Section || p.Parent() != tr.Page || !p.Virtual {
			t.Errorf("%s: layout %q type %q parent %v virtual %v", id, p.Layout, p.Type(), p.Parent(), p.Virtual)
		}
	}
	if v := tr.Nodes["q1"].Answers[0].Value; v != "ja" {
		t.Errorf("value from label = %q", v)
	}
	if got := s.GetPage("/beslutningstrer").RegularPages(); len(got) != 1 {
		t.Errorf("the section lists %d pages; node pages must not be listed", len(got))
	}
}

func TestDanglingNext(t *testing.T) {
	_, d, s := prepare(t, tree(edit(good, 14, "        next: o3")...))
	want(t, d, diag.Error, 14, `answer "Ja" of "q2" leads to "o3", which is not a node`, `did you mean "o1"?`)
	if s.ByURL("/beslutningstrer/t/q1/") != nil {
		t.Error("a tree with a broken graph must not get node pages")
	}
}

func TestDanglingStart(t *testing.T) {
	_, d, _ := prepare(t, tree(edit(good, 3, "start: q0")...))
	want(t, d, diag.Error, 3, `start "q0" is not a node`, `did you mean "q1"?`)
}

func TestMissingStart(t *testing.T) {
	_, d, _ := prepare(t, tree(good[1:]...))
	want(t, d, diag.Error, 3, "the tree has no start", "start: q1")
}

func TestDuplicateNodeID(t *testing.T) {
	lines := append(append([]string(nil), good...), "  q2:", "    question: Igjen?") // lines 29, 30
	_, d, _ := prepare(t, tree(lines...))
	x := want(t, d, diag.Error, 29, "the key nodes.q2 is defined twice")
	if !strings.Contains(x.Hint, "node id") {
		t.Errorf("hint %q does not explain node ids", x.Hint)
	}
	if len(x.Notes) != 1 || x.Notes[0].Line != 10 || x.Notes[0].Text != "first defined here" {
		t.Errorf("the note does not point at the first definition: %+v", x.Notes)
	}
}

func TestDuplicateNodeIDCase(t *testing.T) {
	lines := append(append([]string(nil), good...), "  Q2:", "    question: Igjen?")
	_, d, _ := prepare(t, tree(lines...))
	x := want(t, d, diag.Error, 29, "the key nodes.Q2 is defined twice")
	if len(x.Notes) != 1 || x.Notes[0].Line != 10 {
		t.Errorf("the note does not point at q2: %+v", x.Notes)
	}
}

func TestUnreachable(t *testing.T) {
	lines := append(append([]string(nil), good...), "  o3:", "    outcome: {kind: guidance, title: Glemt, body: Tekst.}")
	_, d, _ := prepare(t, tree(lines...))
	want(t, d, diag.Error, 29, `node "o3" cannot be reached from start "q1"`, "next: o3")
}

func TestCycle(t *testing.T) {
	_, d, _ := prepare(t, tree(edit(good, 16, "        next: q1")...))
	want(t, d, diag.Error, 16, `cycle: answer "Nei" of "q2" leads back to "q1"`, "q1 → q2 → q1")
}

func TestSelfLoop(t *testing.T) {
	_, d, _ := prepare(t, tree(edit(good, 14, "        next: q2")...))
	want(t, d, diag.Error, 14, "cycle", "q2 → q2")
}

func TestOneAnswer(t *testing.T) {
	_, d, _ := prepare(t, tree(edit(good, 9)...)) // drop q1's second answer
	want(t, d, diag.Error, 7, `question "q1" has only one answer`, "at least two")
}

func TestEmptyLabel(t *testing.T) {
	_, d, _ := prepare(t, tree(edit(good, 13, `      - label: "  "`)...))
	want(t, d, diag.Error, 13, `answer 1 of "q2" has an empty label`)
}

func TestMissingLabel(t *testing.T) {
	_, d, _ := prepare(t, tree(edit(good, 8, "      - {next: q2}")...))
	want(t, d, diag.Error, 8, `answer 1 of "q1" has an empty label`)
}

func TestPathWithoutOutcome(t *testing.T) {
	// q2 is a question without answers: the path q1 → q2 ends without an outcome.
	lines := append(append([]string(nil), good[:9]...), // start … q2's question (line 11)
		"  o1:", "    outcome: {kind: guidance, title: En, body: Tekst.}")
	_, d, _ := prepare(t, tree(lines...))
	want(t, d, diag.Error, 10, `the path q1 → q2 ends at question "q2", which has no answers, without reaching an outcome`)
}

func TestNeitherQuestionNorOutcome(t *testing.T) {
	lines := edit(good, 11, "    text: Andre?")
	lines = edit(lines, 12)
	lines = edit(lines, 12)
	lines = edit(lines, 12)
	lines = edit(lines, 12)
	lines = edit(lines, 12)
	_, d, _ := prepare(t, tree(lines...))
	want(t, d, diag.Error, 10, `node "q2" has neither question: nor outcome:`)
}

func TestUnknownLegal(t *testing.T) {
	_, d, _ := prepare(t, tree(edit(good, 22, "      legal: [fvl-13b-8]")...))
	want(t, d, diag.Error, 22, `outcome "o1" refers to the unknown provision "fvl-13b-8"`, `did you mean "fvl-13b-7"?`)
}

func TestUnknownLevel(t *testing.T) {
	_, d, _ := prepare(t, tree(edit(good, 21, "      level: 7")...))
	want(t, d, diag.Error, 21, `outcome "o1" has level 7, which is not configured`, "1 (Nivå 1), 2 (Nivå 2)")
}

func TestDuplicateValue(t *testing.T) {
	_, d, _ := prepare(t, tree(edit(good, 9, "      - {label: Ja!, next: o1}")...))
	want(t, d, diag.Error, 9, `answers 1 and 2 of "q1" have the same value "ja"`, "add value:")
}

func TestBadValue(t *testing.T) {
	_, d, _ := prepare(t, tree(edit(good, 9, "      - {label: Nei, value: Nei Takk, next: o1}")...))
	want(t, d, diag.Error, 9, `answer value "Nei Takk" of "q1" is not lower-case ASCII`)
}

func TestBadNodeID(t *testing.T) {
	lines := edit(good, 17, "  o_1:")
	lines = edit(lines, 14, "        next: o_1")
	lines = edit(lines, 9, "      - {label: Nei, next: o_1}")
	_, d, _ := prepare(t, tree(lines...))
	want(t, d, diag.Error, 17, `node id "o_1" is not lower-case ASCII with hyphens`, "o-1")
}

func TestUnknownKey(t *testing.T) {
	_, d, _ := prepare(t, tree(edit(good, 12, "    anwsers:")...))
	want(t, d, diag.Error, 12, `unknown key "anwsers" in nodes.q2`, `did you mean "answers"?`)
}

func TestBothQuestionAndOutcome(t *testing.T) {
	lines := edit(good, 11, "    question: Andre?", "    outcome: {title: X, body: Y}")
	_, d, _ := prepare(t, tree(lines...))
	want(t, d, diag.Error, 10, `node "q2" has both question: and outcome:`)
}

func TestOutcomeWithoutTitle(t *testing.T) {
	_, d, _ := prepare(t, tree(edit(good, 19)...))
	want(t, d, diag.Error, 18, `outcome "o1" has no title`)
}

func TestNoTree(t *testing.T) {
	_, d, _ := prepare(t, "---\ntitle: Ikke et tre\n---\nTekst.\n")
	want(t, d, diag.Error, 1, "has no decision tree", "type: page")
}

func TestOtherTypeIsNotATree(t *testing.T) {
	_, d, _ := prepare(t, "---\ntitle: Om trærne\ntype: page\n---\nTekst.\n")
	if len(d.All()) != 0 {
		t.Errorf("a page with type: page is not a tree:\n%s", d.Report())
	}
}

// TestDepth builds a chain of n questions: 12 is fine, 13 is a warning at the 13th question.
func TestDepth(t *testing.T) {
	chain := func(n int) string {
		lines := []string{"start: q1", "nodes:"}
		for i := 1; i <= n; i++ {
			next := fmt.Sprintf("q%d", i+1)
			if i == n {
				next = "end"
			}
			lines = append(lines, fmt.Sprintf("  q%d:", i), fmt.Sprintf("    question: Spørsmål %d?", i),
				"    answers:", fmt.Sprintf("      - {label: Ja, next: %s}", next), "      - {label: Nei, next: end}")
		}
		lines = append(lines, "  end:", "    outcome: {kind: guidance, title: Slutt, body: Ferdig.}")
		return tree(lines...)
	}
	_, d, _ := prepare(t, chain(MaxDepth))
	if len(d.All()) != 0 {
		t.Fatalf("depth %d: %s", MaxDepth, d.Report())
	}
	_, d, _ = prepare(t, chain(MaxDepth+1))
	// Node q13 starts at line 5 + 12*5 = 65.
	want(t, d, diag.Warning, 65, "the tree is 13 questions deep (more than 12)", "q1 → q2", "q13 → end")
	if d.HasErrors() {
		t.Errorf("depth is a warning, not an error: %s", d.Report())
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Ja":                                 "ja",
		"Nei, eller jeg har ikke spurt ennå": "nei-eller-jeg-har-ikke-spurt-enna",
		"Bare min egen tjeneste (én)":        "bare-min-egen-tjeneste-en",
		"Mange tjenester, og behovene henger tett sammen": "mange-tjenester-og-behovene-henger-tett",
		"Ærlig talt – første gang":                        "aerlig-talt-forste-gang",
		"?!":                                              "",
	} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}
