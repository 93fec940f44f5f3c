package searchtest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"samvirke/internal/browser"
	"samvirke/internal/qa"
)

// fallbackNote is what the page says when it searches search-fallback.json.
const fallbackNote = "Fullt søk er ikke tilgjengelig her; viser treff i titler og overskrifter."

// TestBrowser runs the search in headless Chromium against the built portal: served with the real
// handlers (full), or as plain static files with no endpoint (static). Each subtest has its own
// tab with its own storage; uncaught exceptions and CSP violations fail it.
func TestBrowser(t *testing.T) {
	ix := openIndex(t)
	full := listen(t, siteHandler(t, ix, true, true)).URL
	static := listen(t, siteHandler(t, ix, false, false)).URL
	ctx := browser.New(t)
	t.Run("Typeahead", func(t *testing.T) { testTypeahead(t, ctx, full) })
	t.Run("SearchPage", func(t *testing.T) { testSearchPage(t, ctx, full) })
	t.Run("NoJavaScript", func(t *testing.T) { testNoJavaScript(t, ctx, full) })
	t.Run("Fallback", func(t *testing.T) { testFallback(t, ctx, static) })
	t.Run("StatusAndNoDeadEnds", func(t *testing.T) { testStatusAndNoDeadEnds(t, ctx, full) })
	t.Run("Accessibility", func(t *testing.T) { testAccessibility(t, ctx, full, static) })
}

// Conditions for waitFor: the suggestions, or the page's results, of the last thing typed are
// shown (no search pending: aria-busy is gone).
const (
	boxShown  = `document.getElementById("header-q").getAttribute("aria-expanded") === "true" && !document.querySelector("[role=listbox][aria-busy]")`
	pageShown = `document.querySelectorAll("[data-search-results] .sok-treff > li").length > 0 && !document.querySelector("[data-search-results][aria-busy]")`
)

// --- The header box ------------------------------------------------------------------------------

type comboState struct {
	Role         string   `json:"role"`
	Expanded     string   `json:"expanded"`
	Controls     string   `json:"controls"`
	Active       string   `json:"active"`
	ListboxRole  string   `json:"listboxRole"`
	PopupVisible bool     `json:"popupVisible"`
	IDs          []string `json:"ids"`
	Hrefs        []string `json:"hrefs"`
	Selected     []string `json:"selected"`
	Live         string   `json:"live"`
	LiveAttr     string   `json:"liveAttr"`
	Note         bool     `json:"note"`
	Title        string   `json:"title"`
}

const comboJS = `(() => {
  const input = document.getElementById("header-q");
  const list = document.getElementById(input.getAttribute("aria-controls") || "-");
  const opts = list ? [...list.querySelectorAll("[role=option]")] : [];
  const form = input.form;
  const live = form.querySelector("[aria-live]");
  const note = form.querySelector(".sok-forslag-merknad");
  const popup = form.querySelector(".sok-forslag");
  return {
    role: input.getAttribute("role") || "",
    expanded: input.getAttribute("aria-expanded") || "",
    controls: input.getAttribute("aria-controls") || "",
    active: input.getAttribute("aria-activedescendant") || "",
    listboxRole: list ? list.getAttribute("role") : "",
    popupVisible: !!popup && popup.getClientRects().length > 0,
    ids: opts.map((o) => o.id),
    hrefs: opts.map((o) => o.getAttribute("href")),
    selected: opts.filter((o) => o.getAttribute("aria-selected") === "true").map((o) => o.id),
    live: live ? live.textContent : "",
    liveAttr: live ? live.getAttribute("aria-live") : "",
    note: !!note && note.getClientRects().length > 0 && note.textContent.includes("Fullt søk er ikke tilgjengelig"),
    title: document.title,
  };
})()`

func testTypeahead(t *testing.T, parent context.Context, base string) {
	tb := newTab(t, parent, base)
	rec, err := browser.RecordRequests(tb.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	tb.Open("/begreper/", true)
	tb.Do(chromedp.SendKeys(chromedp.ID("header-q"), "stafettlogg"))
	tb.WaitFor(boxShown)
	st := eval[comboState](tb, comboJS)
	if st.Role != "combobox" || st.ListboxRole != "listbox" || st.Controls == "" || !st.PopupVisible {
		t.Fatalf("not an open combobox: %+v", st)
	}
	if i := slices.Index(st.Hrefs, "/begreper/stafettlogg/"); i < 0 || i > 2 {
		t.Errorf("the glossary entry is not among the first three suggestions: %q", st.Hrefs)
	}
	if !regexp.MustCompile(`^\d+ treff`).MatchString(st.Live) || st.LiveAttr != "polite" {
		t.Errorf("the count is not announced politely: %q (aria-live=%q)", st.Live, st.LiveAttr)
	}
	if st.Note {
		t.Error("the fallback note shows although the endpoint answers")
	}
	if len(st.IDs) < 3 {
		t.Fatalf("want at least 3 suggestions, got %q", st.Hrefs)
	}

	// Esc closes; Down opens again on the first suggestion; Down, Down, Up: the second.
	tb.Key(kb.Escape)
	if st := eval[comboState](tb, comboJS); st.Expanded != "false" || st.PopupVisible || st.Active != "" {
		t.Errorf("Esc did not close the list: %+v", st)
	}
	tb.Key(kb.ArrowDown)
	if st := eval[comboState](tb, comboJS); st.Expanded != "true" || st.Active != st.IDs[0] || !slices.Equal(st.Selected, st.IDs[:1]) {
		t.Errorf("Down: active %q selected %q, want %q", st.Active, st.Selected, st.IDs[0])
	}
	tb.Key(kb.ArrowDown)
	tb.Key(kb.ArrowDown)
	tb.Key(kb.ArrowUp)
	st = eval[comboState](tb, comboJS)
	if st.Active != st.IDs[1] || !slices.Equal(st.Selected, st.IDs[1:2]) {
		t.Fatalf("Down, Down, Up: active %q selected %q, want %q", st.Active, st.Selected, st.IDs[1])
	}
	if f := eval[string](tb, `document.activeElement.id`); f != "header-q" {
		t.Errorf("focus moved to %q; it stays in the box", f)
	}
	if strings.Contains(st.Title, "stafettlogg") {
		t.Errorf("the query is in the page title %q", st.Title)
	}
	want := st.Hrefs[1]
	tb.Key(kb.Enter)
	tb.WaitFor(fmt.Sprintf(`location.pathname === %q && document.readyState === "complete"`, want))

	var api []string
	for _, r := range rec.Requests() {
		if !strings.HasPrefix(r.URL, base+"/") {
			t.Errorf("request to another origin: %s", r.URL)
		}
		if strings.HasPrefix(r.URL, base+"/api/search?") {
			api = append(api, r.URL)
		}
		if strings.Contains(r.URL, "search-fallback.json") {
			t.Errorf("the fallback was fetched although the endpoint answers: %s", r.URL)
		}
	}
	if len(api) == 0 {
		t.Error("no request to /api/search")
	} else if u, _ := url.Parse(api[len(api)-1]); u.Query().Get("q") != "stafettlogg" {
		t.Errorf("last search %s", api[len(api)-1])
	}
	if len(api) >= len("stafettlogg") {
		t.Errorf("%d searches for typing one word: the box does not wait until typing pauses", len(api))
	}
	tb.noTraces()
}

// --- The search page with JavaScript ---------------------------------------------------------------

type pageState struct {
	Hits     []string `json:"hits"`
	Types    []string `json:"types"`
	Heading  string   `json:"heading"`
	Status   string   `json:"status"`
	LiveAttr string   `json:"liveAttr"`
	Marks    int      `json:"marks"`
	Radios   []string `json:"radios"`
	Checked  []string `json:"checked"`
	More     bool     `json:"more"`
	MoreText string   `json:"moreText"`
	Notice   bool     `json:"notice"`
	Focus    string   `json:"focus"`
	Scripts  int      `json:"scripts"`
}

const pageJS = `(() => {
  const vis = (el) => !!el && el.getClientRects().length > 0;
  const res = document.querySelector("[data-search-results]");
  const status = document.querySelector("[data-search-status]");
  const more = res.querySelector(".sok-flere");
  const a = document.activeElement;
  return {
    hits: [...res.querySelectorAll(".sok-treff > li .sok-treff-tittel a")].map((a) => a.getAttribute("href")),
    types: [...res.querySelectorAll(".sok-treff-type")].map((p) => p.textContent),
    heading: (res.querySelector("h2") || {}).textContent || "",
    status: status.textContent,
    liveAttr: status.getAttribute("aria-live") || "",
    marks: res.querySelectorAll(".sok-treff-utdrag mark").length,
    radios: [...res.querySelectorAll("input[type=radio]")].map((r) => r.name + "=" + r.value),
    checked: [...res.querySelectorAll("input[type=radio]:checked")].map((r) => r.name + "=" + r.value),
    more: vis(more),
    moreText: more ? more.textContent : "",
    notice: vis(document.querySelector("[data-search-notice]")),
    focus: a ? (a.id || a.getAttribute("href") || a.localName) : "",
    scripts: res.querySelectorAll("script, [style], [onclick]").length,
  };
})()`

func testSearchPage(t *testing.T, parent context.Context, base string) {
	tb := newTab(t, parent, base)
	tb.Open("/sok/", true)
	// Results while typing, without submitting.
	tb.Do(chromedp.SendKeys(chromedp.ID("sok-q"), "samarbeid"))
	tb.WaitFor(pageShown)
	tb.WaitFor(`/^\d+ treff/.test(document.querySelector("[data-search-status]").textContent)`)
	st := eval[pageState](tb, pageJS)
	if !strings.HasPrefix(tb.location(), base+"/sok/") || strings.Contains(tb.location(), "q=") {
		t.Errorf("typing changed the address to %s", tb.location())
	}
	if st.LiveAttr != "polite" {
		t.Errorf("the status region has aria-live=%q", st.LiveAttr)
	}
	if st.Marks == 0 {
		t.Error("no highlighted matches (<mark>) in the snippets")
	}
	if st.Scripts > 0 {
		t.Error("the results hold scripts or inline styles")
	}
	if st.Notice {
		t.Error("the fallback note shows although the endpoint answers")
	}
	if !slices.Contains(st.Radios, "type=") || !slices.Contains(st.Radios, "type=begrep") || !slices.Equal(st.Checked, []string{"type=", "lang="}) && !slices.Equal(st.Checked, []string{"type="}) {
		t.Fatalf("type filters %q, checked %q", st.Radios, st.Checked)
	}
	if !st.More || len(st.Hits) != 10 {
		t.Fatalf("want 10 hits and «Vis flere», got %d hits, more=%v (%q)", len(st.Hits), st.More, st.MoreText)
	}

	// «Vis flere» adds the next ten and moves the focus to the first of them.
	tb.Do(chromedp.Click(chromedp.CSS(".sok-flere")))
	tb.WaitFor(`document.querySelectorAll("[data-search-results] .sok-treff > li").length > 10`)
	st2 := eval[pageState](tb, pageJS)
	if !slices.Equal(st2.Hits[:10], st.Hits) || st2.Focus != st2.Hits[10] {
		t.Errorf("«Vis flere»: focus on %q, want %q; first ten kept: %v", st2.Focus, st2.Hits[10], slices.Equal(st2.Hits[:10], st.Hits))
	}
	if slices.ContainsFunc(st2.Hits[10:], func(h string) bool { return slices.Contains(st.Hits, h) }) {
		t.Errorf("«Vis flere» repeated hits: %q", st2.Hits)
	}

	// The filter «Begrep»: only glossary entries; the focus stays on the filter.
	tb.Do(chromedp.Click(chromedp.CSS(`[data-search-results] input[name=type][value=begrep]`)))
	tb.WaitFor(pageShown + ` && [...document.querySelectorAll("[data-search-results] .sok-treff-type")].every((p) => p.textContent === "Begrep")`)
	st = eval[pageState](tb, pageJS)
	if len(st.Hits) == 0 || !slices.Contains(st.Checked, "type=begrep") || st.Focus != "sok-type-begrep" {
		t.Errorf("filter Begrep: hits %q, checked %q, focus %q", st.Hits, st.Checked, st.Focus)
	}
	// Enter in the field searches again at once, keeping the filter.
	tb.Do(chromedp.Focus(chromedp.ID("sok-q")), chromedp.KeyEvent(" tverrfaglig"+kb.Enter))
	tb.WaitFor(pageShown + ` && document.querySelector("[data-search-results] h2").textContent.includes("tverrfaglig")`)
	if loc := tb.location(); strings.Contains(loc, "q=") {
		t.Errorf("Enter sent the form (%s) instead of searching in the page", loc)
	}
	tb.noTraces()
}

// --- Without JavaScript ----------------------------------------------------------------------------

func testNoJavaScript(t *testing.T, parent context.Context, base string) {
	tb := newTab(t, parent, base)
	if _, err := chromedp.Call(tb.Ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	tb.Open("/", false)
	// The home page's own search box (the header has none there: the home page's is in the first screen).
	tb.Do(chromedp.SendKeys(chromedp.ID("home-q"), "barnekoordinator"+kb.Enter))
	tb.WaitFor(`location.pathname === "/sok/" && document.readyState === "complete" && document.querySelector(".sok-resultat")`)
	st := eval[map[string]any](tb, `(() => ({
	  js: document.documentElement.classList.contains("js"),
	  value: document.getElementById("sok-q").value,
	  heading: document.querySelector(".sok-resultat h2").textContent,
	  hits: [...document.querySelectorAll(".sok-treff .sok-treff-tittel a")].map((a) => a.getAttribute("href")),
	  title: document.title,
	}))()`)
	if st["js"] == true {
		t.Fatal("JavaScript ran")
	}
	if st["value"] != "barnekoordinator" {
		t.Errorf("the field holds %q", st["value"])
	}
	if !regexp.MustCompile(`^\d+ treff for «barnekoordinator»$`).MatchString(fmt.Sprint(st["heading"])) {
		t.Errorf("heading %q", st["heading"])
	}
	hits := fmt.Sprint(st["hits"])
	for _, want := range []string{"/begreper/barnekoordinator/", "/lovverk/hol-7-2a/", "/beslutningstrer/barnekoordinator/"} {
		if !strings.Contains(hits, want) {
			t.Errorf("no hit %s in %s", want, hits)
		}
	}
	if strings.Contains(fmt.Sprint(st["title"]), "barnekoordinator") {
		t.Errorf("the query is in the page title %q", st["title"])
	}
	// The type filters are links that work without JavaScript too.
	tb.Do(chromedp.Click(chromedp.CSS(`.sok-filter a[href*="type=lov"]`)))
	tb.WaitFor(`location.search.includes("type=lov") && document.readyState === "complete" && document.querySelector(".sok-treff")`)
	types := eval[[]string](tb, `[...document.querySelectorAll(".sok-treff-type")].map((p) => p.textContent)`)
	if len(types) == 0 || slices.ContainsFunc(types, func(s string) bool { return s != "Lovbestemmelse" }) {
		t.Errorf("filter lov: types %q", types)
	}
	tb.noTraces()
}

// --- Static hosting: the fallback ----------------------------------------------------------------

func testFallback(t *testing.T, parent context.Context, base string) {
	tb := newTab(t, parent, base)
	rec, err := browser.RecordRequests(tb.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	tb.Open("/begreper/", true)
	// "pa tvers", without å, finds the home page «Samarbeid på tvers – …» by its title.
	tb.Do(chromedp.SendKeys(chromedp.ID("header-q"), "pa tvers"))
	tb.WaitFor(boxShown)
	st := eval[comboState](tb, comboJS)
	if !slices.Contains(st.Hrefs, "/") {
		t.Errorf(`"pa tvers" does not suggest the home page: %q`, st.Hrefs)
	}
	if !st.Note {
		t.Error("the note that full search is unavailable is missing")
	}
	tb.Key(kb.ArrowDown)
	if st := eval[comboState](tb, comboJS); st.Active != st.IDs[0] {
		t.Errorf("Down in the fallback: active %q", st.Active)
	}
	// Esc closes the list, the second Esc empties the field.
	tb.Key(kb.Escape)
	tb.Key(kb.Escape)
	if v := eval[string](tb, `document.getElementById("header-q").value`); v != "" {
		t.Errorf("Esc, Esc left %q in the field", v)
	}

	// The search page at /sok/?q=…: static hosting did not render results; the script does.
	rec.Reset()
	tb.Open("/sok/?q=netvaerksmode", true)
	tb.WaitFor(pageShown)
	tb.WaitFor(`document.querySelector("[data-search-status]").textContent !== ""`)
	ps := eval[pageState](tb, pageJS)
	if !slices.Contains(ps.Hits, "/begreper/tvaerfagligt-netvaerksmode/") {
		t.Errorf(`"netvaerksmode" does not find «Tværfagligt netværksmøde»: %q`, ps.Hits)
	}
	if !ps.Notice || !strings.Contains(eval[string](tb, `document.querySelector("[data-search-notice]").textContent`), fallbackNote) {
		t.Error("the search page does not say that full search is unavailable")
	}
	if !strings.Contains(ps.Status, "treff i titler og overskrifter") {
		t.Errorf("status %q", ps.Status)
	}
	// More searches use the fallback already in memory.
	tb.Do(chromedp.Focus(chromedp.ID("sok-q")), chromedp.Evaluate[chromedp.Void](`document.getElementById("sok-q").select()`), chromedp.KeyEvent("koordinator"))
	tb.WaitFor(pageShown + ` && document.querySelector("[data-search-results] h2").textContent.includes("«koordinator»")`)
	ps = eval[pageState](tb, pageJS)
	if !slices.Contains(ps.Hits, "/begreper/koordinator/") {
		t.Errorf(`fallback "koordinator": %q`, ps.Hits)
	}
	var fallback, api int
	for _, r := range rec.Requests() {
		switch {
		case !strings.HasPrefix(r.URL, base+"/"):
			t.Errorf("request to another origin: %s", r.URL)
		case strings.HasSuffix(r.URL, "/search-fallback.json"):
			fallback++
		case strings.HasPrefix(r.URL, base+"/api/search"):
			api++
		}
	}
	if fallback != 1 || api != 1 {
		t.Errorf("on /sok/: %d requests for search-fallback.json and %d to /api/search, want 1 and 1", fallback, api)
	}
	tb.noTraces()
}

// --- Status and no dead ends -------------------------------------------------------------------------

// noHits finds nothing: its first letter is wrong, which searching does not forgive, but the
// suggestions do ("stafettlogg").
const noHits = "ttafettlogg"

const noneJS = `(() => {
  const vis = (el) => !!el && el.getClientRects().length > 0;
  const none = document.querySelector("[data-search-none]");
  return {
    none: vis(none),
    didYouMean: vis(document.querySelector("[data-search-didyoumean]")) ? document.querySelector("[data-search-didyoumean]").textContent.replace(/\s+/g, " ").trim() : "",
    suggestions: [...document.querySelectorAll("[data-search-suggestions] a")].map((a) => a.getAttribute("href")),
    ways: none ? [...none.querySelectorAll(".ways-in a")].filter(vis).map((a) => a.getAttribute("href")) : [],
  };
})()`

type noneState struct {
	None        bool     `json:"none"`
	DidYouMean  string   `json:"didYouMean"`
	Suggestions []string `json:"suggestions"`
	Ways        []string `json:"ways"`
}

// A provision that no longer applies shows that, below the current one, in the page's results and
// in the box's suggestions; a search that finds nothing offers "did you mean" and the ways in, with
// JavaScript and without.
func testStatusAndNoDeadEnds(t *testing.T, parent context.Context, base string) {
	tb := newTab(t, parent, base)
	tb.Open("/sok/", true)
	tb.Do(chromedp.SendKeys(chromedp.ID("sok-q"), "samordningsplikt før 2023"))
	tb.WaitFor(pageShown)
	st := eval[pageState](tb, pageJS)
	cur, old := slices.Index(st.Hits, "/lovverk/bvl-15-8/"), slices.Index(st.Hits, "/lovverk/bvl1992-3-2/")
	if cur < 0 || old < 0 || cur > old {
		t.Errorf("want the current provision before the repealed one: %q", st.Hits)
	} else if st.Types[old] != "Lovbestemmelse Gjelder ikke lenger" || st.Types[cur] != "Lovbestemmelse" {
		t.Errorf("status shown as %q (repealed) and %q (current)", st.Types[old], st.Types[cur])
	}
	if n := eval[int](tb, `document.querySelectorAll("[data-search-results] .status-badge.status-expired").length`); n == 0 {
		t.Error("no status badge in the results")
	}
	if st := eval[noneState](tb, noneJS); st.None {
		t.Error("the block for no hits shows although there are hits")
	}

	tb.Do(chromedp.SendKeys(chromedp.ID("header-q"), "samordningsplikt før 2023"))
	tb.WaitFor(boxShown)
	opts := eval[[]string](tb, `[...document.querySelectorAll(".sok-forslag [role=option]")].map((o) => o.getAttribute("href") + " " + o.textContent)`)
	if !slices.ContainsFunc(opts, func(o string) bool {
		return strings.HasPrefix(o, "/lovverk/bvl1992-3-2/ ") && strings.HasSuffix(o, "Gjelder ikke lenger")
	}) {
		t.Errorf("the box does not show that the repealed provision no longer applies: %q", opts)
	}
	tb.Key(kb.Escape)

	// Nothing found: did you mean, and the ways in.
	tb.Do(chromedp.Evaluate[chromedp.Void](`document.getElementById("sok-q").select()`), chromedp.SendKeys(chromedp.ID("sok-q"), noHits))
	tb.WaitFor(`document.querySelector("[data-search-results] h2") && document.querySelector("[data-search-results] h2").textContent.includes("` + noHits + `") && !document.querySelector("[data-search-results][aria-busy]")`)
	ns := eval[noneState](tb, noneJS)
	if !ns.None || !strings.HasPrefix(ns.DidYouMean, "Mente du stafettlogg") || !strings.HasSuffix(ns.DidYouMean, "?") ||
		len(ns.Suggestions) == 0 || ns.Suggestions[0] != "/sok/?q=stafettlogg" {
		t.Errorf("no hits: %+v", ns)
	}
	if !slices.Contains(ns.Ways, "/veiviser/#trinnene") || !slices.Contains(ns.Ways, "/beslutningstrer/") || !slices.Contains(ns.Ways, "/kontakter/") {
		t.Errorf("no hits: ways in %q", ns.Ways)
	}
	tb.Do(chromedp.Click(chromedp.CSS(`[data-search-suggestions] a`)))
	tb.WaitFor(`location.search === "?q=stafettlogg" && document.readyState === "complete" && document.querySelector(".sok-treff")`)
	if ns := eval[noneState](tb, noneJS); ns.None {
		t.Error("the block for no hits shows after following the suggestion")
	}

	tb.Do(chromedp.SendKeys(chromedp.ID("header-q"), noHits))
	tb.WaitFor(`document.getElementById("header-q").getAttribute("aria-expanded") === "true" && !document.querySelector("[role=listbox][aria-busy]")`)
	opts = eval[[]string](tb, `[...document.querySelectorAll(".sok-forslag [role=option]")].map((o) => o.getAttribute("href") + " " + o.textContent)`)
	if !slices.Contains(opts, "/sok/?q=stafettlogg Mente du «stafettlogg»?") {
		t.Errorf("the box suggests %q for %q", opts, noHits)
	}
	tb.noTraces()

	// Without JavaScript the server renders the same.
	tb = newTab(t, parent, base)
	if _, err := chromedp.Call(tb.Ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	tb.Open("/sok/?q="+noHits, false)
	ns = eval[noneState](tb, noneJS)
	if !ns.None || !strings.HasPrefix(ns.DidYouMean, "Mente du stafettlogg") || len(ns.Suggestions) == 0 || ns.Suggestions[0] != "?q=stafettlogg" ||
		!slices.Contains(ns.Ways, "/veiviser/#trinnene") {
		t.Errorf("no hits, no JavaScript: %+v", ns)
	}
	tb.Open("/sok/?q=samordningsplikt+f%C3%B8r+2023", false)
	types := eval[[]string](tb, `[...document.querySelectorAll(".sok-treff-type")].map((p) => p.textContent)`)
	if !slices.Contains(types, "Lovbestemmelse Gjelder ikke lenger") {
		t.Errorf("no JavaScript: types %q", types)
	}
	tb.noTraces()
}

// --- Accessibility and valid HTML ----------------------------------------------------------------

func testAccessibility(t *testing.T, parent context.Context, full, static string) {
	axeSrc, err := os.ReadFile(filepath.Join(repoNodeModules(t), filepath.FromSlash(qa.AxeScript)))
	if err != nil {
		browser.Require(t, fmt.Errorf("%w: %v", qa.ErrMissingTool, err))
	}
	var findings []qa.Finding
	// The server-rendered results, with the portal's own gates.
	for _, gate := range []func(context.Context, string, string) ([]qa.Finding, error){qa.Axe, qa.Keyboard, qa.Reflow} {
		for _, page := range []string{"/sok/?q=barnekoordinator", "/sok/?q=" + noHits} {
			fs, err := gate(browser.NewTab(t, parent), full, page)
			if errors.Is(err, qa.ErrMissingTool) {
				browser.Require(t, err)
			}
			if err != nil {
				t.Fatal(err)
			}
			findings = append(findings, fs...)
		}
	}

	// The results the script renders, with the suggestions open, from the endpoint and from the
	// fallback (with its note).
	pages := map[string]string{}
	for name, base := range map[string]string{"endpoint": full, "fallback": static} {
		tb := newTab(t, parent, base)
		tb.Open("/sok/", true)
		tb.Do(chromedp.SendKeys(chromedp.ID("sok-q"), "koordinator"))
		tb.WaitFor(pageShown)
		tb.Do(chromedp.SendKeys(chromedp.ID("header-q"), "samarbeid"))
		tb.WaitFor(boxShown)
		tb.Key(kb.ArrowDown)
		findings = append(findings, tb.axe(string(axeSrc), "/sok/ ("+name+", rendered by the script)")...)
		pages[name] = eval[string](tb, `"<!DOCTYPE html>\n" + document.documentElement.outerHTML`)
		tb.noTraces()
	}
	for _, f := range qa.Errors(findings) {
		t.Errorf("%s", qa.FormatFinding(f))
	}

	// Valid HTML: the server-rendered page as served, and the script's results as the DOM holds them.
	_, served := fetch(t, "GET", full+"/sok/?q=barnekoordinator")
	dir := t.TempDir()
	files := map[string]string{"served.html": served, "endpoint.html": pages["endpoint"], "fallback.html": pages["fallback"]}
	var names []string
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	fs, err := qa.HTMLValidity(dir, names)
	if errors.Is(err, qa.ErrMissingTool) {
		browser.Require(t, err)
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range qa.Errors(fs) {
		t.Errorf("%s", qa.FormatFinding(f))
	}
}

func repoNodeModules(t *testing.T) string {
	t.Helper()
	root, err := qa.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(root, "node_modules")
}

// axe runs axe-core's WCAG 2.1 A and AA rules on the page as it is now.
func (tb *tab) axe(src, page string) []qa.Finding {
	tb.T.Helper()
	tb.Do(chromedp.Evaluate[chromedp.Void](src))
	type violation struct {
		ID    string `json:"id"`
		Help  string `json:"help"`
		Nodes []struct {
			Target string `json:"target"`
			HTML   string `json:"html"`
		} `json:"nodes"`
	}
	tags, _ := json.Marshal(qa.AxeTags)
	script := fmt.Sprintf(`axe.run(document, {runOnly: {type: "tag", values: %s}, resultTypes: ["violations"]})
	  .then((r) => r.violations.map((v) => ({id: v.id, help: v.help,
	    nodes: v.nodes.map((n) => ({target: n.target.join(", "), html: n.html}))})))`, tags)
	vs, err := chromedp.Run(tb.Ctx, chromedp.Evaluate[[]violation](script, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.T.Fatalf("axe on %s: %v", page, err)
	}
	var out []qa.Finding
	for _, v := range vs {
		for _, n := range v.Nodes {
			out = append(out, qa.Finding{Page: page, Gate: qa.GateAxe, Rule: v.ID, Element: n.Target + " " + n.HTML,
				Message: v.Help, Severity: qa.Error})
		}
	}
	return out
}

// --- Tabs ------------------------------------------------------------------------------------------

// tab is a browser.Tab on the served portal, with the search tests' own helpers.
type tab struct{ *browser.Tab }

func newTab(t *testing.T, parent context.Context, base string) *tab {
	t.Helper()
	return &tab{browser.OpenTab(t, parent, base)}
}

// noTraces fails the test on uncaught exceptions, CSP violations, cookies and web storage: the
// search stores nothing.
func (tb *tab) noTraces() {
	tb.T.Helper()
	tb.CheckClean()
	local, session, err := browser.StorageLengths(tb.Ctx)
	if err != nil {
		tb.T.Fatal(err)
	}
	cookies, err := browser.Cookies(tb.Ctx)
	if err != nil {
		tb.T.Fatal(err)
	}
	if local != 0 || session != 0 || len(cookies) != 0 {
		tb.T.Errorf("the page stored something: localStorage %d, sessionStorage %d, cookies %d", local, session, len(cookies))
	}
}

func (tb *tab) location() string { return eval[string](tb, `location.href`) }

func eval[T any](tb *tab, expr string) T { return browser.Eval[T](tb.Tab, expr) }
