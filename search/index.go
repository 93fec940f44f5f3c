package search

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// Index is an open, read-only search index. It is safe for concurrent use.
type Index struct {
	bleve   bleve.Index
	reader  index.IndexReader // for document frequencies; the index never changes
	queries *queryBuilder
	types   *keywordTable
	langs   *keywordTable
	timeout time.Duration // for the handlers; 0 means searchTimeout
}

// Open opens an index written by Build.
func Open(dir string) (*Index, error) {
	man, err := readManifest(dir)
	if err != nil {
		return nil, err
	}
	idx, err := bleve.OpenUsing(filepath.Join(dir, bleveDir), map[string]any{"read_only": true})
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	ix, err := newIndex(idx, man)
	if err != nil {
		idx.Close()
		return nil, fmt.Errorf("search: %s: %w", dir, err)
	}
	return ix, nil
}

// newIndex loads what searches keep in memory.
func newIndex(idx bleve.Index, man manifest) (*Index, error) {
	an, err := analyzersFrom(idx.Mapping())
	if err != nil {
		return nil, err
	}
	adv, err := idx.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	ix := &Index{bleve: idx, reader: r}
	var dict *termDict
	if dict, err = loadTermDict(r, fieldAllFolded); err == nil {
		if ix.types, err = loadKeywordTable(r, fieldType); err == nil {
			ix.langs, err = loadKeywordTable(r, fieldLang)
		}
	}
	if err != nil {
		r.Close()
		return nil, err
	}
	ix.queries = newQueryBuilder(an, dict, man.Langs, man.Synonyms)
	ix.queries.df = ix.docFreq
	return ix, nil
}

// Close releases the index.
func (ix *Index) Close() error {
	return errors.Join(ix.reader.Close(), ix.bleve.Close())
}

// docFreq is the number of documents with term in field (0 on error).
func (ix *Index) docFreq(field, term string) uint64 {
	tfr, err := ix.reader.TermFieldReader(context.Background(), []byte(term), field, false, false, false)
	if err != nil {
		return 0
	}
	defer tfr.Close()
	return tfr.Count()
}

// Response is the result of a search.
type Response struct {
	Query  string                    `json:"query"`
	Total  uint64                    `json:"total"`
	TookMS float64                   `json:"took_ms"`
	Hits   []Hit                     `json:"hits"`
	Facets map[string]map[string]int `json:"facets"` // "type" and "lang": value -> hits
}

// Hit is one result.
type Hit struct {
	Title   string `json:"title"`
	URL     string `json:"url"`
	Type    string `json:"type"`
	Lang    string `json:"lang"`
	Snippet string `json:"snippet"` // HTML: matches in <mark>, all else escaped
}

// Search runs r. An invalid r gives a *RequestError. Facets count the hits of
// the query before the Type and Lang filters, so a user can see what another
// filter would give; Total counts them after.
func (ix *Index) Search(ctx context.Context, r Request) (Response, error) {
	start := time.Now()
	r, err := r.normalize()
	if err != nil {
		return Response{}, err
	}
	resp := Response{
		Query:  r.Q,
		Hits:   []Hit{},
		Facets: map[string]map[string]int{fieldType: {}, fieldLang: {}},
	}
	q, m := ix.queries.buildQuery(r.Q, r.Lang)
	if _, none := q.(*query.MatchNoneQuery); none {
		resp.TookMS = millis(time.Since(start))
		return resp, nil
	}

	t := newTally(ix.types, ix.langs, r.Type, r.Lang)
	req := bleve.NewSearchRequestOptions(q, r.Size, (r.Page-1)*r.Size, false)
	req.Fields = storedFields
	res, err := ix.bleve.SearchInContext(t.context(ctx), req)
	if err != nil {
		return Response{}, err
	}
	resp.Total = t.total
	resp.Facets = t.facets()
	for _, dm := range res.Hits {
		field := func(name string) string { s, _ := dm.Fields[name].(string); return s }
		h := Hit{Title: field(fieldTitle), URL: field(fieldURL), Type: field(fieldType), Lang: field(fieldLang)}
		if h.URL == "" {
			h.URL = dm.ID
		}
		h.Snippet = m.snippet(field(fieldBody), field(fieldDescription))
		resp.Hits = append(resp.Hits, h)
	}
	resp.TookMS = millis(time.Since(start))
	return resp, nil
}

func millis(d time.Duration) float64 {
	return float64(d.Microseconds()) / 1000
}
