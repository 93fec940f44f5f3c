package site

import (
	"reflect"
	"strings"
	"testing"

	"samvirke/generator/internal/config"
	"samvirke/generator/internal/content"
	"samvirke/generator/internal/diag"
)

func titlesOf(ps Pages) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.Title())
	}
	return out
}

// TestTaxonomies pins the taxonomy model to what the Hugo CLI (v0.152.2) builds from the same
// content: kinds, URLs, titles, the order of .Pages on taxonomy and term pages, .GetTerms,
// .Site.Taxonomies and .Data.
func TestTaxonomies(t *testing.T) {
	cfg := &config.Config{Title: "T", BaseURL: "https://x.no/", DefaultContentLanguage: "nb",
		Taxonomies: map[string]string{"rolle": "roller"}}
	d := &diag.List{}
	s := New(cfg, []*content.File{
		file(t, "content/a.md", "---\ntitle: A\nroller: [skole, barnehage]\nweight: 2\n---\n"),
		file(t, "content/b.md", "---\ntitle: B\nroller: [Skole og SFO]\nweight: 1\n---\n"),
		file(t, "content/c.md", "---\ntitle: C\nroller: skole\n---\n"),
		file(t, "content/veiviser/_index.md", "---\ntitle: Veiviser\n---\n"),
		file(t, "content/roller/_index.md", "---\ntitle: Roller\n---\nroller body\n"),
		file(t, "content/roller/skole/_index.md", "---\ntitle: Skole\ndescription: For skolen\nweight: 5\n---\nskole body\n"),
		file(t, "content/roller/helse/_index.md", "---\ntitle: Helse\nweight: 6\n---\n"),
	}, false, d)
	if d.HasErrors() {
		t.Fatal(d.Report())
	}
	tax := s.GetPage("/roller")
	if tax == nil || tax.Kind != KindTaxonomy || tax.Type() != "roller" || tax.Title() != "Roller" {
		t.Fatalf("/roller/ = %+v", tax)
	}
	// Weighted terms first, then by title; a term page written in content/ exists without pages.
	if got, want := titlesOf(tax.Pages()), []string{"Skole", "Helse", "Barnehage", "Skole Og SFO"}; !reflect.DeepEqual(got, want) {
		t.Errorf("taxonomy .Pages = %v, want %v", got, want)
	}
	skole := s.GetPage("roller/skole")
	if skole == nil || skole.Kind != KindTerm || skole.Description() != "For skolen" || skole.Parent() != tax || skole.Section() != "roller" {
		t.Fatalf("/roller/skole/ = %+v", skole)
	}
	if got, want := titlesOf(skole.Pages()), []string{"A", "C"}; !reflect.DeepEqual(got, want) {
		t.Errorf("term .Pages = %v, want %v", got, want)
	}
	sfo := s.ByURL("/roller/skole-og-sfo/")
	if sfo == nil || sfo.Kind != KindTerm || sfo.Title() != "Skole Og SFO" || sfo.Data()["Term"] != "Skole og SFO" || sfo.Data()["Plural"] != "roller" {
		t.Errorf("the term without a content file: %+v %v", sfo, sfo.Data())
	}
	if got := titlesOf(s.GetPage("/a").GetTerms("roller")); !reflect.DeepEqual(got, []string{"Skole", "Barnehage"}) {
		t.Errorf("GetTerms = %v, want the front matter's order", got)
	}
	if got := titlesOf(s.GetPage("/c").GetTerms("roller")); !reflect.DeepEqual(got, []string{"Skole"}) {
		t.Errorf("GetTerms of a single term = %v", got)
	}
	if got := s.Taxonomies()["roller"]["skole og sfo"]; got.Len() != 1 || got[0].Page.Title() != "B" || got[0].Weight != 1 {
		t.Errorf("Site.Taxonomies.roller[skole og sfo] = %+v", got)
	}
	if got := titlesOf(s.Taxonomies()["roller"]["skole"].Pages()); !reflect.DeepEqual(got, []string{"A", "C"}) {
		t.Errorf("Site.Taxonomies.roller.skole = %v", got)
	}
	// Taxonomies are not sections.
	if got := titlesOf(s.Sections()); !reflect.DeepEqual(got, []string{"Veiviser"}) {
		t.Errorf("Sections = %v", got)
	}
}

func TestTaxonomyDefaultsAndErrors(t *testing.T) {
	cfg := &config.Config{Title: "T", BaseURL: "/", DefaultContentLanguage: "nb",
		Taxonomies: map[string]string{"tag": "tags", "category": "categories"}}
	d := &diag.List{}
	s := New(cfg, []*content.File{
		file(t, "content/a.md", "---\ntitle: A\ntags: [x, 3]\ncategories: {a: b}\n---\n"),
	}, false, d)
	for _, u := range []string{"/tags/", "/categories/", "/tags/x/"} {
		if s.ByURL(u) == nil {
			t.Errorf("no page at %s", u)
		}
	}
	rep := d.Report()
	for _, want := range []string{"content/a.md:3: tags: 3 is not a term", "content/a.md:4: categories must be a list of terms"} {
		if !strings.Contains(rep, want) {
			t.Errorf("report lacks %q:\n%s", want, rep)
		}
	}
}
