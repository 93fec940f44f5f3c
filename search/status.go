package search

import (
	"context"
	"fmt"
	"slices"

	index "github.com/blevesearch/bleve_index_api"
)

// Statuses a document may have (Document.Status, Hit.Status). A page that
// does not apply yet, or that nobody has checked, ranks below a current page
// that matches the query as well: its score is multiplied by the weights of
// its statuses. One that no longer applies ranks below every current match.
// Results show the status next to the title.
const (
	StatusExpired    = "expired"      // no longer applies: repealed, superseded or past its end date
	StatusNotInForce = "not-in-force" // does not apply yet
	StatusUnverified = "unverified"   // its facts are not confirmed by a source
)

// statuses are the known statuses, their bit in Index.status and their
// ranking weight.
var statuses = []struct {
	name   string
	weight float64
}{
	{StatusExpired, 0.4},
	{StatusNotInForce, 0.5},
	{StatusUnverified, 0.7},
}

func validStatus(s string) bool {
	return slices.ContainsFunc(statuses, func(st struct {
		name   string
		weight float64
	}) bool {
		return st.name == s
	})
}

// expiredBit is StatusExpired's bit: such documents rank after every current one.
const expiredBit = 1 << 0

// statusWeight multiplies the weights of the statuses in bits.
func statusWeight(bits uint8) float64 {
	w := 1.0
	for i, st := range statuses {
		if bits&(1<<i) != 0 {
			w *= st.weight
		}
	}
	return w
}

func (ix *Index) statusOf(doc uint32) uint8 {
	if int(doc) < len(ix.status) {
		return ix.status[doc]
	}
	return 0
}

// loadStatus reads the status bits of every document.
func loadStatus(r index.IndexReader, maxDoc int) ([]uint8, error) {
	bits := make([]uint8, maxDoc)
	for i, st := range statuses {
		tfr, err := r.TermFieldReader(context.Background(), []byte(st.name), fieldStatus, false, false, false)
		if err != nil {
			return nil, err
		}
		var tfd index.TermFieldDoc
		for {
			d, err := tfr.Next(&tfd)
			if err != nil {
				tfr.Close()
				return nil, err
			}
			if d == nil {
				break
			}
			if n := d.ID.Value(); n < uint64(maxDoc) {
				bits[n] |= 1 << i
			}
		}
		if err := tfr.Close(); err != nil {
			return nil, err
		}
	}
	return bits, nil
}

// checkStatus validates a document's statuses.
func checkStatus(d Document) error {
	for _, s := range d.Status {
		if !validStatus(s) {
			return fmt.Errorf("search: %s: unknown status %q (known: %s, %s, %s)", d.URL, s, StatusExpired, StatusNotInForce, StatusUnverified)
		}
	}
	return nil
}
