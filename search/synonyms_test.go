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
		{"families", "- [[koordinere, koordinering], [samordne]]\n", nil, ""},
		{"one family", "- [[koordinere, koordinering]]\n", nil, ""},
		{"family of one word", "- [[koordinere]]\n", nil, ":1: en gruppe av ordfamilier må ha"},
		{"mixed", "- [[koordinere, koordinering], samordne]\n", nil, ":1: en gruppe av ordfamilier er en liste av lister"},
		{"empty family", "- [[koordinere], []]\n", nil, ":1: en ordfamilie må ha fra 1"},
		{"family member twice", "- [samordning, samarbeid]\n- [[koordinere], [Samordning]]\n", nil, ":2: «Samordning» står allerede på linje 1"},
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

// TestSiteSynonyms checks the real data/synonymer.yaml and data/forkortelser.yaml.
func TestSiteSynonyms(t *testing.T) {
	syn, err := LoadSynonyms("../data/synonymer.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := syn.validate(); err != nil {
		t.Fatal(err)
	}
	inGroup := map[string]bool{}
	for _, g := range syn.Groups {
		for _, m := range g {
			inGroup[m] = true
		}
	}
	for _, g := range syn.Families {
		for _, f := range g {
			for _, m := range f {
				inGroup[m] = true
			}
		}
	}
	for _, m := range []string{"samhandling", "samordne", "koordinere"} {
		if !inGroup[m] {
			t.Errorf("data/synonymer.yaml has no group with %q", m)
		}
	}
	abbr, err := LoadAbbreviations("../data/forkortelser.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := abbr.validate(); err != nil {
		t.Fatal(err)
	}
	short := map[string]bool{}
	for _, a := range abbr.Entries {
		short[a.Short] = true
	}
	for _, s := range []string{"IP", "BTI", "PPT", "KE", "NAV", "fvl", "hol", "pbrl", "bvl"} {
		if !short[s] {
			t.Errorf("data/forkortelser.yaml lacks %q", s)
		}
	}
}

func TestLoadAbbreviations(t *testing.T) {
	tests := []struct {
		name, src string
		want      []Abbreviation
		err       string // substring of the error, "" for none
	}{
		{"empty", "", nil, ""},
		{"one and a list", "IP: individuell plan\nNAV: [arbeids- og velferdsforvaltningen, Nav-kontoret]\n",
			[]Abbreviation{{"IP", []string{"individuell plan"}}, {"NAV", []string{"arbeids- og velferdsforvaltningen", "Nav-kontoret"}}}, ""},
		{"a list", "- [IP, individuell plan]\n", nil, ":1: forventet forkortelser"},
		{"two words", "IP plan: individuell plan\n", nil, ":1: forkortelsen «IP plan» må være ett ord"},
		{"too long", "abcdefghijklm: x\n", nil, ":1: forkortelsen «abcdefghijklm» er lengre enn 12"},
		{"twice", "IP: individuell plan\n\nip: internettprotokoll\n", nil, ":3: «ip» står allerede på linje 1"},
		{"itself", "IP: ip\n", nil, ":1: «IP» forklarer ikke seg selv"},
		{"null", "IP:\n", nil, ":1: forklaringen av «IP» må være tekst"},
		{"empty list", "IP: []\n", nil, ":1: «IP» må ha fra 1 til 6"},
		{"nested", "IP: [[a]]\n", nil, ":1: forklaringen av «IP» må være tekst"},
		{"same twice", "IP: [individuell plan, Individuell  plan]\n", nil, "står to ganger som forklaring"},
		{"syntax", "IP: [a\n", nil, "forkortelser.yaml: yaml: line"},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		path := filepath.Join(dir, "forkortelser.yaml")
		if err := os.WriteFile(path, []byte(tt.src), 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := LoadAbbreviations(path)
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.err == "" && !slices.EqualFunc(got.Entries, tt.want, func(a, b Abbreviation) bool {
			return a.Short == b.Short && slices.Equal(a.Expansions, b.Expansions)
		}):
			t.Errorf("%s: %+v, want %+v", tt.name, got.Entries, tt.want)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%s: error %v, want %s%s", tt.name, err, path, tt.err)
		}
	}
}

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
