package searchtest

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"samvirke/generator/internal/contenttest"
	"samvirke/generator/internal/serve"
	"samvirke/search"
)

// The tests of this package share one build of the bundled portal (contenttest.Portal).
var (
	docsOnce   sync.Once
	portalDocs []search.Document // the documents the build indexed
)

func TestMain(m *testing.M) {
	code := m.Run()
	contenttest.RemovePortal()
	os.Exit(code)
}

// portal returns the directory that holds the bundled portal's public/ and search.bleve/.
func portal(t testing.TB) string {
	t.Helper()
	dir, _ := contenttest.Portal(t)
	docsOnce.Do(func() { portalDocs = contenttest.PortalDocuments(t) })
	return dir
}

// openIndex opens the portal's index for the test.
func openIndex(t testing.TB) *search.Index {
	t.Helper()
	ix, err := search.Open(filepath.Join(portal(t), "search.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// siteHandler serves the built portal as samvirke does, with the portal's security headers: the
// files of public/ (a directory is its index.html, anything missing gets 404.html), plus
// /api/search when withAPI is set and the server-rendered /sok/ when withPage is set. Without both
// it is plain static hosting.
func siteHandler(t testing.TB, ix *search.Index, withAPI, withPage bool) http.Handler {
	t.Helper()
	public := filepath.Join(portal(t), "public")
	mux := http.NewServeMux()
	files := http.FileServer(http.Dir(public))
	mux.Handle("/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := filepath.Join(public, filepath.FromSlash(r.URL.Path))
		if st, err := os.Stat(name); err != nil || st.IsDir() && !exists(filepath.Join(name, "index.html")) {
			page, _ := os.ReadFile(filepath.Join(public, "404.html"))
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			w.Write(page)
			return
		}
		files.ServeHTTP(w, r)
	}))
	if withAPI {
		mux.Handle("/api/search", search.Handler(ix))
	}
	if withPage {
		mux.Handle("/sok/", search.PageHandler(ix, public))
	}
	return serve.Headers(mux)
}

func exists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}

// listen serves h on 127.0.0.1 (never another address) for the duration of the test.
func listen(t testing.TB, h http.Handler) *httptest.Server {
	t.Helper()
	// httptest listens on the loopback interface only.
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}
