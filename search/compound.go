package search

import (
	"math"
	"strings"
	"sync"
)

// Decompounding. Norwegian and Danish join words freely: "ansvarsgruppemøte"
// is "ansvarsgruppe" + "møte", "barnevernloven" is "barn" + e + "vern" +
// "loven". A searcher may type the compound where the pages have the parts,
// or a part where the pages have the compound. Both directions use the
// index's own vocabulary (the folded words of every page, with the number
// of pages each is in) rather than a dictionary:
//
//   - at build time every word of at least minCompoundLen letters that splits
//     into vocabulary words is also indexed under its parts, in the field
//     parts, which ranks below whole words: "koordinator" finds the pages that
//     only say "barnekoordinator", after those that say "koordinator";
//   - at query time a word that is in no page but splits into vocabulary words
//     is searched as those words (all of them, like a phrase), ranked below an
//     exact match.
//
// A part is a vocabulary word of at least minPartLen letters, in at least
// minPartDF pages, that is not a stop word ("til" would make "tiltak" a
// compound). Between two parts may stand the linking letters s or e
// ("ansvar-s-gruppe", "barn-e-hage"). Of several ways to split a word the one
// with the fewest parts wins, then the one whose parts are most common
// (highest geometric mean of their page counts, as in Koehn and Knight,
// "Empirical methods for compound splitting", 2003).
const (
	minCompoundLen = 8 // letters (folded bytes) of a word that may be split
	minPartLen     = 3
	minPartDF      = 2
	maxParts       = 3
)

// splitter splits compounds against a vocabulary.
type splitter struct {
	df func(word string) uint32
}

// split returns the parts of word (folded), or nil when it is no compound of
// vocabulary words.
func (s splitter) split(word string) []string {
	if len(word) < minCompoundLen || !lettersOnly(word) {
		return nil
	}
	for n := 2; n <= maxParts; n++ {
		if parts, _ := s.best(word, n); parts != nil {
			return parts
		}
	}
	return nil
}

// best returns the best split of word into exactly n parts and its score,
// the sum of the logs of the parts' page counts; nil if there is none.
func (s splitter) best(word string, n int) ([]string, float64) {
	if n == 1 {
		if df := s.partDF(word); df > 0 {
			return []string{word}, math.Log(float64(df))
		}
		return nil, 0
	}
	var bestParts []string
	var bestScore float64
	for i := minPartLen; i <= len(word)-minPartLen*(n-1); i++ {
		head := word[:i]
		df := s.partDF(head)
		if df == 0 {
			// a linking letter: "ansvars" is "ansvar" + s
			if c := head[len(head)-1]; (c == 's' || c == 'e') && len(head) > minPartLen {
				head = head[:len(head)-1]
				df = s.partDF(head)
			}
			if df == 0 {
				continue
			}
		}
		tail, score := s.best(word[i:], n-1)
		if tail == nil {
			continue
		}
		if score += math.Log(float64(df)); bestParts == nil || score > bestScore {
			bestParts, bestScore = append([]string{head}, tail...), score
		}
	}
	return bestParts, bestScore
}

// partDF is the page count of word if it may be a part, else 0.
func (s splitter) partDF(word string) uint32 {
	if len(word) < minPartLen || isStopWord(word) {
		return 0
	}
	if df := s.df(word); df >= minPartDF {
		return df
	}
	return 0
}

func lettersOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// stopWords are the folded stop words of the analyzer languages.
var stopWords = sync.OnceValue(func() map[string]bool {
	set := make(map[string]bool)
	for _, list := range stopLists {
		words, err := foldedStopWords(list)
		if err != nil {
			panic(err)
		}
		for w := range words {
			set[w] = true
		}
	}
	return set
})

func isStopWord(folded string) bool { return stopWords()[folded] }

// partsText is the text of a document's parts field: the parts of its
// compound words, each once.
func partsText(compounds []string, splits map[string][]string) string {
	seen := make(map[string]bool)
	var b strings.Builder
	for _, c := range compounds {
		for _, p := range splits[c] {
			if !seen[p] {
				seen[p] = true
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(p)
			}
		}
	}
	return b.String()
}
