package portaltest

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"samvirke/internal/browser"
)

// TestFormFilledAndPrinted fills in the consent form, prints it (print media and a real PDF), and
// checks that nothing typed was stored or sent, then clears it.
func TestFormFilledAndPrinted(t *testing.T) {
	base := site(t)
	ctx := browser.New(t)
	tb := browser.OpenTab(t, ctx, base)
	rec, err := browser.RecordRequests(tb.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	tb.Open("/skjema/samtykke/", true)
	if !eval[bool](tb, withVisible(`visible(document.querySelector("[data-form-print]"))`)) {
		t.Fatal("no print button with JavaScript")
	}
	if n := eval[int](tb, `document.querySelectorAll("main form").length`); n != 0 {
		t.Errorf("%d <form> elements: the fields must not be submittable", n)
	}
	note := "Opplysninger om skolefravær og helse.\nOgså om søvn og mat, som foreldrene har fortalt om."
	tb.Do(
		chromedp.SendKeys(chromedp.ID("felt-navn"), "Ola Nordmann"),
		chromedp.Click(chromedp.ID("felt-hvem-1")),
		chromedp.SendKeys(chromedp.ID("felt-hva"), note),
		chromedp.SendKeys(chromedp.ID("felt-hvem-tjenester-1-0"), "Helsestasjonen"),
		chromedp.KeyEvent("\r"), // Enter in a field submits nothing
	)
	time.Sleep(200 * time.Millisecond)
	if p := eval[string](tb, `location.pathname + location.search`); p != "/skjema/samtykke/" {
		t.Errorf("after Enter the page is %s", p)
	}
	// The legal basis comes from the registry.
	if got := eval[string](tb, `document.querySelector(".skjema-legal").innerText`); !strings.Contains(got, "fvl. § 13 a nr. 1") || !strings.Contains(got, "Samtykke til å dele opplysninger") {
		t.Errorf("legal basis: %q", got)
	}
	if err := browser.EmulatePrint(tb.Ctx); err != nil {
		t.Fatal(err)
	}
	st := eval[map[string]any](tb, withVisible(` ({
	  mirror: (() => { const m = document.querySelector('[data-form-mirror="felt-hva"]'); return visible(m) ? m.innerText : ""; })(),
	  textarea: visible(document.getElementById("felt-hva")),
	  name: visible(document.getElementById("felt-navn")) ? document.getElementById("felt-navn").value : "",
	  toolbar: visible(document.querySelector("[data-form-toolbar]")) || visible(document.querySelector(".skjema-privacy")),
	  date: (() => { const d = document.querySelector("[data-form-print-date]"); return visible(d) ? d.textContent : ""; })(),
	  lines: [...document.querySelectorAll(".skjema-line")].filter(visible).length,
	})`))
	if st["mirror"] != note || st["textarea"] != false || st["name"] != "Ola Nordmann" || st["toolbar"] != false ||
		!strings.HasPrefix(st["date"].(string), "Skrevet ut ") || st["lines"].(float64) < 4 {
		t.Errorf("print: %v", st)
	}
	pdf, err := chromedp.Run(tb.Ctx, chromedp.Action[[]byte](func(c context.Context, tg *chromedp.Target) ([]byte, error) {
		res, err := chromedp.Call(c, page.PrintToPDF, page.PrintToPDFParams{})
		if err != nil {
			return nil, err
		}
		return res.Data, nil
	}))
	if err != nil || len(pdf) < 1000 || !strings.HasPrefix(string(pdf), "%PDF") {
		t.Errorf("print to PDF: %d bytes, %v", len(pdf), err)
	}
	_ = browser.EmulateMedia(tb.Ctx, "")

	local, session, err := browser.StorageLengths(tb.Ctx)
	if err != nil || local != 0 || session != 0 {
		t.Errorf("web storage %d, %d (%v)", local, session, err)
	}
	if c, err := browser.DocumentCookie(tb.Ctx); err != nil || c != "" {
		t.Errorf("cookie %q (%v)", c, err)
	}
	b, _ := url.Parse(base)
	for _, r := range rec.Requests() {
		u, err := url.Parse(r.URL)
		if err != nil || (u.Scheme != "data" && u.Host != b.Host) || r.Method != "GET" || strings.Contains(r.URL, "Nordmann") || strings.Contains(r.URL, "skolefrav") {
			t.Errorf("request %s %s", r.Method, r.URL)
		}
	}

	// «Tøm skjemaet» asks first, then empties every field.
	dialogs := chromedp.Events(tb.Ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			if ev.Type == page.DialogTypeConfirm {
				_, _ = chromedp.Call(tb.Ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
				return
			}
		}
	}()
	tb.Do(chromedp.Click(chromedp.CSS("[data-form-clear]")))
	tb.WaitFor(`document.getElementById("felt-navn").value === ""`)
	if left := eval[string](tb, `[...document.querySelectorAll("[data-form-field]")].map((f) => f.type === "checkbox" || f.type === "radio" ? (f.checked ? "x" : "") : f.value).join("") + document.querySelector('[data-form-mirror="felt-hva"]').textContent`); left != "" {
		t.Errorf("after «Tøm skjemaet»: %q", left)
	}
}

// TestFormWithoutJavaScript: without JavaScript every form still shows every field, and prints as a
// blank form with boxes and signature lines and without dead buttons.
func TestFormWithoutJavaScript(t *testing.T) {
	base := site(t)
	ctx := browser.New(t)
	tb := browser.OpenTab(t, ctx, base)
	if _, err := chromedp.Call(tb.Ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/skjema/samtykke/", "/skjema/samarbeidsmote/", "/skjema/plan/"} {
		tb.Open(p, false)
		screen := eval[map[string]any](tb, withVisible(` ({
		  buttons: [...document.querySelectorAll("main button")].filter(visible).length,
		  fields: [...document.querySelectorAll("[data-form-field]")].filter(visible).length,
		  unlabelled: [...document.querySelectorAll("[data-form-field]")].filter((f) => !f.labels.length && !f.getAttribute("aria-label")).map((f) => f.id),
		})`))
		if screen["buttons"].(float64) != 0 || screen["fields"].(float64) < 8 || len(screen["unlabelled"].([]any)) != 0 {
			t.Errorf("%s without JavaScript: %v", p, screen)
		}
		if err := browser.EmulatePrint(tb.Ctx); err != nil {
			t.Fatal(err)
		}
		paper := eval[map[string]any](tb, withVisible(` ({
		  fields: [...document.querySelectorAll("[data-form-field]")].filter(visible).length,
		  filled: [...document.querySelectorAll("[data-form-field]")].filter((f) => f.value && f.type !== "checkbox" && f.type !== "radio").length,
		  mirrors: [...document.querySelectorAll(".skjema-print-text")].filter(visible).length,
		  chrome: [".site-header", ".site-footer", ".skjema-privacy"].filter((s) => visible(document.querySelector(s))),
		})`))
		if paper["fields"].(float64) < 8 || paper["filled"].(float64) != 0 || paper["mirrors"].(float64) != 0 || len(paper["chrome"].([]any)) != 0 {
			t.Errorf("%s printed without JavaScript: %v", p, paper)
		}
		_ = browser.EmulateMedia(tb.Ctx, "")
	}
}
