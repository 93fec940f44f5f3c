package legaltest

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"samvirke/generator/internal/legal"
)

var exportKeys = []string{"citation", "cited_by", "id", "last_verified", "law_id", "lovdata", "status",
	"superseded_by", "title", "valid_from", "valid_to"}

// TestExportRoundTrip reads /lovverk/index.json of the bundled portal: an array of objects with
// exactly the documented keys, which decodes into legal.Entry and encodes back to the same JSON,
// and which says what the registry says.
func TestExportRoundTrip(t *testing.T) {
	_, f, dest := buildBundled(t)
	raw := []byte(readFile(t, filepath.Join(dest, "lovverk", "index.json")))

	var generic []map[string]any
	if err := json.Unmarshal(raw, &generic); err != nil {
		t.Fatalf("index.json is not a JSON array of objects: %v", err)
	}
	if len(generic) != len(f.Provisions()) || len(generic) < 26 {
		t.Fatalf("%d entries, registry has %d", len(generic), len(f.Provisions()))
	}
	for _, obj := range generic {
		var keys []string
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		if !slices.Equal(keys, exportKeys) {
			t.Fatalf("entry %v has keys %v, want exactly %v", obj["id"], keys, exportKeys)
		}
		if _, ok := obj["cited_by"].([]any); !ok {
			t.Errorf("%v: cited_by is %T, want a list", obj["id"], obj["cited_by"])
		}
	}

	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var entries []legal.Entry
	if err := dec.Decode(&entries); err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	enc := json.NewEncoder(&again)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(entries); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), raw) {
		t.Errorf("decoding and encoding index.json changes it:\n%s", again.String())
	}
	if !reflect.DeepEqual(entries, f.Export()) {
		t.Error("index.json differs from the registry's Export()")
	}

	byID := map[string]legal.Entry{}
	for _, e := range entries {
		byID[e.ID] = e
	}
	// Values as the provision pages store them.
	e := byID["hol-7-2a"]
	if e.Citation != "hol. § 7-2 a" || e.LawID == nil || *e.LawID != "LOV-2011-06-24-30" ||
		e.Lovdata != "https://lovdata.no/lov/2011-06-24-30/§7-2a" || e.Status != "confirmed" ||
		e.ValidFrom == nil || *e.ValidFrom != "2022-08-01" || e.ValidTo != nil || e.SupersededBy != nil ||
		e.LastVerified != "2026-12-03" || e.Title != "Kommunens plikt til å tilby barnekoordinator" {
		t.Errorf("hol-7-2a = %+v", e)
	}
	if !slices.Contains(e.CitedBy, "http://localhost:1313/begreper/barnekoordinator/") {
		t.Errorf("hol-7-2a cited_by = %q", e.CitedBy)
	}
	for _, u := range e.CitedBy {
		if !strings.HasPrefix(u, "http://localhost:1313/") {
			t.Errorf("cited_by URL %q is not absolute on the site's base URL", u)
		}
	}
	if e := byID["bvl1992-3-2"]; e.SupersededBy == nil || *e.SupersededBy != "bvl-15-8" || e.ValidTo == nil || *e.ValidTo != "2022-12-31" {
		t.Errorf("bvl1992-3-2 = %+v", e)
	}
	// A law id the sources do not confirm is null, not the placeholder.
	if e := byID["thtl-1-4a"]; e.LawID != nil {
		t.Errorf("thtl-1-4a law_id = %q, want null", *e.LawID)
	}
	if e := byID["oppl-4a-14"]; e.Status != "unverified" || len(e.CitedBy) != 0 || e.CitedBy == nil {
		t.Errorf("oppl-4a-14 = %+v", e)
	}
	// Provisions that no longer apply come after those that do.
	current := true
	for _, e := range entries {
		outdated := e.SupersededBy != nil || e.ValidTo != nil
		if outdated {
			current = false
		} else if !current {
			t.Errorf("%s applies but comes after a provision that does not", e.ID)
		}
	}
	// Law order: the registry starts with forvaltningsloven (lowest weight).
	if entries[0].ID != "fvl-13a-1" {
		t.Errorf("first entry %s, want fvl-13a-1", entries[0].ID)
	}
}
