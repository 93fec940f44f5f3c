package content

import (
	"strings"
	"testing"
)

func TestParseFrontMatterAndLines(t *testing.T) {
	src := "---\ntitle: Stafettlogg\nWeight: 3\nnodes:\n  q1:\n    answers:\n      - label: Ja\n        next: q2\n---\n## Body\n"
	f, errs := Parse("content/a.md", []byte(src))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if f.Front["title"] != "Stafettlogg" || f.Front["weight"] != 3 {
		t.Errorf("front = %#v (keys must be lower-cased)", f.Front)
	}
	if f.BodyLine != 10 || string(f.Body) != "## Body\n" {
		t.Errorf("body line %d body %q", f.BodyLine, f.Body)
	}
	if got := f.Line("nodes", "q1", "answers", "0", "next"); got != 8 {
		t.Errorf("Line(next) = %d, want 8", got)
	}
	if got := f.KeyLine("nodes", "q1"); got != 5 {
		t.Errorf("KeyLine(q1) = %d, want 5", got)
	}
	if got := f.Line("nodes", "missing"); got != 5 {
		t.Errorf("Line of a missing key falls back to its parent: got %d", got)
	}
}

func TestParseNoFrontMatterBOMAndCRLF(t *testing.T) {
	f, errs := Parse("content/a.md", []byte("\ufeff---\r\ntitle: A\r\n---\r\nTekst\r\n"))
	if len(errs) > 0 || f.Front["title"] != "A" || string(f.Body) != "Tekst\n" {
		t.Errorf("BOM/CRLF: %v %#v %q", errs, f, f.Body)
	}
	f, errs = Parse("content/b.md", []byte("Bare tekst\n"))
	if len(errs) > 0 || len(f.Front) != 0 || string(f.Body) != "Bare tekst\n" {
		t.Errorf("no front matter: %v %#v", errs, f)
	}
}

func TestParseErrorsNameLines(t *testing.T) {
	cases := []struct{ src, want string }{
		{"---\ntitle: A\nnodes:\n  q1: x\n  q1: y\n---\n", "content/x.md:5:3: the key nodes.q1 is defined twice\n\t5 |   q1: y\n\t  |   ^\n\ta key may appear only once in the same block: rename or remove one of them (in a decision tree, every node id under nodes: must be unique; keys are case-insensitive)\n\tnote: content/x.md:4:3: first defined here\n\t4 |   q1: x\n\t  |   ^"},
		{"---\ntitle: A\nTitle: B\n---\n", "content/x.md:3:1: the key Title is defined twice"},
		{"---\ntitle: A\ndescription: Hei: du\n---\n", "content/x.md:3:14: malformed front matter: mapping value is not allowed in this context\n\t3 | description: Hei: du\n"},
		{"---\ntitle: [a\n---\n", "content/x.md:"},
		{"---\n- a\n- b\n---\n", "content/x.md:2:1: front matter must be a set of key: value lines"},
		{"---\ntitle: ok\n---\nline 4\n\xff\n", "content/x.md:5: the file is not valid UTF-8"},
	}
	for _, c := range cases {
		_, errs := Parse("content/x.md", []byte(c.src))
		if len(errs) == 0 || !strings.HasPrefix(errs[0].String(), c.want) {
			t.Errorf("Parse(%q) = %v, want prefix %q", c.src, errs, c.want)
		}
	}
}

// TestLoneCRLines: a CR on its own ends a line for YAML and for editors, and so for messages
// (found by FuzzFrontMatter: the line pointed past the end of the file).
func TestLoneCRLines(t *testing.T) {
	_, errs := Parse("content/x.md", []byte("---\rtitle: [a\r---\rTekst\r"))
	if len(errs) == 0 || errs[0].Line < 2 || errs[0].Line > 3 {
		t.Errorf("errors %v, want one at line 2 or 3", errs)
	}
	f, errs := Parse("content/x.md", []byte("---\rtitle: A\r---\rTekst\r"))
	if len(errs) > 0 || f.Front["title"] != "A" || f.BodyLine != 4 || string(f.Body) != "Tekst\n" {
		t.Errorf("lone CRs: %v %#v line %d %q", errs, f.Front, f.BodyLine, f.Body)
	}
}
