package search

import (
	"context"
	"fmt"
	"testing"
)

func TestExplore(t *testing.T) {
	ix := openTestIndex(t)
	for _, q := range []string{"pa tvers", "på tvers", "koordinater", "netværksmøde", "netvaerksmode", "netvaerksmoede", "samhandling", "koordinator", "stafettloggen", "fvl", "hol", "taushetsplikt", "samordning", "samarbeidsnivaa", "*", "title:x", "\"abc", "hva er en stafettlogg"} {
		resp, err := ix.Search(context.Background(), Request{Q: q})
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("== %q total=%d facets=%v\n", q, resp.Total, resp.Facets)
		for _, h := range resp.Hits {
			fmt.Printf("   %-35s %s\n", h.URL, h.Snippet)
		}
	}
}
