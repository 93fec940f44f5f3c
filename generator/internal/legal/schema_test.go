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
		// Confirmed on 2026-12-03: duties to cooperate, the specialist service's koordinator duty.
		"thtl-1-4a": legal.StatusConfirmed, "navl-15a": legal.StatusConfirmed, "sthl-2-5a": legal.StatusConfirmed,
		// The duty to report and the duty to avert (added 2026-12-03), and what the trees cite with them.
		"bvl-13-2": legal.StatusConfirmed, "hpl-33": legal.StatusConfirmed, "bhl-46": legal.StatusConfirmed,
		"krisesenterlova-6": legal.StatusConfirmed, "strl-196": legal.StatusConfirmed, "strl-287": legal.StatusConfirmed,
		"fvl-13a-2": legal.StatusConfirmed, "hol-7-1": legal.StatusConfirmed, "pbrl-2-5": legal.StatusConfirmed,
		"pbrl-7-2":  legal.StatusConfirmed,
		"fvl-13a-1": legal.StatusUnverified, "sthl-2-1e": legal.StatusUnverified, "oppl-4a-14": legal.StatusUnverified,
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
	if p := f.Provision("pbrl-2-5b"); p != nil && p.ValidFrom.Format("2006-01-02") != "2022-08-01" {
		t.Errorf("pbrl-2-5b valid_from = %v, want 2022-08-01 (its current form)", p.ValidFrom)
	}
	// Law ids that legal-facts.md confirms (a law without one is ikke-verifisert, exported as null).
	lawIDs := map[string]string{
		"bvl-13-2": "LOV-2021-06-18-97", "bvl-15-8": "LOV-2021-06-18-97", "bvl1992-3-2": "LOV-1992-07-17-100",
		"fvkl-1a": "LOV-1997-06-19-62", "pbrl-2-5": "LOV-1999-07-02-63", "pbrl-2-5b": "LOV-1999-07-02-63",
		"pbrl-2-5c": "LOV-1999-07-02-63", "pbrl-7-2": "LOV-1999-07-02-63", "navl-7": "LOV-2006-06-16-20",
		"navl-15a": "LOV-2006-06-16-20", "krisesenterlova-4": "LOV-2009-06-19-44", "krisesenterlova-6": "LOV-2009-06-19-44",
		"hol-7-1": "LOV-2011-06-24-30", "hol-7-2a": "LOV-2011-06-24-30", "stjl-13": "LOV-2009-12-18-131",
		"bhl-46": "LOV-2005-06-17-64", "fvl-13a-2": "LOV-1967-02-10", "fvl-13b-7": "LOV-1967-02-10",
		"thtl-1-4a": legal.UnknownLawID, "oppl-15-8": legal.UnknownLawID,
	}
	for id, want := range lawIDs {
		if p := f.Provision(id); p == nil || p.LawID != want {
			t.Errorf("%s law_id = %v, want %s", id, p, want)
		}
	}
	// Framing corrected on 2026-12-03.
	body := func(id string) string {
		p := f.Provision(id)
		if p == nil {
			t.Fatalf("%s is missing", id)
		}
		src, err := os.ReadFile(filepath.Join(repoRoot(t), "content", "lovverk", id+".md"))
		if err != nil {
			t.Fatal(err)
		}
		return p.Title + "\n" + p.Summary + "\n" + string(src)
	}
	for _, id := range []string{"hol-7-2a", "pbrl-2-5c"} {
		if b := body(id); !strings.Contains(b, "langvarige **og** sammensatte eller koordinerte") || strings.Contains(b, "langvarige, sammensatte eller") {
			t.Errorf("%s does not state the two conditions «langvarige og sammensatte eller koordinerte»", id)
		}
		if !strings.Contains(body(id), "pbrl-7-2") {
			t.Errorf("%s does not say that a refusal can be appealed", id)
		}
	}
	if b := body("fvl-13b-6"); !strings.Contains(b, "allmenne hensyn") || !strings.Contains(b, "egne oppgaver") {
		t.Error("fvl-13b-6 does not carry its condition (allmenne hensyn / the body's own tasks)")
	}
	if b := body("fvl-13b-7"); !strings.Contains(b, "nødvendig") || !strings.Contains(b, "uten navn") || !strings.Contains(b, "pålegger deg ikke") {
		t.Error("fvl-13b-7 does not say how narrow it is, or that it is a permission and not a duty")
	}
	for _, id := range []string{"navl-15a", "thtl-1-4a"} {
		if b := body(id); !strings.Contains(strings.ToLower(f.Provision(id).Title), "samarbeide") || strings.Contains(f.Provision(id).Title, "samordning") {
			t.Errorf("%s is a duty to cooperate, not to coordinate: %q", id, b[:80])
		}
	}
	if t2 := f.Provision("sthl-2-1e").Title; !strings.Contains(t2, "samarbeid") {
		t.Errorf("sthl-2-1e is framed as cooperation: %q", t2)
	}
	if b := body("sthl-2-5a"); !strings.Contains(b, "koordinator") {
		t.Error("sthl-2-5a is the specialist service's koordinator duty")
	}
	for _, id := range []string{"bvl-13-2"} {
		b := body(id)
		for _, want := range []string{"taushetsplikt", "samtykke", "lederen", "barnevernvakten", "112"} {
			if !strings.Contains(b, want) {
				t.Errorf("%s does not mention %q", id, want)
			}
		}
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
