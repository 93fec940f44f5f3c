package search

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/query"
)

// FuzzBuildQuery feeds arbitrary text to the query builder and to Search.
// The builder must not panic, must always return a query, and may only build
// term, disjunction, conjunction and match-none queries: never a query-string
// (or wildcard, regexp, …) query. Search must answer or reject the request.
func FuzzBuildQuery(f *testing.F) {
	for _, seed := range []struct{ q, lang string }{
		{"stafettlogg", ""},
		{"pa tvers", ""},
		{"på tvers", "nb"},
		{"koordinater", ""},
		{"netvaerksmoede", "da"},
		{"hva sier helse- og omsorgstjenesteloven om BTI", ""},
		{`title:x AND "abc`, ""},
		{`*`, ""},
		{`/.*/`, ""},
		{`+barn -skole~2^3`, ""},
		{"\xff\xfe", ""},
		{"a\x00b", ""},
		{strings.Repeat("samarbeid ", 30), ""},
		{"ÆØÅ æøå ß ﬁ İ", "xx"},
		{"東京 Ὀδυσσεύς العربية", "en"},
		{"", ""},
	} {
		f.Add(seed.q, seed.lang)
	}

	dir := filepath.Join(f.TempDir(), "index")
	if _, err := Build(dir, testDocs, BuildOptions{Messages: testMessages, Synonyms: testSynonyms}); err != nil {
		f.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { ix.Close() })

	f.Fuzz(func(t *testing.T, text, lang string) {
		q, m := ix.queries.buildQuery(text, lang)
		if q == nil || m == nil {
			t.Fatalf("buildQuery(%q) returned nil", text)
		}
		leaves, err := checkQuery(q, 0)
		if err != nil {
			t.Fatalf("buildQuery(%q): %v", text, err)
		}
		if leaves > maxLeaves {
			t.Fatalf("buildQuery(%q): %d term queries", text, leaves)
		}

		if utf8.ValidString(text) {
			s := m.snippet(text, "")
			if rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s); strings.ContainsAny(rest, "<>") {
				t.Fatalf("snippet(%q) = %q: unescaped markup", text, s)
			}
		}

		_, err = ix.Search(context.Background(), Request{Q: text, Lang: lang})
		var re *RequestError
		if err != nil && !errors.As(err, &re) {
			t.Fatalf("Search(%q, %q): %v", text, lang, err)
		}
	})
}

// maxLeaves bounds the term queries of one query: maxWords words, each with
// up to 4 stems in 5 fields, 2 folded fields and maxFuzzyTerms fuzzy terms,
// plus synonyms. Real queries stay far below.
const maxLeaves = 2000

// checkQuery walks q and returns its number of term queries, or an error for
// a kind of query the builder must not make.
func checkQuery(q query.Query, depth int) (int, error) {
	if depth > 6 {
		return 0, errors.New("query nested too deep")
	}
	sum := func(qs []query.Query) (int, error) {
		n := 0
		for _, c := range qs {
			k, err := checkQuery(c, depth+1)
			if err != nil {
				return 0, err
			}
			n += k
		}
		return n, nil
	}
	switch q := q.(type) {
	case *query.TermQuery:
		if q.Term == "" || !knownField(q.FieldVal) {
			return 0, fmt.Errorf("bad term query %q:%q", q.FieldVal, q.Term)
		}
		return 1, nil
	case *query.DisjunctionQuery:
		if len(q.Disjuncts) == 0 || int(q.Min) > len(q.Disjuncts) {
			return 0, fmt.Errorf("bad disjunction: %d clauses, min %v", len(q.Disjuncts), q.Min)
		}
		return sum(q.Disjuncts)
	case *query.ConjunctionQuery:
		if len(q.Conjuncts) == 0 {
			return 0, errors.New("empty conjunction")
		}
		return sum(q.Conjuncts)
	case *query.MatchNoneQuery:
		return 0, nil
	}
	return 0, fmt.Errorf("query of type %T", q)
}

func knownField(f string) bool {
	switch f {
	case fieldTitle, fieldDescription, fieldHeadings, fieldBody, fieldTerms, fieldTitleFolded, fieldAllFolded:
		return true
	}
	return false
}
