package search

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"unicode/utf8"
)

// No dead ends: a query that finds nothing gets "did you mean" suggestions,
// other queries made from the index's own vocabulary that do find something:
//
//   - the query with each word the index lacks replaced by the closest
//     vocabulary word (edit distance 1 for words of 3–4 letters, 2 from 5; the
//     first letter may be wrong too, unlike in searching), the
//     more common first among equally close ones, or, when none is that
//     close, by the most common word that begins like it (at least
//     minSuggestPrefix letters and half the word: "ansvarsgrupemote" gives
//     "ansvarsgruppe");
//   - for a query of several words that each find something but not
//     together, each of those words alone.
//
// Every suggestion is checked to find something before it is offered, at most
// maxSuggestionChecks of them, so a query that finds nothing costs at most
// that many searches more. Suggestions are spelled as the pages spell them.
const (
	maxSuggestions      = 3
	maxSuggestionChecks = 6
	suggestionsPerWord  = 3
	minSuggestPrefix    = 5
)

// suggestDistance is the edit distance a suggestion may be from a word of n
// letters.
func suggestDistance(n int) int {
	switch {
	case n >= 5:
		return 2
	case n >= 3:
		return 1
	}
	return 0
}

// suggest returns suggestions for r, whose query found nothing.
func (ix *Index) suggest(ctx context.Context, r Request) ([]string, error) {
	b := ix.queries
	if b.vocab == nil {
		return nil, nil
	}
	ws := b.words(r.Q, r.Lang)
	if slices.ContainsFunc(ws, func(w word) bool { return !w.stop }) {
		ws = slices.DeleteFunc(ws, func(w word) bool { return w.stop })
	}
	if len(ws) == 0 {
		return nil, nil
	}

	// options[i] are the spellings word i may be replaced by, best first.
	options := make([][]string, len(ws))
	lacking := 0
	for i, w := range ws {
		if !b.lacks(w) {
			options[i] = []string{b.vocab.spell(w.folded)}
			continue
		}
		lacking++
		n := utf8.RuneCountInString(w.folded)
		// the first letter right first: that search is much cheaper
		cands := b.vocab.fuzzy(w.folded, suggestDistance(n), 1, 64)
		if len(cands) == 0 {
			cands = b.vocab.fuzzy(w.folded, suggestDistance(n), 0, 64)
		}
		slices.SortStableFunc(cands, func(a, c fuzzyCandidate) int {
			return cmp.Or(cmp.Compare(a.dist, c.dist), cmp.Compare(c.df, a.df))
		})
		stems := make(map[string]bool) // inflections of one word find the same: offer one
		for _, c := range cands {
			if len(options[i]) == suggestionsPerWord {
				break
			}
			k := strings.Join(b.word(c.term, r.Lang).stems, " ")
			if c.dist > 0 && !isStopWord(c.term) && !stems[k] {
				stems[k] = true
				options[i] = append(options[i], b.vocab.spell(c.term))
			}
		}
		if len(options[i]) == 0 {
			if t, ok := b.vocab.longestPrefix(w.folded, max(minSuggestPrefix, (len(w.folded)+1)/2)); ok {
				options[i] = append(options[i], b.vocab.spell(t))
			}
		}
	}

	var queries []string
	if lacking > 0 {
		// the best replacement for every lacking word, then the second best
		// for one of them at a time
		best := make([]string, len(ws))
		ok := true
		for i, o := range options {
			if len(o) == 0 {
				ok = false
				break
			}
			best[i] = o[0]
		}
		if ok {
			queries = append(queries, strings.Join(best, " "))
			for i, o := range options {
				for _, alt := range o[1:] {
					q := slices.Clone(best)
					q[i] = alt
					queries = append(queries, strings.Join(q, " "))
				}
			}
		}
	}
	if len(ws) > 1 {
		for _, o := range options {
			if len(o) > 0 {
				queries = append(queries, o[0])
			}
		}
	}

	var out []string
	seen := map[string]bool{strings.ToLower(r.Q): true}
	checks := 0
	for _, q := range queries {
		if len(out) == maxSuggestions || checks == maxSuggestionChecks {
			break
		}
		if seen[q] {
			continue
		}
		seen[q] = true
		checks++
		found, err := ix.finds(ctx, q, r.Lang)
		if err != nil {
			return nil, err
		}
		if found {
			out = append(out, q)
		}
	}
	return out, nil
}

// finds reports whether text finds anything.
func (ix *Index) finds(ctx context.Context, text, lang string) (bool, error) {
	q, _ := ix.queries.buildQuery(text, lang)
	var resp Response
	_, err := ix.run(ctx, q, Request{Q: text, Page: 1, Size: 1}, &resp)
	return resp.Total > 0, err
}
