package searchtest

import (
	"slices"
	"testing"

	"samvirke/search"
)

// Provisions carry their status to the index: superseded or past valid_to is expired, and
// unverified is unverified; a current, confirmed provision has none.
func TestDocumentStatus(t *testing.T) {
	portal(t)
	want := map[string][]string{
		"/lovverk/bvl1992-3-2/":  {search.StatusExpired},
		"/lovverk/oppl-4a-14/":   {search.StatusExpired, search.StatusUnverified},
		"/lovverk/fvl-13a-1/":    {search.StatusUnverified},
		"/lovverk/bvl-15-8/":     nil,
		"/begreper/stafettlogg/": nil,
	}
	for url, st := range want {
		if got := document(t, url).Status; !slices.Equal(got, st) {
			t.Errorf("%s: status %q, want %q", url, got, st)
		}
	}
}
