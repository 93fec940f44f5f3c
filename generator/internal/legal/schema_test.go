package legal_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

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

func TestValidBundledRegistry(t *testing.T) {
	files := map[string]string{}
	paths, _ := filepath.Glob(filepath.Join(repoRoot(t), "content", "lovverk", "*.md"))
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files["content/lovverk/"+filepath.Base(p)] = string(src)
	}
	f, d := prepare(t, files, today)
	if d.HasErrors() {
		t.Fatalf("the bundled registry has errors:\n%s", d.Report())
	}
	if n := len(f.Provisions()); n != len(paths)-1 { // _index.md is the section
		t.Errorf("%d provisions, want %d", n, len(paths)-1)
	}
}

// TestLegalFactsStatuses pins the statuses that the shared research notes give: anything they
// call unconfirmed must be unverified in the registry.
func TestLegalFactsStatuses(t *testing.T) {
	_, f, _ := buildBundled(t)
	for id, status := range map[string]string{
		"bvl-15-8": legal.StatusConfirmed, "fvkl-1a": legal.StatusConfirmed, "oppl-15-8": legal.StatusConfirmed,
		"privskl-3-6a": legal.StatusConfirmed, "bhl-2b": legal.StatusConfirmed, "krisesenterlova-4": legal.StatusConfirmed,
		"stjl-13": legal.StatusConfirmed, "hol-3-4": legal.StatusConfirmed, "integreringsloven-50": legal.StatusConfirmed,
		"hol-7-2a": legal.StatusConfirmed, "pbrl-2-5c": legal.StatusConfirmed, "hol-7-2": legal.StatusConfirmed,
		"pbrl-2-5b": legal.StatusConfirmed, "fvl-13b-1": legal.StatusConfirmed, "fvl-13b-3": legal.StatusConfirmed,
		"fvl-13b-5": legal.StatusConfirmed, "fvl-13b-6": legal.StatusConfirmed, "fvl-13b-7": legal.StatusConfirmed,
		"stjl-44": legal.StatusConfirmed, "navl-7": legal.StatusConfirmed,
		"thtl-1-4a": legal.StatusUnverified, "navl-15a": legal.StatusUnverified, "fvl-13a-1": legal.StatusUnverified,
		"sthl-2-1e": legal.StatusUnverified, "sthl-2-5a": legal.StatusUnverified, "oppl-4a-14": legal.StatusUnverified,
	} {
		p := f.Provision(id)
		if p == nil {
			t.Errorf("%s is missing from the registry", id)
			continue
		}
		if p.Status != status {
			t.Errorf("%s: status %s, want %s", id, p.Status, status)
		}
	}
	if p := f.Provision("oppl-15-8"); p != nil && p.ValidTo.Format("2006-01-02") != "2024-07-31" {
		t.Errorf("oppl-15-8 valid_to = %v, want 2024-07-31 (the 1998 act was replaced on 1 August 2024)", p.ValidTo)
	}
	if p := f.Provision("fvl-13b-7"); p != nil && p.ValidFrom.Format("2006-01-02") != "2021-07-01" {
		t.Errorf("fvl-13b-7 valid_from = %v, want 2021-07-01", p.ValidFrom)
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
			got = err.Error()
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
