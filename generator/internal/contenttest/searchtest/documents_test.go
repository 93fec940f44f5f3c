package searchtest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"samvirke/generator/internal/contenttest"
)

// TestDocuments checks what the build indexes and publishes for the fallback: every page once,
// the search page itself left out (search_exclude), editors' tags among a page's terms.
func TestDocuments(t *testing.T) {
	dir := portal(t)
	seen := map[string]bool{}
	for _, d := range portalDocs {
		if seen[d.URL] {
			t.Errorf("two documents for %s", d.URL)
		}
		seen[d.URL] = true
		if d.Title == "" || d.Type == "" || d.Lang == "" {
			t.Errorf("%s: title %q, type %q, lang %q", d.URL, d.Title, d.Type, d.Lang)
		}
	}
	if seen["/sok/"] {
		t.Error("the search page is indexed")
	}
	if d := document(t, "/modeller/samarbeidsmodellen/"); !slices.Contains(d.Terms, "stafettlogg") {
		t.Errorf("the tags of /modeller/samarbeidsmodellen/ are not among its terms: %q", d.Terms)
	}

	b, err := os.ReadFile(filepath.Join(dir, "public", "search-fallback.json"))
	if err != nil {
		t.Fatal(err)
	}
	var fallback []struct {
		T, U, Y, L string
		H          []string
	}
	if err := json.Unmarshal(b, &fallback); err != nil {
		t.Fatal(err)
	}
	if len(fallback) != len(portalDocs) {
		t.Errorf("search-fallback.json has %d entries for %d documents", len(fallback), len(portalDocs))
	}
	for _, f := range fallback {
		if f.U == "/sok/" {
			t.Error("search-fallback.json lists the search page")
		}
	}
	// Compact: titles, descriptions and headings only, no page bodies.
	if len(b) > 64<<10 {
		t.Errorf("search-fallback.json is %d KiB; it should hold titles, descriptions and headings only", len(b)>>10)
	}

	// The built search page carries both markers of search.PageHandler exactly once.
	page := contenttest.ReadPage(t, filepath.Join(dir, "public"), "/sok/")
	for _, marker := range []string{`value="" data-samvirke-query`, `<!--samvirke:results-->`} {
		if n := strings.Count(page, marker); n != 1 {
			t.Errorf("/sok/ has the marker %s %d times, want once", marker, n)
		}
	}
	for _, attr := range []string{`data-search-endpoint="/api/search"`, `data-search-fallback="/search-fallback.json"`} {
		if !strings.Contains(page, attr) {
			t.Errorf("/sok/ lacks %s", attr)
		}
	}
}
