package contenttest

import (
	"context"
	"slices"
	"testing"

	"samvirke/search"
)

// StaffQueries are things case workers type (compounds, misspellings, without æøå, Danish).
var StaffQueries = []string{"barnekoordinator", "barnekordinator", "ansvarsgruppe", "stafettlogg", "taushetsplikt",
	"opplysningsplikt barnevernet", "samtykke", "individuell plan", "koordinerende enhet", "hvem koordinerer",
	"bekymringsmelding", "undring", "netvaerksmode", "samarbejdsmodellen", "tværgående koordinator", "NAV", "BTI",
	"avvergeplikt", "drofte anonymt", "samordningsplikt", "politi", "legevakt", "helsestasjon"}

// SameAnswers checks that the indexes in a and b give the same hits in the same order (every page
// of them) for every document's title and for StaffQueries. Hits of equal score are ordered by URL,
// so two builds of the same documents answer alike although bleve numbers them differently.
func SameAnswers(t testing.TB, a, b string, docs []search.Document) {
	t.Helper()
	ia, err := search.Open(a)
	if err != nil {
		t.Fatal(err)
	}
	defer ia.Close()
	ib, err := search.Open(b)
	if err != nil {
		t.Fatal(err)
	}
	defer ib.Close()
	queries := slices.Clone(StaffQueries)
	for _, d := range docs {
		queries = append(queries, d.Title)
	}
	hits := 0
	for _, q := range queries {
		all := func(ix *search.Index) (uint64, []string) {
			var urls []string
			var total uint64
			for page := 1; page <= search.MaxPage; page++ {
				r, err := ix.Search(context.Background(), search.Request{Q: q, Page: page, Size: search.MaxSize})
				if err != nil {
					t.Fatalf("%q: %v", q, err)
				}
				total = r.Total
				for _, h := range r.Hits {
					urls = append(urls, h.URL)
				}
				if len(r.Hits) < search.MaxSize {
					break
				}
			}
			return total, urls
		}
		ta, ua := all(ia)
		tb, ub := all(ib)
		if ta != tb || !slices.Equal(ua, ub) {
			t.Errorf("%q: %d hits %q, from the other index %d hits %q", q, ta, ua, tb, ub)
		}
		hits += len(ua)
	}
	if hits < len(queries) {
		t.Errorf("%d hits for %d queries: the comparison says little", hits, len(queries))
	}
	t.Logf("%d queries, %d hits, the same from both indexes", len(queries), hits)
}
