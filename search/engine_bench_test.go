package search

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	"github.com/blevesearch/bleve/v2/search/query"
)

// BenchmarkEngine is the measurement behind the choice of one query engine (docs/architecture.md):
// the same queries on the same 10,000-document index, run by the evaluator over postings in
// memory (evaluate.go) and by bleve's own searchers, with totals, type and language facets and
// the top ten, as Search needs them. Snippets are left out of both.
//
//   - evaluator: the queries buildQuery makes;
//   - bleve: the same queries as bleve queries. They are already shaped for bleve: only the
//     maxSlots rarest words, fuzzy terms only for words the index lacks, five stemmed fields and
//     two small parts fields per stem;
//   - bleve-one-field: the fewest fields bleve could do with, each word's stems in the field all
//     only (no title boost, no parts): a floor for what bleve costs.
func BenchmarkEngine(b *testing.B) {
	bi := openBenchIndex(b, 10000)
	ix := bi.ix
	idx, err := bleve.OpenUsing(filepath.Join(benchDir, "10000", bleveDir), map[string]any{"read_only": true})
	if err != nil {
		b.Fatal(err)
	}
	defer idx.Close()
	for _, q := range benchQueries {
		qn, _ := ix.queries.buildQuery(q, "")
		b.Run("evaluator/"+q, func(b *testing.B) {
			cpu := cpuTime()
			var total uint64
			for b.Loop() {
				var resp Response
				if _, err := ix.run(context.Background(), qn, Request{Page: 1, Size: 10}, &resp); err != nil {
					b.Fatal(err)
				}
				total = resp.Total
			}
			reportCPU(b, cpuTime()-cpu)
			b.ReportMetric(float64(total), "hits")
		})
		for _, shape := range []struct {
			name string
			q    query.Query
		}{
			{"bleve", toBleve(qn)},
			{"bleve-one-field", toBleve(oneField(ix, q))},
		} {
			b.Run(shape.name+"/"+q, func(b *testing.B) {
				cpu := cpuTime()
				var total uint64
				for b.Loop() {
					total = bleveSearch(b, idx, ix, shape.q)
				}
				reportCPU(b, cpuTime()-cpu)
				b.ReportMetric(float64(total), "hits")
			})
		}
	}
}

// toBleve translates a qnode into bleve's queries: a sum is a disjunction (bleve scales its score
// by the share of children that match, which the evaluator does only for coord), coord one with a
// minimum, all a conjunction.
func toBleve(q *qnode) query.Query {
	if q == nil {
		return query.NewMatchNoneQuery()
	}
	if q.kids == nil {
		t := query.NewTermQuery(q.term)
		t.SetField(q.field)
		t.SetBoost(q.boost)
		return t
	}
	kids := make([]query.Query, len(q.kids))
	for i, k := range q.kids {
		kids[i] = toBleve(k)
	}
	if q.op == opAll {
		return query.NewConjunctionQuery(kids)
	}
	d := query.NewDisjunctionQuery(kids)
	if q.op == opCoord {
		d.SetMin(float64(q.min))
	}
	return d
}

// oneField is the query for text with each word's stems in the field all only.
func oneField(ix *Index, text string) *qnode {
	b := ix.queries
	var slots []*qnode
	for _, s := range b.plan(text, "") {
		if s.stop {
			continue
		}
		var terms []*qnode
		for _, w := range s.words {
			for _, st := range w.stems {
				if b.has(fieldAll, st) {
					terms = append(terms, termNode(fieldAll, st, 1))
				}
			}
		}
		slots = append(slots, combine(opSum, terms))
	}
	if len(slots) > maxSlots {
		slots = slots[:maxSlots]
	}
	for i, s := range slots {
		if s == nil {
			slots[i] = &qnode{kids: []*qnode{}}
		}
	}
	if len(slots) == 1 {
		return slots[0]
	}
	return &qnode{kids: slots, op: opCoord, min: minShouldMatch(len(slots))}
}

// bleveSearch runs q through bleve's searchers with the top-10 collector, counting every match's
// type and language as Search does, and returns the total.
func bleveSearch(b *testing.B, idx bleve.Index, ix *Index, q query.Query) uint64 {
	typeCount := make([]int, len(ix.types.values))
	langCount := make([]int, len(ix.langs.values))
	var total uint64
	maker := func(sctx *bsearch.SearchContext) (bsearch.DocumentMatchHandler, bool, error) {
		next, loadID, err := collector.MakeTopNDocumentMatchHandler(sctx)
		if err != nil {
			return nil, false, err
		}
		return func(d *bsearch.DocumentMatch) error {
			if d != nil {
				doc := uint32(d.IndexInternalID.Value())
				typeCount[ix.types.of(doc)]++
				langCount[ix.langs.of(doc)]++
				total++
			}
			return next(d)
		}, loadID, nil
	}
	ctx := context.WithValue(context.Background(), bsearch.MakeDocumentMatchHandlerKey, bsearch.MakeDocumentMatchHandler(maker))
	if _, err := idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, 10, 0, false)); err != nil {
		b.Fatal(fmt.Errorf("%v: %w", q, err))
	}
	return total
}
