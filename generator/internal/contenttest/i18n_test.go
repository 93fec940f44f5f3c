package contenttest

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestInterfaceStringsInEveryLanguage: the bundled i18n/ files translate every string, so no
// page shows Bokmål in another language (the build warns about each one missing).
func TestInterfaceStringsInEveryLanguage(t *testing.T) {
	_, res := realSite(t)
	for _, d := range res.Diagnostics.Warnings() {
		if strings.HasPrefix(d.File, "i18n/") {
			t.Error(d.String())
		}
	}
}

// TestDanishPagesSpeakDanish: a page with lang: da has the search box's texts in Danish and its
// search form asks the server for Danish; a Bokmål page has them in Bokmål and asks for nothing.
func TestDanishPagesSpeakDanish(t *testing.T) {
	public, _ := realSite(t)
	for _, c := range []struct {
		url, lang, hits, ui string
	}{
		{"/modeller/samarbejdsmodellen/", "da", "{n} resultater", `<input type="hidden" name="ui" value="da">`},
		{"/beslutningstrer/samarbejdsmodellen-malgruppe/", "da", "{n} resultater", `<input type="hidden" name="ui" value="da">`},
		{"/modeller/samarbeidsmodellen/", "nb", "{n} treff", ""},
	} {
		page := ReadPage(t, public, c.url)
		if !strings.Contains(page, `<html lang="`+c.lang+`">`) {
			t.Errorf("%s: not lang=%q", c.url, c.lang)
			continue
		}
		var strs struct {
			HitsMany string            `json:"hitsMany"`
			Types    map[string]string `json:"types"`
		}
		block := Elements(page, "script")
		found := false
		for _, b := range block {
			if b.Attrs["id"] == "search-strings" {
				found = true
				if err := json.Unmarshal([]byte(b.Inner), &strs); err != nil {
					t.Errorf("%s: #search-strings: %v", c.url, err)
				}
			}
		}
		if !found || strs.HitsMany != c.hits {
			t.Errorf("%s: search texts %+v, want hitsMany %q", c.url, strs, c.hits)
		}
		if c.ui != "" && !strings.Contains(page, c.ui) {
			t.Errorf("%s: the search form does not ask for %s", c.url, c.lang)
		}
		if c.ui == "" && strings.Contains(page, `name="ui"`) {
			t.Errorf("%s: a page in the default language sends ui", c.url)
		}
	}
	// The Danish tree's widget speaks Danish.
	tree := ReadPage(t, public, "/beslutningstrer/samarbejdsmodellen-malgruppe/")
	for _, want := range []string{`"next":"Næste"`, `"back":"Tilbage"`, "Se hele træet"} {
		if !strings.Contains(tree, want) {
			t.Errorf("the Danish tree lacks %s", want)
		}
	}
}
