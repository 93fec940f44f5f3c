package portaltest

import (
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"samvirke/internal/browser"
)

// TestPhoneMenuWithoutJavaScript: on a 390×844 phone with JavaScript off, the «Meny» button opens
// with Enter, Tab reaches its links, and Enter on one opens that page; the home page shows the
// main way in and the search box in the first screen. (The quality gates check the same with
// JavaScript on, on every page type.)
func TestPhoneMenuWithoutJavaScript(t *testing.T) {
	base := site(t)
	ctx := browser.New(t)
	tb := browser.OpenTab(t, ctx, base)
	if _, err := chromedp.Call(tb.Ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if err := browser.SetViewport(tb.Ctx, 390, 844, 1); err != nil {
		t.Fatal(err)
	}
	tb.Open("/", false)
	first := eval[[]bool](tb, `[".home-primary-link", ".home-search input[type=search]"].map((s) => { const r = document.querySelector(s).getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })`)
	if !first[0] || !first[1] {
		t.Errorf("first screen without JavaScript: main way in %v, search %v", first[0], first[1])
	}
	if w := eval[[]int](tb, `[document.documentElement.scrollWidth, document.documentElement.clientWidth]`); w[0] > w[1] {
		t.Errorf("the home page scrolls sideways: %v", w)
	}
	tb.Do(chromedp.Focus(chromedp.CSS("details[data-site-menu] > summary")))
	tb.Key(kb.Enter)
	if !eval[bool](tb, `document.querySelector("details[data-site-menu]").open`) {
		t.Fatal("Enter on «Meny» did not open the menu")
	}
	tb.Key(kb.Tab)
	href := eval[string](tb, `(() => { const a = document.activeElement; return a.closest("details[data-site-menu]") && a.localName === "a" ? a.getAttribute("href") : ""; })()`)
	if href == "" {
		t.Fatalf("Tab after opening the menu is on %s", eval[string](tb, `document.activeElement.outerHTML.slice(0, 80)`))
	}
	tb.Key(kb.Enter)
	tb.WaitFor(`location.pathname === "` + href + `" && document.readyState === "complete"`)
}
