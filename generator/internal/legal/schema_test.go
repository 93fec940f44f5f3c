package legal_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/legal"
	"samvirke/generator/internal/markup"
)

// want is one expected error, written in a fixture as "# want: LINE: message ~ hint".
type want struct {
	file, msg, hint string
	line            int
}

var wantComment = regexp.MustCompile(`(?m)^# want: (\d+): (.*?)(?: ~ (.*))?$`)

// TestSchemaFixtures loads every provision in testdata/schema/ (as content/lovverk/NAME.md) and
// checks that exactly the errors their "# want:" comments name are reported, at file:line.
func TestSchemaFixtures(t *testing.T) {
	paths, _ := filepath.Glob("testdata/schema/*.md")
	if len(paths) == 0 {
		t.Fatal("no fixtures")
	}
	files := map[string]string{}
	var wants []want
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rel := "content/lovverk/" + filepath.Base(p)
		files[rel] = string(src)
		for _, m := range wantComment.FindAllStringSubmatch(string(src), -1) {
			line, _ := strconv.Atoi(m[1])
			wants = append(wants, want{file: rel, line: line, msg: m[2], hint: m[3]})
		}
	}
	f, d := prepare(t, files, today)

	errs := d.Errors()
	matched := make([]bool, len(errs))
	for _, w := range wants {
		found := false
		for i, e := range errs {
			if e.File == w.file && e.Line == w.line && e.Message == w.msg && strings.Contains(e.Hint, w.hint) {
				found, matched[i] = true, true
				break
			}
		}
		if !found {
			t.Errorf("%s:%d: want error %q (hint containing %q); got:\n%s", w.file, w.line, w.msg, w.hint, d.Report())
		}
	}
	for i, e := range errs {
		if !matched[i] {
			t.Errorf("unexpected error: %s", e)
		}
	}
	// The valid fixture is in the registry; a file whose id does not match is registered under
	// its file name, which is what the lov shortcode looks up.
	if p := f.Provision("hol-7-2a"); p == nil || p.Citation() != "hol. § 7-2 a" || p.ValidFrom.Format("2006-01-02") != "2022-08-01" {
		t.Errorf("hol-7-2a = %+v", p)
	}
	if f.Provision("wrong-values") == nil || f.Provision("hol-3-4") != nil {
		t.Error("wrong-values.md is not registered under its file name")
	}
}

func TestCheckShortcode(t *testing.T) {
	f, d := prepare(t, map[string]string{"content/lovverk/hol-7-2a.md": readFile(t, "testdata/schema/hol-7-2a.md")}, today)
	if d.HasErrors() {
		t.Fatal(d.Report())
	}
	for _, tc := range []struct {
		call  *markup.Call
		owned bool
		err   string
	}{
		{&markup.Call{Name: "begrep", Positional: []string{"x"}}, false, ""},
		{&markup.Call{Name: "lov", Positional: []string{"hol-7-2a"}}, true, ""},
		{&markup.Call{Name: "lov", Positional: []string{"hol-7-2a", "retten til barnekoordinator"}}, true, ""},
		{&markup.Call{Name: "lov", Positional: []string{"hol-7-2"}}, true,
			"unknown provision \"hol-7-2\"\ndid you mean \"hol-7-2a\"? (ids are the file names in content/lovverk/)"},
		{&markup.Call{Name: "lov", Positional: []string{"straffeloven-1"}}, true,
			"unknown provision \"straffeloven-1\"\nids are the file names in content/lovverk/"},
		{&markup.Call{Name: "lov"}, true, "lov needs a provision id"},
		{&markup.Call{Name: "lov", Named: map[string]string{"id": "hol-7-2a"}}, true, "not named arguments"},
		{&markup.Call{Name: "lov", Positional: []string{"hol-7-2a", "a", "b"}}, true, "at most two arguments"},
	} {
		owned, err := f.CheckShortcode(tc.call)
		if owned != tc.owned {
			t.Errorf("%v: owned = %v", tc.call, owned)
		}
		got := ""
		if err != nil {
			msg, hint := diag.MessageOf(err)
			got = msg + "\n" + hint
		}
		if tc.err == "" && got != "" || tc.err != "" && !strings.Contains(got, tc.err) {
			t.Errorf("%s %q: error %q, want %q", tc.call.Name, tc.call.Positional, got, tc.err)
		}
	}
}

func TestParseDate(t *testing.T) {
	for s, ok := range map[string]bool{"2022-08-01": true, "2024-02-29": true, "2023-02-29": false, "2022-8-1": false,
		"01.08.2022": false, "2022-08-01T00:00:00Z": false, "": false} {
		if _, err := legal.ParseDate(s); (err == nil) != ok {
			t.Errorf("ParseDate(%q) error = %v", s, err)
		}
	}
}
