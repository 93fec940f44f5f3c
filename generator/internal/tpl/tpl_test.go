package tpl

import (
	"reflect"
	"testing"
	"time"
)

func TestDefaultAndWhereAndSort(t *testing.T) {
	if defaultFunc("x", "") != "x" || defaultFunc("x", "y") != "y" || defaultFunc(1, 0) != 1 {
		t.Error("default")
	}
	items := []map[string]any{{"Title": "Øst", "w": 2}, {"Title": "Alfa", "w": 1}, {"Title": "Ære", "w": 3}, {"Title": "zulu", "w": 2}}
	got, err := where(items, "w", 2)
	if err != nil || len(got.([]map[string]any)) != 2 {
		t.Errorf("where = %v %v", got, err)
	}
	got, _ = where(items, "w", ">=", 2)
	if len(got.([]map[string]any)) != 3 {
		t.Errorf("where >= = %v", got)
	}
	sorted, _ := sortFunc(items, "Title")
	var titles []string
	for _, m := range sorted.([]map[string]any) {
		titles = append(titles, m["Title"].(string))
	}
	if want := []string{"Alfa", "zulu", "Ære", "Øst"}; !reflect.DeepEqual(titles, want) {
		t.Errorf("Norwegian sort = %v, want %v", titles, want)
	}
}

func TestDateFormatInNorwegianAndDanish(t *testing.T) {
	d := time.Date(2026, 5, 17, 0, 0, 0, 0, time.UTC)
	for lang, want := range map[string]string{"nb": "17. mai 2026", "da": "17. maj 2026", "en": "17. May 2026"} {
		e := &Engine{lang: lang}
		if got, _ := e.dateFormat(":date_long", d); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
}

func TestSubstrCountsRunes(t *testing.T) {
	cases := []struct {
		s     string
		start int
		n     []int
		want  string
	}{{"Ærlig", 0, []int{1}, "Æ"}, {"Ærlig", 1, nil, "rlig"}, {"Ærlig", -2, nil, "ig"}, {"Å", 1, []int{1}, ""}, {"BTI", 1, []int{1}, "T"}}
	for _, c := range cases {
		if got := substr(c.s, c.start, c.n...); got != c.want {
			t.Errorf("substr(%q, %d, %v) = %q, want %q", c.s, c.start, c.n, got, c.want)
		}
	}
}
