package glossary_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"samvirke/generator/internal/config"
	"samvirke/generator/internal/contenttest"
	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/glossary"
	"samvirke/generator/internal/legal"
	"samvirke/generator/internal/markup"
	"samvirke/generator/internal/site"
)

const (
	stafettlogg = `---
title: Stafettlogg
term_lang: nb
definition: Et verktøy der tiltak rundt et barn skrives inn fortløpende.
origin: Brukt i Samarbeidsmodellen.
related: [stafettholder]
---

Mer om stafettloggen.
`
	stafettholder = `---
title: Stafettholder
definition: Den som holder tråden.
related: [stafettlogg, tvaergaende-koordinator]
provision: hol-7-2a
---
`
	koordinator = `---
title: Tværgående koordinator
term_lang: da
definition: I den danske modellen en fast koordinator.
---
`
	begreper = `---
title: Begreper
---
`
)

// fixture is a small site with three glossary entries, one provision (copied from the real
// registry) and the extra files.
func fixture(t *testing.T, extra map[string]string) string {
	t.Helper()
	files := map[string]string{
		"content/begreper/_index.md":                  begreper,
		"content/begreper/stafettlogg.md":             stafettlogg,
		"content/begreper/stafettholder.md":           stafettholder,
		"content/begreper/tvaergaende-koordinator.md": koordinator,
		"content/lovverk/hol-7-2a.md":                 contenttest.Provision(t, "hol-7-2a"),
	}
	for k, v := range extra {
		files[k] = v
	}
	return contenttest.Fixture(t, files)
}

func TestBegrepShortcodeLinks(t *testing.T) {
	article := `---
title: Artikkel
---

Skriv i {{< begrep "stafettlogg" >}} eller i {{< begrep "stafettlogg" "loggen" >}}.
Spør en {{< begrep "tvaergaende-koordinator" >}} eller {{< begrep "tvaergaende-koordinator" "koordinatoren" >}}.
`
	res, dest := contenttest.Build(t, fixture(t, map[string]string{"content/artikkel.md": article}))
	if dest == "" {
		t.Fatalf("build failed:\n%s", res.Diagnostics.Report())
	}
	page := contenttest.ReadPage(t, dest, "/artikkel/")
	var links []map[string]string
	var texts []string
	for _, a := range contenttest.Elements(page, "a") {
		if strings.Contains(a.Attrs["class"], "term-link") {
			links = append(links, a.Attrs)
			texts = append(texts, a.Text())
		}
	}
	if len(links) != 4 {
		t.Fatalf("want 4 term links, got %d: %v", len(links), texts)
	}
	wantText := []string{"stafettlogg", "loggen", "tværgående koordinator", "koordinatoren"}
	wantHref := []string{"/begreper/stafettlogg/", "/begreper/stafettlogg/", "/begreper/tvaergaende-koordinator/", "/begreper/tvaergaende-koordinator/"}
	wantLang := []string{"", "", "da", ""} // the Danish title is marked; the author's own words are not
	for i, a := range links {
		if texts[i] != wantText[i] || a["href"] != wantHref[i] || a["lang"] != wantLang[i] {
			t.Errorf("link %d: text %q href %q lang %q; want %q %q %q", i+1, texts[i], a["href"], a["lang"], wantText[i], wantHref[i], wantLang[i])
		}
		// Without JS the link is a plain link to the entry, which exists.
		if _, err := os.Stat(filepath.Join(dest, strings.Trim(a["href"], "/"), "index.html")); err != nil {
			t.Errorf("link %d: %s is not built", i+1, a["href"])
		}
		if a["data-popup"] == "" || a["data-popup-title"] == "" {
			t.Errorf("link %d carries no popup data: %v", i+1, a)
		}
	}
	if links[0]["data-popup"] != "Et verktøy der tiltak rundt et barn skrives inn fortløpende." {
		t.Errorf("data-popup = %q, want the definition", links[0]["data-popup"])
	}
}

func TestBegrepShortcodeUnknownTerm(t *testing.T) {
	article := `---
title: Artikkel
---

Skriv i {{< begrep "stafetlogg" >}}.

Og {{< begrep "xqzw" >}}.
`
	src := fixture(t, map[string]string{"content/artikkel.md": article})
	res, dest := contenttest.Build(t, src)
	if dest != "" {
		t.Fatal("the build succeeded with an unknown term")
	}
	errs := contenttest.Errors(res, "content/artikkel.md")
	if len(errs) != 2 {
		t.Fatalf("want one error per unknown term, got:\n%s", res.Diagnostics.Report())
	}
	if errs[0].Line != contenttest.LineOf(article, "stafetlogg") || errs[0].Message != `unknown glossary term "stafetlogg"` ||
		errs[0].Hint != `did you mean "stafettlogg"? (terms are the file names in content/begreper/)` {
		t.Errorf("got %s", errs[0])
	}
	if errs[1].Line != contenttest.LineOf(article, "xqzw") || errs[1].Hint != "terms are the file names in content/begreper/" {
		t.Errorf("got %s", errs[1])
	}
}

func TestCheckShortcodeArguments(t *testing.T) {
	f := glossary.New(legal.New())
	cfg := &config.Config{Title: "Test", DefaultContentLanguage: "nb", Params: map[string]any{}}
	f.Load(&feature.Context{Site: site.New(cfg, nil, false, &diag.List{}), Diag: &diag.List{}}) // an empty site: every slug is unknown
	for _, tc := range []struct {
		call *markup.Call
		want string // first line of the error; "" for owned and fine
	}{
		{&markup.Call{Name: "begrep", Named: map[string]string{"slug": "x"}}, "begrep takes the term's slug and optional link text, not named arguments"},
		{&markup.Call{Name: "begrep"}, "begrep needs the term's slug"},
		{&markup.Call{Name: "begrep", Positional: []string{"a", "b", "c"}}, "begrep takes at most two arguments, got 3"},
		{&markup.Call{Name: "begrep", Positional: []string{"a", " "}}, "begrep: the link text is empty"},
		{&markup.Call{Name: "begrep", Positional: []string{"a"}}, `unknown glossary term "a"`},
	} {
		owned, err := f.CheckShortcode(tc.call)
		if !owned || err == nil {
			t.Errorf("%v: owned %v err %v", tc.call.Positional, owned, err)
			continue
		}
		if first, _, _ := strings.Cut(err.Error(), "\n"); first != tc.want {
			t.Errorf("%v: got %q, want %q", tc.call.Positional, first, tc.want)
		}
	}
	if owned, _ := f.CheckShortcode(&markup.Call{Name: "lov", Positional: []string{"x"}}); owned {
		t.Error("the glossary claims the lov shortcode")
	}
}

func TestEntryValidation(t *testing.T) {
	bad := `---
title: Samordning
term_lang: nob
related: [stafettholder, stafetlogg, {a: 3}]
provision: hol-7-2b
origin: [ikke, tekst]
---
`
	src := fixture(t, map[string]string{"content/begreper/samordning.md": bad})
	res, _ := contenttest.Build(t, src)
	type want struct {
		line int
		msg  string
		hint string
	}
	wants := []want{
		{contenttest.LineOf(bad, "title:"), "the glossary entry has no definition", "add definition:"},
		{contenttest.LineOf(bad, "term_lang"), `unknown term_lang "nob"`, `did you mean "nb"?`},
		{contenttest.LineOf(bad, "related"), `related: unknown glossary term "stafetlogg"`, `did you mean "stafettlogg"? (terms are the file names in content/begreper/)`},
		{contenttest.LineOf(bad, "related"), "related[3] must be text, not a set of keys", ""},
		{contenttest.LineOf(bad, "provision"), `provision: unknown provision "hol-7-2b"`, `did you mean "hol-7-2a"? (ids are the file names in content/lovverk/)`},
		{contenttest.LineOf(bad, "origin"), "origin must be text, not a list", ""},
	}
	errs := contenttest.Errors(res, "content/begreper/samordning.md")
	if len(errs) != len(wants) {
		t.Fatalf("want %d errors, got:\n%s", len(wants), res.Diagnostics.Report())
	}
	for _, w := range wants {
		found := false
		for _, e := range errs {
			if e.Line == w.line && e.Message == w.msg && strings.HasPrefix(e.Hint, w.hint) {
				found = true
			}
		}
		if !found {
			t.Errorf("no error %d: %s (%s); got:\n%s", w.line, w.msg, w.hint, res.Diagnostics.Report())
		}
	}
}

func TestEntryPage(t *testing.T) {
	res, dest := contenttest.Build(t, fixture(t, nil))
	if dest == "" {
		t.Fatalf("build failed:\n%s", res.Diagnostics.Report())
	}
	page := contenttest.ReadPage(t, dest, "/begreper/stafettholder/")
	for _, want := range []string{
		`<h1>Stafettholder</h1>`,
		`Den som holder tråden.`,
		`<a href="/lovverk/hol-7-2a/" class="law-link`,
		`<a href="/begreper/stafettlogg/" class="term-link"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("/begreper/stafettholder/ lacks %s", want)
		}
	}
	// The Danish related term keeps its language; the Danish entry's title too.
	if !regexp.MustCompile(`href="/begreper/tvaergaende-koordinator/"[^>]*lang="da"`).MatchString(page) {
		t.Error("the Danish related term has no lang=\"da\"")
	}
	if !strings.Contains(contenttest.ReadPage(t, dest, "/begreper/tvaergaende-koordinator/"), `<h1 lang="da">Tværgående koordinator</h1>`) {
		t.Error("the Danish entry's title has no lang=\"da\"")
	}
	origin := contenttest.ReadPage(t, dest, "/begreper/stafettlogg/")
	if !strings.Contains(origin, "Brukt i Samarbeidsmodellen.") || !strings.Contains(origin, "Mer om stafettloggen.") {
		t.Error("/begreper/stafettlogg/ lacks its origin or body")
	}
}
