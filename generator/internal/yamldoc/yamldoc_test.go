package yamldoc

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"samvirke/generator/internal/diag"
)

func parse(t *testing.T, src string, o Options) *Doc {
	t.Helper()
	d, problems := Parse("content/x.md", []byte(src), o)
	if len(problems) > 0 {
		t.Fatalf("parse: %v", problems)
	}
	return d
}

func TestSyntaxErrorPosition(t *testing.T) {
	_, problems := Parse("content/x.md", []byte("title: ok\ndescription: Hei: du\n"), Options{LineOffset: 1, What: "front matter"})
	if len(problems) != 1 {
		t.Fatalf("want one problem, got %v", problems)
	}
	p := problems[0]
	if p.Line != 3 || p.Column != 14 || p.LineText != "description: Hei: du" || !strings.HasPrefix(p.Message, "malformed front matter: ") {
		t.Errorf("got %+v", p)
	}
	got := p.String()
	want := "content/x.md:3:14: malformed front matter: mapping value is not allowed in this context\n\t3 | description: Hei: du\n\t  |              ^\n"
	if !strings.HasPrefix(got, want) {
		t.Errorf("String:\n%s\nwant prefix:\n%s", got, want)
	}
}

func TestDuplicateKeyHasNoteAtFirst(t *testing.T) {
	src := "nodes:\n  start:\n    question: A\n  Start:\n    question: B\n"
	_, problems := Parse("content/t.md", []byte(src), Options{LineOffset: 1, FoldKeys: true})
	if len(problems) != 1 {
		t.Fatalf("got %v", problems)
	}
	p := problems[0]
	if p.Line != 5 || p.Column != 3 || p.Message != "the key nodes.Start is defined twice" {
		t.Errorf("got %+v", p)
	}
	if len(p.Notes) != 1 || p.Notes[0].Line != 3 || p.Notes[0].LineText != "  start:" {
		t.Errorf("note %+v", p.Notes)
	}
	// Without FoldKeys, case matters (i18n ids, data keys).
	if _, problems := Parse("d.yaml", []byte("a: 1\nA: 2\n"), Options{}); len(problems) != 0 {
		t.Errorf("case-sensitive keys: %v", problems)
	}
	if _, problems := Parse("d.yaml", []byte("a: 1\na: 2\n"), Options{}); len(problems) != 1 {
		t.Errorf("exact duplicate: %v", problems)
	}
}

type answer struct {
	Node
	Label string `yaml:"label"`
	Next  string `yaml:"next"`
}

type question struct {
	Node
	Question string    `yaml:"question"`
	Answers  []*answer `yaml:"answers"`
	Level    int       `yaml:"level"`
	Draft    bool      `yaml:"draft"`
	Tags     []string  `yaml:"tags"`
	Extra    any       `yaml:"extra"`
}

func TestDecodeReportsEveryProblemAtItsPosition(t *testing.T) {
	src := `question: Er barnet i fare?
Answers:
  - label: Ja
    nxt: melde
  - label: [a, b]
    next: 3
level: høy
draft: kanskje
tags: en
`
	d := parse(t, src, Options{LineOffset: 1, FoldKeys: true})
	var q question
	problems := d.DecodeRoot(&q)
	got := map[string]diag.Diagnostic{}
	for _, p := range problems {
		got[p.Message] = p
	}
	want := map[string][2]int{
		`unknown key "nxt" in answers[1]`:                     {5, 5},
		`answers[2].label must be text, not a list`:           {6, 12},
		`level must be a whole number, not the text "høy"`:    {8, 8},
		`draft must be true or false, not the text "kanskje"`: {9, 8},
		`tags must be a list, not the text "en"`:              {10, 7},
	}
	for msg, pos := range want {
		p, ok := got[msg]
		if !ok {
			t.Errorf("missing %q in %v", msg, problems)
			continue
		}
		if p.Line != pos[0] || p.Column != pos[1] || p.LineText == "" {
			t.Errorf("%q at %d:%d (%q), want %d:%d", msg, p.Line, p.Column, p.LineText, pos[0], pos[1])
		}
	}
	if len(problems) != len(want) {
		t.Errorf("%d problems, want %d: %v", len(problems), len(want), problems)
	}
	if h := got[`unknown key "nxt" in answers[1]`].Hint; !strings.HasPrefix(h, `did you mean "next"?`) {
		t.Errorf("hint %q", h)
	}
	// What could be read is set; the key matched case-insensitively; a number is text where text is wanted.
	if q.Question != "Er barnet i fare?" || len(q.Answers) != 2 || q.Answers[0].Label != "Ja" || q.Answers[1].Next != "3" {
		t.Errorf("decoded %+v %+v", q, q.Answers)
	}
	if l := q.Answers[1].ValueLoc("next"); l.Line != 7 || l.Column != 11 {
		t.Errorf("ValueLoc(next) = %+v", l)
	}
	if l := q.Answers[0].KeyLoc("next"); l.Line != 4 {
		t.Errorf("KeyLoc of a missing key is the block's: %+v", l)
	}
}

func TestOpenReportsOnlyNearMisses(t *testing.T) {
	d := parse(t, "title: x\nsearch_exclude: true\nvalid_form: 2020-01-01\n", Options{LineOffset: 1, FoldKeys: true})
	var p struct {
		ValidFrom string `yaml:"valid_from"`
		ValidTo   string `yaml:"valid_to"`
	}
	if problems := d.DecodeRoot(&p, Open()); len(problems) != 0 {
		t.Errorf("open: %v", problems)
	}
	problems := d.DecodeRoot(&p, Open(), NearMisses())
	if len(problems) != 1 || problems[0].Message != `unknown key "valid_form"` || problems[0].Hint != `did you mean "valid_from"?` || problems[0].Line != 4 {
		t.Errorf("got %v", problems)
	}
}

func TestValueKeepsTemplateTypes(t *testing.T) {
	src := "Weight: 3\nbig: 99999999999\nneg: -2\nratio: 1.5\nlastmod: 2026-12-03\nquoted: '2026-12-03'\nat: 2026-12-03T10:00:00Z\non: true\nnone: ~\nlist: [a, 1]\nblock: |\n  two\n  lines\nanchor: &a {x: 1}\nalias: *a\n"
	d := parse(t, src, Options{LineOffset: 1, FoldKeys: true})
	got := d.Value().(map[string]any)
	want := map[string]any{
		"weight": 3, "big": 99999999999, "neg": -2, "ratio": 1.5,
		"lastmod": time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC), "quoted": "2026-12-03",
		"at": time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC), "on": true, "none": nil,
		"list": []any{"a", 1}, "block": "two\nlines\n",
		"anchor": map[string]any{"x": 1}, "alias": map[string]any{"x": 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Value:\n%#v\nwant\n%#v", got, want)
	}
	if j := d.JSON(d.Root).(map[string]any); j["lastmod"] != "2026-12-03" {
		t.Errorf("JSON keeps dates as text: %#v", j["lastmod"])
	}
}

func TestColumnsCountCharacters(t *testing.T) {
	_, problems := Parse("data/x.yaml", []byte("æøå: [x\n"), Options{})
	if len(problems) != 1 || problems[0].Column != 6 || !strings.HasSuffix(problems[0].String(), "\t1 | æøå: [x\n\t  |      ^\n\t"+syntaxHint) {
		t.Errorf("got %q", problems)
	}
}

func TestLookupAndTextLine(t *testing.T) {
	src := "nodes:\n  q1:\n    help: |\n      line one\n      line two\n    answers:\n      - label: Ja\n"
	d := parse(t, src, Options{LineOffset: 1, FoldKeys: true})
	if n, _ := d.Lookup("nodes", "Q1", "help"); n == nil || d.TextLine(n) != 5 || d.Line(n) != 4 {
		t.Errorf("help at %d, text at %d", d.Line(n), d.TextLine(n))
	}
	if l := d.PathLoc("nodes", "q1", "answers", "0", "label"); l.Line != 8 || l.Column != 16 {
		t.Errorf("PathLoc %+v", l)
	}
	if l := d.PathLoc("nodes", "q1", "missing"); l.Line != 4 {
		t.Errorf("deepest existing part: %+v", l)
	}
	if l := d.KeyLoc("nodes", "q1"); l.Line != 3 || l.Column != 3 {
		t.Errorf("KeyLoc %+v", l)
	}
}
