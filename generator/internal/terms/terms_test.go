package terms

import (
	"strings"
	"testing"

	"samvirke/generator/internal/config"
	"samvirke/generator/internal/content"
	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/site"
)

func prepare(t *testing.T, pages map[string]string) *diag.List {
	t.Helper()
	d := &diag.List{}
	var files []*content.File
	for path, src := range pages {
		f, problems := content.Parse(path, []byte(src))
		for _, p := range problems {
			d.Add(p)
		}
		files = append(files, f)
	}
	cfg := &config.Config{Title: "T", BaseURL: "/", DefaultContentLanguage: "nb",
		Taxonomies: map[string]string{"rolle": "roller", "tag": "tags"}}
	s := site.New(cfg, files, false, d)
	New().Prepare(&feature.Context{Site: s, Diag: d})
	return d
}

func TestUnknownTerm(t *testing.T) {
	d := prepare(t, map[string]string{
		"content/roller/skole/_index.md":     "---\ntitle: Skole og SFO\n---\n",
		"content/roller/barnehage/_index.md": "---\ntitle: Barnehage\n---\n",
		"content/a.md":                       "---\ntitle: A\nroller:\n  - skole\n  - skloe\ntags: [hva som helst]\n---\n",
		"content/b.md":                       "---\ntitle: B\nroller: Barnehage\n---\n",
	})
	errs := d.Errors()
	if len(errs) != 1 {
		t.Fatalf("want one error, got:\n%s", d.Report())
	}
	e := errs[0]
	if e.File != "content/a.md" || e.Line != 5 || !strings.Contains(e.Message, `unknown roller term "skloe"`) ||
		!strings.Contains(e.Hint, `did you mean "skole"?`) || !strings.Contains(e.Hint, "content/roller/") {
		t.Errorf("got %s", e)
	}
}

// A taxonomy without term pages of its own (tags here) accepts any term, as Hugo does.
func TestFreeTaxonomy(t *testing.T) {
	d := prepare(t, map[string]string{"content/a.md": "---\ntitle: A\nroller: [noe]\ntags: [x]\n---\n"})
	if d.HasErrors() {
		t.Errorf("errors:\n%s", d.Report())
	}
}
