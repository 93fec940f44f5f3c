package search

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestLoadSynonyms(t *testing.T) {
	tests := []struct {
		name, src string
		want      [][]string
		err       string // substring of the error, "" for none
	}{
		{"empty", "", nil, ""},
		{"comments only", "# ingenting\n", nil, ""},
		{"flow", "- [fvl, forvaltningsloven]\n- [NAV, arbeids- og velferdsforvaltningen]\n",
			[][]string{{"fvl", "forvaltningsloven"}, {"NAV", "arbeids- og velferdsforvaltningen"}}, ""},
		{"block", "-\n  - fvl\n  - forvaltningsloven\n", [][]string{{"fvl", "forvaltningsloven"}}, ""},
		{"not a list", "fvl: forvaltningsloven\n", nil, ":1: forventet en liste"},
		{"group not a list", "- [a, b]\n- fvl\n", nil, ":2: en synonymgruppe må være en liste"},
		{"one member", "- [a, b]\n\n- [fvl]\n", nil, ":3: en synonymgruppe må ha fra 2"},
		{"nested", "- [a, [b, c]]\n", nil, ":1: hvert ledd må være tekst"},
		{"null", "- [a, ~]\n", nil, ":1: hvert ledd må være tekst"},
		{"empty member", "- [a, '  ']\n", nil, ":1: tomt ledd"},
		{"punctuation only", "- [a, '--']\n", nil, ":1: «--» har ingen ord"},
		{"too many words", "- [a, b c d e f g h]\n", nil, ":1: «b c d e f g h» har mer enn 6 ord"},
		{"twice", "- [samhandling, samarbeid]\n- [koordinering,\n   Samarbeid]\n", nil, ":3: «Samarbeid» står allerede på linje 1"},
		{"folded twice", "- [netværksmøde, a]\n- [netvaerksmoede, b]\n", nil, ":2: «netvaerksmoede» står allerede"},
		{"syntax", "- [a, b\n", nil, "synonymer.yaml: yaml: line"},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		path := filepath.Join(dir, "synonymer.yaml")
		if err := os.WriteFile(path, []byte(tt.src), 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := LoadSynonyms(path)
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.err == "" && !slices.EqualFunc(got.Groups, tt.want, slices.Equal):
			t.Errorf("%s: %q, want %q", tt.name, got.Groups, tt.want)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%s: error %v, want %s%s", tt.name, err, path, tt.err)
		}
	}
	if _, err := LoadSynonyms(filepath.Join(dir, "finnes-ikke.yaml")); err == nil {
		t.Error("missing file: no error")
	}
}

// TestSiteSynonyms checks the real data/synonymer.yaml.
func TestSiteSynonyms(t *testing.T) {
	syn, err := LoadSynonyms("../data/synonymer.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := syn.validate(); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"samhandling": false, "fvl": false, "hol": false, "pbrl": false, "BTI": false, "NAV": false}
	for _, g := range syn.Groups {
		for _, m := range g {
			if _, ok := want[m]; ok {
				want[m] = true
			}
		}
	}
	for m, found := range want {
		if !found {
			t.Errorf("data/synonymer.yaml has no group with %q", m)
		}
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
		keys = append(keys, key(s.words))
	}
	want := []string{"hva", "sier", "helse og omsorgstjenesteloven", "om", "bti"}
	if !slices.Equal(keys, want) {
		t.Errorf("slots %q, want %q", keys, want)
	}
	if len(slots[2].alts) != 1 || len(slots[4].alts) != 1 || len(slots[4].alts[0]) != 3 {
		t.Errorf("synonyms not attached: %+v", slots)
	}
}
