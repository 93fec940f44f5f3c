package searchtest

import (
	"slices"
	"strings"
	"testing"

	"samvirke/search"
)

// The page about the duty to report is what someone finds first when they search for the duty,
// by its legal name or by the words people use for it (data/synonymer.yaml).
func TestRelevanceDutyToReport(t *testing.T) {
	ix := openIndex(t)
	const page = "/opplysningsplikt/"
	for _, q := range []string{"opplysningsplikt", "opplysningsplikten", "meldeplikt", "bekymringsmelding",
		"melde til barnevernet", "underretningspligt", "plikt til å melde"} {
		resp := result(t, ix, q, 5)
		if len(resp.Hits) == 0 || resp.Hits[0].URL != page {
			t.Errorf("%q: %s is not the first hit:%s", q, page, ranking(resp))
		}
	}
	requireInTop(t, ix, "melde bekymring", 2, page)
	// The duty to avert: the page, the glossary entry and the provision.
	for _, q := range []string{"avvergeplikt", "avvergingsplikt"} {
		requireInTop(t, ix, q, 3, page, "/begreper/avvergeplikt/", "/lovverk/strl-196/")
	}
	requireInTop(t, ix, "opplysningsplikt", 5, "/begreper/opplysningsplikt/", "/lovverk/bvl-13-2/")
}

// A provision that no longer applies ranks after every current page that matches, and is still
// found.
func TestRelevanceOutdatedProvisionsLast(t *testing.T) {
	ix := openIndex(t)
	portal(t)
	var outdated []string
	for _, d := range portalDocs {
		expired := slices.Contains(d.Status, search.StatusExpired)
		if expired {
			outdated = append(outdated, d.URL)
		}
		if expired != (d.URL == "/lovverk/oppl-15-8/" || d.URL == "/lovverk/oppl-4a-14/" || d.URL == "/lovverk/bvl1992-3-2/") {
			t.Errorf("%s: expired = %v", d.URL, expired)
		}
	}
	if len(outdated) != 3 {
		t.Fatalf("outdated provisions: %v", outdated)
	}
	for _, q := range []string{"opplæringslova", "samordningsplikt skole", "barnevernloven 3-2", "opplæringslova 15-8", "samordningsplikt"} {
		resp := result(t, ix, q, search.MaxSize)
		seenOutdated, found := false, 0
		for _, h := range resp.Hits {
			switch {
			case slices.Contains(outdated, h.URL):
				seenOutdated = true
				found++
			case seenOutdated:
				t.Errorf("%q: %s (current) ranks after an outdated provision:%s", q, h.URL, ranking(resp))
			}
		}
		if strings.Contains(q, "opplæringslova") && found == 0 {
			t.Errorf("%q: the old opplæringslova's pages are no longer found:%s", q, ranking(resp))
		}
	}
}
