package diag

import (
	"errors"
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

func TestStringShowsLineCaretHintAndNotes(t *testing.T) {
	d := Diagnostic{File: "content/t.md", Line: 12, Column: 5, LineText: "\t   titel: Ja", Message: `unknown key "titel"`,
		Hint: `did you mean "title"?`, Notes: []Note{{Location: Location{File: "content/t.md", Line: 3, Column: 1, LineText: "nodes:"}, Text: "in this tree"}}}
	want := "content/t.md:12:5: unknown key \"titel\"\n" +
		"\t12 | \t   titel: Ja\n" +
		"\t   | \t   ^\n" +
		"\tdid you mean \"title\"?\n" +
		"\tnote: content/t.md:3:1: in this tree\n" +
		"\t3 | nodes:\n" +
		"\t  | ^"
	if got := d.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestSourceFillsLineText(t *testing.T) {
	var l List
	l.SetSource(func(file string) ([]byte, error) { return []byte("a\r\nb: [\r\nc\n"), nil })
	l.Errorf("data/x.yaml", 2, "broken")
	if got := l.All()[0]; got.LineText != "b: [" {
		t.Errorf("LineText = %q", got.LineText)
	}
}

func TestProblemCarriesItsHint(t *testing.T) {
	msg, hint := MessageOf(Problemf("write {{< lov \"id\" >}}", "lov needs a provision id"))
	if msg != "lov needs a provision id" || hint != `write {{< lov "id" >}}` {
		t.Errorf("%q %q", msg, hint)
	}
	if msg, hint := MessageOf(errors.New("plain")); msg != "plain" || hint != "" {
		t.Errorf("%q %q", msg, hint)
	}
}
