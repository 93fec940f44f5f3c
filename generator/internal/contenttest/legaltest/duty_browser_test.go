package legaltest

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"samvirke/generator/internal/serve"
	"samvirke/internal/browser"
)

const dutyPage = "/opplysningsplikt/"

// The page about the duty to report is linked from the home page, steps 1 and 4 of the guide and
// the glossary entry «Bekymring».
func TestDutyPageLinked(t *testing.T) {
	_, _, dest := buildBundled(t)
	for _, page := range []string{"/", "/veiviser/trinn-1/", "/veiviser/trinn-4/", "/begreper/bekymring/", "/veiviser/",
		"/begreper/opplysningsplikt/", "/begreper/avvergeplikt/", "/lovverk/bvl-13-2/"} {
		html := readFile(t, filepath.Join(dest, filepath.FromSlash(page), "index.html"))
		main := html[strings.Index(html, "<main"):]
		if !strings.Contains(main, `href="`+dutyPage+`"`) {
			t.Errorf("%s does not link to %s", page, dutyPage)
		}
	}
}

// From the home page to the duty-to-report page in at most two clicks, in a real browser, with
// JavaScript on and off: the clicks are real mouse clicks on the links a user sees.
func TestDutyPageWithinTwoClicks(t *testing.T) {
	parent := browser.New(t)
	_, _, dest := buildBundled(t)
	srv := httptest.NewServer(serve.Headers(http.FileServer(http.Dir(dest))))
	t.Cleanup(srv.Close)
	for _, js := range []bool{true, false} {
		name := map[bool]string{true: "js", false: "no-js"}[js]
		t.Run(name, func(t *testing.T) {
			tb := browser.OpenTab(t, parent, srv.URL)
			if !js {
				if _, err := chromedp.Call(tb.Ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
					t.Fatal(err)
				}
			}
			tb.Open("/", js)
			if got := browser.Eval[bool](tb, `document.documentElement.classList.contains("js")`); got != js {
				t.Fatalf("JavaScript ran: %v, want %v", got, js)
			}
			clicks := 0
			for clicks < 2 && browser.Eval[string](tb, `location.pathname`) != dutyPage {
				// The first visible link in the main content that leads to the page.
				sel := `main a[href="` + dutyPage + `"]`
				if !browser.Eval[bool](tb, `(() => { const a = document.querySelector('`+sel+`'); if (!a) return false; const r = a.getBoundingClientRect(); return r.width > 0 && r.height > 0 })()`) {
					t.Fatalf("after %d click(s), %s has no visible link to %s", clicks, browser.Eval[string](tb, `location.pathname`), dutyPage)
				}
				tb.Do(chromedp.Click(chromedp.CSS(sel)))
				clicks++
				tb.WaitFor(`location.pathname === "` + dutyPage + `" && document.readyState === "complete"`)
			}
			if p := browser.Eval[string](tb, `location.pathname`); p != dutyPage || clicks > 2 {
				t.Fatalf("after %d clicks at %s", clicks, p)
			}
			h1 := browser.Eval[string](tb, `document.querySelector("h1").textContent`)
			if !strings.Contains(h1, "Opplysningsplikt") {
				t.Errorf("the page's heading is %q", h1)
			}
			// What the worker needs is on the page: whom to contact, and the numbers.
			text := browser.Eval[string](tb, `document.querySelector("main").innerText`)
			for _, want := range []string{"barnevernstjenesten i kommunen", "barnevernvakten", "112", "116 111", "uten hinder av taushetsplikten", "ikke samtykke"} {
				if !strings.Contains(text, want) {
					t.Errorf("the page does not say %q", want)
				}
			}
			t.Logf("%s: home → %s in %d click(s)", name, dutyPage, clicks)
		})
	}
}
