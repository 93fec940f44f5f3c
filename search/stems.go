package search

import (
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/da"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/no"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/registry"
)

// Stemming is the costliest step of analysing a page (a snowball stemmer
// allocates for every word). Build knows every word it will index (the
// vocabulary), and most occur many times, so it stems each distinct word once
// per language before indexing and lets the analyzers look the stems up.
// The table holds only words of the documents being indexed, and only while
// Build runs: a query's words are stemmed as they come and never kept.

// stemmerNames are bleve's stemmers by analyzer language.
var stemmerNames = map[string]string{
	no.AnalyzerName: no.SnowballStemmerName,
	da.AnalyzerName: da.SnowballStemmerName,
	en.AnalyzerName: porter.Name,
}

func stemFilterName(alang string) string { return "samvirke_stem_" + alang }

// stems is a stem table: folded word -> stem.
type stems map[string][]byte

// stemTables are the stem tables of the Builds that run, by analyzer
// language. Concurrent Builds each add theirs; a word's stem is the same in
// every table.
var stemTables = struct {
	sync.RWMutex
	byLang map[string][]*stems
}{byLang: map[string][]*stems{}}

// useStems makes tables (by analyzer language) available to the analyzers
// until the returned function is called.
func useStems(tables map[string]*stems) (done func()) {
	stemTables.Lock()
	for l, t := range tables {
		stemTables.byLang[l] = append(stemTables.byLang[l], t)
	}
	stemTables.Unlock()
	return func() {
		stemTables.Lock()
		defer stemTables.Unlock()
		for l, t := range tables {
			ts := slices.DeleteFunc(stemTables.byLang[l], func(x *stems) bool { return x == t })
			if len(ts) == 0 {
				delete(stemTables.byLang, l)
			} else {
				stemTables.byLang[l] = ts
			}
		}
	}
}

// stemTable stems every word of words with the stemmer of alang.
func stemTable(alang string, words map[string]uint32) (*stems, error) {
	f, err := registry.NewCache().TokenFilterNamed(stemmerNames[alang])
	if err != nil {
		return nil, err
	}
	t := make(stems, len(words))
	tok := &analysis.Token{}
	ts := analysis.TokenStream{tok}
	for w := range words {
		tok.Term = []byte(w)
		f.Filter(ts)
		t[w] = tok.Term
	}
	return &t, nil
}

// tableStemmer stems with the Build's table where it has the word, and with
// bleve's stemmer otherwise.
type tableStemmer struct {
	alang string
	stem  analysis.TokenFilter
}

func (s *tableStemmer) Filter(input analysis.TokenStream) analysis.TokenStream {
	stemTables.RLock()
	tables := stemTables.byLang[s.alang]
	stemTables.RUnlock()
	for i, t := range input {
		found := false
		for _, table := range tables {
			if st, ok := (*table)[string(t.Term)]; ok {
				t.Term, found = st, true
				break
			}
		}
		if !found {
			s.stem.Filter(input[i : i+1])
		}
	}
	return input
}

func init() {
	for alang, name := range stemmerNames {
		err := registry.RegisterTokenFilter(stemFilterName(alang), func(_ map[string]any, cache *registry.Cache) (analysis.TokenFilter, error) {
			f, err := cache.TokenFilterNamed(name)
			if err != nil {
				return nil, err
			}
			return &tableStemmer{alang: alang, stem: f}, nil
		})
		if err != nil {
			panic(err)
		}
	}
}
