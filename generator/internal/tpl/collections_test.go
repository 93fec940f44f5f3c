package tpl

import (
	"testing"
	"time"
)

type item struct {
	Title  string
	Weight int
	Params map[string]any
}

func (i item) Upper() string { return i.Title + "!" }

func TestCollections(t *testing.T) {
	e, _ := newEngine(t, engineOptions{}, nil)
	data := map[string]any{
		"items": []item{
			{"Øst", 2, map[string]any{"lang": "nb", "tags": []string{"a", "b"}}},
			{"Alfa", 1, map[string]any{"lang": "da", "tags": []string{"b"}}},
			{"Ære", 3, map[string]any{"lang": "nb"}},
			{"zulu", 2, map[string]any{"lang": "en", "tags": []string{}}},
		},
		"ints":  []int{1, 2, 3},
		"strs":  []string{"a", "b", "c"},
		"nums":  []any{1, 2.5, "3"},
		"m":     map[string]int{"b": 2, "a": 1, "c": 3},
		"day":   time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC),
		"later": time.Date(2026, 11, 5, 0, 0, 0, 0, time.UTC),
	}
	check(t, e, data, []example{
		// after, first, last
		{tpl: `{{ after 1 .ints }}`, want: "[2 3]"},
		{tpl: `{{ after 5 .ints }}`, want: "[]"},
		{tpl: `{{ first 2 .strs }}`, want: "[a b]"},
		{tpl: `{{ first 9 .strs }}`, want: "[a b c]"},
		{tpl: `{{ first 0 .strs }}`, want: "[]"},
		{tpl: `{{ first 2 "abc" }}`, want: "ab"},
		{tpl: `{{ first -1 .strs }}`, wantErr: "non-negative"},
		{tpl: `{{ first 1 3 }}`, wantErr: "can't iterate over int"},
		{tpl: `{{ last 2 .ints }}`, want: "[2 3]"},
		{tpl: `{{ last "1" .ints }}`, want: "[3]"},
		// slice: a typed list when the items share a type
		{tpl: `{{ printf "%T" (slice "a" "b") }}`, want: "[]string"},
		{tpl: `{{ printf "%T" (slice "a" 1) }}`, want: "[]interface {}"},
		{tpl: `{{ printf "%T %d" (slice) (len (slice)) }}`, want: "[]interface {} 0"},
		// append: the list comes last; a slice of the list's type is spread
		{tpl: `{{ .strs | append "d" }}`, want: "[a b c d]"},
		{tpl: `{{ printf "%T" (.strs | append "d") }}`, want: "[]string"},
		{tpl: `{{ .strs | append (slice "d" "e") }}`, want: "[a b c d e]"},
		{tpl: `{{ .strs | append 4 }}`, want: "[a b c 4]"},
		{tpl: `{{ printf "%T" (slice | append "x") }}`, want: "[]string"},
		{tpl: `{{ $s := slice }}{{ $s = $s | append (dict "a" 1) }}{{ $s }}`, want: "[map[a:1]]"},
		{tpl: `{{ append "x" }}`, wantErr: "at least 2 arguments"},
		// delimit
		{tpl: `{{ delimit .strs ", " }}`, want: "a, b, c"},
		{tpl: `{{ delimit .strs ", " " og " }}`, want: "a, b og c"},
		{tpl: `{{ delimit .m "-" }}`, want: "1-2-3"},
		{tpl: `{{ delimit (slice "x") ", " " og " }}`, want: "x"},
		// dict
		{tpl: `{{ $d := dict "a" 1 "b" "x" }}{{ $d.a }} {{ $d.b }}`, want: "1 x"},
		{tpl: `{{ (dict (slice "a" "b") 1).a.b }}`, want: "1"},
		{tpl: `{{ dict "a" }}`, wantErr: "key value pairs"},
		{tpl: `{{ dict 1 2 }}`, wantErr: "keys are strings"},
		// in: numbers by value, never text against number
		{tpl: `{{ in .ints 2 }} {{ in .ints 2.0 }} {{ in .ints "2" }}`, want: "true true false"},
		{tpl: `{{ in .strs "b" }} {{ in .strs "x" }}`, want: "true false"},
		{tpl: `{{ in "samarbeid" "arbeid" }} {{ in "samarbeid" "xyz" }}`, want: "true false"},
		{tpl: `{{ in .nums 3 }} {{ in .nums 2.5 }}`, want: "false true"},
		// isset: the key's type must match the map's; lists by index
		{tpl: `{{ isset .m "a" }} {{ isset .m "x" }} {{ isset .m 1 }}`, want: "true false false"},
		{tpl: `{{ isset .ints 2 }} {{ isset .ints 3 }}`, want: "true false"},
		// seq
		{tpl: `{{ seq 3 }}`, want: "[1 2 3]"},
		{tpl: `{{ seq -3 }}`, want: "[-1 -2 -3]"},
		{tpl: `{{ seq 0 }}`, want: "[]"},
		{tpl: `{{ seq 2 5 }}`, want: "[2 3 4 5]"},
		{tpl: `{{ seq 5 2 }}`, want: "[5 4 3 2]"},
		{tpl: `{{ seq 1 3 10 }}`, want: "[1 4 7 10]"},
		{tpl: `{{ seq 1 0 10 }}`, wantErr: "must not be 0"},
		{tpl: `{{ seq 1 -1 10 }}`, wantErr: "must be > 0"},
		{tpl: `{{ seq "x" }}`, wantErr: "invalid arguments"},
		// sort: Norwegian alphabetical order in an nb engine, numbers by value, maps by key
		{tpl: `{{ range sort .items "Title" }}{{ .Title }} {{ end }}`, want: "Alfa zulu Ære Øst "},
		{tpl: `{{ range sort .items "Title" "desc" }}{{ .Title }} {{ end }}`, want: "Øst Ære zulu Alfa "},
		{tpl: `{{ range sort .items "Weight" }}{{ .Title }} {{ end }}`, want: "Alfa Øst zulu Ære "},
		{tpl: `{{ range sort .items "Params.lang" }}{{ .Title }} {{ end }}`, want: "Alfa zulu Øst Ære "},
		{tpl: `{{ range sort .items ".Upper" }}{{ .Title }} {{ end }}`, want: "Alfa zulu Ære Øst "},
		{tpl: `{{ sort (slice 10 9 100) }}`, want: "[9 10 100]"},
		{tpl: `{{ sort (slice "10" "9" "100") }}`, want: "[9 10 100]"},
		{tpl: `{{ sort .m }}`, want: "[1 2 3]"},
		{tpl: `{{ sort .m "value" "desc" }}`, want: "[3 2 1]"},
		{tpl: `{{ range sort (slice .later .day) }}{{ .Format "2006-01-02" }} {{ end }}`, want: "2026-10-05 2026-11-05 "},
		{tpl: `{{ sort .items "Nope" }}`, wantErr: "isn't a field"},
		// where: typed comparison, Hugo's operators
		{tpl: `{{ range where .items "Weight" 2 }}{{ .Title }} {{ end }}`, want: "Øst zulu "},
		{tpl: `{{ range where .items "Weight" "2" }}{{ .Title }} {{ end }}`, want: ""},
		{tpl: `{{ range where .items "Weight" 2.0 }}{{ .Title }} {{ end }}`, want: "Øst zulu "},
		{tpl: `{{ range where .items "Weight" ">=" 2 }}{{ .Title }} {{ end }}`, want: "Øst Ære zulu "},
		{tpl: `{{ range where .items "Weight" "gt" 2 }}{{ .Title }} {{ end }}`, want: "Ære "},
		{tpl: `{{ range where .items "Weight" "!=" 2 }}{{ .Title }} {{ end }}`, want: "Alfa Ære "},
		{tpl: `{{ range where .items "Params.lang" "nb" }}{{ .Title }} {{ end }}`, want: "Øst Ære "},
		{tpl: `{{ range where .items ".Params.lang" "in" (slice "da" "en") }}{{ .Title }} {{ end }}`, want: "Alfa zulu "},
		{tpl: `{{ range where .items "Params.lang" "not in" (slice "da" "en") }}{{ .Title }} {{ end }}`, want: "Øst Ære "},
		{tpl: `{{ range where .items "Params.tags" "intersect" (slice "b") }}{{ .Title }} {{ end }}`, want: "Øst Alfa "},
		{tpl: `{{ range where .items "Title" "like" "^[A-Z]" }}{{ .Title }} {{ end }}`, want: "Alfa "},
		{tpl: `{{ range where .items "Params.tags" "!=" nil }}{{ .Title }} {{ end }}`, want: "Øst Alfa zulu "},
		{tpl: `{{ range where .items "Params.tags" nil }}{{ .Title }} {{ end }}`, want: "Ære "},
		{tpl: `{{ where .items "Weight" "~" 2 }}`, wantErr: "no such operator"},
		{tpl: `{{ where 3 "Weight" 2 }}`, wantErr: "can't iterate"},
	})
}

func TestSortFollowsThePageLanguage(t *testing.T) {
	// Danish and Norwegian put æ, ø, å after z; English sorts them as ae, o and a. (Hugo sorts
	// Bokmål as English: x/text has no Bokmål rules. samvirke uses Nynorsk's, the same alphabet.)
	data := []string{"Øst", "Alfa", "Ære", "zulu", "Åse"}
	for lang, want := range map[string]string{"nb": "[Alfa zulu Ære Øst Åse]", "nn": "[Alfa zulu Ære Øst Åse]",
		"da": "[Alfa zulu Ære Øst Åse]", "en": "[Ære Alfa Åse Øst zulu]"} {
		e, _ := newEngine(t, engineOptions{lang: lang}, nil)
		check(t, e, data, []example{{tpl: `{{ sort . }}`, want: want}})
	}
}
