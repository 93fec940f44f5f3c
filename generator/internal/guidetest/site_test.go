package guidetest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"samvirke/generator/internal/contenttest"
	"samvirke/generator/internal/serve"
	"samvirke/generator/internal/site"
	"samvirke/internal/browser"
)

// The bundled portal is built once (contenttest.Portal) and served by one server for the package.
var built struct {
	srv *httptest.Server
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built.srv != nil {
		built.srv.Close()
	}
	contenttest.RemovePortal()
	os.Exit(code)
}

// siteBuild returns the bundled portal's output directory and site model (built once).
func siteBuild(t *testing.T) (string, *site.Site) {
	t.Helper()
	dir, res := contenttest.Portal(t)
	return filepath.Join(dir, "public"), res.Site
}

// siteURL serves the built site on 127.0.0.1 with the portal's security headers (strict CSP).
func siteURL(t *testing.T) string {
	t.Helper()
	dir, _ := siteBuild(t)
	if built.srv == nil {
		// httptest listens on the loopback interface only.
		srv := httptest.NewServer(serve.Headers(http.FileServer(http.Dir(dir))))
		built.srv = srv
	}
	return built.srv.URL
}

func readPage(t *testing.T, rel string) string {
	t.Helper()
	dir, _ := siteBuild(t)
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// --- browser tabs --------------------------------------------------------------------------------

// tab is a browser.Tab on the built site, with the guide's own helpers.
type tab struct{ *browser.Tab }

func newTab(t *testing.T, parent context.Context) *tab {
	t.Helper()
	return &tab{browser.OpenTab(t, parent, siteURL(t))}
}

func eval[T any](tb *tab, expr string) T { return browser.Eval[T](tb.Tab, expr) }
