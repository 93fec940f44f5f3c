package search

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestFallback(t *testing.T) {
	b, err := Fallback([]Document{
		{URL: "/a/", Title: "På tvers & <sammen>", Description: "D", Headings: []string{"H1", "H2"}, Type: "side", Lang: "nb", Body: "not included"},
		{URL: "/b/", Title: "B", Type: "begrep", Lang: "da"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"t":"På tvers & <sammen>","u":"/a/","d":"D","h":["H1","H2"],"y":"side","l":"nb"},{"t":"B","u":"/b/","y":"begrep","l":"da"}]`
	if string(b) != want {
		t.Errorf("Fallback =\n%s\nwant\n%s", b, want)
	}
	if strings.Contains(string(b), "not included") || !json.Valid(b) {
		t.Error("body included or invalid JSON")
	}
	if b, _ := Fallback(nil); string(b) != "[]" {
		t.Errorf("Fallback(nil) = %s", b)
	}
}
