package sitesearch

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/source"
	"samvirke/search"
)

// dataSite is a site folder with file holding src.
func dataSite(t *testing.T, file, src string) *source.Site {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, filepath.FromSlash(file))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return source.New(dir)
}

// checkProblems wants exactly one problem, at want (file:line:column …), or none when want is "".
func checkProblems(t *testing.T, name string, problems []diag.Diagnostic, want string) {
	t.Helper()
	switch {
	case want == "" && len(problems) > 0:
		t.Errorf("%s: %v", name, problems)
	case want != "" && (len(problems) != 1 || !strings.Contains(problems[0].String(), want)):
		t.Errorf("%s: %v, want one problem with %q", name, problems, want)
	}
}

func TestLoadSynonyms(t *testing.T) {
	const f = SynonymsFile + ":"
	tests := []struct {
		name, src string
		want      [][]string
		problem   string // substring of the one problem, "" for none
	}{
		{"empty", "", nil, ""},
		{"comments only", "# ingenting\n", nil, ""},
		{"flow", "- [fvl, forvaltningsloven]\n- [NAV, arbeids- og velferdsforvaltningen]\n",
			[][]string{{"fvl", "forvaltningsloven"}, {"NAV", "arbeids- og velferdsforvaltningen"}}, ""},
		{"block", "-\n  - fvl\n  - forvaltningsloven\n", [][]string{{"fvl", "forvaltningsloven"}}, ""},
		{"not a list", "fvl: forvaltningsloven\n", nil, f + "1:1: expected a list"},
		{"group not a list", "- [a, b]\n- fvl\n", nil, f + "2:3: a synonym group is a list"},
		{"one member", "- [a, b]\n\n- [fvl]\n", nil, f + "3:3: a synonym group has 2 to 8 members, this one has 1"},
		{"nested", "- [a, [b, c]]\n", nil, f + "1:7: a member is a word or phrase, found a list"},
		{"null", "- [a, ~]\n", nil, f + "1:7: a member is a word or phrase, found nothing"},
		{"empty member", "- [a, '  ']\n", nil, f + "1:7: \"  \" has no words"},
		{"punctuation only", "- [a, '--']\n", nil, `"--" has no words`},
		{"too many words", "- [a, b c d e f g h]\n", nil, `"b c d e f g h" has more than 6 words`},
		{"twice", "- [samhandling, samarbeid]\n- [koordinering,\n   Samarbeid]\n", nil, f + "3:4: \"Samarbeid\" is already in a group"},
		{"folded twice", "- [netværksmøde, a]\n- [netvaerksmoede, b]\n", nil, f + "2:4: \"netvaerksmoede\" is already in a group"},
		{"syntax", "- [a, b\n", nil, f + "1:"},
		{"families", "- [[koordinere, koordinering], [samordne]]\n", nil, ""},
		{"one family", "- [[koordinere, koordinering]]\n", nil, ""},
		{"family of one word", "- [[koordinere]]\n", nil, f + "1:3: a group of word families has 1 to 8 families and at least 2 words"},
		{"mixed", "- [[koordinere, koordinering], samordne]\n", nil, f + "1:32: a group of word families is a list of lists"},
		{"empty family", "- [[koordinere], []]\n", nil, f + "1:18: a word family has 1 to 8 words, this one has 0"},
		{"family member twice", "- [samordning, samarbeid]\n- [[koordinere], [Samordning]]\n", nil, f + "2:19: \"Samordning\" is already in a group"},
	}
	for _, tt := range tests {
		got, problems := loadSynonyms(dataSite(t, SynonymsFile, tt.src))
		checkProblems(t, tt.name, problems, tt.problem)
		if tt.problem == "" && !slices.EqualFunc(got.Groups, tt.want, slices.Equal) {
			t.Errorf("%s: %q, want %q", tt.name, got.Groups, tt.want)
		}
	}
	// A member that is there twice points at its first place too.
	_, problems := loadSynonyms(dataSite(t, SynonymsFile, "- [samhandling, samarbeid]\n- [samarbeid, x]\n"))
	if len(problems) != 1 || len(problems[0].Notes) != 1 || problems[0].Notes[0].Line != 1 || problems[0].Notes[0].Column != 17 {
		t.Errorf("twice: want a note at 1:17, got %v", problems)
	}
	// No file: no synonyms, no problem.
	if syn, problems := loadSynonyms(source.New(t.TempDir())); len(problems) > 0 || len(syn.Groups) > 0 {
		t.Errorf("missing file: %v %v", syn, problems)
	}
}

func TestLoadAbbreviations(t *testing.T) {
	const f = AbbreviationsFile + ":"
	tests := []struct {
		name, src string
		want      []search.Abbreviation
		problem   string
	}{
		{"empty", "", nil, ""},
		{"one line", "IP: individuell plan\n", []search.Abbreviation{{Short: "IP", Expansions: []string{"individuell plan"}}}, ""},
		{"one and a list", "IP: individuell plan\nNAV: [arbeids- og velferdsforvaltningen, Nav-kontoret]\n",
			[]search.Abbreviation{{Short: "IP", Expansions: []string{"individuell plan"}}, {Short: "NAV", Expansions: []string{"arbeids- og velferdsforvaltningen", "Nav-kontoret"}}}, ""},
		{"a list", "- [IP, individuell plan]\n", nil, f + "1:1: expected abbreviations"},
		{"two words", "IP plan: individuell plan\n", nil, f + "1:1: the abbreviation \"IP plan\" is more than one word"},
		{"too long", "abcdefghijklm: x\n", nil, "is longer than 12 characters"},
		{"twice", "IP: individuell plan\n\nip: internettprotokoll\n", nil, f + "3:1: the abbreviation \"ip\" is already in the file"},
		{"itself", "IP: ip\n", nil, f + "1:5: \"IP\" cannot stand for itself"},
		{"null", "IP:\nKE: koordinerende enhet\n", nil, `what "IP" stands for is text or a list of texts, found nothing`},
		{"empty list", "IP: []\n", nil, f + "1:5: \"IP\" stands for 1 to 6 things, here 0"},
		{"nested", "IP: [[a]]\n", nil, f + "1:6: what \"IP\" stands for is text or a list of texts, found a list"},
		{"same twice", "IP: [individuell plan, Individuell  plan]\n", nil, "stands twice as an expansion"},
		{"syntax", "IP: [a\n", nil, f + "1:"},
		{"written twice", "IP: a\nIP: b\n", nil, f + "2:1:"},
	}
	for _, tt := range tests {
		got, problems := loadAbbreviations(dataSite(t, AbbreviationsFile, tt.src))
		checkProblems(t, tt.name, problems, tt.problem)
		if tt.problem == "" && !slices.EqualFunc(got.Entries, tt.want, func(a, b search.Abbreviation) bool {
			return a.Short == b.Short && slices.Equal(a.Expansions, b.Expansions)
		}) {
			t.Errorf("%s: %+v, want %+v", tt.name, got.Entries, tt.want)
		}
	}
}

// The bundled data/synonymer.yaml and data/forkortelser.yaml load without problems and have the
// groups and abbreviations that the relevance suite relies on.
func TestBundledDataFiles(t *testing.T) {
	site := source.New("../../..")
	syn, problems := loadSynonyms(site)
	if len(problems) > 0 {
		t.Fatal(problems)
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
	for _, m := range []string{"samhandling", "samordne", "koordinere", "opplysningsplikt", "meldeplikt"} {
		if !inGroup[m] {
			t.Errorf("data/synonymer.yaml has no group with %q", m)
		}
	}
	abbr, problems := loadAbbreviations(site)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	short := map[string]bool{}
	for _, a := range abbr.Entries {
		short[a.Short] = true
	}
	for _, s := range []string{"IP", "BTI", "PPT", "KE", "NAV", "fvl", "hol", "pbrl", "bvl", "strl", "sthl"} {
		if !short[s] {
			t.Errorf("data/forkortelser.yaml lacks %q", s)
		}
	}
}
