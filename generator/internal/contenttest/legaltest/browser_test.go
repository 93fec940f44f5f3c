package legaltest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"samvirke/generator/internal/serve"
	"samvirke/internal/browser"
)

// servePortal serves the built bundled portal on 127.0.0.1 only, with the portal's security
// headers (the CSP allows no inline script or style), and opens a browser tab.
func servePortal(t *testing.T) (context.Context, string) {
	t.Helper()
	ctx := browser.New(t)
	_, _, dest := buildBundled(t)
	// httptest listens on the loopback interface only.
	srv := httptest.NewServer(serve.Headers(http.FileServer(http.Dir(dest))))
	t.Cleanup(srv.Close)
	if err := browser.BlockOtherOrigins(ctx, srv.URL); err != nil {
		t.Fatal(err)
	}
	// Any script error (a CSP violation included) fails the test.
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*runtime.EventExceptionThrown); ok {
			msg := e.ExceptionDetails.Text
			if ex := e.ExceptionDetails.Exception; ex != nil {
				msg += " " + ex.Description
			}
			t.Errorf("script error: %s", msg)
		}
	}); err != nil {
		t.Fatal(err)
	}
	return ctx, srv.URL
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

func run(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// popupState describes the popup and the focused element.
type popupState struct {
	Exists, Visible      bool
	Role, Text           string
	Left, Right, Top     float64
	Bottom               float64
	ActiveClass          string
	ActiveHref           string
	ActiveDescribedBy    string
	ActiveSummary        string
	ViewportW, ViewportH float64
}

const statusJS = `(() => {
  const p = document.getElementById("samvirke-popup");
  const a = document.activeElement;
  const r = p ? p.getBoundingClientRect() : {left: 0, right: 0, top: 0, bottom: 0};
  return {
    Exists: !!p,
    Visible: !!p && !p.hidden && r.width > 0 && getComputedStyle(p).display !== "none",
    Role: p ? p.getAttribute("role") : "",
    Text: p ? p.textContent : "",
    Left: r.left, Right: r.right, Top: r.top, Bottom: r.bottom,
    ActiveClass: a.className || "",
    ActiveHref: a.getAttribute("href") || "",
    ActiveDescribedBy: a.getAttribute("aria-describedby") || "",
    ActiveSummary: a.dataset ? (a.dataset.popup || "") : "",
    ViewportW: document.documentElement.clientWidth,
    ViewportH: innerHeight,
  };
})()`

// tabTo presses Tab until the focused element matches selector.
func tabTo(t *testing.T, ctx context.Context, selector string) {
	t.Helper()
	for range 150 {
		run(t, ctx, chromedp.KeyEvent(kb.Tab))
		if eval[bool](t, ctx, fmt.Sprintf(`document.activeElement.matches(%q)`, selector)) {
			return
		}
	}
	t.Fatalf("Tab never reached %s", selector)
}

// TestPopupKeyboard: Tab to a citation shows its summary in a tooltip tied to the link; Esc hides
// it and leaves focus on the link; the next link gets its own popup; glossary links too.
func TestPopupKeyboard(t *testing.T) {
	ctx, base := servePortal(t)
	run(t, ctx, chromedp.Navigate(base+"/lovverk/pbrl-2-5c/"))
	if s := eval[popupState](t, ctx, statusJS); s.Exists {
		t.Fatal("a popup exists before any interaction")
	}

	tabTo(t, ctx, "a.law-link")
	s := eval[popupState](t, ctx, statusJS)
	if !s.Visible || s.Role != "tooltip" {
		t.Fatalf("focusing %s: popup %+v", s.ActiveHref, s)
	}
	if s.ActiveHref != "/lovverk/hol-7-2a/" || !strings.Contains(s.Text, s.ActiveSummary) || s.ActiveSummary == "" ||
		!strings.Contains(s.Text, "hol. § 7-2 a – Kommunens plikt til å tilby barnekoordinator") {
		t.Errorf("popup text %q for %s (summary %q)", s.Text, s.ActiveHref, s.ActiveSummary)
	}
	if s.ActiveDescribedBy != "samvirke-popup" {
		t.Errorf("aria-describedby = %q, want samvirke-popup", s.ActiveDescribedBy)
	}
	if s.Left < 0 || s.Right > s.ViewportW || s.Top < 0 || s.Bottom > s.ViewportH {
		t.Errorf("popup outside the viewport: %+v", s)
	}

	run(t, ctx, chromedp.KeyEvent(kb.Escape))
	s = eval[popupState](t, ctx, statusJS)
	if s.Visible {
		t.Error("Esc did not hide the popup")
	}
	if s.ActiveHref != "/lovverk/hol-7-2a/" {
		t.Errorf("Esc moved focus to %q", s.ActiveHref)
	}
	if s.ActiveDescribedBy != "" {
		t.Errorf("hidden popup still describes the link: aria-describedby=%q", s.ActiveDescribedBy)
	}

	// Back and forth: leaving the link and returning shows the popup again.
	run(t, ctx, chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift)))
	run(t, ctx, chromedp.KeyEvent(kb.Tab))
	if s = eval[popupState](t, ctx, statusJS); !s.Visible || s.ActiveHref != "/lovverk/hol-7-2a/" {
		t.Errorf("returning to the link: %+v", s)
	}

	// Glossary links use the same popup.
	tabTo(t, ctx, "a.term-link")
	s = eval[popupState](t, ctx, statusJS)
	if !s.Visible || s.ActiveSummary == "" || !strings.Contains(s.Text, s.ActiveSummary) || s.ActiveDescribedBy != "samvirke-popup" {
		t.Errorf("term link %s: %+v", s.ActiveHref, s)
	}
	// Only one link at a time is described by the popup.
	if n := eval[int](t, ctx, `document.querySelectorAll('[aria-describedby~="samvirke-popup"]').length`); n != 1 {
		t.Errorf("%d links described by the popup, want 1", n)
	}

	// Leaving the links hides it.
	run(t, ctx, chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`))
	if s = eval[popupState](t, ctx, statusJS); s.Visible {
		t.Error("popup still visible after focus left the link")
	}
}

// TestPopupNarrowViewport: at 320 CSS pixels every citation's popup stays inside the viewport.
func TestPopupNarrowViewport(t *testing.T) {
	ctx, base := servePortal(t)
	if err := browser.SetViewport(ctx, 320, 640, 1); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/modeller/samarbeidsmodellen/", "/lovverk/fvl-13b-5/"} {
		run(t, ctx, chromedp.Navigate(base+path), chromedp.KeyEvent(kb.Tab)) // the page gets focus: focus() fires events
		n := eval[int](t, ctx, `document.querySelectorAll("a.law-link, a.term-link").length`)
		if n == 0 {
			t.Fatalf("%s has no citation links", path)
		}
		for i := range n {
			s := eval[popupState](t, ctx, fmt.Sprintf(`(() => {
				const a = document.querySelectorAll("a.law-link, a.term-link")[%d];
				a.scrollIntoView({block: "center"});
				a.focus();
				return %s;
			})()`, i, statusJS))
			if !s.Visible {
				t.Errorf("%s link %d (%s): no popup", path, i, s.ActiveHref)
				continue
			}
			if s.Left < 0 || s.Right > s.ViewportW+0.5 || s.Top < 0 || s.Bottom > s.ViewportH+0.5 {
				t.Errorf("%s link %d (%s): popup %v–%v × %v–%v outside %v×%v", path, i, s.ActiveHref,
					s.Left, s.Right, s.Top, s.Bottom, s.ViewportW, s.ViewportH)
			}
		}
		if w := eval[int](t, ctx, `document.documentElement.scrollWidth`); w > 320 {
			t.Errorf("%s scrolls horizontally at 320 px (scrollWidth %d)", path, w)
		}
	}
}

// TestPopupHover: the popup shows on hover, stays while the pointer moves onto it (WCAG 1.4.13
// hoverable), and goes when the pointer leaves both.
func TestPopupHover(t *testing.T) {
	ctx, base := servePortal(t)
	run(t, ctx, chromedp.Navigate(base+"/lovverk/pbrl-2-5c/"))
	type box struct{ X, Y, Bottom float64 }
	b := eval[box](t, ctx, `(() => { const a = document.querySelector("a.law-link"); a.scrollIntoView({block: "center"});
		const r = a.getClientRects()[0]; return {X: r.left + 4, Y: r.top + r.height / 2, Bottom: r.bottom}; })()`)
	run(t, ctx, chromedp.MouseEvent(chromedp.MouseMoved, b.X, b.Y))
	s := eval[popupState](t, ctx, statusJS)
	if !s.Visible {
		t.Fatal("no popup on hover")
	}
	// Move down onto the popup, through the gap between link and popup.
	run(t, ctx, chromedp.MouseEvent(chromedp.MouseMoved, b.X, b.Bottom+3))
	run(t, ctx, chromedp.MouseEvent(chromedp.MouseMoved, s.Left+10, s.Top+10), chromedp.Sleep(600*time.Millisecond))
	if s2 := eval[popupState](t, ctx, statusJS); !s2.Visible {
		t.Error("popup closed while the pointer was on it")
	}
	// Esc dismisses it while hovered.
	run(t, ctx, chromedp.KeyEvent(kb.Escape))
	if s2 := eval[popupState](t, ctx, statusJS); s2.Visible {
		t.Error("Esc did not dismiss the hovered popup")
	}
	run(t, ctx, chromedp.MouseEvent(chromedp.MouseMoved, b.X, b.Y))
	run(t, ctx, chromedp.MouseEvent(chromedp.MouseMoved, 5, 5), chromedp.Sleep(600*time.Millisecond))
	if s2 := eval[popupState](t, ctx, statusJS); s2.Visible {
		t.Error("popup still visible after the pointer left")
	}
}

// TestIndexFilter: /lovverk/ lists every provision grouped by law; the filter (only there with
// JS) narrows by text, hides empty groups and announces the count.
func TestIndexFilter(t *testing.T) {
	ctx, base := servePortal(t)
	_, f, _ := buildBundled(t)
	total := len(f.Provisions())
	run(t, ctx, chromedp.Navigate(base+"/lovverk/"))
	type state struct {
		BoxHidden      bool
		Items, Visible int
		Groups         int
		VisibleGroups  int
		Status         string
	}
	const stateJS = `(() => ({
		BoxHidden: document.querySelector("[data-filter]").hidden,
		Items: document.querySelectorAll("[data-filter-item]").length,
		Visible: [...document.querySelectorAll("[data-filter-item]")].filter(e => e.offsetParent !== null).length,
		Groups: document.querySelectorAll("[data-filter-group]").length,
		VisibleGroups: [...document.querySelectorAll("[data-filter-group]")].filter(e => e.offsetParent !== null).length,
		Status: document.querySelector("[data-filter-status]").textContent,
	}))()`
	s := eval[state](t, ctx, stateJS)
	if s.BoxHidden || s.Items != total || s.Visible != total || s.Groups < 10 || s.VisibleGroups != s.Groups {
		t.Fatalf("before filtering: %+v (registry has %d)", s, total)
	}
	typeFilter := func(text string) state {
		t.Helper()
		run(t, ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("lovverk-filter").value = ""`),
			chromedp.SendKeys("#lovverk-filter", text), chromedp.Sleep(700*time.Millisecond))
		return eval[state](t, ctx, stateJS)
	}
	// A section reference finds the section, however it is spaced.
	for _, q := range []string{"13 b", "§ 13 b", "13b"} {
		s = typeFilter(q)
		shown := eval[[]string](t, ctx, `[...document.querySelectorAll("[data-filter-item]")].filter(e => e.offsetParent !== null).map(e => e.querySelector("a").getAttribute("href"))`)
		for _, id := range []string{"fvl-13b-1", "fvl-13b-3", "fvl-13b-5", "fvl-13b-6", "fvl-13b-7"} {
			if !slices.Contains(shown, "/lovverk/"+id+"/") {
				t.Errorf("filter %q hides %s; shows %q", q, id, shown)
			}
		}
		if slices.Contains(shown, "/lovverk/fvl-13a-1/") || slices.Contains(shown, "/lovverk/hol-7-2a/") {
			t.Errorf("filter %q shows unrelated provisions: %q", q, shown)
		}
		if s.Status != fmt.Sprintf("Viser %d av %d bestemmelser.", s.Visible, total) {
			t.Errorf("filter %q: status %q with %d shown", q, s.Status, s.Visible)
		}
	}
	if s = typeFilter("7-2a"); s.Visible != 1 || s.VisibleGroups != 1 {
		t.Errorf(`filter "7-2a": %+v`, s)
	}
	if s = typeFilter("samtykke"); s.Visible == 0 {
		t.Errorf(`filter "samtykke": %+v`, s)
	}
	if s = typeFilter("ingenting slikt"); s.Visible != 0 || s.VisibleGroups != 0 || !strings.HasPrefix(s.Status, "Ingen bestemmelser") {
		t.Errorf(`filter with no match: %+v`, s)
	}
	if s = typeFilter("x" + kb.Backspace); s.Visible != total || s.VisibleGroups != s.Groups || s.Status != "" {
		t.Errorf("cleared filter: %+v", s)
	}
}

// TestAxeInteractive runs axe-core (WCAG 2.1 A and AA rules) on the states only the script
// creates: a citation popup open, and the /lovverk/ filter in use.
func TestAxeInteractive(t *testing.T) {
	axePath := filepath.Join(repoRoot(t), "node_modules", "axe-core", "axe.min.js")
	src, err := os.ReadFile(axePath)
	if err != nil {
		browser.Require(t, fmt.Errorf("axe-core is not installed (npm ci --ignore-scripts): %w", err))
	}
	ctx, base := servePortal(t)
	type violation struct {
		ID    string
		Help  string
		Nodes []string
	}
	axe := func(state string) {
		t.Helper()
		run(t, ctx, chromedp.Evaluate[chromedp.Void](string(src)))
		v, err := chromedp.Run(ctx, chromedp.Evaluate[[]violation](`axe.run(document, {runOnly: {type: "tag",
			values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, resultTypes: ["violations"]}).then(r =>
			r.violations.map(v => ({ID: v.id, Help: v.help, Nodes: v.nodes.map(n => n.html)})))`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range v {
			t.Errorf("%s: %s: %s %q", state, x.ID, x.Help, x.Nodes)
		}
	}
	run(t, ctx, chromedp.Navigate(base+"/lovverk/fvl-13b-5/"))
	tabTo(t, ctx, "a.law-link")
	if !eval[popupState](t, ctx, statusJS).Visible {
		t.Fatal("no popup")
	}
	axe("popup open")
	run(t, ctx, chromedp.Navigate(base+"/lovverk/"), chromedp.SendKeys("#lovverk-filter", "samordning"), chromedp.Sleep(700*time.Millisecond))
	axe("filter in use")
}
