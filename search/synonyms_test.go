package search

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// An abbreviation finds the pages with its expansion, and the expansion the pages with the
// abbreviation, below pages with what was typed; two expansions of one abbreviation are not
// synonyms of each other.
func TestAbbreviations(t *testing.T) {
	docs := []Document{
		{URL: "/ip/", Title: "Individuell plan", Body: "En individuell plan gir oversikt.", Type: "begrep", Lang: "nb"},
		{URL: "/kort/", Title: "IP-skjema", Body: "Skriv IP-en sammen med familien.", Type: "side", Lang: "nb"},
		{URL: "/nav/", Title: "Nav-kontoret", Body: "Nav-kontoret i kommunen.", Type: "side", Lang: "nb"},
		{URL: "/stat/", Title: "Arbeids- og velferdsforvaltningen", Body: "Staten og kommunen.", Type: "side", Lang: "nb"},
	}
	dir := filepath.Join(t.TempDir(), "index")
	abbr := Abbreviations{Entries: []Abbreviation{
		{"IP", []string{"individuell plan"}},
		{"NAV", []string{"Nav-kontoret", "arbeids- og velferdsforvaltningen"}},
	}}
	if _, err := Build(dir, docs, BuildOptions{Messages: testMessages, Abbreviations: abbr}); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := urls(t, ix, Request{Q: "IP"}); !slices.Equal(got, []string{"/kort/", "/ip/"}) {
		t.Errorf("IP: %v, want the page with IP, then the one with individuell plan", got)
	}
	if got := urls(t, ix, Request{Q: "individuell plan"}); !slices.Equal(got, []string{"/ip/", "/kort/"}) {
		t.Errorf("individuell plan: %v, want the page that says so, then the one with IP", got)
	}
	if got := urls(t, ix, Request{Q: "arbeids- og velferdsforvaltningen"}); slices.Contains(got, "/nav/") && !slices.Contains(got, "/stat/") {
		t.Errorf("arbeids- og velferdsforvaltningen: %v", got)
	}
	if got := urls(t, ix, Request{Q: "velferdsforvaltningen arbeids"}); slices.Contains(got, "/nav/") {
		t.Errorf("one expansion found the other: %v", got)
	}
}

func TestSynonymPhrases(t *testing.T) {
	ix := openTestIndex(t)
	// a phrase in the query matches the abbreviation, and the other way round
	if got := urls(t, ix, Request{Q: "helse- og omsorgstjenesteloven"}); len(got) == 0 || got[0] != "/lovverk/hol-7-2a/" {
		t.Errorf("helse- og omsorgstjenesteloven: %v", got)
	}
	b := ix.queries
	slots := b.plan("hva sier helse og omsorgstjenesteloven om BTI", "")
	var keys []string
	for _, s := range slots {
		keys = append(keys, phraseKey(s.words))
	}
	want := []string{"hva", "sier", "helse og omsorgstjenesteloven", "om", "bti"}
	if !slices.Equal(keys, want) {
		t.Errorf("slots %q, want %q", keys, want)
	}
	if len(slots[2].alts) != 1 || len(slots[4].alts) != 1 || len(slots[4].alts[0].words) != 3 {
		t.Errorf("synonyms not attached: %+v", slots)
	}
}

// Word families rank by how well a page matches, not below what was typed: a page about
// samordning outranks one that mentions koordinerer in passing. A synonym never does.
func TestWordFamilies(t *testing.T) {
	docs := []Document{
		{URL: "/forbi/", Title: "Møter", Body: strings.Repeat("Møtene i kommunen er mange og lange. ", 12) + "Noen koordinerer dem.", Type: "side", Lang: "nb"},
		{URL: "/samordning/", Title: "Samordning", Description: "Hvem samordner tjenestene?", Body: "Samordning av tjenester.", Type: "begrep", Lang: "nb"},
		{URL: "/samhandling/", Title: "Samhandling", Body: "Samhandling mellom tjenester.", Type: "begrep", Lang: "nb"},
		{URL: "/samarbeid/", Title: "Møter", Body: strings.Repeat("Møtene i kommunen er mange og lange. ", 12) + "Samarbeid.", Type: "side", Lang: "nb"},
	}
	dir := filepath.Join(t.TempDir(), "index")
	syn := Synonyms{
		Groups:   [][]string{{"samarbeid", "samhandling"}},
		Families: [][][]string{{{"koordinere", "koordinering"}, {"samordne", "samordning"}}},
	}
	if _, err := Build(dir, docs, BuildOptions{Messages: testMessages, Synonyms: syn}); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := urls(t, ix, Request{Q: "hvem koordinerer"}); !slices.Equal(got, []string{"/samordning/", "/forbi/"}) {
		t.Errorf("hvem koordinerer: %v, want the page about samordning first", got)
	}
	if got := urls(t, ix, Request{Q: "samarbeid"}); !slices.Equal(got, []string{"/samarbeid/", "/samhandling/"}) {
		t.Errorf("samarbeid: %v, want the page that says it before the synonym's glossary entry", got)
	}
}
