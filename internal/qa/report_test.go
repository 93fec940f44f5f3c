package qa

import (
	"strings"
	"testing"
)

func TestReport(t *testing.T) {
	fs := []Finding{
		{Page: "/om/", Gate: GateLinks, Rule: "broken-link", Element: `<a href="/x/">`, Line: 12, Message: "/x/ does not exist", Fix: "link to a page that exists", Severity: Error},
		{Page: "/", Gate: GateAxe, Rule: "image-alt", Element: "img", Message: "Images must have alternative text.", Fix: "add alt", Severity: Error},
		{Page: "/gammel/", Gate: GateLinks, Rule: "unreachable-page", Message: "no link leads here", Severity: Info},
	}
	var b strings.Builder
	if err := Report(&b, fs); err != nil {
		t.Fatal(err)
	}
	want := `/: [axe/image-alt] img — Images must have alternative text. Fix: add alt

/gammel/: [links/unreachable-page info] — no link leads here.

/om/: [links/broken-link] <a href="/x/"> (line 12) — /x/ does not exist. Fix: link to a page that exists
`
	if b.String() != want {
		t.Errorf("Report:\n%s\nwant:\n%s", b.String(), want)
	}
	if got, want := Summary(fs), "axe: 1 error; links: 1 error, 1 info"; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
	if got := Errors(fs); len(got) != 2 {
		t.Errorf("Errors kept %d findings, want 2", len(got))
	}
}

func TestFailureSummary(t *testing.T) {
	in := "Fix any of the following:\n  Element does not have an alt attribute\n  aria-label attribute does not exist or is empty"
	want := "Fix any of the following: Element does not have an alt attribute; aria-label attribute does not exist or is empty."
	if got := failureSummary(in); got != want {
		t.Errorf("failureSummary = %q, want %q", got, want)
	}
}
