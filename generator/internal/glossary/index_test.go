package glossary

import (
	"reflect"
	"regexp"
	"testing"

	"samvirke/generator/internal/site"
)

func TestLetter(t *testing.T) {
	for _, tc := range []struct{ title, letter, id string }{
		{"ansvarsgruppe", "A", "bokstav-a"},
		{"Ansvarsgruppe", "A", "bokstav-a"},
		{"Økonomi", "Ø", "bokstav-oe"},
		{"ønske", "Ø", "bokstav-oe"},
		{"Æresord", "Æ", "bokstav-ae"},
		{"åpenhet", "Å", "bokstav-aa"},
		{"Aasen", "Å", "bokstav-aa"}, // Norwegian collation reads a leading Aa as Å
		{"Ärlig", "Æ", "bokstav-ae"},
		{"Öl", "Ø", "bokstav-oe"},
		{"Über", "Y", "bokstav-y"},
		{"Évaluering", "E", "bokstav-e"},
		{"«Tett på»", "T", "bokstav-t"},
		{"14 velferdslover", "#", "bokstav-annet"},
		{"", "#", "bokstav-annet"},
	} {
		letter, id := Letter(tc.title)
		if letter != tc.letter || id != tc.id {
			t.Errorf("Letter(%q) = %q, %q; want %q, %q", tc.title, letter, id, tc.letter, tc.id)
		}
	}
}

var validID = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

func TestGroupsNorwegianOrder(t *testing.T) {
	titles := []string{"Øye", "zebra", "Æble", "åpen", "Barn", "ærlig", "Å", "øks", "Zulu", "abc", "Ansvar", "ørn", "12 tegn"}
	var pages []*site.Page
	for _, title := range titles {
		pages = append(pages, site.NewPage(site.KindPage, "/begreper/"+title+"/", title, "", "", "", "", nil))
	}
	groups := Groups(pages)
	var letters []string
	got := map[string][]string{}
	ids := map[string]bool{}
	for _, g := range groups {
		letters = append(letters, g.Letter)
		for _, p := range g.Pages {
			got[g.Letter] = append(got[g.Letter], p.Title())
		}
		if !validID.MatchString(g.ID) || ids[g.ID] {
			t.Errorf("group %q: id %q is not a unique valid id", g.Letter, g.ID)
		}
		ids[g.ID] = true
	}
	if want := []string{"#", "A", "B", "Z", "Æ", "Ø", "Å"}; !reflect.DeepEqual(letters, want) {
		t.Errorf("letters %v, want %v (Æ Ø Å after Z)", letters, want)
	}
	want := map[string][]string{
		"#": {"12 tegn"},
		"A": {"abc", "Ansvar"}, // case-insensitive
		"B": {"Barn"},
		"Z": {"zebra", "Zulu"},
		"Æ": {"Æble", "ærlig"},
		"Ø": {"øks", "ørn", "Øye"},
		"Å": {"Å", "åpen"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("groups %v, want %v", got, want)
	}
}

func TestCompareNorwegian(t *testing.T) {
	// The glossary relies on site.CompareNorwegian: Æ, Ø, Å after Z, in that order, case-insensitively.
	order := []string{"a", "B", "y", "Z", "æ", "Ø", "å"}
	for i := 0; i+1 < len(order); i++ {
		if site.CompareNorwegian(order[i], order[i+1]) >= 0 {
			t.Errorf("%q should sort before %q", order[i], order[i+1])
		}
	}
	if site.CompareNorwegian("Åse", "åse") != 0 {
		t.Error("case should not matter")
	}
}
