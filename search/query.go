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
	"github.com/blevesearch/bleve/v2/analysis/lang/da"
	"github.com/blevesearch/bleve/v2/analysis/lang/no"
	"github.com/blevesearch/bleve/v2/mapping"
)

// How user text becomes a query. The text is split into words; bleve's query
// string syntax is never involved, so "*", "/x/", "title:x" and quotes are
// ordinary characters that simply have to occur in a document.
//
// Each word becomes a sum of term queries:
//   - its stems (every language analyzer in the index; the stems are folded,
//     see mapping.go) in all, and in the short fields with higher boosts
//     (title > terms > headings > description), so that a match in a title
//     outranks one in the body;
//   - the same stems in parts, the parts of the pages' compounds, at
//     boostParts: "koordinator" also finds "barnekoordinator";
//   - for a word the index lacks (in no page): the index words within edit
//     distance 1 (from 5 letters; 2 from 8) of it, at most maxFuzzyTerms,
//     boosted far lower;
//   - for a word the index lacks or has in very few pages, if it splits into
//     index words: those words at weightCompound, pages with all of them
//     first ("ansvarsgruppemote" finds "ansvarsgruppe" and "møte").
//
// A word or run of words that matches a synonym group member or an
// abbreviation (or one of its expansions) also matches the alternatives at
// weightSynonym, below what was typed. Members match by folded spelling or
// by Norwegian or Danish stem, so "koordinerer" matches the member
// "koordinere". All words must match, except that from three words one may
// be missing (see minShouldMatch). Stop words (words a language analyzer
// drops, such as "og" or "er") are left out unless the query has nothing
// else, and of more than maxSlots words only the maxSlots rarest in the index
// are searched: the common ones are in nearly every matching page anyway, add
// little to a page's score, and have the longest posting lists, so that long
// queries cost no more than short ones.
const (
	maxWords      = 8  // words of a query that are used; the rest are ignored
	maxSlots      = 5  // of those, after stop words, the rarest that are searched
	maxWordRunes  = 64 // longer "words" are cut (no real word is this long)
	maxFuzzyTerms = 8  // index words one fuzzy word may expand to
	maxFuzzyRunes = 32 // no fuzzy matching for longer words
	fuzzyPrefix   = 1  // leading bytes a fuzzy match must share with the word

	boostParts     = 0.3  // a word found as part of a page's compound
	boostFuzzy     = 0.3  // times fuzzyWeight of the edit distance
	weightSynonym  = 0.35 // multiplies every boost of a synonym's terms
	weightFamily   = 0.8  // … of another word of the same word family
	weightRelated  = 0.5  // … of a word of another family in the same group
	weightCompound = 0.6  // multiplies every boost of a split query word's parts
)

// stemFields are the stemmed text fields every word is searched in, and
// their boosts. all must come last (see wordQuery).
var stemFields = [...]struct {
	name  string
	boost float64
}{
	{fieldTitle, 5},
	{fieldTerms, 4},
	{fieldHeadings, 2.5},
	{fieldDescription, 2},
	{fieldAll, 1},
}

// partsFields are the fields with the parts of compounds, and their boosts
// (times boostParts).
var partsFields = [...]struct {
	name  string
	boost float64
}{
	{fieldTitleParts, 5},
	{fieldParts, 1},
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

// qop is how a query combines its children.
type qop uint8

const (
	opSum   qop = iota // any child; the score is the sum of the matching children
	opCoord            // at least min children; the sum times matched/children
	opAll              // every child; the sum
)

// qnode is a query: a term in a field, or a combination of queries. The
// evaluator (evaluate.go) runs it.
type qnode struct {
	field, term string
	boost       float64
	idfField    string // the field whose document frequency gives the idf; "" is field

	kids []*qnode
	op   qop
	min  int // opCoord

	// direct marks what the user typed, as opposed to the alternatives the
	// query adds (synonyms, parts, close spellings): documents that match
	// more of the query directly rank first (see match.direct).
	direct bool
}

func termNode(field, term string, boost float64) *qnode {
	return &qnode{field: field, term: term, boost: boost}
}

// combine returns a query of kids, without the nil ones; nil if none is left.
func combine(op qop, kids []*qnode) *qnode {
	kids = slices.DeleteFunc(kids, func(k *qnode) bool { return k == nil })
	switch {
	case len(kids) == 0:
		return nil
	case len(kids) == 1 && op != opCoord:
		return kids[0]
	}
	return &qnode{kids: kids, op: op}
}

func (q *qnode) String() string {
	if q == nil {
		return "none"
	}
	if q.kids == nil {
		return fmt.Sprintf("%s:%s^%.3g", q.field, q.term, q.boost)
	}
	parts := make([]string, len(q.kids))
	for i, k := range q.kids {
		parts[i] = k.String()
	}
	name := [...]string{"sum", "coord", "all"}[q.op]
	if q.op == opCoord {
		name += fmt.Sprint(q.min)
	}
	return name + "(" + strings.Join(parts, " ") + ")"
}

// analyzers are the analyzers queries are analysed with, taken from an
// index's mapping so that queries always match how the index was built.
type analyzers struct {
	lower    analysis.Analyzer            // splits text into lower-cased words
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
	if an.lower, err = named(analyzerLower); err != nil {
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
// runs without an index (MemberKey, tests).
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

// queryBuilder turns user text into a query. It is immutable and safe for
// concurrent use.
type queryBuilder struct {
	an    *analyzers
	vocab *termDict                       // the index's folded words; nil: none
	df    func(field, term string) uint64 // document frequency; nil: unknown
	langs []string                        // analyzer languages present in the index
	alts  *alternatives
}

func newQueryBuilder(an *analyzers, vocab *termDict, langs []string, syn Synonyms, abbr Abbreviations) *queryBuilder {
	b := &queryBuilder{an: an, vocab: vocab, langs: langs}
	b.alts = newAlternatives(b, syn, abbr)
	return b
}

// word is one word of a query, of a synonym member or of a split compound.
type word struct {
	folded string   // lower case and folded, not stemmed: the vocabulary's form
	stems  []string // distinct terms from the language analyzers
	keys   []string // what synonym members are matched by: folded, "no:" and "da:" stems
	fuzz   int      // edit distance allowed in fuzzy matching
	stop   bool     // a language analyzer dropped it
}

// words analyses text into at most maxWords distinct words. lang limits
// stemming to that document language's analyzer ("" uses every language in
// the index).
func (b *queryBuilder) words(text, lang string) []word {
	var out []word
	seen := make(map[string]bool)
	for _, tok := range b.an.lower.Analyze([]byte(text)) {
		if len(out) == maxWords {
			break
		}
		raw := string(tok.Term)
		if utf8.RuneCountInString(raw) > maxWordRunes {
			raw = truncateRunes(raw, maxWordRunes)
		}
		w := b.word(raw, lang)
		if w.folded == "" || seen[w.folded] {
			continue
		}
		seen[w.folded] = true
		out = append(out, w)
	}
	return out
}

// word analyses one lower-case word.
func (b *queryBuilder) word(raw, lang string) word {
	w := word{folded: string(foldToken(nil, raw))}
	for _, s := range b.stemmersFor(lang) {
		ts := s.analyzer.Analyze([]byte(raw))
		for _, t := range ts {
			w.stems = appendUnique(w.stems, string(t.Term))
		}
		if len(ts) == 0 && s.alang != "" {
			w.stop = true
		}
	}
	w.keys = []string{w.folded}
	for _, alang := range []string{no.AnalyzerName, da.AnalyzerName} {
		for _, t := range b.an.stemmers[alang].Analyze([]byte(raw)) {
			w.keys = appendUnique(w.keys, alang+":"+string(t.Term))
		}
	}
	if n := utf8.RuneCountInString(raw); n <= maxFuzzyRunes {
		w.fuzz = fuzziness(n)
	}
	return w
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
	alts  []alt  // synonyms, word families, abbreviations or expansions
	parts []word // a word the index lacks, split into words it has
	lacks bool   // a single word in no document: fuzzy matching applies
	stop  bool
}

// alt is another way to say what a member of a synonym group or an
// abbreviation says.
type alt struct {
	words  []word
	weight float64
	direct bool // ranks among what was typed (word families), not below it
}

// plan splits text into slots, matching the longest synonym member first.
func (b *queryBuilder) plan(text, lang string) []slot {
	ws := b.words(text, lang)
	var slots []slot
	for i := 0; i < len(ws); {
		n, alts := b.alts.match(ws[i:])
		s := slot{words: ws[i : i+n], alts: alts, stop: true}
		for _, w := range s.words {
			s.stop = s.stop && w.stop
		}
		if n == 1 && !s.stop {
			s.lacks = b.lacks(ws[i])
			if s.lacks || b.rare(ws[i]) {
				s.parts = b.splitWord(ws[i], lang)
			}
		}
		slots = append(slots, s)
		i += n
	}
	return slots
}

// lacks reports whether no document has w.
func (b *queryBuilder) lacks(w word) bool {
	if b.vocab == nil {
		return false
	}
	return b.vocab.docFreq(w.folded) == 0
}

// rare reports whether w is in so few documents (at most 2, or 1 in 1,000)
// that the pages with its parts are worth adding: "koordinatorrollen" is in
// one page, "koordinator" and "rollen" in many.
func (b *queryBuilder) rare(w word) bool {
	return b.vocab != nil && uint64(b.vocab.docFreq(w.folded)) <= max(2, b.vocab.docs/1000)
}

// splitWord returns the parts of a compound the index lacks or has rarely,
// as words.
func (b *queryBuilder) splitWord(w word, lang string) []word {
	s := splitter{df: b.vocab.docFreq}
	parts := s.split(w.folded)
	out := make([]word, 0, len(parts))
	for _, p := range parts {
		pw := b.word(p, lang)
		pw.fuzz = 0
		out = append(out, pw)
	}
	return out
}

// buildQuery turns user text into a query. It never fails: text without
// words gives nil, a query that matches nothing.
func (b *queryBuilder) buildQuery(text, lang string) (*qnode, *matcher) {
	slots := b.plan(text, lang)
	if slices.ContainsFunc(slots, func(s slot) bool { return !s.stop }) {
		slots = slices.DeleteFunc(slots, func(s slot) bool { return s.stop })
	}
	if len(slots) > maxSlots {
		slots = b.rarest(slots, maxSlots)
	}
	m := newMatcher(slots)
	qs := make([]*qnode, len(slots))
	for i, s := range slots {
		qs[i] = b.slotQuery(s, lang)
		if qs[i] == nil {
			qs[i] = &qnode{op: opSum, kids: []*qnode{}} // counts as a clause; matches nothing
		}
	}
	switch {
	case len(qs) == 0:
		return nil, m
	case len(qs) == 1:
		return qs[0], m
	}
	if need := minShouldMatch(len(qs)); need < len(qs) {
		return &qnode{kids: qs, op: opCoord, min: need}, m
	}
	return &qnode{kids: qs, op: opAll}, m
}

// rarest returns the n slots whose words are in the fewest documents, in
// their order in the query.
func (b *queryBuilder) rarest(slots []slot, n int) []slot {
	if b.vocab == nil {
		return slots[:n]
	}
	df := func(s slot) uint32 { // of the slot's rarest word
		least := uint32(math.MaxUint32)
		for _, w := range s.words {
			least = min(least, b.vocab.docFreq(w.folded))
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

// slotQuery is the sum of a slot's words, its alternatives and its parts.
func (b *queryBuilder) slotQuery(s slot, lang string) *qnode {
	qs := []*qnode{b.phraseQuery(s.words, 1, true)}
	if s.lacks && len(s.words) == 1 {
		qs = append(qs, b.fuzzyQuery(s.words[0], lang))
	}
	for _, a := range s.alts {
		qs = append(qs, b.phraseQuery(a.words, a.weight, a.direct))
	}
	if len(s.parts) > 0 {
		qs = append(qs, b.partsQuery(s.parts))
	}
	return combine(opSum, qs)
}

// partsQuery matches the parts of a split query word: pages with all of them
// first, then pages with some (a compound is often written otherwise:
// "stafettloggmal" may be a template for a stafettlogg).
func (b *queryBuilder) partsQuery(parts []word) *qnode {
	var qs []*qnode
	for _, p := range parts {
		qs = append(qs, b.wordQuery(p, weightCompound, false))
	}
	if n := len(qs); n > 1 {
		q := &qnode{kids: qs, op: opCoord, min: 1}
		for i, k := range qs {
			if k == nil {
				q.kids[i] = &qnode{kids: []*qnode{}} // counts as a part; matches nothing
			}
		}
		return q
	}
	return qs[0]
}

// phraseQuery matches a word, or a phrase: all of its words (which need not
// be adjacent: the index keeps no positions). Stop words are left out of a
// phrase that has other words. typed: the words are what the user typed.
func (b *queryBuilder) phraseQuery(ws []word, weight float64, typed bool) *qnode {
	if len(ws) == 1 {
		return b.wordQuery(ws[0], weight, typed)
	}
	var qs []*qnode
	for _, w := range ws {
		if !w.stop {
			qs = append(qs, b.wordQuery(w, weight, typed))
		}
	}
	if len(qs) == 0 {
		for _, w := range ws {
			qs = append(qs, b.wordQuery(w, weight, typed))
		}
	}
	if slices.Contains(qs, nil) {
		return nil // a word no document has: the phrase matches nothing
	}
	return combine(opAll, qs)
}

// wordQuery matches one word by its stems: in every stemmed field, and in
// the parts fields. Terms no document has are left out; nil if none is left.
// typed: the word is what the user typed, and its matches are direct (see
// qnode.direct); a match as part of a compound counts as direct too, at its
// lower weight.
func (b *queryBuilder) wordQuery(w word, weight float64, typed bool) *qnode {
	var qs []*qnode
	for _, s := range w.stems {
		for _, f := range stemFields {
			if b.has(f.name, s) {
				qs = append(qs, termNode(f.name, s, f.boost*weight))
			}
		}
		for _, f := range partsFields {
			if b.has(f.name, s) {
				// ranked as the whole word would be, only lower
				q := termNode(f.name, s, f.boost*boostParts*weight)
				if b.has(fieldAll, s) {
					q.idfField = fieldAll
				}
				qs = append(qs, q)
			}
		}
	}
	q := combine(opSum, qs)
	if q != nil && typed {
		q.direct = true
	}
	return q
}

// has reports whether a document has term in field (true when unknown).
func (b *queryBuilder) has(field, term string) bool {
	return b.df == nil || b.df(field, term) > 0
}

// fuzzyWeight multiplies the boost of a fuzzy match by its edit distance.
var fuzzyWeight = [...]float64{1, 0.5, 0.25}

// fuzzyQuery matches the index words within w.fuzz edits of w, at most
// maxFuzzyTerms, closest first, by their stems in title and all. Every term
// gets the inverse document frequency of the most common one, as in Lucene,
// so that a rare misspelling in some page does not outrank the common,
// correct word.
func (b *queryBuilder) fuzzyQuery(w word, lang string) *qnode {
	if w.fuzz == 0 || b.vocab == nil {
		return nil
	}
	cands := b.vocab.fuzzy(w.folded, w.fuzz, fuzzyPrefix, maxFuzzyTerms)
	var maxDF uint32
	for _, c := range cands {
		maxDF = max(maxDF, c.df)
	}
	// tf-idf as in evaluate.go; a score grows with idf squared.
	idf := func(df uint32) float64 {
		return max(0.1, 1+math.Log(float64(b.vocab.docs)/float64(df+1)))
	}
	blend := idf(maxDF)
	var qs []*qnode
	seen := make(map[string]bool)
	for _, c := range cands {
		ratio := blend / idf(c.df)
		boost := boostFuzzy * fuzzyWeight[c.dist] * ratio * ratio
		for _, s := range b.word(c.term, lang).stems {
			if seen[s] {
				continue
			}
			seen[s] = true
			for _, f := range []struct {
				name  string
				boost float64
			}{stemFields[0], stemFields[len(stemFields)-1]} {
				if b.has(f.name, s) {
					qs = append(qs, termNode(f.name, s, f.boost*boost))
				}
			}
		}
	}
	return combine(opSum, qs)
}

// alternatives are the synonym groups, word families and abbreviations,
// indexed for matching query words against their members.
type alternatives struct {
	byKey  map[string][]*altEntry // a key of the member's first word -> entries
	maxLen int                    // most words in a member
}

// altEntry is a member (a synonym, a word of a family, an abbreviation or an
// expansion) and what it also searches for.
type altEntry struct {
	member []word
	alts   []alt
}

func newAlternatives(b *queryBuilder, syn Synonyms, abbr Abbreviations) *alternatives {
	a := &alternatives{byKey: make(map[string][]*altEntry)}
	type other struct {
		text   string
		weight float64
		direct bool
	}
	add := func(member string, others []other) {
		e := &altEntry{member: b.words(member, "")}
		if len(e.member) == 0 {
			return
		}
		for _, o := range others {
			if ws := b.words(o.text, ""); len(ws) > 0 {
				e.alts = append(e.alts, alt{ws, o.weight, o.direct})
			}
		}
		a.maxLen = max(a.maxLen, len(e.member))
		for _, k := range e.member[0].keys {
			a.byKey[k] = append(a.byKey[k], e)
		}
	}
	for _, g := range syn.Groups {
		for i, m := range g {
			var others []other
			for j, o := range g {
				if j != i {
					others = append(others, other{o, weightSynonym, false})
				}
			}
			add(m, others)
		}
	}
	for _, g := range syn.Families {
		for fi, fam := range g {
			for i, m := range fam {
				var others []other
				for fj, f := range g {
					for j, o := range f {
						switch {
						case fj == fi && j != i:
							others = append(others, other{o, weightFamily, true})
						case fj != fi:
							others = append(others, other{o, weightRelated, true})
						}
					}
				}
				add(m, others)
			}
		}
	}
	for _, ab := range abbr.Entries {
		var others []other
		for _, e := range ab.Expansions {
			others = append(others, other{e, weightSynonym, false})
			add(e, []other{{ab.Short, weightSynonym, false}})
		}
		add(ab.Short, others)
	}
	return a
}

// match returns how many of ws, from the first, the longest member they
// begin with has (1 when none), and that member's alternatives: of every
// member of that length that matches, each alternative once (the one with
// the highest weight), none that is what was typed.
func (a *alternatives) match(ws []word) (int, []alt) {
	for n := min(a.maxLen, len(ws)); n >= 1; n-- {
		var alts []alt
		at := map[string]int{phraseKey(ws[:n]): -1}
		found := false
		for _, k := range ws[0].keys {
			for _, e := range a.byKey[k] {
				if len(e.member) != n || !matchWords(ws[:n], e.member) {
					continue
				}
				found = true
				for _, al := range e.alts {
					switch i, ok := at[phraseKey(al.words)]; {
					case !ok:
						at[phraseKey(al.words)] = len(alts)
						alts = append(alts, al)
					case i >= 0 && al.weight > alts[i].weight:
						alts[i] = al
					}
				}
			}
		}
		if found {
			return n, alts
		}
	}
	return 1, nil
}

// matchWords reports whether each word of ws shares a key with the word of
// member at the same place.
func matchWords(ws, member []word) bool {
	for i := range ws {
		if !slices.ContainsFunc(ws[i].keys, func(k string) bool { return slices.Contains(member[i].keys, k) }) {
			return false
		}
	}
	return true
}

func phraseKey(ws []word) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.folded
	}
	return strings.Join(parts, " ")
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
