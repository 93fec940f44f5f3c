package search

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	"github.com/blevesearch/bleve/v2/search/query"
)

// The in-memory evaluation (evaluate.go) must find what bleve's own searchers
// find for the same query, in the same order: referenceSearch runs the query
// through bleve, as Search did before it.

// referenceSearch returns the URLs of the hits, the total and the facets that
// bleve finds for r.
func referenceSearch(ix *Index, r Request) ([]string, uint64, map[string]map[string]int, error) {
	r, err := r.normalize()
	if err != nil {
		return nil, 0, nil, err
	}
	q, _ := ix.queries.buildQuery(r.Q, r.Lang)
	if _, none := q.(*query.MatchNoneQuery); none {
		return nil, 0, map[string]map[string]int{fieldType: {}, fieldLang: {}}, nil
	}
	t := newTally(ix.types, ix.langs, r.Type, r.Lang)
	req := bleve.NewSearchRequestOptions(q, r.Size, (r.Page-1)*r.Size, false)
	req.Fields = []string{fieldURL}
	res, err := ix.bleve.SearchInContext(t.context(context.Background()), req)
	if err != nil {
		return nil, 0, nil, err
	}
	var urls []string
	for _, dm := range res.Hits {
		u, _ := dm.Fields[fieldURL].(string)
		urls = append(urls, u)
	}
	facets := map[string]map[string]int{fieldType: t.types.counts(t.typeCount), fieldLang: t.langs.counts(t.langCount)}
	return urls, t.total, facets, nil
}

// tally counts matches by type and language and lets through to bleve's
// top-N collector only those that pass the filters.
type tally struct {
	types, langs       *keywordTable
	wantType, wantLang int
	typeCount          []int
	langCount          []int
	total              uint64
}

func newTally(types, langs *keywordTable, typ, lang string) *tally {
	return &tally{
		types: types, langs: langs,
		wantType: types.lookup(typ), wantLang: langs.lookup(lang),
		typeCount: make([]int, len(types.values)),
		langCount: make([]int, len(langs.values)),
	}
}

func (t *tally) handlerMaker(sctx *search.SearchContext) (search.DocumentMatchHandler, bool, error) {
	next, loadID, err := collector.MakeTopNDocumentMatchHandler(sctx)
	if err != nil {
		return nil, false, err
	}
	return func(d *search.DocumentMatch) error {
		if d == nil {
			return next(nil)
		}
		doc := uint32(d.IndexInternalID.Value())
		ty, la := t.types.of(doc), t.langs.of(doc)
		t.typeCount[ty]++
		t.langCount[la]++
		if (t.wantType != 0 && int(ty) != t.wantType) || (t.wantLang != 0 && int(la) != t.wantLang) {
			sctx.DocumentMatchPool.Put(d)
			return nil
		}
		t.total++
		return next(d)
	}, loadID, nil
}

func (t *tally) context(ctx context.Context) context.Context {
	return context.WithValue(ctx, search.MakeDocumentMatchHandlerKey, search.MakeDocumentMatchHandler(t.handlerMaker))
}

func TestSearchMatchesBleve(t *testing.T) {
	var reqs []Request
	for _, q := range append(slices.Clone(benchQueries), "samhandling", "koordinator", "koordnatr", "tvars",
		"hva er en stafettlogg", "fvl", "samordning", "kommunen", "barn", "netvaerksmoede", "*", "og i på") {
		reqs = append(reqs, Request{Q: q}, Request{Q: q, Type: "lov"}, Request{Q: q, Lang: "nn", Size: 50},
			Request{Q: q, Page: 3, Size: 7})
	}
	check := func(t *testing.T, ix *Index) {
		for _, r := range reqs {
			resp, err := ix.Search(context.Background(), r)
			if err != nil {
				t.Fatal(err)
			}
			want, total, facets, err := referenceSearch(ix, r)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range resp.Hits {
				got = append(got, h.URL)
			}
			if !slices.Equal(got, want) || resp.Total != total || fmt.Sprint(resp.Facets) != fmt.Sprint(facets) {
				t.Errorf("%+v:\n got %d %v %v\nwant %d %v %v", r, resp.Total, resp.Facets, got, total, facets, want)
			}
		}
	}
	t.Run("corpus", func(t *testing.T) { check(t, openTestIndex(t)) })
	t.Run("synthetic", func(t *testing.T) {
		if testing.Short() {
			t.Skip("builds 2,000 documents")
		}
		dir := t.TempDir()
		if _, err := Build(dir, synthDocs(2000), BuildOptions{Messages: testMessages, Synonyms: testSynonyms}); err != nil {
			t.Fatal(err)
		}
		ix, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		check(t, ix)
	})
}
