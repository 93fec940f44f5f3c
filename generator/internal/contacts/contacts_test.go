package contacts

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"samvirke/generator/internal/config"
	"samvirke/generator/internal/content"
	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/markup"
	"samvirke/generator/internal/site"
)

const goodFile = `groups:
  - id: akutt
    title: Akutt fare
  - id: barn
    title: Bekymring for et barn
contacts:
  - id: politi
    name: Politiet
    group: akutt
    national: true
    about: Ved akutt fare.
    phone: "112"
  - id: barnevernvakt
    name: Barnevernvakten
    group: barn
    example: true
    about: Utenom kontortid.
    phone: "12 34 56 02"
    roller: [skole]
  - id: barnevernstjeneste
    name: Barnevernstjenesten
    group: barn
    about: Meld her.
    email: barnevern@eksempel.no
    out_of_hours_contact: barnevernvakt
`

// run prepares the feature on a site with the given contacts file (none when file is "") and
// content pages (path -> source).
func run(t *testing.T, file string, pages map[string]string) (*Feature, *diag.List) {
	t.Helper()
	dir := t.TempDir()
	if file != "" {
		if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "data", "kontakter.yaml"), []byte(file), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d := &diag.List{}
	var files []*content.File
	all := map[string]string{
		"content/roller/_index.md":       "---\ntitle: Roller\n---\n",
		"content/roller/skole/_index.md": "---\ntitle: Skole\n---\n",
	}
	for k, v := range pages {
		all[k] = v
	}
	for path, src := range all {
		f, problems := content.Parse(path, []byte(src))
		for _, p := range problems {
			d.Add(p)
		}
		files = append(files, f)
	}
	cfg := &config.Config{Title: "T", BaseURL: "/", DefaultContentLanguage: "nb",
		Taxonomies: map[string]string{"rolle": "roller", "malgruppe": "malgrupper"}}
	s := site.New(cfg, files, false, d)
	f := New()
	ctx := &feature.Context{Site: s, Diag: d, Source: dir}
	f.Load(ctx)
	f.Prepare(ctx)
	return f, d
}

// has reports whether d holds a diagnostic of the severity at data/kontakter.yaml:line (or file:line
// when file is not empty) whose message and hint contain every part.
func has(d *diag.List, sev diag.Severity, file string, line int, parts ...string) bool {
	if file == "" {
		file = File
	}
	for _, x := range d.All() {
		if x.File != file || x.Line != line || x.Severity != sev {
			continue
		}
		ok := true
		for _, p := range parts {
			ok = ok && strings.Contains(x.Message+"\n"+x.Hint, p)
		}
		if ok {
			return true
		}
	}
	return false
}

func TestValidFile(t *testing.T) {
	f, d := run(t, goodFile, nil)
	if d.HasErrors() {
		t.Fatalf("errors:\n%s", d.Report())
	}
	w := d.Warnings()
	if len(w) != 1 || w[0].Line != 13 || w[0].Group != GroupExamples || !strings.Contains(w[0].Message, `contact "barnevernvakt" (Barnevernvakten) is an example`) {
		t.Errorf("want one example warning at line 13, got:\n%s", d.Report())
	}
	if got := len(f.Contacts()); got != 3 {
		t.Errorf("%d contacts read, want 3", got)
	}
}

// The schema's findings are reported at the line of the value (or of the entry that lacks a key).
func TestSchemaErrors(t *testing.T) {
	bad := strings.NewReplacer(
		`    phone: "112"`, `    phone: "ring 112"`, // pattern
		`    about: Meld her.`, `    about: Meld her.
    fax: "123"`, // additional property
	).Replace(goodFile)
	bad = strings.Replace(bad, "  - id: barnevernvakt\n    name: Barnevernvakten\n", "  - id: barnevernvakt\n", 1) // required
	_, d := run(t, bad, nil)
	for _, c := range []struct {
		line  int
		parts []string
	}{
		{12, []string{"contacts[1].phone: ", "does not match pattern"}},
		{13, []string{"contacts[2]: ", "missing property 'name'"}},
		{23, []string{`unknown key "fax" in contacts[3]`, "allowed here: about, address"}},
	} {
		if !has(d, diag.Error, "", c.line, c.parts...) {
			t.Errorf("no error at line %d with %q; got:\n%s", c.line, c.parts, d.Report())
		}
	}
	// A contact without any way to reach it.
	_, d = run(t, strings.Replace(goodFile, "    email: barnevern@eksempel.no\n", "", 1), nil)
	if !has(d, diag.Error, "", 20, "contacts[3]: missing property 'phone', or missing property 'email', or missing property 'web'") || len(d.Errors()) != 1 {
		t.Errorf("a contact without phone, email or web passes:\n%s", d.Report())
	}
	// Malformed YAML: the line of the problem.
	_, d = run(t, "groups:\n  - id: a\n   title: x\n", nil)
	if len(d.Errors()) == 0 || d.Errors()[0].File != File || d.Errors()[0].Line == 0 {
		t.Errorf("malformed YAML: %s", d.Report())
	}
}

// What a schema cannot check: unique ids, known groups, out-of-hours contacts and terms.
func TestCrossChecks(t *testing.T) {
	bad := strings.NewReplacer(
		"  - id: barnevernstjeneste", "  - id: politi",
		"    group: barn\n    about: Meld her.", "    group: barm\n    about: Meld her.",
	).Replace(goodFile)
	_, d := run(t, bad, nil)
	if !has(d, diag.Error, "", 20, `duplicate contact id "politi"`) || d.Errors()[0].Notes[0].Line != 7 {
		t.Errorf("duplicate id:\n%s", d.Report())
	}
	bad = strings.NewReplacer(
		"    group: barn\n    about: Meld her.", "    group: barm\n    about: Meld her.",
		"out_of_hours_contact: barnevernvakt", "out_of_hours_contact: barnevernvak",
		"roller: [skole]", "roller: [skloe]",
	).Replace(goodFile)
	_, d = run(t, bad, nil)
	for _, c := range []struct {
		line  int
		parts []string
	}{
		{22, []string{`unknown group "barm"`, `did you mean "barn"?`}},
		{25, []string{`unknown out_of_hours_contact "barnevernvak"`, `did you mean "barnevernvakt"?`}},
		{19, []string{`unknown roller term "skloe"`, `did you mean "skole"?`, "content/roller/"}},
	} {
		if !has(d, diag.Error, "", c.line, c.parts...) {
			t.Errorf("no error at line %d with %q; got:\n%s", c.line, c.parts, d.Report())
		}
	}
}

// References in the content: the kontakt shortcode and contacts: lists in front matter.
func TestReferences(t *testing.T) {
	f, d := run(t, goodFile, map[string]string{
		"content/a.md": "---\ntitle: A\ncontacts: [politi, barnevernvak]\n---\n",
		"content/b.md": "---\ntitle: B\ncontacts: politi\n---\n",
	})
	if !has(d, diag.Error, "content/a.md", 3, `contacts: unknown contact "barnevernvak"`, `did you mean "barnevernvakt"?`) ||
		!has(d, diag.Error, "content/b.md", 3, "contacts must be a list of contact ids") {
		t.Errorf("front matter references:\n%s", d.Report())
	}
	for _, c := range []struct {
		call *markup.Call
		err  string
	}{
		{&markup.Call{Name: "kontakt", Positional: []string{"politi"}}, ""},
		{&markup.Call{Name: "kontakt", Positional: []string{"barnevernvakt", "barnevernvakten"}}, ""},
		{&markup.Call{Name: "kontakt", Positional: []string{"barnevernvak"}}, `unknown contact "barnevernvak"` + "\n" + `did you mean "barnevernvakt"?`},
		{&markup.Call{Name: "kontakt"}, "kontakt takes a contact id"},
		{&markup.Call{Name: "kontakter"}, ""},
		{&markup.Call{Name: "kontakter", Positional: []string{"x"}}, "kontakter takes no arguments"},
	} {
		owned, err := f.CheckShortcode(c.call)
		if !owned {
			t.Errorf("%s is not owned", c.call.Name)
		}
		got := ""
		if err != nil {
			msg, hint := diag.MessageOf(err)
			got = msg + "\n" + hint
		}
		if (err == nil) != (c.err == "") || err != nil && !strings.Contains(got, c.err) {
			t.Errorf("%s %q: %v, want %q", c.call.Name, c.call.Positional, err, c.err)
		}
	}
	if owned, _ := f.CheckShortcode(&markup.Call{Name: "lov", Positional: []string{"x"}}); owned {
		t.Error("claims the lov shortcode")
	}
	// Without the file, a reference is an error that says so.
	f, _ = run(t, "", nil)
	if _, err := f.CheckShortcode(&markup.Call{Name: "kontakt", Positional: []string{"politi"}}); err == nil || !strings.Contains(err.Error(), "there is no data/kontakter.yaml") {
		t.Errorf("without a contacts file: %v", err)
	}
}

// siteWithTerms is a site with the repository's roles and target groups (content/roller/*/ and
// content/malgrupper/*/) as term pages.
func siteWithTerms(t *testing.T) *site.Site {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(here), "..", "..", "..")
	d := &diag.List{}
	var files []*content.File
	for _, plural := range []string{"roller", "malgrupper"} {
		dirs, _ := filepath.Glob(filepath.Join(root, "content", plural, "*", "_index.md"))
		if len(dirs) == 0 {
			t.Fatalf("no term pages in content/%s/", plural)
		}
		for _, p := range dirs {
			term := filepath.Base(filepath.Dir(p))
			f, _ := content.Parse("content/"+plural+"/"+term+"/_index.md", []byte("---\ntitle: X\n---\n"))
			files = append(files, f)
		}
	}
	cfg := &config.Config{Title: "T", BaseURL: "/", DefaultContentLanguage: "nb",
		Taxonomies: map[string]string{"rolle": "roller", "malgruppe": "malgrupper"}}
	return site.New(cfg, files, false, d)
}
