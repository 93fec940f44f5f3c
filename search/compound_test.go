package search

import (
	"slices"
	"testing"
)

func TestSplitCompound(t *testing.T) {
	vocab := map[string]uint32{
		"ansvarsgruppe": 5, "ansvar": 9, "gruppe": 7, "mote": 20, "barn": 40, "vern": 3, "loven": 6,
		"til": 50, "tak": 4, "stafettlogg": 8, "mal": 12, "koordinator": 10, "x": 99, "ab": 9,
		"sjelden": 1, "ord": 30,
	}
	s := splitter{df: func(w string) uint32 { return vocab[w] }}
	for _, tt := range []struct {
		word string
		want []string
	}{
		{"ansvarsgruppemote", []string{"ansvarsgruppe", "mote"}}, // fewest parts, not ansvar+gruppe+mote
		{"ansvarsgruppe", []string{"ansvar", "gruppe"}},          // linking s
		{"barnevernloven", []string{"barn", "vern", "loven"}},    // linking e, three parts
		{"stafettloggmal", []string{"stafettlogg", "mal"}},       //
		{"barnekoordinator", []string{"barn", "koordinator"}},    //
		{"tiltakene", nil},                       // "til" is a stop word
		{"sjeldenord", nil},                      // too short
		{"sjeldenordet", nil},                    // "sjelden" is in one page only
		{"koordinator2", nil},                    // digits
		{"stafettloggmalansvarsgruppemote", nil}, // more than three parts
	} {
		if got := s.split(tt.word); !slices.Equal(got, tt.want) {
			t.Errorf("split(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

// Decompounding in both directions: a compound typed where the pages have the parts, and a part
// typed where a page has the compound, below a page with the whole word in the same place.
func TestDecompounding(t *testing.T) {
	ix := buildTestIndex(t, []Document{
		{URL: "/ansvarsgruppe/", Title: "Ansvarsgruppe", Body: "Et møte i ansvarsgruppen planlegger tiltak. Hvert møte har en leder.", Type: "begrep", Lang: "nb"},
		{URL: "/mote/", Title: "Møter", Body: "Et møte med barn og foreldre. Alle barn er velkomne.", Type: "side", Lang: "nb"},
		{URL: "/familien/", Title: "Familien", Body: "Familien får en barnekoordinator.", Type: "side", Lang: "nb"},
		{URL: "/koordinator/", Title: "Koordinator", Body: "En koordinator følger opp. Koordinatoren har ansvaret.", Type: "begrep", Lang: "nb"},
		{URL: "/gruppe/", Title: "Gruppe", Body: "En gruppe av ansatte, barn og foreldre kan bli en ansvarsgruppe.", Type: "side", Lang: "nb"},
		{URL: "/leder/", Title: "Leder", Body: "Lederen er ofte koordinator.", Type: "side", Lang: "nb"},
	})
	if got := urls(t, ix, Request{Q: "ansvarsgruppemøte"}); len(got) == 0 || got[0] != "/ansvarsgruppe/" {
		t.Errorf("ansvarsgruppemøte: %v, want the page with ansvarsgruppe and møte first", got)
	}
	if got := urls(t, ix, Request{Q: "ansvarsgruppemote"}); len(got) == 0 || got[0] != "/ansvarsgruppe/" {
		t.Errorf("ansvarsgruppemote: %v", got)
	}
	got := urls(t, ix, Request{Q: "koordinator"})
	if !slices.Equal(got, []string{"/koordinator/", "/leder/", "/familien/"}) {
		t.Errorf("koordinator: %v, want the page with the word, then the one with the compound", got)
	}
	resp, err := ix.Search(t.Context(), Request{Q: "koordinator"})
	if err != nil || len(resp.Hits) != 3 || resp.Hits[2].Snippet != "Familien får en <mark>barnekoordinator</mark>." {
		t.Errorf("snippet of the compound: %+v, %v", resp.Hits, err)
	}
}

// buildTestIndex builds docs into a temporary index and opens it.
func buildTestIndex(t *testing.T, docs []Document) *Index {
	t.Helper()
	dir := t.TempDir() + "/index"
	if _, err := Build(dir, docs, BuildOptions{Messages: testMessages}); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}
