package search

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
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
//   - from 5 letters, term queries for the index terms within edit distance 1
//     (2 from 8 letters) of its folded form in the folded text: boosted far
//     lower, at most maxFuzzyTerms of them, and none for a word that is
//     common in the index (hardly a typo; see termDict.common).
//
// A word or run of words that is a member of a synonym group also matches the
// group's other members at weightSynonym. All words must match, except that
// from three words one may be missing (see minShouldMatch). Stop words (words
// a language analyzer drops, such as "og" or "er") are left out unless the
// query has nothing else, and of more than maxSlots words only the maxSlots
// rarest in the index are searched: the common ones are in nearly every
// matching page anyway, add little to a page's score, and have the longest
// posting lists, so that long queries cost no more than short ones.
const (
	maxWords      = 8  // words of a query that are used; the rest are ignored
	maxSlots      = 5  // of those, after stop words, the rarest that are searched
	maxWordRunes  = 64 // longer "words" are cut (no real word is this long)
	maxFuzzyTerms = 8  // index terms one fuzzy word may expand to
	maxFuzzyRunes = 32 // no fuzzy matching for longer words
	fuzzyPrefix   = 1  // leading bytes a fuzzy match must share with the word

	boostTitleFolded = 2.0
	boostAllFolded   = 0.7
	boostFuzzy       = 0.3  // times fuzzyWeight of the edit distance
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
	dict     *termDict                       // all_folded terms, for fuzzy matching; nil: none
	df       func(field, term string) uint64 // document frequency; nil: unknown
	langs    []string                        // analyzer languages present in the index
	synonyms map[string][][]word             // folded member key -> the other members
	maxSyn   int                             // most words in a member
}

func newQueryBuilder(an *analyzers, dict *termDict, langs []string, syn Synonyms) *queryBuilder {
	b := &queryBuilder{an: an, dict: dict, langs: langs, synonyms: make(map[string][][]word)}
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
	stop   bool     // a stemming analyzer dropped it
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
	if slices.ContainsFunc(slots, func(s slot) bool { return !s.stop }) {
		slots = slices.DeleteFunc(slots, func(s slot) bool { return s.stop })
	}
	if len(slots) > maxSlots {
		slots = b.rarest(slots, maxSlots)
	}
	m := newMatcher(slots)
	if len(slots) == 0 {
		return query.NewMatchNoneQuery(), m
	}
	qs := make([]query.Query, len(slots))
	for i, s := range slots {
		qs[i] = b.slotQuery(s)
	}
	if len(qs) == 1 {
		return qs[0], m
	}
	if need := minShouldMatch(len(qs)); need < len(qs) {
		d := query.NewDisjunctionQuery(qs)
		d.SetMin(float64(need))
		return d, m
	}
	// Every slot is required: a conjunction scores the same as a disjunction
	// that needs all its clauses, and skips ahead on the rarest one.
	return query.NewConjunctionQuery(qs), m
}

// rarest returns the n slots whose words are in the fewest documents, in
// their order in the query.
func (b *queryBuilder) rarest(slots []slot, n int) []slot {
	if b.dict == nil {
		return slots[:n]
	}
	df := func(s slot) uint32 { // of the slot's rarest word, as an all_folded term
		least := uint32(math.MaxUint32)
		for _, w := range s.words {
			for _, f := range w.folded {
				least = min(least, b.dict.docFreq(f))
			}
		}
		return least
	}
	idx := make([]int, len(slots))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(i, j int) int { return cmp.Compare(df(slots[i]), df(slots[j])) })
	idx = idx[:n]
	slices.Sort(idx)
	out := make([]slot, n)
	for i, k := range idx {
		out[i] = slots[k]
	}
	return out
}

// slotQuery is the disjunction of a slot's words and its synonyms.
func (b *queryBuilder) slotQuery(s slot) query.Query {
	q := b.phraseQuery(s.words, 1, true)
	if len(s.alts) == 0 {
		return q
	}
	qs := []query.Query{q}
	for _, alt := range s.alts {
		qs = append(qs, b.phraseQuery(alt, weightSynonym, false))
	}
	return query.NewDisjunctionQuery(qs)
}

// phraseQuery matches a word, or a phrase: a conjunction of its words (which
// need not be adjacent: the index keeps no positions). Stop words are left
// out of a phrase that has other words.
func (b *queryBuilder) phraseQuery(ws []word, weight float64, fuzzy bool) query.Query {
	if len(ws) == 1 {
		return b.wordQuery(ws[0], weight, fuzzy)
	}
	var qs []query.Query
	for _, w := range ws {
		if !w.stop {
			qs = append(qs, b.wordQuery(w, weight, fuzzy))
		}
	}
	if len(qs) == 0 {
		for _, w := range ws {
			qs = append(qs, b.wordQuery(w, weight, fuzzy))
		}
	}
	return query.NewConjunctionQuery(qs)
}

// wordQuery matches one word. The term queries on the long fields (body and
// all_folded, which most matches come from) are direct clauses; those on the
// short fields and the fuzzy ones are grouped, which keeps each disjunction
// small enough for bleve's cheaper slice-based searcher. Grouped boosts are
// multiplied by the group's size to undo most of the coordination factor
// (matched/total clauses) bleve applies inside the group.
func (b *queryBuilder) wordQuery(w word, weight float64, fuzzy bool) query.Query {
	var long, short, fuzz []query.Query
	for _, s := range w.stems {
		for _, f := range stemFields {
			q := termQuery(f.name, s, f.boost*weight)
			if f.name == fieldBody {
				long = append(long, q)
			} else {
				short = append(short, q)
			}
		}
	}
	for _, f := range w.folded {
		if b.foldingMayAdd(w, f) {
			long = append(long, termQuery(fieldAllFolded, f, boostAllFolded*weight))
		}
		short = append(short, termQuery(fieldTitleFolded, f, boostTitleFolded*weight))
	}
	if fuzzy && w.fuzz > 0 && b.dict != nil && !b.dict.common(w.folded[0]) {
		fuzz = b.fuzzyQueries(w.folded[0], w.fuzz, weight)
	}
	qs := long
	for _, group := range [][]query.Query{short, fuzz} {
		if len(group) == 0 {
			continue
		}
		for _, q := range group {
			tq := q.(*query.TermQuery)
			tq.SetBoost(tq.Boost() * float64(len(group)))
		}
		qs = append(qs, query.NewDisjunctionQuery(group))
	}
	return query.NewDisjunctionQuery(qs)
}

// foldingMayAdd reports whether searching all_folded for f can find
// documents that the word's stems in body cannot. It cannot when the stems
// are in at least as many bodies as f is in documents: then the user typed the
// word as the pages spell it ("samarbeid" is in every page that says
// "samarbeid", and more), not without its diacritics ("pa", "tromso"). Leaving
// out that long posting list makes common words about a third cheaper.
func (b *queryBuilder) foldingMayAdd(w word, f string) bool {
	if b.dict == nil || b.df == nil {
		return true
	}
	var stemDF uint64
	for _, s := range w.stems {
		stemDF += b.df(fieldBody, s)
	}
	return uint64(b.dict.docFreq(f)) > stemDF
}

// fuzzyWeight multiplies the boost of a fuzzy match by its edit distance.
var fuzzyWeight = [...]float64{1, 0.5, 0.25}

// fuzzyQueries are term queries for the index terms within dist edits of
// folded, at most maxFuzzyTerms, closest first. The term itself is left out
// (the folded term query covers it). Every term gets the inverse document
// frequency of the most common one, as in Lucene, so that a rare misspelling
// in some page does not outrank the common, correct word.
func (b *queryBuilder) fuzzyQueries(folded string, dist int, weight float64) []query.Query {
	cands := b.dict.fuzzy(folded, dist, fuzzyPrefix, maxFuzzyTerms+1)
	var maxDF uint32
	for _, c := range cands {
		maxDF = max(maxDF, c.df)
	}
	// tf-idf as in bleve's scorer_term.go; a score grows with idf squared.
	idf := func(df uint32) float64 {
		return max(0.1, 1+math.Log(float64(b.dict.docs)/float64(df+1)))
	}
	blend := idf(maxDF)
	var qs []query.Query
	for _, c := range cands {
		if c.dist == 0 || len(qs) == maxFuzzyTerms {
			continue
		}
		ratio := blend / idf(c.df)
		qs = append(qs, termQuery(fieldAllFolded, c.term, boostFuzzy*weight*fuzzyWeight[c.dist]*ratio*ratio))
	}
	return qs
}

func termQuery(field, term string, boost float64) *query.TermQuery {
	q := query.NewTermQuery(term)
	q.SetField(field)
	q.SetBoost(boost)
	return q
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
