package search

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	index "github.com/blevesearch/bleve_index_api"
)

// Queries are not run by bleve's searchers (see doc.go for the measurements
// behind that). Open reads the postings of the searched text fields into
// memory: document number and the posting's impact, sqrt(term frequency) ·
// field norm as bleve's TF-IDF scorer has them, 8 bytes a posting, so that
// scoring a posting is one multiplication. evaluate.go runs the query built
// by buildQuery term at a time over dense per-document accumulators. bleve builds and stores
// the index; the stored fields the hits show are read at Open too.
//
// Everything held is derived from the index at Open; nothing depends on what
// users search for.

// searchedFields are the fields buildQuery makes term queries for.
var searchedFields = []string{fieldTitle, fieldTerms, fieldHeadings, fieldDescription, fieldAll, fieldParts, fieldTitleParts}

// memIndex holds the postings of searchedFields.
type memIndex struct {
	fields map[string]*fieldPostings
	docs   uint64 // documents in the index, for idf
	maxDoc int    // 1 + the highest document number
}

// fieldPostings are the postings of one field. The postings of terms[i] are
// docs[start[i]:start[i+1]] (ascending document numbers) with impacts
// impact[start[i]:start[i+1]].
type fieldPostings struct {
	terms  []string // sorted
	start  []uint32
	docs   []uint32
	impact []float32 // sqrt(term frequency) · 1/sqrt(terms in the document's field)
}

// lookup returns the postings of term.
func (fp *fieldPostings) lookup(term string) ([]uint32, []float32) {
	i, ok := slices.BinarySearch(fp.terms, term)
	if !ok {
		return nil, nil
	}
	a, b := fp.start[i], fp.start[i+1]
	return fp.docs[a:b:b], fp.impact[a:b:b]
}

// docFreq is the number of documents with term.
func (fp *fieldPostings) docFreq(term string) uint64 {
	if i, ok := slices.BinarySearch(fp.terms, term); ok {
		return uint64(fp.start[i+1] - fp.start[i])
	}
	return 0
}

func loadMemIndex(r index.IndexReader) (*memIndex, error) {
	mi := &memIndex{fields: make(map[string]*fieldPostings)}
	var err error
	if mi.docs, err = r.DocCount(); err != nil {
		return nil, err
	}
	for _, f := range searchedFields {
		fp, maxDoc, err := loadFieldPostings(r, f)
		if err != nil {
			return nil, fmt.Errorf("field %s: %w", f, err)
		}
		mi.fields[f] = fp
		mi.maxDoc = max(mi.maxDoc, maxDoc)
	}
	return mi, nil
}

func loadFieldPostings(r index.IndexReader, field string) (*fieldPostings, int, error) {
	// The dictionary first, with each term's document count, so that the
	// postings are read into arrays of about their size: no copies while
	// growing, which would double what Open needs for a moment. (The counts
	// are not always exact, hence the slack.)
	fd, err := r.FieldDict(field)
	if err != nil {
		return nil, 0, err
	}
	var all strings.Builder // one allocation for all terms
	var ends []int
	var total uint64
	for {
		e, err := fd.Next()
		if err != nil {
			fd.Close()
			return nil, 0, err
		}
		if e == nil {
			break
		}
		all.WriteString(e.Term)
		ends = append(ends, all.Len())
		total += e.Count
	}
	if err := fd.Close(); err != nil {
		return nil, 0, err
	}
	if total > math.MaxUint32 {
		return nil, 0, fmt.Errorf("too many postings")
	}
	fp := &fieldPostings{
		terms:  make([]string, len(ends)),
		start:  make([]uint32, 1, len(ends)+1),
		docs:   make([]uint32, 0, total+total/64+16),
		impact: make([]float32, 0, total+total/64+16),
	}
	text := all.String()
	start := 0
	for i, end := range ends {
		fp.terms[i] = text[start:end]
		start = end
	}
	var tfd index.TermFieldDoc
	maxDoc := 0
	for _, term := range fp.terms {
		tfr, err := r.TermFieldReader(context.Background(), []byte(term), field, true, true, false)
		if err != nil {
			return nil, 0, err
		}
		for {
			d, err := tfr.Next(&tfd)
			if err != nil {
				tfr.Close()
				return nil, 0, err
			}
			if d == nil {
				break
			}
			n := d.ID.Value()
			if n >= math.MaxInt32 {
				tfr.Close()
				return nil, 0, fmt.Errorf("document number %d out of range", n)
			}
			fp.docs = append(fp.docs, uint32(n))
			fp.impact = append(fp.impact, float32(math.Sqrt(float64(d.Freq))*d.Norm))
			maxDoc = max(maxDoc, int(n)+1)
		}
		tfr.Close()
		fp.start = append(fp.start, uint32(len(fp.docs)))
	}
	return fp, maxDoc, nil
}
