package trees_test

import (
	"cmp"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"samvirke/generator/internal/build"
	"samvirke/generator/internal/contenttest"
)

// These tests run the real pipeline (fixture sites with the real theme and every feature), for
// the checks that happen while node texts render, and for check mode.

const fixtureTree = "content/beslutningstrer/t.md"

// fixtureSite is a small site: two glossary entries, two provisions, the tree section and tree.
func fixtureSite(t *testing.T, tree string) string {
	t.Helper()
	return contenttest.Fixture(t, map[string]string{
		"content/begreper/_index.md":        "---\ntitle: Begreper\n---\n",
		"content/begreper/stafettlogg.md":   "---\ntitle: Stafettlogg\ndefinition: Et verktøy for oppfølging.\nterm_lang: nb\n---\nTekst.\n",
		"content/begreper/undring.md":       "---\ntitle: Undring\ndefinition: En magefølelse.\nterm_lang: nb\n---\nTekst.\n",
		"content/lovverk/_index.md":         "---\ntitle: Lovverk\n---\n",
		"content/lovverk/fvl-13b-7.md":      contenttest.Provision(t, "fvl-13b-7"),
		"content/lovverk/hol-7-2a.md":       contenttest.Provision(t, "hol-7-2a"),
		"content/beslutningstrer/_index.md": "---\ntitle: Beslutningstrær\n---\nTrær.\n",
		"content/veiviser/_index.md":        "---\ntitle: Veiviser\n---\nVeiviser.\n",
		fixtureTree:                         tree,
	})
}

// lines: 1 ---, 2 title, 3 weight, 4 start …
var fixtureLines = []string{
	"---",
	"title: Testtre",
	"weight: 1",
	"start: q1",
	"nodes:",
	"  q1:",
	"    question: Har du en undring?",
	"    help: |-",
	"      Første linje.",
	`      En {{< begrep "undring" >}} er en følelse.`, // 10
	"    answers:",
	"      - {label: Ja, next: o1}",
	"      - {label: Nei, next: o2}",
	"  o1:",
	"    outcome:",
	"      title: Skriv i stafettloggen",
	"      level: 1",
	"      body: |-",
	`        Bruk {{< begrep "stafettlogg" >}}.`, // 19
	"",
	`        Se {{< lov "fvl-13b-7" >}}.`, // 21
	"      next_steps:",
	`        - Snakk med {{< begrep "undring" "leder" >}}.`, // 23
	"      links:",
	"        - {text: Veiviser, url: /veiviser/}", // 25
	"      legal: [fvl-13b-7]",
	"      kind: guidance",
	"  o2:",
	"    outcome: {kind: guidance, title: Ingen tiltak, body: Følg med.}",
	"audience: [children]",
	"legal_review: {date: " + time.Now().Format("2006-01-02") + ", by: kommuneadvokat}", // reviewed today: never stale
	"---",
	"Introduksjon.",
}

func fixtureSource(repl map[int]string) string {
	lines := append([]string(nil), fixtureLines...)
	for n, s := range repl {
		lines[n-1] = s
	}
	return strings.Join(lines, "\n") + "\n"
}

func buildFixture(t *testing.T, src string, check bool) (*build.Result, error) {
	t.Helper()
	dir := fixtureSite(t, src)
	return build.Build(build.Options{Source: dir, Dest: t.TempDir() + "/public", Check: check, Features: contenttest.Features()})
}

func wantErrorAt(t *testing.T, res *build.Result, line int, parts ...string) {
	t.Helper()
	for _, d := range res.Diagnostics.Errors() {
		if d.File != fixtureTree || d.Line != line {
			continue
		}
		all := true
		for _, p := range parts {
			all = all && strings.Contains(d.Message+"\n"+d.Hint, p)
		}
		if all {
			return
		}
	}
	t.Errorf("no error at %s:%d containing %q; got:\n%s", fixtureTree, line, parts, res.Diagnostics.Report())
}

func TestFixtureBuilds(t *testing.T) {
	res, err := buildFixture(t, fixtureSource(nil), false)
	if err != nil {
		t.Fatalf("%v\n%s", err, res.Diagnostics.Report())
	}
	for _, d := range res.Diagnostics.All() {
		if d.File == fixtureTree {
			t.Errorf("unexpected: %s", d)
		}
	}
}

// Unknown glossary terms and provisions inside node texts are reported at their line, in build
// and in check.
func TestUnknownReferencesInNodes(t *testing.T) {
	src := fixtureSource(map[int]string{
		10: `      En {{< begrep "undrin" >}} er en følelse.`,
		21: `        Se {{< lov "fvl-13b-77" >}}.`,
		23: `        - Snakk med {{< begrep "stafetlogg" "leder" >}}.`,
	})
	for _, check := range []bool{false, true} {
		t.Run(fmt.Sprintf("check=%v", check), func(t *testing.T) {
			res, err := buildFixture(t, src, check)
			if !errors.Is(err, build.ErrFailed) {
				t.Fatalf("err = %v, want build.ErrFailed", err)
			}
			wantErrorAt(t, res, 10, "undrin", `"undring"`)
			wantErrorAt(t, res, 21, "fvl-13b-77", "fvl-13b-7")
			wantErrorAt(t, res, 23, "stafetlogg", `"stafettlogg"`)
		})
	}
}

func TestUnknownLegalListEntry(t *testing.T) {
	res, err := buildFixture(t, fixtureSource(map[int]string{26: "      legal: [fvl-13b-77]"}), true)
	if !errors.Is(err, build.ErrFailed) {
		t.Fatalf("err = %v", err)
	}
	wantErrorAt(t, res, 26, "fvl-13b-77", `did you mean "fvl-13b-7"?`)
	n := 0
	for _, d := range res.Diagnostics.Errors() {
		if d.File == fixtureTree && d.Line == 26 {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the unknown id is reported %d times, want once:\n%s", n, res.Diagnostics.Report())
	}
}

func TestBrokenOutcomeLink(t *testing.T) {
	res, err := buildFixture(t, fixtureSource(map[int]string{25: "        - {text: Veiviser, url: /veiviserr/}"}), true)
	if !errors.Is(err, build.ErrFailed) {
		t.Fatalf("err = %v", err)
	}
	wantErrorAt(t, res, 25, `link "/veiviserr/" of outcome "o1" leads to no page`, `did you mean "/veiviser/"?`)
}

// A graph error in check mode: reported like in build, and nothing breaks while pages render.
func TestGraphErrorInCheck(t *testing.T) {
	res, err := buildFixture(t, fixtureSource(map[int]string{12: "      - {label: Ja, next: o9}"}), true)
	if !errors.Is(err, build.ErrFailed) {
		t.Fatalf("err = %v", err)
	}
	wantErrorAt(t, res, 12, `leads to "o9"`, `did you mean "o1"?`)
	for _, d := range res.Diagnostics.Errors() {
		if strings.Contains(d.Message, "rendering") {
			t.Errorf("a broken tree must still render: %s", d)
		}
	}
}

// The node pages of the fixture: the question's help is rendered with its shortcodes, the answers
// link to the next pages, and the outcome shows level, steps, links and legal basis.
func TestFixturePages(t *testing.T) {
	dir := fixtureSite(t, fixtureSource(nil))
	res, out := contenttest.Build(t, dir)
	if out == "" {
		t.Fatalf("build failed:\n%s", res.Diagnostics.Report())
	}
	q := contenttest.ReadPage(t, out, "/beslutningstrer/t/q1/")
	for _, want := range []string{
		`<h1 id="tree-q">Har du en undring?</h1>`,
		`<a href="/begreper/undring/" class="term-link"`,
		`<a class="tree-choice" href="/beslutningstrer/t/o1/">Ja</a>`,
		`<a class="tree-choice" href="/beslutningstrer/t/o2/">Nei</a>`,
		`<a href="/beslutningstrer/t/">Start på nytt</a>`,
	} {
		if !strings.Contains(q, want) {
			t.Errorf("question page lacks %s", want)
		}
	}
	o := contenttest.ReadPage(t, out, "/beslutningstrer/t/o1/")
	for _, want := range []string{
		`<span class="tree-result-label">Resultat:</span> Skriv i stafettloggen</h1>`,
		`<strong>Samarbeidsnivå:</strong> Nivå 1`,
		`href="/begreper/stafettlogg/"`,
		`<ol class="tree-steps">`,
		`<a href="/veiviser/">Veiviser</a>`,
		`href="/lovverk/fvl-13b-7/" class="law-link"`,
	} {
		if !strings.Contains(o, want) {
			t.Errorf("outcome page lacks %s", want)
		}
	}
	if !strings.Contains(contenttest.ReadPage(t, out, "/beslutningstrer/t/"), `id="tree-data"`) {
		t.Error("the tree page has no data for the widget")
	}
	// The section lists the tree, not the node pages the content adapter adds to it.
	list := contenttest.ReadPage(t, out, "/beslutningstrer/")
	if !strings.Contains(list, `href="/beslutningstrer/t/"`) || strings.Contains(list, `href="/beslutningstrer/t/q1/"`) {
		t.Error("the section page should list the tree and none of its node pages")
	}
}

// shapeTree writes a tree in front matter: questions (id -> the ids its answers lead to, in
// order) and outcomes.
func shapeTree(start string, order []string, questions map[string][]string) string {
	var b strings.Builder
	b.WriteString("---\ntitle: Form\nweight: 1\nstart: " + start + "\naudience: [children]\n")
	b.WriteString("legal_review: {date: " + time.Now().Format("2006-01-02") + ", by: kommuneadvokat}\nnodes:\n")
	for _, id := range order {
		if next, ok := questions[id]; ok {
			fmt.Fprintf(&b, "  %s:\n    question: Gjelder dette spørsmål %s?\n    answers:\n", id, id)
			for i, n := range next {
				fmt.Fprintf(&b, "      - {label: %s, next: %s}\n", []string{"Ja", "Nei", "Vet ikke"}[i%3], n)
			}
			continue
		}
		fmt.Fprintf(&b, "  %s:\n    outcome: {kind: guidance, title: Resultat %s, body: Gjør %s.}\n", id, id, id)
	}
	b.WriteString("---\nForm.\n")
	return b.String()
}

// chainShape has n-1 questions in a row, each of which may also end at the one shared outcome.
func chainShape(n int) (string, []string, map[string][]string) {
	q := map[string][]string{}
	var order []string
	for i := 0; i < n-1; i++ {
		next := fmt.Sprintf("q%d", i+1)
		if i == n-2 {
			next = "slutt"
		}
		id := fmt.Sprintf("q%d", i)
		q[id] = []string{next, "slutt"}
		order = append(order, id)
	}
	return "q0", append(order, "slutt"), q
}

// wideShape is a full binary tree of about n nodes.
func wideShape(n int) (string, []string, map[string][]string) {
	q := map[string][]string{}
	var order []string
	questions := (n - 1) / 2
	for i := 0; i < 2*questions+1; i++ {
		id := fmt.Sprintf("n%d", i)
		if i < questions {
			q[id] = []string{fmt.Sprintf("n%d", 2*i+1), fmt.Sprintf("n%d", 2*i+2)}
		}
		order = append(order, id)
	}
	return "n0", order, q
}

// diamondShape widens to about √n nodes per row and narrows again; paths merge and cross.
func diamondShape(n int) (string, []string, map[string][]string) {
	w := 1
	for (w+1)*(w+1) <= n {
		w++
	}
	var widths []int
	for i := 1; i <= w; i++ {
		widths = append(widths, i)
	}
	for i := w - 1; i >= 1; i-- {
		widths = append(widths, i)
	}
	id := func(l, j int) string { return fmt.Sprintf("d%d-%d", l, j) }
	q := map[string][]string{}
	var order []string
	for l, wd := range widths {
		for j := 0; j < wd; j++ {
			order = append(order, id(l, j))
			if l == len(widths)-1 {
				continue
			}
			next := widths[l+1]
			a, b := min(j, next-1), min(j+1, next-1)
			if a == b {
				b = (a + 1) % next
			}
			if a == b { // a row of one: both answers lead there
				q[id(l, j)] = []string{id(l+1, a), id(l+1, a)}
			} else {
				q[id(l, j)] = []string{id(l+1, a), id(l+1, b)}
			}
		}
	}
	return id(0, 0), order, q
}

// The overview diagram (layouts/_partials/beslutningstrer/layout.html) of trees of several
// shapes: well-formed SVG with a box per question and per answer, an outcome box for every
// outcome, the boxes of a row apart, and a page per node from the content adapter.
func TestDiagramShapes(t *testing.T) {
	for _, shape := range []struct {
		name string
		make func(int) (string, []string, map[string][]string)
		n    int
	}{{"chain", chainShape, 40}, {"wide", wideShape, 63}, {"diamond", diamondShape, 50}} {
		t.Run(shape.name, func(t *testing.T) {
			t.Parallel()
			start, order, questions := shape.make(shape.n)
			res, out := contenttest.Build(t, fixtureSite(t, shapeTree(start, order, questions)))
			if out == "" {
				t.Fatalf("build failed:\n%s", res.Diagnostics.Report())
			}
			page := contenttest.ReadPage(t, out, "/beslutningstrer/t/")
			i, j := strings.Index(page, "<svg"), strings.Index(page, "</svg>")
			if i < 0 || j < i {
				t.Fatal("no diagram")
			}
			type box struct{ x, y, w, h float64 }
			rows := map[float64][]box{}
			groups := map[string]int{}
			dec := xml.NewDecoder(strings.NewReader(page[i : j+len("</svg>")]))
			var group string
			for {
				tok, err := dec.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("the diagram is not well-formed: %v", err)
				}
				se, ok := tok.(xml.StartElement)
				if !ok {
					continue
				}
				attr := map[string]string{}
				for _, a := range se.Attr {
					attr[a.Name.Local] = a.Value
				}
				switch se.Name.Local {
				case "g":
					group = strings.Fields(attr["class"] + " x")[0]
					groups[group]++
				case "rect":
					var b box
					fmt.Sscan(attr["x"]+" "+attr["y"]+" "+attr["width"]+" "+attr["height"], &b.x, &b.y, &b.w, &b.h)
					rows[b.y] = append(rows[b.y], b)
				}
			}
			answers, outcomes := 0, len(order)-len(questions)
			for _, next := range questions {
				answers += len(next)
			}
			if groups["tree-svg-question"] != len(questions) || groups["tree-svg-answer"] != answers || groups["tree-svg-outcome"] != outcomes {
				t.Errorf("boxes %v for %d questions, %d answers, %d outcomes", groups, len(questions), answers, outcomes)
			}
			for y, row := range rows {
				slices.SortFunc(row, func(a, b box) int { return cmp.Compare(a.x, b.x) })
				for k := 1; k < len(row); k++ {
					if row[k-1].x+row[k-1].w > row[k].x {
						t.Errorf("boxes overlap in the row at y=%v: %+v and %+v", y, row[k-1], row[k])
					}
				}
			}
			for _, id := range order {
				contenttest.ReadPage(t, out, "/beslutningstrer/t/"+id+"/")
			}
		})
	}
}
