package search

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const testPublic = "testdata/public"

func servePage(t *testing.T, ix *Index, method, target string) (*httptest.ResponseRecorder, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	PageHandler(ix, testPublic).ServeHTTP(rec, httptest.NewRequest(method, target, nil))
	for k, v := range map[string]string{
		"Cache-Control":          "no-store",
		"X-Content-Type-Options": "nosniff",
	} {
		if got := rec.Header().Get(k); got != v {
			t.Errorf("%s: %s: %q, want %q", target, k, got, v)
		}
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/") || !strings.HasSuffix(ct, "charset=utf-8") {
		t.Errorf("%s: Content-Type %q", target, ct)
	}
	return rec, rec.Body.String()
}

func TestPageWithoutQueryIsUnchanged(t *testing.T) {
	ix := openTestIndex(t)
	page, err := os.ReadFile(filepath.Join(testPublic, "sok", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{"/sok/", "/sok/?q=", "/sok/?q=+++", "/sok/?page=2"} {
		rec, body := servePage(t, ix, "GET", target)
		if rec.Code != 200 || body != string(page) {
			t.Errorf("%s: status %d, page changed", target, rec.Code)
		}
	}
}

func TestPageResults(t *testing.T) {
	ix := openTestIndex(t)
	rec, body := servePage(t, ix, "GET", "/sok/?q=pa+tvers")
	if rec.Code != 200 {
		t.Fatalf("status %d", rec.Code)
	}
	for _, want := range []string{
		`value="pa tvers" data-samvirke-query`,
		`<h2 id="sok-resultat-overskrift">1 treff for «pa tvers»</h2>`,
		`<ol class="sok-treff">`,
		`<a href="/veiviser/" lang="nb">Seks trinn fra undring til handling</a>`,
		`<p class="sok-treff-type">Veiviser</p>`,
		`<mark>tvers</mark>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(body, "<!--samvirke:results-->") || strings.Contains(body, `value=""`) {
		t.Error("markers left in the page")
	}
	if strings.Contains(body, `class="sok-sider"`) {
		t.Error("pagination for one hit")
	}
}

func TestPageEscapesQuery(t *testing.T) {
	ix := openTestIndex(t)
	_, body := servePage(t, ix, "GET", `/sok/?q=%22%3E%3Cb%3Ezzqx%3C/b%3E%26`)
	if strings.Contains(body, "<b>") {
		t.Fatal("query reflected unescaped")
	}
	for _, want := range []string{
		`value="&#34;&gt;&lt;b&gt;zzqx&lt;/b&gt;&amp;" data-samvirke-query`,
		`Ingen treff for «&#34;&gt;&lt;b&gt;zzqx&lt;/b&gt;&amp;»`,
		`<p class="sok-ingen">`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
}

func TestPagePaginationAndFilters(t *testing.T) {
	ix := openTestIndex(t)
	_, body := servePage(t, ix, "GET", "/sok/?q=kommunen&size=1&page=2")
	for _, want := range []string{
		`<ol class="sok-treff" start="2">`,
		`<nav class="sok-sider" aria-label="Sider med treff">`,
		`<a href="?q=kommunen&amp;size=1" rel="prev">Forrige</a>`,
		`<a href="?q=kommunen&amp;size=1&amp;page=2" aria-current="page">2</a>`,
		`<a href="?q=kommunen&amp;size=1&amp;page=3" rel="next">Neste</a>`,
		`<nav class="sok-filter" aria-label="Avgrens etter type">`,
		`<a href="?q=kommunen&amp;size=1" aria-current="true">Alle (`,
		`<a href="?q=kommunen&amp;type=lov&amp;size=1">Lovbestemmelse (1)</a>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	_, body = servePage(t, ix, "GET", "/sok/?q=kommunen&type=lov")
	if !strings.Contains(body, `aria-current="true">Lovbestemmelse (1)</a>`) || !strings.Contains(body, "1 treff for") {
		t.Errorf("filtered page: %s", body)
	}
}

func TestPageBadInput(t *testing.T) {
	ix := openTestIndex(t)
	for _, target := range []string{
		"/sok/?q=" + strings.Repeat("x", 10<<10),
		"/sok/?q=%ff",
		"/sok/?q=x&page=999999",
		"/sok/?q=x&size=-1",
		"/sok/?q=x&type=%3Cb%3E",
	} {
		rec, body := servePage(t, ix, "GET", target)
		if rec.Code != 400 || !strings.Contains(body, `<p class="sok-feil">`) || !strings.Contains(body, "<!DOCTYPE html>") {
			t.Errorf("%.40s: status %d, body %.300s", target, rec.Code, body)
		}
		if strings.Contains(body, "<b>") {
			t.Errorf("%.40s: input reflected", target)
		}
	}
	rec, _ := servePage(t, ix, "POST", "/sok/?q=x")
	if rec.Code != 405 {
		t.Errorf("POST: %d", rec.Code)
	}
	rec, body := servePage(t, ix, "HEAD", "/sok/?q=barn")
	if rec.Code != 200 || body == "" { // the recorder keeps HEAD bodies; servers drop them
		t.Errorf("HEAD: %d", rec.Code)
	}
}

func TestPageMissingTemplate(t *testing.T) {
	ix := openTestIndex(t)
	rec := httptest.NewRecorder()
	PageHandler(ix, t.TempDir()).ServeHTTP(rec, httptest.NewRequest("GET", "/sok/?q=x", nil))
	if rec.Code != http.StatusInternalServerError {
		t.Errorf("missing page: %d", rec.Code)
	}
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "sok"), 0o755)
	os.WriteFile(filepath.Join(dir, "sok", "index.html"), []byte("<!DOCTYPE html><title>x</title>"), 0o644)
	rec = httptest.NewRecorder()
	PageHandler(ix, dir).ServeHTTP(rec, httptest.NewRequest("GET", "/sok/?q=x", nil))
	if rec.Code != http.StatusInternalServerError {
		t.Errorf("page without markers: %d", rec.Code)
	}
}

// TestPageWriteSample writes a results page for HTML validation when
// SAMVIRKE_PAGE_SAMPLE names a directory.
func TestPageWriteSample(t *testing.T) {
	out := os.Getenv("SAMVIRKE_PAGE_SAMPLE")
	if out == "" {
		t.Skip("SAMVIRKE_PAGE_SAMPLE not set")
	}
	ix := openTestIndex(t)
	for name, target := range map[string]string{
		"results.html":   "/sok/?q=kommunen&size=2&page=2",
		"danish.html":    "/sok/?q=netvaerksmode",
		"none.html":      "/sok/?q=%3Cb%3Efinnes+ikke",
		"error.html":     "/sok/?q=x&page=0",
		"unchanged.html": "/sok/",
	} {
		_, body := servePage(t, ix, "GET", target)
		if err := os.WriteFile(filepath.Join(out, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// A hit's status shows as a badge with the page's own words for it; a search that finds nothing
// shows the block with the ways in, and "did you mean" when there are suggestions.
func TestPageStatusAndNone(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	docs := []Document{
		{URL: "/lovverk/ny/", Title: "Samordningsplikt", Body: "Samordningsplikten gjelder nå.", Type: "lov", Lang: "nb"},
		{URL: "/lovverk/gammel/", Title: "Samordningsplikt før 2023", Body: "Samordningsplikten gjaldt før.", Type: "lov", Lang: "nb",
			Status: []string{StatusExpired, StatusUnverified}},
	}
	if _, err := Build(dir, docs, BuildOptions{Messages: testMessages}); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, body := servePage(t, ix, "GET", "/sok/?q=samordningsplikt")
	for _, want := range []string{
		`<p class="sok-treff-type">Lovbestemmelse <span class="status-badge status-expired">Gjelder ikke lenger</span> <span class="status-badge status-unverified">Ikke verifisert</span></p>`,
		`data-search-none hidden`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("results page lacks %s", want)
		}
	}
	if i, j := strings.Index(body, "/lovverk/ny/"), strings.Index(body, "/lovverk/gammel/"); i < 0 || j < i {
		t.Error("the provision that no longer applies ranks first")
	}

	_, body = servePage(t, ix, "GET", "/sok/?q=damordningsplikt") // the first letter wrong: searching does not forgive that
	for _, want := range []string{
		`<div data-search-none>`,
		`<p data-search-didyoumean>Mente du <span data-search-suggestions><a href="?q=samordningsplikt">samordningsplikt</a></span>?</p>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page for a search that finds nothing lacks %s:\n%s", want, body)
		}
	}
	_, body = servePage(t, ix, "GET", "/sok/?q=qqqqqqq")
	if !strings.Contains(body, `<div data-search-none>`) || !strings.Contains(body, `<p data-search-didyoumean hidden>`) {
		t.Errorf("no suggestions: want the ways in without did-you-mean:\n%s", body)
	}
}

// TestPageAndAPIInTheRequestedLanguage: ?ui=da gives the results block in Danish (marked
// lang="da" inside the Norwegian page) and keeps ui in its links; the API's errors follow ui too.
func TestPageAndAPIInTheRequestedLanguage(t *testing.T) {
	ix := openTestIndex(t)
	_, body := servePage(t, ix, "GET", "/sok/?q=kommunen&size=1&page=2&ui=da")
	for _, want := range []string{
		`<section class="sok-resultat" aria-labelledby="sok-resultat-overskrift" lang="da">`,
		`resultater for »kommunen«</h2>`,
		`<nav class="sok-sider" aria-label="Sider med resultater">`,
		`<a href="?q=kommunen&amp;size=1&amp;ui=da" rel="prev">Forrige</a>`,
		`<a href="?q=kommunen&amp;size=1&amp;page=3&amp;ui=da" rel="next">Næste</a>`,
		`<nav class="sok-filter" aria-label="Afgræns efter type">`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("?ui=da: page lacks %s", want)
		}
	}
	// Without ui the block is in the page's language and carries no lang of its own.
	_, body = servePage(t, ix, "GET", "/sok/?q=kommunen")
	if !strings.Contains(body, `<section class="sok-resultat" aria-labelledby="sok-resultat-overskrift">`) || !strings.Contains(body, "treff for «kommunen»") {
		t.Error("without ui: the results block is not in the page's language")
	}
	// A language without texts falls back to the default, and is not kept in the links.
	_, body = servePage(t, ix, "GET", "/sok/?q=kommunen&size=1&ui=se")
	if !strings.Contains(body, `rel="next">Neste</a>`) || strings.Contains(body, "ui=se") {
		t.Error("?ui=se: want the default language, without ui in the links")
	}

	for ui, want := range map[string]string{"da": "Skriv det, du vil søge efter.", "": "Skriv inn det du vil søke etter.", "en": "Type what you want to search for."} {
		rec := httptest.NewRecorder()
		Handler(ix).ServeHTTP(rec, httptest.NewRequest("GET", "/api/search?q=&ui="+ui, nil))
		if rec.Code != 400 || !strings.Contains(rec.Body.String(), `"error":"`+want+`"`) {
			t.Errorf("ui=%q: %d %s, want 400 with %q", ui, rec.Code, rec.Body.String(), want)
		}
	}
}
