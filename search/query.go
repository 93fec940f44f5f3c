package search

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// How user text becomes a query. The text is split into words; bleve's query
// string syntax is never involved, so "*", "/x/", "title:x" and quotes are
// ordinary characters that simply have to occur in a document.
//
// Each word becomes a disjunction of
//   - term queries for its stems (every language analyzer in the index) in the
//     stemmed fields, boosted by field (title > terms > headings > description > body);
//   - term queries for its folded form in the folded fields, so diacritics and
//     æ/ø/å spellings do not matter;
//   - from 5 letters, a fuzzy query on the folded text (edit distance 1, or 2
//     from 8 letters), boosted far lower and capped at maxFuzzyTerms terms.
//
// A word or run of words that is a member of a synonym group also matches the
// group's other members at weightSynonym. All words must match, except that
// from three words one may be missing (see minShouldMatch), and stop words
// (words a language analyzer drops, such as "og" or "er") only add to the score.
const (
	maxWords      = 8  // words of a query that are used; the rest are ignored
	maxWordRunes  = 64 // longer "words" are cut (no real word is this long)
	maxFuzzyTerms = 8  // index terms one fuzzy word may expand to
	maxFuzzyRunes = 32 // no fuzzy matching for longer words
	fuzzyPrefix   = 1  // leading bytes a fuzzy match must share with the word

	boostTitleFolded = 2.0
	boostAllFolded   = 0.7
	boostFuzzy       = 0.3  // bleve divides it further by edit distance + 1
	weightSynonym    = 0.35 // multiplies every boost of a synonym's terms
)

// stemFields are the stemmed text fields and their boosts.
var stemFields = [...]struct {
	name  string
	boost float64
}{
	{fieldTitle, 5},
	{fieldTerms, 4},
	{fieldHeadings, 2.5},
	{fieldDescription, 2},
	{fieldBody, 1},
}

// fuzziness is the edit distance allowed for a word of n letters.
func fuzziness(n int) int {
	switch {
	case n >= 8:
		return 2
	case n >= 5:
		return 1
	}
	return 0
}

// minShouldMatch is how many of n (non-stop) words a document must match.
func minShouldMatch(n int) int {
	switch {
	case n <= 2:
		return n
	case n <= 5:
		return n - 1
	}
	return int(math.Ceil(float64(n) * 0.75))
}

// analyzers are the analyzers queries are analysed with, taken from an
// index's mapping so that queries always match how the index was built.
type analyzers struct {
	plain    analysis.Analyzer // splits text into lower-cased words
	folded   analysis.Analyzer
	stemmers map[string]analysis.Analyzer // by analyzer language
}

func analyzersFrom(m mapping.IndexMapping) (*analyzers, error) {
	named := func(name string) (analysis.Analyzer, error) {
		if a := m.AnalyzerNamed(name); a != nil {
			return a, nil
		}
		return nil, fmt.Errorf("search: index mapping has no analyzer %q", name)
	}
	an := &analyzers{stemmers: make(map[string]analysis.Analyzer)}
	var err error
	if an.plain, err = named(analyzerPlain); err != nil {
		return nil, err
	}
	if an.folded, err = named(analyzerFolded); err != nil {
		return nil, err
	}
	for _, alang := range analyzerLangs {
		if an.stemmers[alang], err = named(analyzerFor(alang)); err != nil {
			return nil, err
		}
	}
	return an, nil
}

// defaultAnalyzers are the analyzers of the current mapping, for code that
// runs without an index (LoadSynonyms, tests).
var defaultAnalyzers = sync.OnceValue(func() *analyzers {
	m, err := newIndexMapping()
	if err != nil {
		panic(err)
	}
	an, err := analyzersFrom(m)
	if err != nil {
		panic(err)
	}
	return an
})

// queryBuilder turns user text into a bleve query. It is immutable and safe
// for concurrent use.
type queryBuilder struct {
	an       *analyzers
	langs    []string            // analyzer languages present in the index
	synonyms map[string][][]word // folded member key -> the other members
	maxSyn   int                 // most words in a member
}

func newQueryBuilder(an *analyzers, langs []string, syn Synonyms) *queryBuilder {
	b := &queryBuilder{an: an, langs: langs, synonyms: make(map[string][][]word)}
	for _, group := range syn.Groups {
		members := make([][]word, len(group))
		keys := make([]string, len(group))
		for i, m := range group {
			members[i] = b.words(m, "")
			keys[i] = key(members[i])
			b.maxSyn = max(b.maxSyn, len(members[i]))
		}
		for i, k := range keys {
			if k == "" {
				continue
			}
			for j, other := range members {
				if j != i && keys[j] != k && len(other) > 0 {
					b.synonyms[k] = append(b.synonyms[k], other)
				}
			}
		}
	}
	return b
}

// word is one word of a query or of a synonym member.
type word struct {
	folded []string // analyzerFolded terms, usually exactly one
	stems  []string // distinct terms from the stemming analyzers
	fuzz   int      // edit distance allowed in fuzzy matching
	stop   bool     // a stemming analyzer dropped it: only adds to the score
}

func key(ws []word) string {
	parts := make([]string, 0, len(ws))
	for _, w := range ws {
		parts = append(parts, strings.Join(w.folded, "\x00"))
	}
	return strings.Join(parts, " ")
}

// words analyses text into at most maxWords distinct words. lang limits
// stemming to that document language's analyzer ("" uses every language in
// the index).
func (b *queryBuilder) words(text, lang string) []word {
	stemmers := b.stemmersFor(lang)
	var out []word
	seen := make(map[string]bool)
	for _, tok := range b.an.plain.Analyze([]byte(text)) {
		if len(out) == maxWords {
			break
		}
		raw := tok.Term
		if utf8.RuneCount(raw) > maxWordRunes {
			raw = []byte(truncateRunes(string(raw), maxWordRunes))
		}
		var w word
		for _, t := range b.an.folded.Analyze(raw) {
			w.folded = appendUnique(w.folded, string(t.Term))
		}
		k := strings.Join(w.folded, "\x00")
		if len(w.folded) == 0 || seen[k] {
			continue
		}
		seen[k] = true
		for _, s := range stemmers {
			ts := s.analyzer.Analyze(raw)
			for _, t := range ts {
				w.stems = appendUnique(w.stems, string(t.Term))
			}
			if len(ts) == 0 && s.alang != "" {
				w.stop = true
			}
		}
		if len(w.folded) == 1 {
			if n := utf8.RuneCount(raw); n <= maxFuzzyRunes {
				w.fuzz = fuzziness(n)
			}
		}
		out = append(out, w)
	}
	return out
}

type stemmer struct {
	alang    string
	analyzer analysis.Analyzer
}

func (b *queryBuilder) stemmersFor(lang string) []stemmer {
	var out []stemmer
	for _, alang := range b.langs {
		if lang == "" || analyzerLang(lang) == alang {
			out = append(out, stemmer{alang, b.an.stemmers[alang]})
		}
	}
	return out
}

// slot is what one word, or one phrase that is a synonym member, contributes.
type slot struct {
	words []word
	alts  [][]word // other members of the synonym group
	stop  bool
}

// plan splits text into slots, matching the longest synonym member first.
func (b *queryBuilder) plan(text, lang string) []slot {
	ws := b.words(text, lang)
	var slots []slot
	for i := 0; i < len(ws); {
		n, alts := 1, [][]word(nil)
		for l := min(b.maxSyn, len(ws)-i); l >= 1; l-- {
			if a, ok := b.synonyms[key(ws[i:i+l])]; ok {
				n, alts = l, a
				break
			}
		}
		s := slot{words: ws[i : i+n], alts: alts, stop: true}
		for _, w := range s.words {
			s.stop = s.stop && w.stop
		}
		slots = append(slots, s)
		i += n
	}
	return slots
}

// buildQuery turns user text into a query. It never fails: text without
// words gives a query that matches nothing.
func (b *queryBuilder) buildQuery(text, lang string) (query.Query, *matcher) {
	slots := b.plan(text, lang)
	var must, should []query.Query
	content := slices.ContainsFunc(slots, func(s slot) bool { return !s.stop })
	for _, s := range slots {
		q := slotQuery(s)
		if s.stop && content {
			should = append(should, q)
		} else {
			must = append(must, q)
		}
	}
	m := newMatcher(slots, content)
	if len(must) == 0 {
		return query.NewMatchNoneQuery(), m
	}
	var q query.Query = must[0]
	if len(must) > 1 {
		d := query.NewDisjunctionQuery(must)
		d.SetMin(float64(minShouldMatch(len(must))))
		q = d
	}
	if len(should) > 0 {
		q = &query.BooleanQuery{Must: q, Should: query.NewDisjunctionQuery(should)}
	}
	return q, m
}

func slotQuery(s slot) query.Query {
	direct := phraseQuery(s.words, 1, true)
	if len(s.alts) == 0 {
		return direct
	}
	qs := []query.Query{direct}
	for _, alt := range s.alts {
		qs = append(qs, phraseQuery(alt, weightSynonym, false))
	}
	return query.NewDisjunctionQuery(qs)
}

// phraseQuery requires every word (the words of a multi-word synonym need
// not be adjacent: the index keeps no positions). Stop words are left out of
// a phrase that has other words.
func phraseQuery(ws []word, weight float64, fuzzy bool) query.Query {
	if len(ws) == 1 {
		return wordQuery(ws[0], weight, fuzzy)
	}
	var qs []query.Query
	for _, w := range ws {
		if !w.stop {
			qs = append(qs, wordQuery(w, weight, fuzzy))
		}
	}
	if len(qs) == 0 {
		for _, w := range ws {
			qs = append(qs, wordQuery(w, weight, fuzzy))
		}
	}
	return query.NewConjunctionQuery(qs)
}

func wordQuery(w word, weight float64, fuzzy bool) query.Query {
	qs := make([]query.Query, 0, len(w.stems)*len(stemFields)+2*len(w.folded)+1)
	for _, s := range w.stems {
		for _, f := range stemFields {
			qs = append(qs, termQuery(f.name, s, f.boost*weight))
		}
	}
	for _, f := range w.folded {
		qs = append(qs,
			termQuery(fieldTitleFolded, f, boostTitleFolded*weight),
			termQuery(fieldAllFolded, f, boostAllFolded*weight))
	}
	if fuzzy && w.fuzz > 0 {
		qs = append(qs, &fuzzyQuery{
			term:      w.folded[0],
			field:     fieldAllFolded,
			fuzziness: w.fuzz,
			boost:     boostFuzzy * weight,
		})
	}
	return query.NewDisjunctionQuery(qs)
}

func termQuery(field, term string, boost float64) *query.TermQuery {
	q := query.NewTermQuery(term)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

// fuzzyQuery matches index terms within an edit distance of a word. Unlike
// bleve's fuzzy query it
//   - keeps only the maxFuzzyTerms closest terms, where bleve takes every
//     term in reach (or fails the search when a global clause limit is set);
//   - weights a term by edit distance (fuzzyWeight) and gives every term the
//     inverse document frequency of the most common one, as Lucene does, so a
//     rare misspelling in some page does not outrank the common correct word.
type fuzzyQuery struct {
	term      string
	field     string
	fuzziness int
	boost     float64
}

// fuzzyWeight multiplies the boost of a fuzzy match by its edit distance.
var fuzzyWeight = [...]float64{1, 0.5, 0.25}

func (q *fuzzyQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	fr, ok := r.(index.IndexReaderFuzzy)
	if !ok {
		return searcher.NewFuzzySearcher(ctx, r, q.term, fuzzyPrefix, q.fuzziness, q.field, q.boost, opts)
	}
	cands, err := fuzzyCandidates(fr, q.term, q.field, q.fuzziness)
	if err != nil || len(cands) == 0 {
		return searcher.NewMatchNoneSearcher(r)
	}

	// Document frequencies, to blend the terms' idf (see scorer_term.go).
	docs, err := r.DocCount()
	if err != nil {
		return nil, err
	}
	idf := func(df uint64) float64 {
		return max(0.1, 1+math.Log(float64(docs)/float64(df+1)))
	}
	dfs := make([]uint64, len(cands))
	var maxDF uint64
	for i, c := range cands {
		tfr, err := r.TermFieldReader(ctx, []byte(c.term), q.field, false, false, false)
		if err != nil {
			return nil, err
		}
		dfs[i] = tfr.Count()
		tfr.Close()
		maxDF = max(maxDF, dfs[i])
	}
	blend := idf(maxDF)

	qs := make([]query.Query, len(cands))
	for i, c := range cands {
		ratio := blend / idf(dfs[i]) // tf-idf scores grow with idf squared
		qs[i] = termQuery(q.field, c.term, q.boost*fuzzyWeight[c.dist]*ratio*ratio)
	}
	return query.NewDisjunctionQuery(qs).Searcher(ctx, r, m, opts)
}

type fuzzyCandidate struct {
	term string
	dist uint8
}

// fuzzyCandidates returns the maxFuzzyTerms index terms closest to term
// (then in term order), each sharing its first fuzzyPrefix bytes.
func fuzzyCandidates(fr index.IndexReaderFuzzy, term, field string, fuzziness int) ([]fuzzyCandidate, error) {
	prefix := term[:prefixEnd(term, fuzzyPrefix)]
	dict, _, err := fr.FieldDictFuzzyAutomaton(field, term, fuzziness, prefix)
	if err != nil {
		return nil, err
	}
	var cands []fuzzyCandidate
	entry, err := dict.Next()
	for ; err == nil && entry != nil; entry, err = dict.Next() {
		if int(entry.EditDistance) < len(fuzzyWeight) {
			cands = append(cands, fuzzyCandidate{entry.Term, entry.EditDistance})
		}
	}
	if cerr := dict.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	slices.SortFunc(cands, func(a, b fuzzyCandidate) int {
		return cmp.Or(cmp.Compare(a.dist, b.dist), strings.Compare(a.term, b.term))
	})
	return cands[:min(len(cands), maxFuzzyTerms)], nil
}

// prefixEnd is the end of the first n bytes of s, moved forward to a rune
// boundary.
func prefixEnd(s string, n int) int {
	if n >= len(s) {
		return len(s)
	}
	for n < len(s) && !utf8.RuneStart(s[n]) {
		n++
	}
	return n
}

func appendUnique(s []string, v string) []string {
	if slices.Contains(s, v) {
		return s
	}
	return append(s, v)
}

func truncateRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}
