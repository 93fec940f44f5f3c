package guidetest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"samvirke/generator/internal/contenttest"
	"samvirke/internal/browser"
)

// TestBrowser runs the guide and the self-assessment in headless Chromium. The subtests share
// one browser; each has its own tab with its own cookies and storage.
func TestBrowser(t *testing.T) {
	siteBuild(t) // a broken build is a failure, not a skip
	ctx := browser.New(t)
	t.Run("NoJavaScript", func(t *testing.T) { testNoJavaScript(t, ctx) })
	t.Run("Keyboard", func(t *testing.T) { testKeyboard(t, ctx) })
	t.Run("Anchors", func(t *testing.T) { testAnchors(t, ctx) })
	t.Run("Deadline", func(t *testing.T) { testDeadline(t, ctx) })
	t.Run("Privacy", func(t *testing.T) { testPrivacy(t, ctx) })
	t.Run("Print", func(t *testing.T) { testPrint(t, ctx) })
	t.Run("SaveOpen", func(t *testing.T) { testSaveOpen(t, ctx) })
	t.Run("DeadlinePassed", func(t *testing.T) { testDeadlinePassed(t, ctx) })
	t.Run("Relational", func(t *testing.T) { testRelational(t, ctx) })
	t.Run("Reflow", func(t *testing.T) { testReflow(t, ctx) })
	t.Run("Accessibility", func(t *testing.T) { testAccessibility(t, ctx) })
}

// visible is a JavaScript helper: the element takes up space on the page.
const visible = `const visible = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";`

// --- JavaScript off ------------------------------------------------------------------------------

type noJSState struct {
	JS            bool     `json:"js"`
	Steps         []string `json:"steps"`
	Visible       []bool   `json:"visible"`
	Texts         []string `json:"texts"`
	Controls      []string `json:"controls"`
	FirstInStep4  string   `json:"firstInStep4"`
	Warning4      bool     `json:"warning4"`
	Checkboxes    int      `json:"checkboxes"`
	Meta          string   `json:"meta"`
	NavLinks      []string `json:"navLinks"`
	ChecklistItem int      `json:"checklistItems"`
}

func testNoJavaScript(t *testing.T, parent context.Context) {
	tb := newTab(t, parent)
	if _, err := chromedp.Call(tb.Ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	tb.Open("/veiviser/", false)
	st := eval[noJSState](tb, `(() => { `+visible+`
	  const main = document.querySelector("main");
	  const steps = [...document.querySelectorAll("ol.guide-steps > li.guide-step")];
	  const s4 = document.getElementById("trinn-4");
	  const first = s4 && s4.querySelector(".guide-step-title + *");
	  return {
	    js: document.documentElement.classList.contains("js"),
	    steps: steps.map((s) => s.id),
	    visible: steps.map(visible),
	    texts: steps.map((s) => s.innerText),
	    controls: [...main.querySelectorAll("input, textarea, select, button")].filter(visible).map((e) => e.outerHTML.slice(0, 80)),
	    firstInStep4: first ? first.className : "",
	    warning4: !!s4 && [...s4.querySelectorAll(".guide-warning")].some((w) => visible(w) && w.innerText.includes("Ikke kontakt foreldrene først")),
	    checkboxes: main.querySelectorAll("input[type=checkbox]:not([hidden] *)").length,
	    meta: (document.querySelector(".page-meta") || {}).innerText || "",
	    navLinks: [...document.querySelectorAll(".guide-nav a")].map((a) => a.getAttribute("href")),
	    checklistItems: document.querySelectorAll("[data-guide-checklist] > li").length,
	  };
	})()`)
	if st.JS {
		t.Fatal("scripts ran although JavaScript is off")
	}
	want := []string{"trinn-1", "trinn-2", "trinn-3", "trinn-4", "trinn-5", "trinn-6"}
	if !slices.Equal(st.Steps, want) {
		t.Fatalf("steps %q, want %q in one <ol>", st.Steps, want)
	}
	_, s := siteBuild(t)
	for i, p := range steps(t, s) {
		if !st.Visible[i] {
			t.Errorf("step %d is not shown without JavaScript", i+1)
		}
		text := st.Texts[i]
		for _, w := range []string{p.Title(), "Dette gjør du", "Spørsmål å tenke gjennom", "Sjekkliste"} {
			if !strings.Contains(text, w) {
				t.Errorf("step %d does not read %q without JavaScript", i+1, w)
			}
		}
		for _, item := range strs(stepOf(t, p)["checklist"]) {
			if !strings.Contains(text, item) {
				t.Errorf("step %d does not read its checklist item %q", i+1, item)
			}
		}
		for _, hidden := range []string{"Notater til trinn", "er fullført", "Neste trinn", "Når begynte du"} {
			if strings.Contains(text, hidden) {
				t.Errorf("step %d shows the JavaScript control %q without JavaScript", i+1, hidden)
			}
		}
	}
	if len(st.Controls) > 0 {
		t.Errorf("dead controls without JavaScript: %q", st.Controls)
	}
	if st.FirstInStep4 != "guide-warnings" || !st.Warning4 {
		t.Errorf("step 4 does not open with a visible warning «Ikke kontakt foreldrene først» (first block: %q)", st.FirstInStep4)
	}
	if st.ChecklistItem == 0 {
		t.Error("no checklist items")
	}
	if !strings.Contains(st.Meta, "Sist oppdatert") || !strings.Contains(st.Meta, "Kilde") {
		t.Errorf("page meta %q lacks the source or «Sist oppdatert»", st.Meta)
	}
	if len(st.NavLinks) != 6 || st.NavLinks[3] != "#trinn-4" {
		t.Errorf("list of steps links %q", st.NavLinks)
	}

	// The self-assessment page reads as a description of the six factors and the steps a–h.
	tb.Open("/veiviser/relasjonell-kapasitet/", false)
	rk := eval[map[string]any](tb, `(() => { `+visible+`
	  const main = document.querySelector("main");
	  return {
	    factors: document.querySelectorAll(".rk-factor-list > li").length,
	    steps: [...document.querySelectorAll(".rk-step-list > li")].filter(visible).length,
	    map: document.querySelectorAll(".rk-map tbody tr").length,
	    nojs: visible(document.querySelector("[data-relational-nojs]")),
	    privacy: visible(document.querySelector("[data-relational-privacy]")),
	    controls: [...main.querySelectorAll("input, textarea, select, button")].filter(visible).length,
	    meta: (document.querySelector(".page-meta") || {}).innerText || "",
	  };
	})()`)
	if rk["factors"] != 6.0 || rk["steps"] != 8.0 || rk["map"] != 6.0 {
		t.Errorf("relational page without JavaScript: %d factors, %d steps, %d mapping rows; want 6, 8, 6", rk["factors"], rk["steps"], rk["map"])
	}
	if rk["nojs"] != true || rk["privacy"] != false || rk["controls"] != 0.0 {
		t.Errorf("relational page without JavaScript: no-JS note shown %v, JS notice shown %v, %v controls", rk["nojs"], rk["privacy"], rk["controls"])
	}
	if m, _ := rk["meta"].(string); !strings.Contains(m, "Sist oppdatert") || !strings.Contains(m, "Moss kommune") {
		t.Errorf("relational page meta %q", m)
	}
}

// --- keyboard ------------------------------------------------------------------------------------

type focusInfo struct {
	Kind    string `json:"kind"`
	Step    int    `json:"step"`
	Checked bool   `json:"checked"`
	ID      string `json:"id"`
}

const focusJS = `(() => {
  const a = document.activeElement;
  if (!a || a === document.body) return {kind: "none", step: 0};
  const s = a.closest("[data-guide-step]");
  const step = s ? Number(s.dataset.guideStep) : 0;
  if (a.matches(".guide-check")) return {kind: "check", step, checked: a.checked, id: a.id};
  if (a.matches("[data-guide-done]")) return {kind: "done", step, checked: a.checked, id: a.id};
  if (a.matches("[data-guide-next]")) return {kind: "next", step};
  if (a.matches("[data-guide-prev]")) return {kind: "prev", step};
  return {kind: a.localName, step, id: a.id};
})()`

type stepperState struct {
	Shown    []int  `json:"shown"`
	Hash     string `json:"hash"`
	Active   string `json:"active"`
	Progress string `json:"progress"`
	Live     string `json:"live"`
	Current  []int  `json:"current"`
	NavDone  []int  `json:"navDone"`
}

const stepperJS = `(() => {
  const steps = [...document.querySelectorAll("[data-guide-step]")];
  const p = document.querySelector("[data-guide-progress]");
  return {
    shown: steps.filter((s) => !s.hidden && s.getClientRects().length > 0).map((s) => Number(s.dataset.guideStep)),
    hash: location.hash,
    active: document.activeElement ? document.activeElement.id : "",
    progress: p ? p.textContent : "",
    live: p ? p.getAttribute("aria-live") : "",
    current: [...document.querySelectorAll(".guide-nav a[aria-current=step]")].map((a) => Number(a.dataset.guideNav)),
    navDone: [...document.querySelectorAll("[data-guide-nav-done]")].filter((e) => !e.hidden).map((e) => Number(e.closest("a").dataset.guideNav)),
  };
})()`

func (tb *tab) stepper() stepperState { return eval[stepperState](tb, stepperJS) }

func (tb *tab) focus() focusInfo { return eval[focusInfo](tb, focusJS) }

// testKeyboard completes the six steps with Tab, Space and Enter only: every checklist item and
// the step's «fullført» box ticked, then «Neste trinn».
func testKeyboard(t *testing.T, parent context.Context) {
	tb := newTab(t, parent)
	tb.Open("/veiviser/", true)
	st := tb.stepper()
	if !slices.Equal(st.Shown, []int{1}) || st.Progress != "Trinn 1 av 6. 0 av 6 fullført." || st.Live != "polite" {
		t.Fatalf("at the start: %+v", st)
	}
	// Enter on the first link of the list of steps opens step 1 and moves focus to its heading.
	tb.Do(chromedp.Focus(chromedp.CSS(`.guide-nav a[href="#trinn-1"]`)))
	tb.Key(kb.Enter)
	if st := tb.stepper(); st.Active != "trinn-1-tittel" {
		t.Fatalf("after Enter on «Trinn 1» focus is on %q", st.Active)
	}
	checks := eval[[]int](tb, `[...document.querySelectorAll("[data-guide-step]")].map((s) => s.querySelectorAll(".guide-check").length)`)
	for n := 1; n <= 6; n++ {
		ticked := 0
		for i := 0; ; i++ {
			if i > 80 {
				t.Fatalf("step %d: no «Neste trinn» after 80 presses of Tab", n)
			}
			tb.Key(kb.Tab)
			f := tb.focus()
			if f.Step != n {
				if n == 6 && ticked == checks[5]+1 {
					break // past the last step's controls
				}
				t.Fatalf("step %d: Tab left the step (focus on %+v) after %d of %d ticks", n, f, ticked, checks[n-1]+1)
			}
			if f.Kind == "check" || f.Kind == "done" {
				if f.Checked {
					t.Fatalf("step %d: %s is already ticked", n, f.ID)
				}
				tb.Key(" ")
				if !tb.focus().Checked {
					t.Fatalf("step %d: Space did not tick %s", n, f.ID)
				}
				ticked++
			}
			if f.Kind == "next" {
				if ticked != checks[n-1]+1 {
					t.Fatalf("step %d: reached «Neste trinn» after %d ticks, want %d", n, ticked, checks[n-1]+1)
				}
				tb.Key(kb.Enter)
				break
			}
		}
		st := tb.stepper()
		if n < 6 {
			want := fmt.Sprintf("Trinn %d av 6. %d av 6 fullført.", n+1, n)
			if !slices.Equal(st.Shown, []int{n + 1}) || st.Hash != fmt.Sprintf("#trinn-%d", n+1) ||
				st.Active != fmt.Sprintf("trinn-%d-tittel", n+1) || st.Progress != want || !slices.Equal(st.Current, []int{n + 1}) {
				t.Fatalf("after «Neste trinn» on step %d: %+v; want step %d shown, focused and announced as %q", n, st, n+1, want)
			}
		} else if st.Progress != "Trinn 6 av 6. 6 av 6 fullført." || !slices.Equal(st.NavDone, []int{1, 2, 3, 4, 5, 6}) {
			t.Fatalf("after the last step: %+v", st)
		}
	}
	if n := eval[int](tb, `document.querySelectorAll(".guide-check:not(:checked), [data-guide-done]:not(:checked)").length`); n != 0 {
		t.Errorf("%d boxes unticked after completing every step", n)
	}
	// «Forrige trinn» by keyboard goes back.
	tb.Do(chromedp.Focus(chromedp.CSS(`#trinn-6 [data-guide-prev]`)))
	tb.Key(kb.Enter)
	if st := tb.stepper(); !slices.Equal(st.Shown, []int{5}) || st.Active != "trinn-5-tittel" || st.Progress != "Trinn 5 av 6. 6 av 6 fullført." {
		t.Errorf("after «Forrige trinn» on step 6: %+v", st)
	}
	// Unticking «fullført» updates the progress.
	tb.Do(chromedp.Focus(chromedp.CSS(`#trinn-5-ferdig`)))
	tb.Key(" ")
	if st := tb.stepper(); st.Progress != "Trinn 5 av 6. 5 av 6 fullført." || slices.Contains(st.NavDone, 5) {
		t.Errorf("after unticking step 5: %+v", st)
	}
}

// testAnchors checks that every step stays reachable by its anchor.
func testAnchors(t *testing.T, parent context.Context) {
	tb := newTab(t, parent)
	for n := 1; n <= 6; n++ {
		tb.Open(fmt.Sprintf("/veiviser/#trinn-%d", n), true)
		if st := tb.stepper(); !slices.Equal(st.Shown, []int{n}) || !strings.HasPrefix(st.Progress, fmt.Sprintf("Trinn %d av 6.", n)) {
			t.Errorf("/veiviser/#trinn-%d shows %v (%q)", n, st.Shown, st.Progress)
		}
	}
	// A link to an anchor on the open page (hashchange) opens that step and focuses it.
	tb.Do(chromedp.Evaluate[chromedp.Void](`location.hash = "#trinn-2"`))
	tb.WaitFor(`!document.getElementById("trinn-2").hidden`)
	if st := tb.stepper(); !slices.Equal(st.Shown, []int{2}) || st.Active != "trinn-2-tittel" {
		t.Errorf("after location.hash = #trinn-2: %+v", st)
	}
	// An anchor elsewhere on the page leaves the stepper alone.
	tb.Do(chromedp.Evaluate[chromedp.Void](`location.hash = "#main"`))
	time.Sleep(100 * time.Millisecond)
	if st := tb.stepper(); !slices.Equal(st.Shown, []int{2}) {
		t.Errorf("after location.hash = #main: %+v", st)
	}
	// The steps' own pages link back to their anchor.
	tb.Open("/veiviser/trinn-3/", true)
	tb.Do(chromedp.Click(chromedp.CSS(`a[href="/veiviser/#trinn-3"]`)))
	tb.WaitFor(`location.pathname === "/veiviser/" && document.querySelector(".guide.is-enhanced")`)
	if st := tb.stepper(); !slices.Equal(st.Shown, []int{3}) {
		t.Errorf("the link from /veiviser/trinn-3/ opens %v", st.Shown)
	}
}

// --- step 1: the deadline ------------------------------------------------------------------------

// testDeadline checks the date two weeks after a start date, in time zones on both sides of UTC
// and across daylight saving time, month, year and leap day.
func testDeadline(t *testing.T, parent context.Context) {
	tb := newTab(t, parent)
	cases := []struct{ start, iso, text string }{
		{"2026-11-23", "2026-12-07", "7. desember 2026"},
		{"2026-12-25", "2027-01-08", "8. januar 2027"},   // into the next year
		{"2026-03-20", "2026-04-03", "3. april 2026"},    // across the start of summer time in Norway
		{"2026-03-29", "2026-04-12", "12. april 2026"},   // from the day it starts
		{"2026-10-20", "2026-11-03", "3. november 2026"}, // across its end
		{"2026-10-25", "2026-11-08", "8. november 2026"}, // from the day it ends
		{"2026-02-15", "2026-03-01", "1. mars 2026"},     // out of February
		{"2027-02-20", "2027-03-06", "6. mars 2027"},     // no leap year
		{"2028-02-20", "2028-03-05", "5. mars 2028"},     // leap year
		{"2028-02-15", "2028-02-29", "29. februar 2028"}, // to a leap day
		{"2028-02-29", "2028-03-14", "14. mars 2028"},    // from a leap day
		{"2026-04-30", "2026-05-14", "14. mai 2026"},     // from the end of a 30-day month
		{"2026-01-01", "2026-01-15", "15. januar 2026"},
		{"2026-12-31", "2027-01-14", "14. januar 2027"},
		{"1999-12-25", "2000-01-08", "8. januar 2000"},
	}
	for _, tz := range []string{"Europe/Oslo", "America/Los_Angeles", "Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"} {
		if _, err := chromedp.Call(tb.Ctx, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: tz}); err != nil {
			t.Fatal(err)
		}
		tb.Open("/veiviser/", true)
		if !eval[bool](tb, `(() => { `+visible+` return visible(document.querySelector("#trinn-1-start")); })()`) {
			t.Fatal("the start date field of step 1 is not shown")
		}
		for _, c := range cases {
			got := eval[[]string](tb, fmt.Sprintf(`(() => {
			  const input = document.getElementById("trinn-1-start");
			  input.value = %q;
			  input.dispatchEvent(new Event("input", {bubbles: true}));
			  const out = document.getElementById("trinn-1-frist");
			  const time = out.querySelector("time");
			  return [out.textContent, time ? time.dateTime : ""];
			})()`, c.start))
			want := "Observasjonsperioden " + ending(c.iso) + " " + c.text + "."
			if ending(c.iso) == "sluttet" {
				want += " Ta stilling nå: Skal du avslutte, følge med videre eller gå videre til trinn 4?"
			}
			if got[0] != want || got[1] != c.iso {
				t.Errorf("%s: start %s gives %q (%s), want %q (%s)", tz, c.start, got[0], got[1], want, c.iso)
			}
		}
		// Clearing the date clears the deadline.
		if got := eval[string](tb, `(() => { const i = document.getElementById("trinn-1-start"); i.value = ""; i.dispatchEvent(new Event("input", {bubbles: true})); return document.getElementById("trinn-1-frist").textContent; })()`); got != "" {
			t.Errorf("%s: with no date the deadline reads %q", tz, got)
		}
	}
	if _, err := chromedp.Call(tb.Ctx, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{}); err != nil {
		t.Fatal(err)
	}
	// Typing the date with the keyboard works too (the field's format follows the browser's
	// locale; headless Chromium's is month/day/year).
	tb.Open("/veiviser/trinn-1/", true)
	tb.Do(chromedp.Focus(chromedp.ID("trinn-1-start")))
	if locale := eval[string](tb, `navigator.language`); !strings.HasPrefix(locale, "en-US") {
		t.Logf("typing the date not checked: locale %s has another date format", locale)
		return
	}
	tb.Do(chromedp.KeyEvent("11232026"))
	if got := eval[string](tb, `document.getElementById("trinn-1-frist").textContent`); got != "Observasjonsperioden slutter 7. desember 2026." {
		t.Errorf("typed 11/23/2026 on /veiviser/trinn-1/: %q", got)
	}
}

// --- privacy -------------------------------------------------------------------------------------

// testPrivacy types notes in every step, ticks boxes and enters a date, then checks that nothing
// was stored (localStorage, sessionStorage, cookies, IndexedDB), that no request went to another
// origin, and that a reload forgets everything.
func testPrivacy(t *testing.T, parent context.Context) {
	tb := newTab(t, parent)
	rec, err := browser.RecordRequests(tb.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	tb.Open("/veiviser/", true)
	notices := eval[string](tb, `(() => { `+visible+` const n = document.querySelector("#trinn-1-notat-info"); return visible(n) ? n.innerText : ""; })()`)
	for _, want := range []string{"Ikke skriv navn eller andre personopplysninger", "Notatene forsvinner når du lukker fanen"} {
		if !strings.Contains(notices, want) {
			t.Errorf("the notes' notice %q does not say %q", notices, want)
		}
	}
	attrs := eval[[]string](tb, `[...document.querySelectorAll("[data-guide-note]")].map((n) => n.getAttribute("autocomplete") + " " + n.getAttribute("spellcheck") + " " + (n.labels.length ? "label" : "nolabel"))`)
	if len(attrs) != 6 {
		t.Fatalf("%d note fields, want 6", len(attrs))
	}
	for i, a := range attrs {
		if a != "off false label" {
			t.Errorf("note %d: autocomplete, spellcheck, label = %q; want off false label", i+1, a)
		}
	}
	for n := 1; n <= 6; n++ {
		tb.Do(chromedp.Click(chromedp.CSS(fmt.Sprintf(`.guide-nav a[href="#trinn-%d"]`, n))))
		tb.Do(chromedp.SendKeys(chromedp.ID(fmt.Sprintf("trinn-%d-notat", n)), fmt.Sprintf("Hemmelig notat %d: Ola sa noe i dag.", n)))
		tb.Do(chromedp.Click(chromedp.ID(fmt.Sprintf("trinn-%d-sjekk-1", n))), chromedp.Click(chromedp.ID(fmt.Sprintf("trinn-%d-ferdig", n))))
	}
	tb.Do(chromedp.Click(chromedp.CSS(`.guide-nav a[href="#trinn-1"]`)))
	tb.Do(chromedp.Evaluate[chromedp.Void](`(() => { const i = document.getElementById("trinn-1-start"); i.value = "2026-11-23"; i.dispatchEvent(new Event("input", {bubbles: true})); })()`))
	if got := eval[string](tb, `document.getElementById("trinn-6-notat").value`); !strings.Contains(got, "Hemmelig notat 6") {
		t.Fatalf("the note of step 6 reads %q", got)
	}
	time.Sleep(300 * time.Millisecond) // give any stray request time to show up

	local, session, err := browser.StorageLengths(tb.Ctx)
	if err != nil || local != 0 || session != 0 {
		t.Errorf("localStorage.length = %d, sessionStorage.length = %d (%v); want 0, 0", local, session, err)
	}
	if c, err := browser.DocumentCookie(tb.Ctx); err != nil || c != "" {
		t.Errorf("document.cookie = %q (%v); want empty", c, err)
	}
	if cs, err := browser.Cookies(tb.Ctx); err != nil || len(cs) != 0 {
		t.Errorf("the browser holds %d cookies (%v); want none", len(cs), err)
	}
	dbs, err := chromedp.Run(tb.Ctx, chromedp.Evaluate[int](`indexedDB.databases().then((d) => d.length)`, chromedp.EvalAwaitPromise))
	if err != nil || dbs != 0 {
		t.Errorf("IndexedDB has %d databases (%v); want none", dbs, err)
	}
	base, _ := url.Parse(tb.Base)
	if rec.Len() == 0 {
		t.Fatal("no requests recorded")
	}
	for _, r := range rec.Requests() {
		u, err := url.Parse(r.URL)
		if err != nil || (u.Scheme != "data" && u.Scheme != "blob" && u.Host != base.Host) {
			t.Errorf("request to another origin: %s %s (%s)", r.Method, r.URL, r.Type)
		}
		if r.Method != "GET" {
			t.Errorf("%s request %s: the guide sends nothing", r.Method, r.URL)
		}
		if strings.Contains(r.URL, "Hemmelig") || strings.Contains(r.URL, "Ola") {
			t.Errorf("a note went into a request: %s", r.URL)
		}
	}

	// A reload forgets everything. The page asks before leaving with notes (beforeunload): accept.
	dialogs := chromedp.Events(tb.Ctx, page.JavascriptDialogOpening)
	asked := make(chan string, 1)
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			asked <- string(ev.Type)
			_, _ = chromedp.Call(tb.Ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
			return
		}
	}()
	tb.Do(chromedp.Reload())
	tb.WaitFor(`document.documentElement.classList.contains("js") && document.querySelector(".guide.is-enhanced")`)
	select {
	case typ := <-asked:
		if typ != "beforeunload" {
			t.Errorf("the page opened a %s dialog when reloading", typ)
		}
	default:
		t.Error("the page did not ask before a reload threw the notes away")
	}
	left := eval[string](tb, `[...document.querySelectorAll("[data-guide-note], #trinn-1-start")].map((n) => n.value).join("") +
	  [...document.querySelectorAll("input[type=checkbox]:checked")].map((c) => c.id).join("") +
	  document.getElementById("trinn-1-frist").textContent`)
	if left != "" {
		t.Errorf("after a reload the page still holds %q", left)
	}
}

// --- print ---------------------------------------------------------------------------------------

type printState struct {
	Steps     []bool   `json:"steps"`
	Marks     []string `json:"marks"`
	Boxes     int      `json:"boxes"`
	Status    []string `json:"status"`
	Notes     []string `json:"notes"`
	Date      string   `json:"date"`
	Hidden    []string `json:"hidden"`
	Deadline  string   `json:"deadline"`
	MediaType bool     `json:"print"`
}

const printJS = `(() => { ` + visible + `
  const steps = [...document.querySelectorAll("[data-guide-step]")];
  return {
    print: matchMedia("print").matches,
    steps: steps.map(visible),
    marks: steps.map((s) => [...s.querySelectorAll(".guide-check-item")].map((li) => {
      const m = li.querySelector(".guide-mark");
      return (visible(m) ? m.textContent : "?") + " " + li.querySelector("label").textContent.trim();
    }).join("\n")),
    boxes: [...document.querySelectorAll(".guide-check, [data-guide-done]")].filter(visible).length,
    status: steps.map((s) => { const e = s.querySelector("[data-guide-status]"); return visible(e) ? e.textContent : ""; }),
    notes: steps.map((s) => { const e = s.querySelector("[data-guide-notes-print]"); return visible(e) ? e.innerText : ""; }),
    date: (() => { const e = document.querySelector("[data-guide-print-date]"); return visible(e) ? e.textContent : ""; })(),
    hidden: [".guide-toolbar", ".guide-nav", "[data-guide-note]", "[data-guide-next]", "#trinn-1-start", ".guide-more"]
      .filter((sel) => [...document.querySelectorAll(sel)].some(visible)),
    deadline: (() => { const e = document.getElementById("trinn-1-frist"); return visible(e) ? e.textContent : ""; })(),
  };
})()`

var monthsNB = []string{"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"}

func printDates() []string {
	var out []string
	for _, d := range []int{-1, 0, 1} { // the browser's day may differ from the test's near midnight
		t := time.Now().AddDate(0, 0, d)
		out = append(out, fmt.Sprintf("Skrevet ut %d. %s %d", t.Day(), monthsNB[t.Month()-1], t.Year()))
	}
	return out
}

// testPrint ticks some items, marks a step done and writes a note, then renders the page for
// print: every step shows, the checked state is text (✓/☐), the note and the print date show,
// the controls do not.
func testPrint(t *testing.T, parent context.Context) {
	tb := newTab(t, parent)
	tb.Open("/veiviser/", true)
	tb.Do(
		chromedp.Click(chromedp.ID("trinn-1-sjekk-2")),
		chromedp.Click(chromedp.ID("trinn-1-ferdig")),
		chromedp.SendKeys(chromedp.ID("trinn-1-notat"), "Observasjon mandag.\nOgså tirsdag."),
		chromedp.Evaluate[chromedp.Void](`(() => { const i = document.getElementById("trinn-1-start"); i.value = "2026-11-23"; i.dispatchEvent(new Event("input", {bubbles: true})); })()`),
		chromedp.Click(chromedp.CSS(`.guide-nav a[href="#trinn-3"]`)),
		chromedp.Click(chromedp.ID("trinn-3-sjekk-1")),
	)
	if err := browser.EmulatePrint(tb.Ctx); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = browser.EmulateMedia(tb.Ctx, "") }()
	st := eval[printState](tb, printJS)
	if !st.MediaType {
		t.Fatal("print media is not emulated")
	}
	if !slices.Equal(st.Steps, []bool{true, true, true, true, true, true}) {
		t.Errorf("steps shown in print: %v; want all six", st.Steps)
	}
	if st.Boxes != 0 {
		t.Errorf("%d checkboxes are printed as controls; the state should print as text", st.Boxes)
	}
	lines1 := strings.Split(st.Marks[0], "\n")
	if len(lines1) < 2 || !strings.HasPrefix(lines1[0], "☐ ") || !strings.HasPrefix(lines1[1], "✓ ") {
		t.Errorf("step 1 prints its checklist as %q; want ☐ for the first item and ✓ for the second", lines1)
	}
	if !strings.HasPrefix(st.Marks[2], "✓ ") || strings.Contains(st.Marks[1], "✓") {
		t.Errorf("steps 2 and 3 print as %q and %q", st.Marks[1], st.Marks[2])
	}
	if st.Status[0] != "✓ Fullført" || st.Status[1] != "☐ Ikke merket som fullført" {
		t.Errorf("the steps' status prints as %q", st.Status)
	}
	if !strings.Contains(st.Notes[0], "Notater til trinn 1") || !strings.Contains(st.Notes[0], "Observasjon mandag.\nOgså tirsdag.") {
		t.Errorf("the note of step 1 prints as %q", st.Notes[0])
	}
	for i, n := range st.Notes[1:] {
		if n != "" {
			t.Errorf("step %d prints an empty note block %q", i+2, n)
		}
	}
	if !slices.Contains(printDates(), st.Date) {
		t.Errorf("the print date reads %q; want one of %q", st.Date, printDates())
	}
	if len(st.Hidden) > 0 {
		t.Errorf("controls shown in print: %q", st.Hidden)
	}
	if st.Deadline != "Observasjonsperioden slutter 7. desember 2026." {
		t.Errorf("the deadline prints as %q", st.Deadline)
	}
	// The real print path: Chromium makes a PDF of the page.
	pdf, err := chromedp.Run(tb.Ctx, chromedp.Action[[]byte](func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
		res, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{})
		if err != nil {
			return nil, err
		}
		return res.Data, nil
	}))
	if err != nil || len(pdf) < 1000 || !strings.HasPrefix(string(pdf), "%PDF") {
		t.Errorf("print to PDF: %d bytes, %v", len(pdf), err)
	}
}

// --- relational capacity -------------------------------------------------------------------------

type chartState struct {
	Bars     []bar      `json:"bars"`
	Values   []string   `json:"values"`
	Role     string     `json:"role"`
	Label    string     `json:"label"`
	Head     []string   `json:"head"`
	Rows     [][]string `json:"rows"`
	Legend   []string   `json:"legend"`
	Suggest  []string   `json:"suggest"`
	Links    []string   `json:"links"`
	Patterns []string   `json:"patterns"`
}

type bar struct {
	Relation int     `json:"relation"`
	Factor   string  `json:"factor"`
	Score    int     `json:"score"`
	Width    float64 `json:"width"`
}

const chartJS = `(() => {
  const svg = document.querySelector(".rk-chart svg.rk-chart-svg");
  const title = svg && document.getElementById(svg.getAttribute("aria-labelledby"));
  return {
    role: svg ? svg.getAttribute("role") : "",
    label: title ? title.textContent : "",
    bars: [...document.querySelectorAll(".rk-chart rect.rk-bar")].map((r) => ({
      relation: Number(r.dataset.relation), factor: r.dataset.factor, score: Number(r.dataset.score), width: Number(r.getAttribute("width")) })),
    values: [...document.querySelectorAll(".rk-chart text.rk-value")].map((v) => v.dataset.relation + ":" + v.dataset.factor + "=" + v.textContent),
    patterns: [...new Set([...document.querySelectorAll(".rk-chart rect.rk-bar")].map((r) => r.getAttribute("fill")))],
    head: [...document.querySelectorAll(".rk-table thead th")].map((th) => th.textContent),
    rows: [...document.querySelectorAll(".rk-table tbody tr")].map((tr) => [...tr.children].map((c) => c.textContent)),
    legend: [...document.querySelectorAll(".rk-legend li")].map((li) => li.textContent.trim()),
    suggest: [...document.querySelectorAll(".rk-suggestions li")].map((li) => li.textContent),
    links: [...document.querySelectorAll(".rk-suggestions a")].map((a) => a.getAttribute("href")),
  };
})()`

func (tb *tab) rate(relation int, factor string, score int) {
	tb.T.Helper()
	tb.Do(chromedp.Click(chromedp.CSS(fmt.Sprintf(`label[for="rk-%d-%s-%d"]`, relation, factor, score))))
}

// testRelational enters two relations and checks the chart, the table and the suggestion.
func testRelational(t *testing.T, parent context.Context) {
	tb := newTab(t, parent)
	rec, err := browser.RecordRequests(tb.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	tb.Open("/veiviser/relasjonell-kapasitet/", true)
	tb.WaitFor(`document.querySelector(".rk-relation")`)
	ui := eval[map[string]any](tb, `(() => { `+visible+` return {
	  nojs: visible(document.querySelector("[data-relational-nojs]")),
	  privacy: (document.querySelector("[data-relational-privacy]") || {}).hidden === false ? document.querySelector("[data-relational-privacy]").innerText : "",
	  fieldsets: document.querySelectorAll(".rk-relation .rk-factor").length,
	  legends: [...document.querySelectorAll(".rk-relation .rk-factor legend")].filter((l) => l.textContent.trim() !== "").length,
	  unlabelled: [...document.querySelectorAll(".rk-app input")].filter((i) => i.labels.length === 0).length,
	  suggest: document.querySelector(".rk-suggestions").textContent,
	}; })()`)
	if ui["nojs"] != false || !strings.Contains(fmt.Sprint(ui["privacy"]), "Ikke skriv navn eller andre personopplysninger") ||
		!strings.Contains(fmt.Sprint(ui["privacy"]), "Svarene forsvinner når du lukker fanen") {
		t.Errorf("notices with JavaScript: %v", ui)
	}
	if ui["fieldsets"] != 6.0 || ui["legends"] != 6.0 || ui["unlabelled"] != 0.0 {
		t.Errorf("the form of a relation: %v fieldsets, %v legends, %v inputs without a label; want 6, 6, 0", ui["fieldsets"], ui["legends"], ui["unlabelled"])
	}
	if !strings.Contains(fmt.Sprint(ui["suggest"]), "Gi minst én skår") {
		t.Errorf("suggestion before any score: %v", ui["suggest"])
	}

	factors := []string{"kunnskap", "samarbeidsorientering", "respekt", "deling-av-kunnskap", "problemlosning", "innovasjon"}
	first := []int{3, 4, 2, 5, 3, 4}
	second := []int{2, 2, 4, 3, 1, 2}
	tb.Do(chromedp.SendKeys(chromedp.ID("rk-1-navn"), "skole – PPT"))
	for i, f := range factors {
		tb.rate(1, f, first[i])
	}
	tb.Do(chromedp.Click(chromedp.CSS(`.rk-add`)))
	if id := eval[string](tb, `document.activeElement.id`); id != "rk-2-navn" {
		t.Errorf("after «Legg til relasjon» focus is on %q, want the new name field", id)
	}
	tb.Do(chromedp.SendKeys(chromedp.ID("rk-2-navn"), "barnehage – helsestasjon"))
	for i, f := range factors {
		tb.rate(2, f, second[i])
	}

	st := eval[chartState](tb, chartJS)
	if st.Role != "img" || !strings.Contains(st.Label, "tabellen") {
		t.Errorf("chart role %q, label %q", st.Role, st.Label)
	}
	if len(st.Bars) != 12 {
		t.Fatalf("%d bars, want 12", len(st.Bars))
	}
	unit := 0.0
	for _, b := range st.Bars {
		want := first
		if b.Relation == 1 {
			want = second
		}
		i := slices.Index(factors, b.Factor)
		if i < 0 || b.Score != want[i] {
			t.Errorf("bar %+v, want score %d", b, want[max(i, 0)])
			continue
		}
		if unit == 0 {
			unit = b.Width / float64(b.Score)
		}
		if d := b.Width - unit*float64(b.Score); d > 0.5 || d < -0.5 {
			t.Errorf("bar %+v is %.1f wide, want %.1f (proportional to the score)", b, b.Width, unit*float64(b.Score))
		}
	}
	if len(st.Patterns) != 2 || st.Patterns[0] == st.Patterns[1] {
		t.Errorf("the two relations' bars use fills %q; want two different patterns", st.Patterns)
	}
	for i, f := range factors {
		for r, scores := range [][]int{first, second} {
			if v := fmt.Sprintf("%d:%s=%d", r, f, scores[i]); !slices.Contains(st.Values, v) {
				t.Errorf("the chart does not show the value %s as text", v)
			}
		}
	}
	if !slices.Equal(st.Head, []string{"Faktor", "skole – PPT", "barnehage – helsestasjon"}) {
		t.Errorf("table head %q", st.Head)
	}
	wantRows := [][]string{
		{"Kunnskap", "3", "2"}, {"Samarbeidsorientering", "4", "2"}, {"Respekt", "2", "4"},
		{"Deling av kunnskap", "5", "3"}, {"Problemløsning", "3", "1"}, {"Innovasjon", "4", "2"}, {"Snitt", "3,5", "2,3"},
	}
	if fmt.Sprint(st.Rows) != fmt.Sprint(wantRows) {
		t.Errorf("table rows %q, want %q", st.Rows, wantRows)
	}
	if !slices.Equal(st.Legend, []string{"skole – PPT", "barnehage – helsestasjon"}) {
		t.Errorf("legend %q", st.Legend)
	}
	wantSuggest := []string{
		"skole – PPT: lavest skår på Respekt (2 av 5). Begynn gjerne med d) Få fram hvordan samarbeidet oppleves og f) Løs konkrete problemer lokalt.",
		"barnehage – helsestasjon: lavest skår på Problemløsning (1 av 5). Begynn gjerne med e) Begynn der dere har mest å hente og f) Løs konkrete problemer lokalt.",
		"Lavest snitt har barnehage – helsestasjon (2,3 av 5). Der kan det være mest å hente – se steg e.",
	}
	if !slices.Equal(st.Suggest, wantSuggest) {
		t.Errorf("suggestions\n%q\nwant\n%q", st.Suggest, wantSuggest)
	}
	if !slices.Equal(st.Links, []string{"#rk-steg-d", "#rk-steg-f", "#rk-steg-e", "#rk-steg-f"}) {
		t.Errorf("suggestion links %q", st.Links)
	}

	// Changing a score redraws; a tie lists both factors and the union of their steps.
	tb.rate(1, "kunnskap", 2)
	st = eval[chartState](tb, chartJS)
	if !slices.Contains(st.Values, "0:kunnskap=2") || st.Rows[0][1] != "2" ||
		!strings.HasPrefix(st.Suggest[0], "skole – PPT: lavest skår på Kunnskap og Respekt (2 av 5). Begynn gjerne med a) Finn den felles oppgaven, b) Finn ut hvem som er med, d)") {
		t.Errorf("after changing a score: values %q, rows %q, suggestion %q", st.Values, st.Rows[0], st.Suggest[0])
	}

	// Print keeps the results and drops the form.
	if err := browser.EmulatePrint(tb.Ctx); err != nil {
		t.Fatal(err)
	}
	pr := eval[map[string]any](tb, `(() => { `+visible+` return {
	  form: visible(document.querySelector(".rk-form")),
	  chart: visible(document.querySelector(".rk-chart svg")),
	  table: visible(document.querySelector(".rk-table")),
	  suggest: visible(document.querySelector(".rk-suggestions")),
	  date: visible(document.querySelector("[data-relational-print-date]")) ? document.querySelector("[data-relational-print-date]").textContent : "",
	}; })()`)
	_ = browser.EmulateMedia(tb.Ctx, "")
	if pr["form"] != false || pr["chart"] != true || pr["table"] != true || pr["suggest"] != true || !slices.Contains(printDates(), fmt.Sprint(pr["date"])) {
		t.Errorf("print of the self-assessment: %v", pr)
	}

	// Removing a relation removes its column and bars.
	tb.Do(chromedp.Click(chromedp.CSS(`[data-rk-relation="2"] .rk-remove`)))
	st = eval[chartState](tb, chartJS)
	if len(st.Bars) != 6 || len(st.Head) != 2 || len(st.Suggest) != 1 {
		t.Errorf("after removing a relation: %d bars, head %q, %d suggestions", len(st.Bars), st.Head, len(st.Suggest))
	}

	local, session, err := browser.StorageLengths(tb.Ctx)
	if err != nil || local != 0 || session != 0 {
		t.Errorf("storage after the self-assessment: %d, %d, %v", local, session, err)
	}
	if c, err := browser.DocumentCookie(tb.Ctx); err != nil || c != "" {
		t.Errorf("document.cookie = %q (%v)", c, err)
	}
	base, _ := url.Parse(tb.Base)
	for _, r := range rec.Requests() {
		if u, err := url.Parse(r.URL); err != nil || (u.Scheme != "data" && u.Host != base.Host) {
			t.Errorf("request to another origin: %s", r.URL)
		}
	}
}

// --- reflow --------------------------------------------------------------------------------------

var overflowJS = `(() => {
  const out = [];
  for (const el of document.querySelectorAll("main *")) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > innerWidth + 1 || r.left < -1) && !el.closest(".scroll-region")) {
      out.push(el.localName + "." + [...el.classList].join(".") + " " + Math.round(r.left) + "–" + Math.round(r.right));
    }
  }
  return out.slice(0, 5);
})()`

// testReflow checks the guide and the self-assessment at 320 CSS pixels (WCAG 1.4.10): nothing in
// <main> sticks out of the viewport (tables may scroll in their own region).
func testReflow(t *testing.T, parent context.Context) {
	tb := newTab(t, parent)
	if err := browser.SetViewportWidth(tb.Ctx, 320); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/veiviser/#trinn-4", "/veiviser/trinn-1/", "/veiviser/relasjonell-kapasitet/"} {
		tb.Open(p, true)
		if strings.Contains(p, "relasjonell") {
			tb.Do(chromedp.Click(chromedp.CSS(`.rk-add`)))
			tb.rate(1, "respekt", 3)
			tb.rate(2, "respekt", 5)
		}
		if over := eval[[]string](tb, overflowJS); len(over) > 0 {
			t.Errorf("%s at 320 px: elements outside the viewport: %q", p, over)
		}
	}
}

// --- accessibility of the enhanced pages ---------------------------------------------------------

// testAccessibility runs axe-core (node_modules, installed by scripts/install-test-deps.sh) on the
// guide and the self-assessment after they have been used, for WCAG 2.1 A and AA: the quality
// gates check every page as loaded, this checks the states only JavaScript creates.
func testAccessibility(t *testing.T, parent context.Context) {
	src, err := os.ReadFile(filepath.Join(contenttest.RepoRoot(t), "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		browser.Require(t, fmt.Errorf("axe-core is not installed (npm ci --ignore-scripts): %w", err))
	}
	tb := newTab(t, parent)
	check := func(state string) {
		t.Helper()
		tb.Do(chromedp.Evaluate[chromedp.Void](string(src)))
		v, err := chromedp.Run(tb.Ctx, chromedp.Evaluate[[]string](`axe.run(document, {
		  runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, resultTypes: ["violations"],
		}).then((r) => r.violations.map((v) => v.id + ": " + v.help + " — " + v.nodes.map((n) => n.target.join(" ")).join(", ")))`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: axe: %v", state, err)
		}
		for _, s := range v {
			t.Errorf("%s: %s", state, s)
		}
	}
	tb.Open("/veiviser/#trinn-1", true)
	tb.Do(
		chromedp.Click(chromedp.ID("trinn-1-sjekk-2")),
		chromedp.Click(chromedp.ID("trinn-1-ferdig")),
		chromedp.Evaluate[chromedp.Void](`(() => { const i = document.getElementById("trinn-1-start"); i.value = "2026-11-23"; i.dispatchEvent(new Event("input", {bubbles: true})); })()`),
	)
	check("/veiviser/ step 1 in use")
	tb.Do(chromedp.Click(chromedp.CSS(`#trinn-1 [data-guide-next]`)))
	check("/veiviser/ step 2")
	tb.Open("/veiviser/relasjonell-kapasitet/", true)
	tb.rate(1, "respekt", 3)
	tb.Do(chromedp.Click(chromedp.CSS(`.rk-add`)))
	tb.rate(2, "respekt", 4)
	check("/veiviser/relasjonell-kapasitet/ with two relations")
}

// ending is how the deadline line starts for a period ending on iso (YYYY-MM-DD): «sluttet» with
// the passed note when that day is before today (in any of the time zones the test uses: a day
// of margin either way), else «slutter».
func ending(iso string) string {
	if iso < time.Now().AddDate(0, 0, -2).Format("2006-01-02") {
		return "sluttet"
	}
	return "slutter"
}

// --- save to a file and open it again ------------------------------------------------------------

// captureDownloads records what the page hands the browser as a download: the Blob behind a
// blob: URL and the file name of the link clicked. (The download itself goes to the browser's
// download folder; the test reads the same bytes from the Blob.)
const captureDownloads = `(() => {
  window.__downloads = [];
  const make = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (b) => { const u = make(b); window.__downloads.push({url: u, blob: b, name: ""}); return u; };
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    const d = window.__downloads.find((x) => x.url === this.href);
    if (d) { d.name = this.download; return; } // recorded: the test reads the Blob instead
    return click.call(this);
  };
})()`

// testSaveOpen fills in the guide, saves the progress to a file, opens the page afresh (the tab
// forgets everything) and opens the file: ticks, notes, the start date and the open step come
// back. Nothing is stored in the browser and nothing is sent: the file is the only copy.
func testSaveOpen(t *testing.T, parent context.Context) {
	tb := newTab(t, parent)
	rec, err := browser.RecordRequests(tb.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	tb.Open("/veiviser/", true)
	tb.Do(chromedp.Evaluate[chromedp.Void](captureDownloads))
	tb.Do(
		chromedp.Click(chromedp.ID("trinn-1-sjekk-2")),
		chromedp.Click(chromedp.ID("trinn-1-ferdig")),
		chromedp.SendKeys(chromedp.ID("trinn-1-notat"), "Observasjon mandag.\nOgså tirsdag: «sulten»."),
		chromedp.Evaluate[chromedp.Void](`(() => { const i = document.getElementById("trinn-1-start"); i.value = "2026-11-23"; i.dispatchEvent(new Event("input", {bubbles: true})); })()`),
		chromedp.Click(chromedp.CSS(`.guide-nav a[href="#trinn-3"]`)),
		chromedp.Click(chromedp.ID("trinn-3-sjekk-1")),
		chromedp.SendKeys(chromedp.ID("trinn-3-notat"), "Konklusjon: følge med."),
	)
	// The file actions are under «Skriv ut, lagre eller åpne framdriften».
	tb.Do(chromedp.Click(chromedp.CSS(`.guide-tools > summary`)), chromedp.Click(chromedp.CSS(`[data-guide-save]`)))
	type download struct {
		Name string `json:"name"`
		Type string `json:"type"`
		Text string `json:"text"`
	}
	dl, err := chromedp.Run(tb.Ctx, chromedp.Evaluate[[]download](`Promise.all(window.__downloads.map(async (d) => ({name: d.name, type: d.blob.type, text: await d.blob.text()})))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if len(dl) != 1 {
		t.Fatalf("%d downloads, want 1", len(dl))
	}
	today := time.Now().Format("2006-01-02")
	if !strings.HasPrefix(dl[0].Name, "veiviser-framdrift-") || !strings.HasSuffix(dl[0].Name, ".json") || dl[0].Type != "application/json" {
		t.Errorf("download %q of type %q", dl[0].Name, dl[0].Type)
	}
	var saved struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
		Saved   string `json:"saved"`
		Start   string `json:"start"`
		Current int    `json:"current"`
		Steps   []struct {
			N      int    `json:"n"`
			Done   bool   `json:"done"`
			Checks []bool `json:"checks"`
			Note   string `json:"note"`
		} `json:"steps"`
	}
	if err := json.Unmarshal([]byte(dl[0].Text), &saved); err != nil {
		t.Fatalf("the file is not JSON: %v\n%s", err, dl[0].Text)
	}
	if saved.Format != "samvirke-veiviser" || saved.Version != 1 || saved.Start != "2026-11-23" || saved.Current != 3 || len(saved.Steps) != 6 ||
		!saved.Steps[0].Done || !saved.Steps[0].Checks[1] || saved.Steps[0].Checks[0] || saved.Steps[0].Note != "Observasjon mandag.\nOgså tirsdag: «sulten»." ||
		!saved.Steps[2].Checks[0] || saved.Steps[2].Note != "Konklusjon: følge med." || saved.Steps[1].Done {
		t.Errorf("saved progress: %+v", saved)
	}
	if d := saved.Saved; d < time.Now().AddDate(0, 0, -1).Format("2006-01-02") || d > time.Now().AddDate(0, 0, 1).Format("2006-01-02") {
		t.Errorf("saved on %q, today is %s", d, today)
	}
	if st := eval[string](tb, `document.querySelector("[data-guide-file-status]").textContent`); !strings.Contains(st, "lagret som fil") {
		t.Errorf("after saving the status reads %q", st)
	}
	file := filepath.Join(t.TempDir(), dl[0].Name)
	if err := os.WriteFile(file, []byte(dl[0].Text), 0o600); err != nil {
		t.Fatal(err)
	}

	// A fresh tab knows nothing; opening the file brings it all back.
	tb2 := newTab(t, parent)
	tb2.Open("/veiviser/", true)
	tb2.Do(chromedp.SetUploadFiles(chromedp.CSS(`[data-guide-file]`), []string{file}, chromedp.NodeReady))
	tb2.WaitFor(`document.querySelector("[data-guide-file-status]").textContent !== ""`)
	got := eval[map[string]any](tb2, `({
	  status: document.querySelector("[data-guide-file-status]").textContent,
	  error: document.querySelector("[data-guide-file-status]").classList.contains("is-error"),
	  c12: document.getElementById("trinn-1-sjekk-2").checked, c11: document.getElementById("trinn-1-sjekk-1").checked,
	  done1: document.getElementById("trinn-1-ferdig").checked, c31: document.getElementById("trinn-3-sjekk-1").checked,
	  note1: document.getElementById("trinn-1-notat").value, note3: document.getElementById("trinn-3-notat").value,
	  start: document.getElementById("trinn-1-start").value, deadline: document.getElementById("trinn-1-frist").textContent,
	  shown: [...document.querySelectorAll("[data-guide-step]")].filter((s) => !s.hidden).map((s) => s.id).join(),
	  progress: document.querySelector("[data-guide-progress]").textContent,
	  print: document.querySelector("#trinn-1 [data-guide-notes-text]").textContent,
	})`)
	want := map[string]any{"status": "Framdriften er hentet fra filen.", "error": false, "c12": true, "c11": false, "done1": true, "c31": true,
		"note1": "Observasjon mandag.\nOgså tirsdag: «sulten».", "note3": "Konklusjon: følge med.", "start": "2026-11-23",
		"shown": "trinn-3", "progress": "Trinn 3 av 6. 1 av 6 fullført.", "print": "Observasjon mandag.\nOgså tirsdag: «sulten»."}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("after opening the file, %s = %q, want %q", k, got[k], v)
		}
	}
	if d, _ := got["deadline"].(string); !strings.Contains(d, "7. desember 2026") {
		t.Errorf("after opening the file the deadline reads %q", d)
	}

	// Any other file is refused as a whole, with a message.
	bad := filepath.Join(t.TempDir(), "annet.json")
	if err := os.WriteFile(bad, []byte(`{"format": "noe annet", "steps": []}`), 0o600); err != nil {
		t.Fatal(err)
	}
	tb2.Do(chromedp.SetUploadFiles(chromedp.CSS(`[data-guide-file]`), []string{bad}, chromedp.NodeReady))
	tb2.WaitFor(`document.querySelector("[data-guide-file-status]").classList.contains("is-error")`)
	if n := eval[string](tb2, `document.getElementById("trinn-3-notat").value`); n != "Konklusjon: følge med." {
		t.Errorf("a refused file changed the notes: %q", n)
	}

	// Nothing in the browser's storage, nothing sent.
	for _, x := range []*tab{tb, tb2} {
		local, session, err := browser.StorageLengths(x.Ctx)
		if err != nil || local != 0 || session != 0 {
			t.Errorf("web storage %d, %d (%v)", local, session, err)
		}
	}
	base, _ := url.Parse(tb.Base)
	for _, r := range rec.Requests() {
		u, err := url.Parse(r.URL)
		if err != nil || (u.Scheme != "blob" && u.Scheme != "data" && u.Host != base.Host) || r.Method != "GET" || strings.Contains(r.URL, "sulten") {
			t.Errorf("request %s %s", r.Method, r.URL)
		}
	}
}

// testDeadlinePassed: a start date more than two weeks back shows that the observation period
// has ended, and step 3, which counts from it, shows the same date.
func testDeadlinePassed(t *testing.T, parent context.Context) {
	tb := newTab(t, parent)
	tb.Open("/veiviser/", true)
	start := time.Now().AddDate(0, 0, -20)
	end := start.AddDate(0, 0, 14)
	endText := fmt.Sprintf("%d. %s %d", end.Day(), monthsNB[end.Month()-1], end.Year())
	set := func(d string) {
		tb.Do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const i = document.getElementById("trinn-1-start"); i.value = %q; i.dispatchEvent(new Event("input", {bubbles: true})); })()`, d)))
	}
	read := func() []string {
		return eval[[]string](tb, `(() => { const o = document.getElementById("trinn-1-frist"); const r = document.querySelector("#trinn-3 [data-guide-deadline-ref]");
		  return [o.textContent, String(o.classList.contains("is-passed")), r.hidden ? "" : r.textContent, String(r.classList.contains("is-passed"))]; })()`)
	}
	set(start.Format("2006-01-02"))
	got := read()
	if got[0] != "Observasjonsperioden sluttet "+endText+". Ta stilling nå: Skal du avslutte, følge med videre eller gå videre til trinn 4?" || got[1] != "true" {
		t.Errorf("passed: %q", got[:2])
	}
	if got[2] != "Observasjonsperioden fra trinn 1 sluttet "+endText+"." || got[3] != "true" {
		t.Errorf("step 3 with a passed period: %q", got[2:])
	}
	future := time.Now().AddDate(0, 0, 3)
	fend := future.AddDate(0, 0, 14)
	set(future.Format("2006-01-02"))
	got = read()
	fendText := fmt.Sprintf("%d. %s %d", fend.Day(), monthsNB[fend.Month()-1], fend.Year())
	if got[0] != "Observasjonsperioden slutter "+fendText+"." || got[1] != "false" || got[2] != "Observasjonsperioden fra trinn 1 slutter "+fendText+"." {
		t.Errorf("not passed: %q", got)
	}
	set("")
	if got = read(); got[0] != "" || got[2] != "" {
		t.Errorf("without a date: %q", got)
	}
}
