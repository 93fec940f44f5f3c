package search

import (
	"cmp"
	"slices"
	"sort"
	"strings"
)

// termDict is the vocabulary (see vocab.go), held in memory for fuzzy
// matching. bleve finds fuzzy candidates by building a Levenshtein
// automaton for every query word, which costs more than the rest of a search;
// walking a sorted term list as a trie, and reusing the edit-distance rows of
// the prefix a term shares with the one before, costs a few microseconds.
//
// Distances are counted in bytes. Folded terms of Latin-script text are
// ASCII, so for them that is the same as characters.
type termDict struct {
	terms    []string          // sorted
	df       []uint32          // documents containing terms[i]
	spelling map[string]string // how the pages write a term, where that is not the term
	docs     uint64
}

// spell returns how the pages write term.
func (d *termDict) spell(term string) string {
	if s, ok := d.spelling[term]; ok {
		return s
	}
	return term
}

// docFreq is the number of documents that contain term.
func (d *termDict) docFreq(term string) uint32 {
	if i, ok := slices.BinarySearch(d.terms, term); ok {
		return d.df[i]
	}
	return 0
}

// fuzzyCandidate is an index term within reach of a query word.
type fuzzyCandidate struct {
	term string
	dist int
	df   uint32
}

// fuzzy returns up to limit terms within maxDist edits of word that share its
// first prefix bytes, closest first (then in term order).
func (d *termDict) fuzzy(word string, maxDist, prefix, limit int) []fuzzyCandidate {
	p := word[:prefixEnd(word, prefix)]
	lo := sort.SearchStrings(d.terms, p)
	hi := lo + sort.Search(len(d.terms)-lo, func(i int) bool { return !strings.HasPrefix(d.terms[lo+i], p) })

	n := len(word)
	// rows[k] is the edit-distance row of the first k bytes of the current
	// term against word.
	rows := [][]int{make([]int, n+1)}
	for j := range rows[0] {
		rows[0][j] = j
	}
	var out []fuzzyCandidate
	prev := ""
	for i := lo; i < hi; {
		t := d.terms[i]
		k := commonPrefix(prev, t)
		dead := false
		for ; k < len(t); k++ {
			if len(rows) <= k+1 {
				rows = append(rows, make([]int, n+1))
			}
			above, row := rows[k], rows[k+1]
			row[0] = k + 1
			best := row[0]
			for j := 1; j <= n; j++ {
				cost := 1
				if word[j-1] == t[k] {
					cost = 0
				}
				row[j] = min(above[j]+1, row[j-1]+1, above[j-1]+cost)
				best = min(best, row[j])
			}
			if best > maxDist {
				dead = true
				break
			}
		}
		if dead {
			// No term starting with t[:k+1] can be within reach: skip them.
			dp := t[:k+1]
			i += sort.Search(hi-i, func(j int) bool { return !strings.HasPrefix(d.terms[i+j], dp) })
			prev = t[:k]
			continue
		}
		if dist := rows[len(t)][n]; dist <= maxDist {
			out = append(out, fuzzyCandidate{t, dist, d.df[i]})
		}
		prev = t
		i++
	}
	slices.SortFunc(out, func(a, b fuzzyCandidate) int {
		return cmp.Or(cmp.Compare(a.dist, b.dist), strings.Compare(a.term, b.term))
	})
	return out[:min(len(out), limit)]
}

func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// longestPrefix returns the most common term among those that share the
// longest prefix with word, of at least minLen bytes.
func (d *termDict) longestPrefix(word string, minLen int) (string, bool) {
	for n := len(word) - 1; n >= minLen; n-- {
		p := word[:n]
		lo := sort.SearchStrings(d.terms, p)
		best, found := "", false
		var bestDF uint32
		for i := lo; i < len(d.terms) && strings.HasPrefix(d.terms[i], p) && i < lo+1000; i++ {
			if d.df[i] > bestDF {
				best, bestDF, found = d.terms[i], d.df[i], true
			}
		}
		if found {
			return best, true
		}
	}
	return "", false
}
