package trees

import (
	"strconv"
	"strings"
	"testing"

	"samvirke/generator/internal/diag"
)

// dutyTree is a small tree about children that follows the duty-to-report rule: the question
// "barn" checks the duty; the do-not-share outcome lies behind it.
var dutyTree = []string{
	"audience: [children, families]",
	"legal_review: {date: 2026-11-30, by: kommuneadvokat}",
	"start: fare",
	"nodes:",
	"  fare:",
	"    question: Er noen i akutt fare?",
	"    answers:",
	"      - {label: Ja, value: ja, next: utfall-fare}",
	"      - {label: Nei, value: nei, next: barn}",
	"  barn:",
	"    question: Er du bekymret for at et barn blir mishandlet eller alvorlig forsømt?",
	"    checks: duty-to-report",
	"    answers:",
	"      - {label: Ja, value: ja, next: utfall-meld}",
	"      - {label: Jeg er usikker, value: usikker, next: utfall-meld}",
	"      - {label: Nei, value: nei, next: samtykke}",
	"  samtykke:",
	"    question: Har du samtykke?",
	"    answers:",
	"      - {label: Ja, value: ja, next: utfall-del}",
	"      - {label: Nei, value: nei, next: utfall-ikke-del}",
	"  utfall-fare:",
	"    outcome:",
	"      kind: may-share",
	"      title: Ring 112",
	"      body: Tekst.",
	"      legal: [fvl-13b-7]",
	"  utfall-meld:",
	"    outcome:",
	"      kind: duty-to-report",
	"      title: Meld til barnevernet",
	"      body: Tekst.",
	"      legal: [bvl-13-2]",
	"  utfall-del:",
	"    outcome:",
	"      kind: may-share",
	"      title: Del det samtykket gjelder",
	"      body: Tekst.",
	"  utfall-ikke-del:",
	"    outcome:",
	"      kind: do-not-share",
	"      title: Ikke del",
	"      body: Tekst.",
}

// dutySrc is the tree's file (no audience line appended, unlike tree()).
func dutySrc(lines []string) string {
	return "---\ntitle: Test\n" + strings.Join(lines, "\n") + "\n---\nIntro.\n"
}

// swap replaces the line old (which must occur exactly once) by repl (none: delete it).
func swap(t *testing.T, lines []string, old string, repl ...string) []string {
	t.Helper()
	at := -1
	for i, l := range lines {
		if l == old {
			if at >= 0 {
				t.Fatalf("line %q occurs twice", old)
			}
			at = i
		}
	}
	if at < 0 {
		t.Fatalf("no line %q", old)
	}
	out := append(append([]string(nil), lines[:at]...), repl...)
	return append(out, lines[at+1:]...)
}

// lineOf is the file line of the first line equal to s after the line of after ("" for the
// start), as the tests' messages count them (1 is the opening ---).
func lineOf(t *testing.T, src, after, s string) int {
	t.Helper()
	started := after == ""
	for i, l := range strings.Split(src, "\n") {
		if !started {
			started = l == after
			continue
		}
		if l == s {
			return i + 1
		}
	}
	t.Fatalf("no line %q after %q", s, after)
	return 0
}

func noErrors(t *testing.T, d *diag.List) {
	t.Helper()
	if d.HasErrors() || len(d.Warnings()) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", d.Report())
	}
}

func TestDutyRuleValid(t *testing.T) {
	f, d, _ := prepare(t, dutySrc(dutyTree))
	noErrors(t, d)
	tr := f.Trees()[0]
	if !tr.IncludesChildren() || tr.Nodes["barn"].Checks != ChecksDutyToReport || tr.Nodes["utfall-ikke-del"].Outcome.Kind != KindDoNotShare {
		t.Errorf("tree read as audience %v, checks %q, kind %q", tr.Audience, tr.Nodes["barn"].Checks, tr.Nodes["utfall-ikke-del"].Outcome.Kind)
	}
}

// Removing the kind of an outcome is an error at the outcome.
func TestDutyRuleKindRemoved(t *testing.T) {
	lines := swap(t, dutyTree, "      kind: do-not-share")
	src := dutySrc(lines)
	_, d, _ := prepare(t, src)
	want(t, d, diag.Error, lineOf(t, src, "  utfall-ikke-del:", "    outcome:"), `outcome "utfall-ikke-del" has no kind`, "do-not-share")
}

func TestDutyRuleUnknownKind(t *testing.T) {
	src := dutySrc(swap(t, dutyTree, "      kind: do-not-share", "      kind: do-not-shar"))
	_, d, _ := prepare(t, src)
	want(t, d, diag.Error, lineOf(t, src, "", "      kind: do-not-shar"), `outcome "utfall-ikke-del" has an unknown kind "do-not-shar"`, `did you mean "do-not-share"?`)
}

// Removing checks: from the question leaves the do-not-share outcome reachable without a check:
// the error is at the outcome and shows the path, with the line of each answer on it.
func TestDutyRuleChecksRemoved(t *testing.T) {
	src := dutySrc(swap(t, dutyTree, "    checks: duty-to-report"))
	_, d, _ := prepare(t, src)
	path := "fare «Nei» (line " + itoa(lineOf(t, src, "  fare:", "      - {label: Nei, value: nei, next: barn}")) + ") → barn «Nei» (line " +
		itoa(lineOf(t, src, "  barn:", "      - {label: Nei, value: nei, next: samtykke}")) + ") → samtykke «Nei» (line " +
		itoa(lineOf(t, src, "  samtykke:", "      - {label: Nei, value: nei, next: utfall-ikke-del}")) + ") → utfall-ikke-del"
	x := want(t, d, diag.Error, lineOf(t, src, "", "  utfall-ikke-del:"),
		`outcome "utfall-ikke-del" advises not to share (kind: do-not-share), but a path reaches it without a question that checks the duty to report: `+path,
		"audience: children, families", "add a question with checks: duty-to-report")
	if len(d.Errors()) != 1 {
		t.Errorf("one mistake, one message; got:\n%s", d.Report())
	}
	if !strings.Contains(x.Message, "content/") && x.File != treeFile {
		t.Errorf("message not at the tree's file: %s", x)
	}
}

// An answer before the check that goes straight past it is found, and the hint names the
// question to route through.
func TestDutyRuleRoutedAround(t *testing.T) {
	src := dutySrc(swap(t, dutyTree, "      - {label: Nei, value: nei, next: barn}",
		"      - {label: Nei, value: nei, next: barn}",
		"      - {label: Det gjelder en voksen, value: voksen, next: samtykke}"))
	_, d, _ := prepare(t, src)
	around := lineOf(t, src, "", "      - {label: Det gjelder en voksen, value: voksen, next: samtykke}")
	want(t, d, diag.Error, lineOf(t, src, "", "  utfall-ikke-del:"),
		"fare «Det gjelder en voksen» (line "+itoa(around)+") → samtykke «Nei»", `route this path through "barn" (checks: duty-to-report)`)
	// The may-share outcome on the same route is allowed.
	for _, e := range d.Errors() {
		if strings.Contains(e.Message, "utfall-del\"") {
			t.Errorf("a may-share outcome is not bound by the rule: %s", e)
		}
	}
}

// Deleting the checking question and linking past it is caught the same way.
func TestDutyRuleCheckingNodeDeleted(t *testing.T) {
	lines := swap(t, dutyTree, "      - {label: Nei, value: nei, next: barn}", "      - {label: Nei, value: nei, next: samtykke}")
	// Remove the node barn (7 lines) and the outcome only it led to.
	start := -1
	for i, l := range lines {
		if l == "  barn:" {
			start = i
		}
	}
	lines = append(lines[:start:start], lines[start+7:]...)
	lines = swap(t, lines, "  utfall-meld:")
	lines = swap(t, lines, "      title: Meld til barnevernet")
	lines = swap(t, lines, "      legal: [bvl-13-2]")
	lines = swap(t, lines, "      kind: duty-to-report")
	for i, l := range lines { // the outcome's remaining "outcome:" and "body:" lines
		if l == "  utfall-del:" {
			lines = append(lines[:i-2:i-2], lines[i:]...)
			break
		}
	}
	src := dutySrc(lines)
	_, d, _ := prepare(t, src)
	want(t, d, diag.Error, lineOf(t, src, "", "  utfall-ikke-del:"), "fare «Nei»", "→ samtykke «Nei»", "add a question with checks: duty-to-report")
}

// A duty-to-report outcome that no longer cites barnevernsloven § 13-2.
func TestDutyRuleCitationRemoved(t *testing.T) {
	src := dutySrc(swap(t, dutyTree, "      legal: [bvl-13-2]", "      legal: [fvl-13b-7]"))
	_, d, _ := prepare(t, src)
	want(t, d, diag.Error, lineOf(t, src, "  utfall-meld:", "      legal: [fvl-13b-7]"),
		`outcome "utfall-meld" tells the user to report to the child welfare service (kind: duty-to-report) but does not cite bvl-13-2`, "add bvl-13-2")

	src = dutySrc(swap(t, dutyTree, "      legal: [bvl-13-2]"))
	_, d, _ = prepare(t, src)
	want(t, d, diag.Error, lineOf(t, src, "", "      kind: duty-to-report"), `outcome "utfall-meld"`, "does not cite bvl-13-2")
}

// Turning the duty-to-report outcome into something else leaves the checking question without
// a way to the duty, and its "Jeg er usikker" pointing elsewhere.
func TestDutyRuleOutcomeKindChanged(t *testing.T) {
	src := dutySrc(swap(t, dutyTree, "      kind: duty-to-report", "      kind: guidance"))
	_, d, _ := prepare(t, src)
	want(t, d, diag.Error, lineOf(t, src, "", "    checks: duty-to-report"),
		`question "barn" checks the duty to report (checks: duty-to-report), but none of its answers leads to a duty-to-report outcome`)
	want(t, d, diag.Error, lineOf(t, src, "", "      - {label: Jeg er usikker, value: usikker, next: utfall-meld}"),
		`answer "Jeg er usikker" of "barn" leads to "utfall-meld", which is not a duty-to-report outcome`)
}

// "Jeg er usikker" sent on towards "do not share".
func TestDutyRuleUnsureRoutedOn(t *testing.T) {
	src := dutySrc(swap(t, dutyTree, "      - {label: Jeg er usikker, value: usikker, next: utfall-meld}",
		"      - {label: Jeg er usikker, value: usikker, next: samtykke}"))
	_, d, _ := prepare(t, src)
	want(t, d, diag.Error, lineOf(t, src, "", "      - {label: Jeg er usikker, value: usikker, next: samtykke}"),
		`answer "Jeg er usikker" of "barn" leads to "samtykke", which is not a duty-to-report outcome`, "contact the child welfare service")
}

func TestDutyRuleNoUnsureAnswer(t *testing.T) {
	src := dutySrc(swap(t, dutyTree, "      - {label: Jeg er usikker, value: usikker, next: utfall-meld}"))
	_, d, _ := prepare(t, src)
	want(t, d, diag.Error, lineOf(t, src, "  barn:", "    answers:"),
		`question "barn" checks the duty to report, but has no answer for someone who is unsure (value: usikker)`, "Jeg er usikker")
}

// Without audience the rule could not tell whether it applies: audience is required.
func TestDutyRuleAudienceRemoved(t *testing.T) {
	src := dutySrc(swap(t, dutyTree, "audience: [children, families]"))
	_, d, _ := prepare(t, src)
	want(t, d, diag.Error, 2, "the tree has no audience", "children, young-people, families, adults")
}

func TestDutyRuleBadAudience(t *testing.T) {
	src := dutySrc(swap(t, dutyTree, "audience: [children, families]", "audience: [childrn, families, families]"))
	_, d, _ := prepare(t, src)
	line := lineOf(t, src, "", "audience: [childrn, families, families]")
	want(t, d, diag.Error, line, "unknown audience childrn", `did you mean "children"?`)
	want(t, d, diag.Error, line, `audience lists "families" twice`)

	src = dutySrc(swap(t, dutyTree, "audience: [children, families]", "audience: children"))
	_, d, _ = prepare(t, src)
	want(t, d, diag.Error, lineOf(t, src, "", "audience: children"), "audience must be a list")
}

func TestDutyRuleUnknownChecks(t *testing.T) {
	src := dutySrc(swap(t, dutyTree, "    checks: duty-to-report", "    checks: duty-to-reprot"))
	_, d, _ := prepare(t, src)
	want(t, d, diag.Error, lineOf(t, src, "", "    checks: duty-to-reprot"), `unknown checks value "duty-to-reprot"`, `did you mean "duty-to-report"?`)
}

// A tree only about adults may advise not to share without the check: the rule follows the
// audience. (Its "young-people" neighbour may not.)
func TestDutyRuleAdultsOnly(t *testing.T) {
	lines := swap(t, dutyTree, "audience: [children, families]", "audience: [adults]")
	lines = swap(t, lines, "    checks: duty-to-report")
	_, d, _ := prepare(t, dutySrc(lines))
	noErrors(t, d)

	lines = swap(t, lines, "audience: [adults]", "audience: [young-people, adults]")
	src := dutySrc(lines)
	_, d, _ = prepare(t, src)
	want(t, d, diag.Error, lineOf(t, src, "", "  utfall-ikke-del:"), "advises not to share")
}

// A check at the very start covers every path.
func TestDutyRuleCheckAtStart(t *testing.T) {
	src := dutySrc(swap(t, dutyTree, "start: fare", "start: barn"))
	_, d, _ := prepare(t, src)
	// fare and utfall-fare are now unreachable (graph errors), nothing about the rule.
	for _, e := range d.Errors() {
		if strings.Contains(e.Message, "duty") {
			t.Errorf("unexpected: %s", e)
		}
	}
}

// legal_review: a tree that cites provisions warns without a review or with an old one.
func TestLegalReviewWarnings(t *testing.T) {
	src := dutySrc(swap(t, dutyTree, "legal_review: {date: 2026-11-30, by: kommuneadvokat}"))
	_, d, _ := prepare(t, src)
	x := want(t, d, diag.Warning, 2, `the tree "t" gives legal advice but has no legal review date`, "legal_review: {date: YYYY-MM-DD, by: kommuneadvokat}")
	if x.Group != GroupReview {
		t.Errorf("group %q", x.Group)
	}
	if d.HasErrors() {
		t.Errorf("a missing review is a warning: %s", d.Report())
	}

	old := "legal_review: {date: 2025-11-30, by: kommuneadvokat}"
	src = dutySrc(swap(t, dutyTree, "legal_review: {date: 2026-11-30, by: kommuneadvokat}", old))
	_, d, _ = prepare(t, src)
	want(t, d, diag.Warning, lineOf(t, src, "", old), `was last legally reviewed on 2025-11-30, more than 12 months ago`)

	// 12 months to the day is not yet stale.
	src = dutySrc(swap(t, dutyTree, "legal_review: {date: 2026-11-30, by: kommuneadvokat}", "legal_review: {date: 2025-12-03, by: kommuneadvokat}"))
	_, d, _ = prepare(t, src)
	noErrors(t, d)
}

// A tree that cites nothing needs no review.
func TestLegalReviewNotNeeded(t *testing.T) {
	lines := swap(t, dutyTree, "legal_review: {date: 2026-11-30, by: kommuneadvokat}")
	lines = swap(t, lines, "      legal: [fvl-13b-7]")
	lines = swap(t, lines, "      legal: [bvl-13-2]")
	lines = swap(t, lines, "      kind: duty-to-report", "      kind: guidance")
	lines = swap(t, lines, "    checks: duty-to-report")
	lines = swap(t, lines, "audience: [children, families]", "audience: [adults]")
	_, d, _ := prepare(t, dutySrc(lines))
	noErrors(t, d)
}

func itoa(n int) string { return strconv.Itoa(n) }

// BenchmarkDutyToReport measures the rule on a large tree about a child: a chain of 300
// questions, each with a do-not-share outcome, and the checking question first (a valid tree) or
// halfway (150 violations, each reported with its path).
func BenchmarkDutyToReport(b *testing.B) {
	for _, bc := range []struct {
		name    string
		checkAt int
	}{{"valid", 0}, {"150-violations", 150}} {
		b.Run(bc.name, func(b *testing.B) {
			lines := []string{"audience: [children]", "start: q0", "nodes:"}
			const n = 300
			for i := 0; i < n; i++ {
				next := "q" + strconv.Itoa(i+1)
				if i == n-1 {
					next = "slutt"
				}
				lines = append(lines, "  q"+strconv.Itoa(i)+":", "    question: Spørsmål?")
				if i == bc.checkAt {
					lines = append(lines, "    checks: duty-to-report", "    answers:",
						"      - {label: Ja, value: ja, next: meld}", "      - {label: Usikker, value: usikker, next: meld}")
				} else {
					lines = append(lines, "    answers:")
				}
				lines = append(lines, "      - {label: Videre, value: videre, next: "+next+"}",
					"      - {label: Stopp, value: stopp, next: ikke-del-"+strconv.Itoa(i)+"}")
				lines = append(lines, "  ikke-del-"+strconv.Itoa(i)+":", "    outcome: {kind: do-not-share, title: Ikke del, body: Tekst.}")
			}
			lines = append(lines, "  meld:", "    outcome: {kind: duty-to-report, title: Meld, body: Tekst., legal: [bvl-13-2]}",
				"  slutt:", "    outcome: {kind: guidance, title: Slutt, body: Tekst.}")
			f, d, _ := prepare(b, dutySrc(lines))
			if len(f.Trees()) != 1 {
				b.Fatal(d.Report())
			}
			tr := f.Trees()[0]
			b.ResetTimer()
			for b.Loop() {
				d := &diag.List{}
				checkDutyToReport(tr, d)
				if len(d.Errors()) != bc.checkAt { // every do-not-share outcome before the check
					b.Fatalf("%d errors", len(d.Errors()))
				}
			}
		})
	}
}

// prepareWithContacts is prepare on a site that has data/kontakter.yaml (.Site.Data.kontakter).
func prepareWithContacts(t *testing.T, src string) *diag.List {
	t.Helper()
	_, d, _ := prepareData(t, src, map[string]any{"kontakter": map[string]any{"contacts": []any{}}})
	return d
}

// On a site with contacts, a duty-to-report outcome must name whom to contact with the kontakt
// shortcode (in its body or next steps), so the worker reads the number; without contacts the
// rule is off.
func TestDutyRuleNamesContact(t *testing.T) {
	src := dutySrc(dutyTree)
	d := prepareWithContacts(t, src)
	want(t, d, diag.Error, lineOf(t, src, "  utfall-meld:", "      kind: duty-to-report"),
		`outcome "utfall-meld" tells the user to report to the child welfare service (kind: duty-to-report) but names no contact`, `{{< kontakt "barnevernstjeneste"`)
	if len(d.Errors()) != 1 {
		t.Errorf("one mistake, one message; got:\n%s", d.Report())
	}
	_, plain, _ := prepare(t, src)
	noErrors(t, plain)

	named := dutySrc(swap(t, dutyTree, "      title: Meld til barnevernet", "      title: Meld til barnevernet",
		`      next_steps: ['Kontakt {{< kontakt "barnevernstjeneste" >}} i dag.']`))
	noErrors(t, prepareWithContacts(t, named))
	inBody := strings.Replace(src, "      title: Meld til barnevernet\n      body: Tekst.",
		"      title: Meld til barnevernet\n      body: 'Ring {{< kontakt \"barnevernvakt\" \"barnevernvakten\" >}}.'", 1)
	if inBody == src {
		t.Fatal("the fixture changed: no body to replace")
	}
	noErrors(t, prepareWithContacts(t, inBody))
}
