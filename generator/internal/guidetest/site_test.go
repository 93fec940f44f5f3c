package guidetest

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"samvirke/generator/internal/browser"
	"samvirke/generator/internal/contenttest"
	"samvirke/generator/internal/serve"
	"samvirke/generator/internal/site"
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
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewUnstartedServer(serve.Headers(http.FileServer(http.Dir(dir))))
		srv.Listener.Close()
		srv.Listener = l
		srv.Start()
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

// cspCollector runs before the page's own scripts (DevTools-injected scripts are not subject to
// the page's CSP) and records CSP violations, so a test can assert there were none.
const cspCollector = `window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || "") + ":" + e.lineNumber);
});`

// tab is a browser tab with its own cookies and storage (a new browser context), with uncaught
// exceptions and CSP violations recorded.
type tab struct {
	t    *testing.T
	ctx  context.Context
	base string

	mu         sync.Mutex
	exceptions []string
}

func newTab(t *testing.T, parent context.Context) *tab {
	t.Helper()
	ctx := browser.NewTab(t, parent, chromedp.WithNewBrowserContext())
	tb := &tab{t: t, ctx: ctx, base: siteURL(t)}
	err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*runtime.EventExceptionThrown); ok && e.ExceptionDetails != nil {
			msg := e.ExceptionDetails.Text
			if e.ExceptionDetails.Exception != nil {
				msg += " " + e.ExceptionDetails.Exception.Description
			}
			tb.mu.Lock()
			tb.exceptions = append(tb.exceptions, msg)
			tb.mu.Unlock()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspCollector}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tb.checkClean)
	return tb
}

// checkClean fails the test on uncaught exceptions and CSP violations.
func (tb *tab) checkClean() {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	for _, e := range tb.exceptions {
		tb.t.Errorf("uncaught exception in the page: %s", e)
	}
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]string](`window.__cspViolations || []`))
	if err == nil {
		for _, s := range v {
			tb.t.Errorf("CSP violation: %s", s)
		}
	}
}

// open loads path; with JavaScript on, it waits until main.ts has run.
func (tb *tab) open(path string, js bool) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, chromedp.Navigate(tb.base+path)); err != nil {
		tb.t.Fatalf("open %s: %v", path, err)
	}
	if js {
		tb.waitFor(`document.documentElement.classList.contains("js") && document.readyState === "complete"`)
	}
}

func (tb *tab) do(actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, actions...); err != nil {
		tb.t.Fatal(err)
	}
}

// waitFor polls a JavaScript condition for up to five seconds.
func (tb *tab) waitFor(cond string) {
	tb.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		ok, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](`!!(`+cond+`)`))
		if err != nil {
			tb.t.Fatalf("wait for %s: %v", cond, err)
		}
		if ok {
			return
		}
		if time.Now().After(deadline) {
			tb.t.Fatalf("timed out waiting for %s", cond)
		}
		time.Sleep(30 * time.Millisecond)
	}
}

func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		tb.t.Fatalf("evaluate %s: %v", shorten(expr), err)
	}
	return v
}

func shorten(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}
