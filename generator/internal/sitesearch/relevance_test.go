package sitesearch_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

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
