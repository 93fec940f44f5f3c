// Package portaltest tests, in headless Chromium on the bundled portal, what a worker does with the
// portal on the job: finds a number to call (contacts), fills in and prints a form, and uses the
// menu on a phone with and without JavaScript.
package portaltest

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"samvirke/generator/internal/contenttest"
	"samvirke/generator/internal/serve"
	"samvirke/internal/browser"
)

var srv *httptest.Server

func TestMain(m *testing.M) {
	code := m.Run()
	if srv != nil {
		srv.Close()
	}
	contenttest.RemovePortal()
	os.Exit(code)
}

// site builds the bundled portal once and serves it with the portal's security headers.
func site(t *testing.T) string {
	t.Helper()
	dir, _ := contenttest.Portal(t)
	if srv == nil {
		srv = httptest.NewServer(serve.Headers(http.FileServer(http.Dir(filepath.Join(dir, "public")))))
	}
	return srv.URL
}

func publicDir(t *testing.T) string {
	t.Helper()
	dir, _ := contenttest.Portal(t)
	return filepath.Join(dir, "public")
}

// withVisible wraps a JavaScript expression in a function that has the helper visible(el): the
// element takes up space and is not hidden.
func withVisible(expr string) string {
	return `(() => { const visible = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden"; return (` + expr + `); })()`
}

func eval[T any](tb *browser.Tab, expr string) T { return browser.Eval[T](tb, expr) }
