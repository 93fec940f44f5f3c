package search

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Index is an open, read-only search index. It is safe for concurrent use.
type Index struct {
	bleve   bleve.Index
	queries *queryBuilder
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
	an, err := analyzersFrom(idx.Mapping())
	if err != nil {
		idx.Close()
		return nil, err
	}
	return &Index{bleve: idx, queries: newQueryBuilder(an, man.Langs, man.Synonyms)}, nil
}

// Close releases the index.
func (ix *Index) Close() error { return ix.bleve.Close() }

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
// filter would give.
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

	filtered := q
	if r.Type != "" || r.Lang != "" {
		conj := []query.Query{q}
		if r.Type != "" {
			conj = append(conj, termQuery(fieldType, r.Type, 0))
		}
		if r.Lang != "" {
			conj = append(conj, termQuery(fieldLang, r.Lang, 0))
		}
		filtered = query.NewConjunctionQuery(conj)
	}

	facets := bleve.FacetsRequest{
		fieldType: bleve.NewFacetRequest(fieldType, 50),
		fieldLang: bleve.NewFacetRequest(fieldLang, 20),
	}
	req := bleve.NewSearchRequestOptions(filtered, r.Size, (r.Page-1)*r.Size, false)
	req.Fields = storedFields
	req.SortBy([]string{"-_score", "_id"})
	if filtered == q {
		req.Facets = facets
	}
	res, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return Response{}, err
	}
	facetRes := res.Facets
	if filtered != q {
		fr := bleve.NewSearchRequestOptions(q, 0, 0, false)
		fr.Facets = facets
		fres, err := ix.bleve.SearchInContext(ctx, fr)
		if err != nil {
			return Response{}, err
		}
		facetRes = fres.Facets
	}

	resp.Total = res.Total
	for name, f := range facetRes {
		for _, t := range f.Terms.Terms() {
			resp.Facets[name][t.Term] = t.Count
		}
	}
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
