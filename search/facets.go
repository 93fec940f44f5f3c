package search

import (
	"context"
	"fmt"

	index "github.com/blevesearch/bleve_index_api"
)

// Facets and the type and lang filters are computed in one pass over the
// query's matches (see Index.run), from a table of every document's type and
// language held in memory. bleve would need a second search for facets before
// filtering, and reads each match's doc values to count them, which at 10,000
// documents costs more than the query itself.

// keywordTable is the value of one keyword field (type or lang) per document.
type keywordTable struct {
	values []string // index 0 is "no value"
	byDoc  []uint16 // document number -> index into values
}

func loadKeywordTable(r index.IndexReader, field string) (*keywordTable, error) {
	fd, err := r.FieldDict(field)
	if err != nil {
		return nil, err
	}
	defer fd.Close()
	t := &keywordTable{values: []string{""}}
	for {
		e, err := fd.Next()
		if err != nil {
			return nil, err
		}
		if e == nil {
			return t, nil
		}
		if e.Term == "" {
			continue
		}
		if len(t.values) == 1<<16 {
			return nil, fmt.Errorf("field %s has more than %d values", field, 1<<16-1)
		}
		v := uint16(len(t.values))
		t.values = append(t.values, e.Term)
		if err := t.mark(r, field, e.Term, v); err != nil {
			return nil, err
		}
	}
}

func (t *keywordTable) mark(r index.IndexReader, field, term string, v uint16) error {
	tfr, err := r.TermFieldReader(context.Background(), []byte(term), field, false, false, false)
	if err != nil {
		return err
	}
	defer tfr.Close()
	var tfd index.TermFieldDoc
	for {
		d, err := tfr.Next(&tfd)
		if err != nil {
			return err
		}
		if d == nil {
			return nil
		}
		n := d.ID.Value()
		if n >= uint64(len(t.byDoc)) {
			t.byDoc = append(t.byDoc, make([]uint16, int(n)+1-len(t.byDoc))...)
		}
		t.byDoc[n] = v
	}
}

// of returns the value index of a document.
func (t *keywordTable) of(doc uint32) uint16 {
	if int(doc) < len(t.byDoc) {
		return t.byDoc[doc]
	}
	return 0
}

// lookup returns the index of value v: 0 for "" (no filter), -1 if no
// document has it.
func (t *keywordTable) lookup(v string) int {
	if v == "" {
		return 0
	}
	for i, x := range t.values[1:] {
		if x == v {
			return i + 1
		}
	}
	return -1
}

// counts returns the non-zero counts c (by value index) by value.
func (t *keywordTable) counts(c []int) map[string]int {
	m := make(map[string]int)
	for i, n := range c[1:] {
		if n > 0 {
			m[t.values[i+1]] = n
		}
	}
	return m
}
