package search

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzBuildQuery feeds arbitrary text to the query builder and to Search.
// The builder must not panic, and may only build term queries in the searched
// fields and well-formed combinations of them. Search must answer or reject
// the request.
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
		if m == nil {
			t.Fatalf("buildQuery(%q) returned no matcher", text)
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
// up to 4 stems in 6 fields and maxFuzzyTerms fuzzy words, plus synonyms
// and the parts of a split word. Real queries stay far below.
const maxLeaves = 2000

// checkQuery walks q and returns its number of term queries, or an error for
// a query the builder must not make.
func checkQuery(q *qnode, depth int) (int, error) {
	switch {
	case q == nil:
		return 0, nil
	case depth > 6:
		return 0, errors.New("query nested too deep")
	case q.kids == nil:
		if q.term == "" || !knownField(q.field) || q.boost <= 0 || q.idfField != "" && !knownField(q.idfField) {
			return 0, fmt.Errorf("bad term query %s", q)
		}
		return 1, nil
	case q.op == opCoord && (q.min < 1 || q.min > len(q.kids)):
		return 0, fmt.Errorf("bad coord: %d clauses, min %d", len(q.kids), q.min)
	}
	n := 0
	for _, c := range q.kids {
		if c == nil {
			return 0, errors.New("nil clause")
		}
		k, err := checkQuery(c, depth+1)
		if err != nil {
			return 0, err
		}
		n += k
	}
	return n, nil
}

func knownField(f string) bool { return slices.Contains(searchedFields, f) }
