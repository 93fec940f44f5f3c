package site

import (
	"reflect"
	"sort"
	"strings"
	"testing"

	"samvirke/generator/internal/config"
	"samvirke/generator/internal/content"
	"samvirke/generator/internal/diag"
)

func TestNorwegianOrder(t *testing.T) {
	words := []string{"Øst", "alfa", "Ære", "Zulu", "Åse", "bravo", "ærlig"}
	sort.Slice(words, func(i, j int) bool { return CompareNorwegian(words[i], words[j]) < 0 })
	want := []string{"alfa", "bravo", "Zulu", "Ære", "ærlig", "Øst", "Åse"}
	if !reflect.DeepEqual(words, want) {
		t.Errorf("got %v, want %v", words, want)
	}
}

func file(t *testing.T, path, src string) *content.File {
	f, errs := content.Parse(path, []byte(src))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return f
}

func TestURLsSectionsAndLookups(t *testing.T) {
	cfg := &config.Config{Title: "T", BaseURL: "https://x.no/", DefaultContentLanguage: "nb"}
	d := &diag.List{}
	s := New(cfg, []*content.File{
		file(t, "content/_index.md", "---\ntitle: Hjem\n---\n"),
		file(t, "content/modeller/_index.md", "---\ntitle: Modeller\nweight: 2\n---\n"),
		file(t, "content/modeller/Lag.md", "---\ntitle: Lag\nweight: 2\n---\n"),
		file(t, "content/modeller/alfa.md", "---\ntitle: Alfa\nweight: 1\n---\n"),
		file(t, "content/modeller/ubundet.md", "---\ntitle: Ærlig\n---\n"),
		file(t, "content/modeller/bunt/index.md", "---\ntitle: Bunt\nweight: 3\n---\n"),
		file(t, "content/veiviser/_index.md", "---\ntitle: Veiviser\nweight: 1\n---\n"),
		file(t, "content/om.md", "---\ntitle: Om\nparams:\n  lang: da\n---\n"),
	}, false, d)
	if d.HasErrors() {
		t.Fatal(d.Report())
	}
	if p := s.GetPage("/modeller/lag"); p == nil || p.RelPermalink != "/modeller/lag/" || p.Permalink() != "https://x.no/modeller/lag/" {
		t.Errorf("GetPage lag = %+v", p)
	}
	var titles []string
	for _, p := range s.GetPage("modeller").Pages() {
		titles = append(titles, p.Title())
	}
	if want := []string{"Alfa", "Lag", "Bunt", "Ærlig"}; !reflect.DeepEqual(titles, want) {
		t.Errorf("section pages = %v, want %v (weight, then unweighted last)", titles, want)
	}
	var secs []string
	for _, p := range s.Sections() {
		secs = append(secs, p.Title())
	}
	if !reflect.DeepEqual(secs, []string{"Veiviser", "Modeller"}) {
		t.Errorf("sections = %v", secs)
	}
	lag := s.GetPage("/modeller/lag")
	if lag.Section() != "modeller" || lag.Type() != "modeller" || lag.Parent().Title() != "Modeller" || lag.Kind != KindPage {
		t.Errorf("lag: section %q type %q parent %q", lag.Section(), lag.Type(), lag.Parent().Title())
	}
	om := s.GetPage("/om")
	// .Lang is the site's language, as in Hugo (a one-language site); the language the page is
	// written in is its own (front matter params.lang), which the layouts put in lang="…".
	if om.Lang() != "nb" || om.ContentLang() != "da" || om.Section() != "" || om.Type() != "page" || om.Parent() != s.Home {
		t.Errorf("om: lang %q content lang %q section %q type %q", om.Lang(), om.ContentLang(), om.Section(), om.Type())
	}
	if anc := lag.Ancestors(); len(anc) != 2 || !anc[1].IsHome() {
		t.Errorf("ancestors = %v", anc)
	}
}

// The language a page is written in is params.lang (Hugo's way); a top-level lang: still sets it but
// warns at the key, since Hugo has deprecated it; an unknown language is an error at its value.
func TestPageLanguage(t *testing.T) {
	cfg := &config.Config{Title: "T", BaseURL: "/", DefaultContentLanguage: "nb"}
	for _, tt := range []struct {
		src, lang, warning, err string
	}{
		{"---\ntitle: Om\nparams:\n  lang: da\n---\n", "da", "", ""},
		{"---\ntitle: Om\nparams: {lang: nn, other: 1}\n---\n", "nn", "", ""},
		{"---\ntitle: Om\n---\n", "nb", "", ""},
		{"---\ntitle: Om\nlang: da\n---\n", "da", "content/om.md:3:1: warning: lang: in front matter is deprecated in Hugo", ""},
		{"---\ntitle: Om\nparams:\n  lang: dk\n---\n", "nb", "", `content/om.md:4:9: unknown lang "dk"`},
	} {
		d := &diag.List{}
		s := New(cfg, []*content.File{file(t, "content/_index.md", "---\ntitle: Hjem\n---\n"), file(t, "content/om.md", tt.src)}, false, d)
		report := ""
		for _, x := range d.All() {
			report += x.String() + "\n"
		}
		if got := s.GetPage("/om").ContentLang(); got != tt.lang {
			t.Errorf("%q: language %q, want %q", tt.src, got, tt.lang)
		}
		for _, want := range []string{tt.warning, tt.err} {
			if want != "" && !strings.Contains(report, want) {
				t.Errorf("%q: report lacks %q:\n%s", tt.src, want, report)
			}
		}
		if tt.warning == "" && tt.err == "" && report != "" {
			t.Errorf("%q: %s", tt.src, report)
		}
	}
}
