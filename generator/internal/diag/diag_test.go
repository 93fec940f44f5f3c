package diag

import (
	"strings"
	"testing"
)

func TestReportGroupsAndStrict(t *testing.T) {
	var l List
	l.Errorf("content/b.md", 3, "broken")
	l.Add(Diagnostic{File: "content/lovverk/x.md", Line: 4, Severity: Warning, Group: "legal registry: unverified", Message: "x is unverified"})
	l.Add(Diagnostic{File: "content/a.md", Line: 9, Severity: Warning, Message: "loose"})
	want := "content/b.md:3: broken\ncontent/a.md:9: warning: loose\nlegal registry: unverified (1):\n  content/lovverk/x.md:4: warning: x is unverified\n"
	if got := l.Report(); got != want {
		t.Errorf("report:\n%s\nwant:\n%s", got, want)
	}
	l.Strict()
	if got := l.Report(); !strings.Contains(got, "legal registry: unverified (1):\n  content/lovverk/x.md:4: x is unverified") || len(l.Errors()) != 3 {
		t.Errorf("strict report keeps groups and turns warnings into errors:\n%s", got)
	}
}

func TestSuggest(t *testing.T) {
	cands := []string{"stafettlogg", "stafettholder", "samordning"}
	if got := Suggest("stafetlogg", cands); got != "stafettlogg" {
		t.Errorf("Suggest = %q", got)
	}
	if got := Suggest("xyzzy", cands); got != "" {
		t.Errorf("Suggest of nonsense = %q", got)
	}
}
