package search

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
)

// StatusExpired ranks a document after the others that match, however well it matches: build
// the same documents with and without it and compare the order. The flag is stored in the index.
func TestDemote(t *testing.T) {
	docs := func(demote bool) []Document {
		return []Document{
			{URL: "/lovverk/gammel/", Title: "Samordningsplikt", Body: "Samordningsplikt for skolen. Samordningsplikt.", Type: "lov", Lang: "nb", Status: statusIf(demote)},
			{URL: "/lovverk/eldre/", Title: "Samordningsplikt i den eldste loven", Body: "Samordningsplikt.", Type: "lov", Lang: "nb", Status: statusIf(demote)},
			{URL: "/lovverk/ny/", Title: "Barnehagen", Body: "Barnehagen og kommunen har en samordningsplikt blant mange andre plikter i en lang tekst.", Type: "lov", Lang: "nb"},
		}
	}
	order := func(demote bool) []string {
		dir := filepath.Join(t.TempDir(), "index")
		if _, err := Build(dir, docs(demote), BuildOptions{Messages: testMessages}); err != nil {
			t.Fatal(err)
		}
		ix, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		return urls(t, ix, Request{Q: "samordningsplikt"})
	}
	plain := order(false)
	if !slices.Equal(plain, []string{"/lovverk/gammel/", "/lovverk/eldre/", "/lovverk/ny/"}) {
		t.Fatalf("without demotion: %v; the test needs the demoted documents to win on their own", plain)
	}
	// Demoted: after the body-only match, still found, and in their own order among themselves.
	if got := order(true); !slices.Equal(got, []string{"/lovverk/ny/", "/lovverk/gammel/", "/lovverk/eldre/"}) {
		t.Errorf("demoted: %v", got)
	}
}

func statusIf(expired bool) []string {
	if expired {
		return []string{StatusExpired}
	}
	return nil
}

// Hits of equal score come in URL order, whatever order the build added the documents in.
func TestTiesInURLOrder(t *testing.T) {
	var docs []Document
	for _, u := range []string{"/c/", "/a/", "/d/", "/b/"} {
		docs = append(docs, Document{URL: u, Title: "Stafettlogg", Body: "Stafettlogg.", Type: "side", Lang: "nb"})
	}
	for _, order := range [][]int{{0, 1, 2, 3}, {3, 2, 1, 0}, {1, 3, 0, 2}} {
		var in []Document
		for _, i := range order {
			in = append(in, docs[i])
		}
		dir := filepath.Join(t.TempDir(), "index")
		if _, err := Build(dir, in, BuildOptions{Messages: testMessages}); err != nil {
			t.Fatal(err)
		}
		ix, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := ix.Search(context.Background(), Request{Q: "stafettlogg", Page: 1, Size: 10})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range resp.Hits {
			got = append(got, h.URL)
		}
		if want := []string{"/a/", "/b/", "/c/", "/d/"}; !slices.Equal(got, want) {
			t.Errorf("added in order %v: %v, want %v", order, got, want)
		}
	}
}
