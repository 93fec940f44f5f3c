package browser

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// cspCollector runs before a page's own scripts (scripts added through DevTools are not subject
// to the page's CSP) and records the page's CSP violations.
const cspCollector = `window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || "") + ":" + e.lineNumber);
});`

// Tab is a tab for testing a site's pages: it has its own cookies and storage (a new browser
// context), may only reach the site's origin, and records uncaught exceptions and CSP violations,
// which fail the test when it ends (or earlier, at CheckClean).
type Tab struct {
	T    *testing.T
	Ctx  context.Context
	Base string // the site's origin, e.g. "http://127.0.0.1:41234"

	mu          sync.Mutex
	exceptions  []string
	cspReported int
}

// OpenTab opens a tab on the browser of parent for the site at base.
func OpenTab(t *testing.T, parent context.Context, base string) *Tab {
	t.Helper()
	ctx := NewTab(t, parent, chromedp.WithNewBrowserContext())
	tb := &Tab{T: t, Ctx: ctx, Base: base}
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
	// Focus events fire in a headless tab only with focus emulation.
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	if err := BlockOtherOrigins(ctx, base); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tb.CheckClean)
	return tb
}

// CheckClean reports uncaught exceptions and the current page's CSP violations as test errors,
// each once.
func (tb *Tab) CheckClean() {
	tb.T.Helper()
	tb.mu.Lock()
	for _, e := range tb.exceptions {
		tb.T.Errorf("uncaught exception in the page: %s", e)
	}
	tb.exceptions = nil
	tb.mu.Unlock()
	v, err := chromedp.Run(tb.Ctx, chromedp.Evaluate[[]string](`window.__cspViolations || []`))
	if err != nil {
		return // the tab is already closed
	}
	for _, s := range v[min(tb.cspReported, len(v)):] {
		tb.T.Errorf("CSP violation: %s", s)
	}
	tb.cspReported = len(v)
}

// Open loads path; with js, it waits until the site's script has run (main.ts marks <html> with
// the class "js").
func (tb *Tab) Open(path string, js bool) {
	tb.T.Helper()
	tb.cspReported = 0
	if err := chromedp.Do(tb.Ctx, chromedp.Navigate(tb.Base+path)); err != nil {
		tb.T.Fatalf("open %s: %v", path, err)
	}
	if js {
		tb.WaitFor(`document.documentElement.classList.contains("js") && document.readyState === "complete"`)
	}
}

// Do runs actions, failing the test on error.
func (tb *Tab) Do(actions ...chromedp.Action[chromedp.Void]) {
	tb.T.Helper()
	if err := chromedp.Do(tb.Ctx, actions...); err != nil {
		tb.T.Fatal(err)
	}
}

// Key sends a key press to the focused element.
func (tb *Tab) Key(k string) {
	tb.T.Helper()
	tb.Do(chromedp.KeyEvent(k))
}

// WaitFor polls a JavaScript condition for up to ten seconds; errors while a page is being
// replaced count as false.
func (tb *Tab) WaitFor(cond string) {
	tb.T.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ok, err := chromedp.Run(tb.Ctx, chromedp.Evaluate[bool](`!!(`+cond+`)`))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			tb.T.Fatalf("timed out waiting for %s (last error: %v)", shorten(cond), err)
		}
		time.Sleep(30 * time.Millisecond)
	}
}

// Eval evaluates a JavaScript expression in the tab, failing the test on error.
func Eval[T any](tb *Tab, expr string) T {
	tb.T.Helper()
	v, err := chromedp.Run(tb.Ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		tb.T.Fatalf("evaluate %s: %v", shorten(expr), err)
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
