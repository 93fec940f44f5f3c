package searchtest

import (
	"context"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"

	"samvirke/search"
)

// The relevance requirements of the search issue, checked on the shipped content. A failure here
// means that a change to the content, to the documents (sitesearch.Documents) or to the ranking
// (search/) made the portal's search worse for its users.

// result runs q on the portal's index and returns the first n hits.
func result(t *testing.T, ix *search.Index, q string, n int) search.Response {
	t.Helper()
	resp, err := ix.Search(context.Background(), search.Request{Q: q, Size: n})
	if err != nil {
		t.Fatalf("%q: %v", q, err)
	}
	return resp
}

func urls(resp search.Response) []string {
	out := make([]string, len(resp.Hits))
	for i, h := range resp.Hits {
		out[i] = h.URL
	}
	return out
}

// ranking formats the hits for a failure message.
func ranking(resp search.Response) string {
	var b strings.Builder
	for i, h := range resp.Hits {
		fmt.Fprintf(&b, "\n\t%2d. %s (%s, %s)", i+1, h.URL, h.Type, h.Lang)
	}
	return b.String()
}

// requireInTop fails unless every one of want is among the first n hits of q.
func requireInTop(t *testing.T, ix *search.Index, q string, n int, want ...string) {
	t.Helper()
	resp := result(t, ix, q, n)
	got := urls(resp)
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("%q: %s is not in the first %d hits:%s", q, w, n, ranking(resp))
		}
	}
}

// document returns the indexed document with the URL.
func document(t *testing.T, url string) search.Document {
	t.Helper()
	portal(t)
	for _, d := range portalDocs {
		if d.URL == url {
			return d
		}
	}
	t.Fatalf("no search document has the URL %s", url)
	return search.Document{}
}

// text is everything of a document the index searches, lower-cased.
func text(d search.Document) string {
	parts := append([]string{d.Title, d.Description, d.Body}, d.Headings...)
	return strings.ToLower(strings.Join(append(parts, d.Terms...), "\n"))
}

func TestRelevanceStafettlogg(t *testing.T) {
	ix := openIndex(t)
	requireInTop(t, ix, "stafettlogg", 3, "/modeller/samarbeidsmodellen/", "/begreper/stafettlogg/")
}

func TestRelevanceBarnekoordinator(t *testing.T) {
	ix := openIndex(t)
	// The provision hol. § 7-2 a, the glossary entry and the decision tree.
	requireInTop(t, ix, "barnekoordinator", 5,
		"/lovverk/hol-7-2a/", "/begreper/barnekoordinator/", "/beslutningstrer/barnekoordinator/")
	if d := document(t, "/lovverk/hol-7-2a/"); !strings.Contains(strings.Join(d.Terms, " "), "7-2 a") {
		t.Errorf("/lovverk/hol-7-2a/ is not the provision hol. § 7-2 a: terms %q", d.Terms)
	}
}

// "pa tvers", typed without å, finds exactly the pages that "på tvers" finds, and they say
// "på tvers".
func TestRelevanceFoldedSpelling(t *testing.T) {
	ix := openIndex(t)
	plain := result(t, ix, "pa tvers", search.MaxSize)
	nordic := result(t, ix, "på tvers", search.MaxSize)
	if plain.Total == 0 {
		t.Fatal(`"pa tvers" finds nothing`)
	}
	a, b := urls(plain), urls(nordic)
	slices.Sort(a)
	slices.Sort(b)
	if !slices.Equal(a, b) {
		t.Errorf(`"pa tvers" and "på tvers" find different pages:%s
	and%s`, ranking(plain), ranking(nordic))
	}
	for _, h := range plain.Hits[:min(5, len(plain.Hits))] {
		if !strings.Contains(text(document(t, h.URL)), "på tvers") {
			t.Errorf(`"pa tvers": %s does not say "på tvers"`, h.URL)
		}
	}
}

// The typo "koordinater" finds the pages about the koordinator: the glossary entry and the
// decision tree, and the first hits all talk about koordinatorer.
func TestRelevanceTypo(t *testing.T) {
	ix := openIndex(t)
	requireInTop(t, ix, "koordinater", 10, "/begreper/koordinator/", "/beslutningstrer/koordinator/")
	resp := result(t, ix, "koordinater", 5)
	for _, h := range resp.Hits {
		if !strings.Contains(text(document(t, h.URL)), "koordinator") {
			t.Errorf(`"koordinater": %s does not mention a koordinator:%s`, h.URL, ranking(resp))
		}
	}
	if len(resp.Hits) == 0 {
		t.Error(`"koordinater" finds nothing`)
	}
}

// "netværksmøde", with æ and ø or without, finds the Danish model page (lang da), which is where
// the netværksmøde is described in Danish.
func TestRelevanceDanish(t *testing.T) {
	ix := openIndex(t)
	const page = "/modeller/samarbejdsmodellen/"
	if d := document(t, page); d.Lang != "da" {
		t.Fatalf("%s has lang %q, want da", page, d.Lang)
	}
	for _, q := range []string{"netværksmøde", "netvaerksmode", "netværksmøder"} {
		requireInTop(t, ix, q, 3, page)
	}
}

// samhandlingWord matches the word samhandling and its inflections, not compounds such as
// samhandlingsmodellen (which the query does not find either).
var samhandlingWord = regexp.MustCompile(`\bsamhandl(e|er|et|ing|ingen|inger|ingene)\b`)

// "samhandling" also finds pages that only say "samarbeid" (a synonym in data/synonymer.yaml),
// and ranks every one of them below every page that says "samhandling".
func TestRelevanceSynonym(t *testing.T) {
	ix := openIndex(t)
	resp := result(t, ix, "samhandling", search.MaxSize)
	lastDirect, firstSynonym := -1, -1
	var synonymOnly []string
	for i, h := range resp.Hits {
		tx := text(document(t, h.URL))
		switch {
		case samhandlingWord.MatchString(tx):
			lastDirect = i
		case strings.Contains(tx, "samarbeid"):
			synonymOnly = append(synonymOnly, h.URL)
			if firstSynonym < 0 {
				firstSynonym = i
			}
		}
	}
	if lastDirect < 0 {
		t.Fatalf(`"samhandling" finds no page that says it:%s`, ranking(resp))
	}
	if !slices.Contains(synonymOnly, "/begreper/samarbeid/") {
		t.Errorf(`"samhandling" does not find the glossary entry «Samarbeid», which only says "samarbeid":%s`, ranking(resp))
	}
	if firstSynonym >= 0 && firstSynonym < lastDirect {
		t.Errorf(`"samhandling": %s (only "samarbeid") ranks above %s (says "samhandling"):%s`,
			resp.Hits[firstSynonym].URL, resp.Hits[lastDirect].URL, ranking(resp))
	}
	for _, want := range []string{"/begreper/samhandling/", "/modeller/samhandlingsmodellen-nittedal/"} {
		if !slices.Contains(urls(resp), want) {
			t.Errorf(`"samhandling": %s is missing:%s`, want, ranking(resp))
		}
	}
}

// --- The relevance suite ---------------------------------------------------------------------------

// Thresholds of the relevance suite (testdata/relevance.yaml), set a little below what the search
// measured on the bundled portal, so that a change that makes search worse for its users fails
// here: losing two of the queries that pass, or a good part of a ranking's worth across the suite.
// Measured when the suite was written (78 queries that count: success@3 0.988, nDCG@5 0.888); then
// on the portal with the duty-to-report page, contacts, role pages and 11 more provisions, which
// answer some queries better than the pages first judged (judgments updated for «barnevernet»,
// «barnevernloven», «tavshedspligt», «taushetsplikkt»; four pending queries now count): 86
// queries, success@3 0.977, nDCG@5 0.854.
const (
	minSuccessAt3 = 0.96
	minNDCGAt5    = 0.84
)

type relevanceCase struct {
	Q       string   `yaml:"q"`
	Want    []string `yaml:"want"`
	Kind    string   `yaml:"kind"`
	Lang    string   `yaml:"lang"`
	Pending string   `yaml:"pending"`
}

var relevanceKinds = []string{"compound", "abbreviation", "misspelling", "folding", "danish", "legal", "contact", "family", "concept"}

// relevanceMetrics are the suite's figures over the queries that count.
type relevanceMetrics struct {
	Queries    int
	SuccessAt3 float64
	NDCGAt5    float64
}

// ndcgAt5 scores the first five hits against want: the first wanted page has relevance 2, the
// others 1.
func ndcgAt5(hits, want []string) float64 {
	rel := func(u string) float64 {
		switch i := slices.Index(want, u); {
		case i == 0:
			return 2
		case i > 0:
			return 1
		}
		return 0
	}
	gain := func(r float64, pos int) float64 { return (math.Pow(2, r) - 1) / math.Log2(float64(pos)+2) }
	var dcg, ideal float64
	for i, h := range hits[:min(5, len(hits))] {
		dcg += gain(rel(h), i)
	}
	for i, w := range want[:min(5, len(want))] {
		ideal += gain(rel(w), i)
	}
	return dcg / ideal
}

// TestRelevanceSuite runs testdata/relevance.yaml on the bundled portal. `make bench` prints its
// figures (go test -v); it fails below minSuccessAt3 and minNDCGAt5.
func TestRelevanceSuite(t *testing.T) {
	src, err := os.ReadFile("testdata/relevance.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var cases []relevanceCase
	if err := yaml.UnmarshalWithOptions(src, &cases, yaml.Strict()); err != nil {
		t.Fatal(err)
	}
	ix := openIndex(t)
	portal(t)
	pages := map[string]bool{}
	for _, d := range portalDocs {
		pages[d.URL] = true
	}

	var all relevanceMetrics
	byKind := map[string]*relevanceMetrics{}
	seen := map[string]bool{}
	var report strings.Builder
	for _, c := range cases {
		key := c.Q + "|" + c.Lang
		switch {
		case c.Q == "" || len(c.Want) == 0:
			t.Fatalf("relevance.yaml: %q needs q and want", c.Q)
		case !slices.Contains(relevanceKinds, c.Kind):
			t.Fatalf("relevance.yaml: %q has kind %q, want one of %v", c.Q, c.Kind, relevanceKinds)
		case seen[key]:
			t.Fatalf("relevance.yaml: %q twice", c.Q)
		}
		seen[key] = true
		if c.Pending == "" {
			for _, w := range c.Want {
				if !pages[w] {
					t.Errorf("relevance.yaml: %q wants %s, which the portal does not have", c.Q, w)
				}
			}
		}
		resp, err := ix.Search(context.Background(), search.Request{Q: c.Q, Lang: c.Lang, Size: 5})
		if err != nil {
			t.Fatalf("%q: %v", c.Q, err)
		}
		hits := urls(resp)
		success := slices.ContainsFunc(hits[:min(3, len(hits))], func(h string) bool { return slices.Contains(c.Want, h) })
		ndcg := ndcgAt5(hits, c.Want)
		mark := " "
		if !success {
			mark = "✗"
		}
		fmt.Fprintf(&report, "\n\t%s %-13s %-40q nDCG@5 %.2f %s", mark, c.Kind, c.Q, ndcg, strings.Join(hits, " "))
		if c.Pending != "" {
			fmt.Fprintf(&report, " (pending: %s)", c.Pending)
			if success {
				t.Logf("%q passes now: remove its pending (%s)", c.Q, c.Pending)
			}
			continue
		}
		for _, m := range []*relevanceMetrics{&all, kindMetrics(byKind, c.Kind)} {
			m.Queries++
			m.NDCGAt5 += ndcg
			if success {
				m.SuccessAt3++
			}
		}
	}
	finish := func(m *relevanceMetrics) {
		m.SuccessAt3 /= float64(m.Queries)
		m.NDCGAt5 /= float64(m.Queries)
	}
	finish(&all)
	var kinds strings.Builder
	for _, k := range relevanceKinds {
		if m := byKind[k]; m != nil {
			finish(m)
			fmt.Fprintf(&kinds, "\n\t%-13s %2d queries  success@3 %.3f  nDCG@5 %.3f", k, m.Queries, m.SuccessAt3, m.NDCGAt5)
		}
	}
	t.Logf("relevance: %d queries (%d pending): success@3 %.3f, nDCG@5 %.3f%s\n\tper query (✗: no wanted page in the first three):%s",
		all.Queries, len(cases)-all.Queries, all.SuccessAt3, all.NDCGAt5, kinds.String(), report.String())
	if all.Queries < 60 {
		t.Errorf("the suite has %d queries that count; it needs at least 60", all.Queries)
	}
	if all.SuccessAt3 < minSuccessAt3 || all.NDCGAt5 < minNDCGAt5 {
		t.Errorf("relevance fell: success@3 %.3f (at least %.3f), nDCG@5 %.3f (at least %.3f); see the per-query lines with -v",
			all.SuccessAt3, minSuccessAt3, all.NDCGAt5, minNDCGAt5)
	}
}

func kindMetrics(m map[string]*relevanceMetrics, kind string) *relevanceMetrics {
	if m[kind] == nil {
		m[kind] = &relevanceMetrics{}
	}
	return m[kind]
}
