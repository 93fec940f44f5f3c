package treestest

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"samvirke/internal/browser"
)

// Browser tests of the widget on the real bundled portal, served over HTTP on 127.0.0.1 with the
// portal's strict CSP, in headless Chromium (skipped without it unless CI is set).

const tree1 = "/beslutningstrer/samarbeidsniva/"

// The route through tree 1 and where it ends.
var route1 = []struct {
	node  string
	index int // which radio button (0-based)
	value string
}{
	{"akutt-fare", 1, "nei"},
	{"vold", 3, "nei"},
	{"undring", 1, "tiltak"},
	{"egen-tjeneste", 0, "ja"},
}

const (
	outcome1 = "Tiltak i din egen tjeneste"
	svar1    = "akutt-fare.nei,vold.nei,undring.tiltak,egen-tjeneste.ja"
)

// problems collects script errors and CSP violations of a tab.
type problems struct {
	mu   sync.Mutex
	list []string
}

func (p *problems) add(s string) { p.mu.Lock(); p.list = append(p.list, s); p.mu.Unlock() }

func (p *problems) check(t *testing.T) {
	t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, s := range p.list {
		t.Errorf("in the browser: %s", s)
	}
}

// tab starts a browser for the test, blocked from every origin but the test server, and records
// script errors and console errors (CSP violations are logged as errors).
func tab(t *testing.T) (context.Context, string, *problems) {
	t.Helper()
	ctx := browser.New(t)
	dir, _, _ := built(t)
	srv := serveSite(t, dir)
	if err := browser.BlockOtherOrigins(ctx, srv.URL); err != nil {
		t.Fatal(err)
	}
	p := watch(t, ctx)
	return ctx, srv.URL, p
}

func watch(t *testing.T, ctx context.Context) *problems {
	t.Helper()
	p := &problems{}
	err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			p.add("exception: " + e.ExceptionDetails.Text + " " + fmt.Sprint(e.ExceptionDetails.Exception))
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError {
				var args []string
				for _, a := range e.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				p.add("console.error: " + strings.Join(args, " "))
			}
		case *cdplog.EventEntryAdded:
			// The browser asks for /favicon.ico on its own; the portal has none.
			if e.Entry.Level == cdplog.EntryLevelError && !strings.HasSuffix(e.Entry.URL, "/favicon.ico") {
				p.add("log: " + e.Entry.Text + " " + e.Entry.URL)
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	return p
}

func do(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// waitFor polls a JavaScript condition for up to five seconds.
func waitFor(t *testing.T, ctx context.Context, cond string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!(`+cond+`)`))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s (%v); page: %s", cond, err, eval[string](t, ctx, `location.href + " " + (document.querySelector("#tree-app")||{}).innerText`))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func key(t *testing.T, ctx context.Context, k string) {
	t.Helper()
	do(t, ctx, chromedp.KeyEvent(k))
}

// tabTo presses Tab until the focused element matches the CSS selector.
func tabTo(t *testing.T, ctx context.Context, selector string) {
	t.Helper()
	for i := 0; i < 120; i++ {
		key(t, ctx, kb.Tab)
		if eval[bool](t, ctx, fmt.Sprintf(`!!(document.activeElement && document.activeElement.matches(%q))`, selector)) {
			return
		}
	}
	t.Fatalf("Tab never reached %s", selector)
}

// focusedText is the text of the focused element.
func focusedText(t *testing.T, ctx context.Context) string {
	return eval[string](t, ctx, `document.activeElement ? document.activeElement.textContent.replace(/\s+/g, " ").trim() : ""`)
}

func query(t *testing.T, ctx context.Context) string {
	return eval[string](t, ctx, `decodeURIComponent(location.search)`)
}

func checkedValue(t *testing.T, ctx context.Context) string {
	return eval[string](t, ctx, `(document.querySelector("input[name=tree-svar]:checked") || {value: ""}).value`)
}

// answer chooses the index-th answer of the current question and presses Neste, by keyboard only:
// Tab into the radio group, Space to select, arrow keys to move, Tab to "Neste", Enter.
func answer(t *testing.T, ctx context.Context, index int) {
	t.Helper()
	tabTo(t, ctx, "input[name=tree-svar]")
	if checkedValue(t, ctx) == "" {
		key(t, ctx, " ")
	}
	for eval[int](t, ctx, `[...document.querySelectorAll("input[name=tree-svar]")].indexOf(document.activeElement)`) != index {
		key(t, ctx, kb.ArrowDown)
	}
	tabTo(t, ctx, ".tree-step button[type=submit]")
	key(t, ctx, kb.Enter)
}

func questionOf(t *testing.T, ctx context.Context) string {
	return eval[string](t, ctx, `(document.querySelector("#tree-q .tree-q-text") || {textContent: ""}).textContent`)
}

// TestKeyboardOnly completes tree 1 with the keyboard, goes back and sees the earlier answer
// selected, changes an answer with "Endre", and starts again.
func TestKeyboardOnly(t *testing.T) {
	ctx, base, probs := tab(t)
	trs := shippedTrees(t)
	tr := trs["samarbeidsniva"]
	do(t, ctx, chromedp.Navigate(base+tree1))
	waitFor(t, ctx, `document.querySelector("#tree-app:not([hidden]) fieldset legend h2")`)
	if eval[bool](t, ctx, `!document.querySelector("[data-tree-static]").hidden`) {
		t.Error("the static first question is still shown with JavaScript on")
	}
	if got := questionOf(t, ctx); got != tr.Nodes["akutt-fare"].Question {
		t.Fatalf("first question = %q", got)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("fieldset input[type=radio]").length`); n != 2 {
		t.Errorf("%d radio buttons in the fieldset", n)
	}

	for i, st := range route1 {
		if got := questionOf(t, ctx); got != tr.Nodes[st.node].Question {
			t.Fatalf("step %d: question %q, want %q", i+1, got, tr.Nodes[st.node].Question)
		}
		answer(t, ctx, st.index)
		if i < len(route1)-1 {
			// Focus is on the next question's heading.
			if got := eval[string](t, ctx, `document.activeElement.id`); got != "tree-q" {
				t.Fatalf("after step %d focus is on #%s (%s), want the question heading", i+1, got, focusedText(t, ctx))
			}
		}
	}
	if got := eval[string](t, ctx, `document.activeElement.id`); got != "tree-result-h" || !strings.Contains(focusedText(t, ctx), outcome1) {
		t.Fatalf("focus after the last answer: #%s %q, want the outcome heading %q", got, focusedText(t, ctx), outcome1)
	}
	if q := query(t, ctx); q != "?svar="+svar1 {
		t.Errorf("URL %q, want ?svar=%s", q, svar1)
	}
	// The outcome comes first, then the collapsed answers, each with Endre.
	order := eval[string](t, ctx, `[...document.querySelector(".tree-result").children].map(e => e.className || e.tagName).join(" ")`)
	if !strings.HasPrefix(order, "H2") || !strings.Contains(order, "tree-given") || strings.Index(order, "tree-body") > strings.Index(order, "tree-given") {
		t.Errorf("result order: %s", order)
	}
	if eval[bool](t, ctx, `document.querySelector(".tree-given").open`) {
		t.Error("the list of answers is open; it should start collapsed")
	}
	if n := eval[int](t, ctx, `document.querySelectorAll(".tree-given li button").length`); n != len(route1) {
		t.Errorf("%d Endre buttons, want %d", n, len(route1))
	}
	if got := eval[string](t, ctx, `document.querySelector(".tree-level").textContent`); got != "Samarbeidsnivå: Nivå 1" {
		t.Errorf("level %q", got)
	}

	// Tilbake: the last question, with the answer given before selected.
	tabTo(t, ctx, ".tree-result .tree-actions button:nth-child(2)")
	if focusedText(t, ctx) != "Tilbake" {
		t.Fatalf("focused %q, want Tilbake", focusedText(t, ctx))
	}
	key(t, ctx, kb.Enter)
	waitFor(t, ctx, `document.activeElement && document.activeElement.id === "tree-q"`)
	if got := questionOf(t, ctx); got != tr.Nodes["egen-tjeneste"].Question {
		t.Fatalf("after Tilbake: %q", got)
	}
	if v := checkedValue(t, ctx); v != "ja" {
		t.Errorf("after Tilbake the earlier answer is %q, want ja selected", v)
	}
	if q := query(t, ctx); q != "?svar=akutt-fare.nei,vold.nei,undring.tiltak" {
		t.Errorf("after Tilbake URL %q", q)
	}
	// Once more back, then forward again with the remembered answer.
	tabTo(t, ctx, ".tree-step .tree-actions button:nth-child(2)")
	key(t, ctx, kb.Enter)
	waitFor(t, ctx, `document.activeElement && document.activeElement.id === "tree-q" && location.search.endsWith("vold.nei")`)
	if v := checkedValue(t, ctx); v != "tiltak" {
		t.Errorf("two steps back the earlier answer is %q, want tiltak", v)
	}
	answer(t, ctx, 1)
	answer(t, ctx, 0)
	waitFor(t, ctx, `document.activeElement && document.activeElement.id === "tree-result-h"`)

	// Endre the second answer: its question with that answer selected.
	tabTo(t, ctx, ".tree-given summary")
	key(t, ctx, kb.Enter) // open the list
	tabTo(t, ctx, ".tree-given li:nth-child(2) button")
	if name := eval[string](t, ctx, `document.activeElement.textContent`); !strings.HasPrefix(name, "Endre") || !strings.Contains(name, tr.Nodes["vold"].Question) {
		t.Errorf("Endre button's name %q", name)
	}
	key(t, ctx, kb.Enter)
	waitFor(t, ctx, `document.activeElement && document.activeElement.id === "tree-q"`)
	if got := questionOf(t, ctx); got != tr.Nodes["vold"].Question {
		t.Errorf("Endre led to %q", got)
	}
	if v := checkedValue(t, ctx); v != "nei" {
		t.Errorf("Endre: selected %q, want nei", v)
	}
	if q := query(t, ctx); q != "?svar=akutt-fare.nei" {
		t.Errorf("after Endre URL %q", q)
	}

	// Neste without a choice: a message, and no step.
	do(t, ctx, chromedp.Navigate(base+tree1+"?svar=akutt-fare.nei"))
	waitFor(t, ctx, `document.querySelector("#tree-q")`)
	if v := checkedValue(t, ctx); v != "" {
		// a fresh page remembers nothing but the URL
		t.Errorf("fresh page has %q selected", v)
	}
	tabTo(t, ctx, ".tree-step button[type=submit]")
	key(t, ctx, kb.Enter)
	if eval[bool](t, ctx, `document.querySelector("#tree-error").hidden`) || query(t, ctx) != "?svar=akutt-fare.nei" {
		t.Error("Neste without an answer must show the message and stay")
	}
	if !eval[bool](t, ctx, `document.activeElement.name === "tree-svar"`) {
		t.Error("after the message focus should be on the first answer")
	}

	// Start på nytt: the first question, nothing selected, no answers in the URL.
	tabTo(t, ctx, ".tree-step .tree-actions button:nth-child(3)")
	if focusedText(t, ctx) != "Start på nytt" {
		t.Fatalf("focused %q, want Start på nytt", focusedText(t, ctx))
	}
	key(t, ctx, kb.Enter)
	waitFor(t, ctx, `document.activeElement && document.activeElement.id === "tree-q"`)
	if got := questionOf(t, ctx); got != tr.Nodes["akutt-fare"].Question {
		t.Errorf("after restart: %q", got)
	}
	if v := checkedValue(t, ctx); v != "" {
		t.Errorf("after restart %q is selected", v)
	}
	if q := query(t, ctx); q != "" {
		t.Errorf("after restart URL %q", q)
	}
	local, session, err := browser.StorageLengths(ctx)
	if err != nil || local != 0 || session != 0 {
		t.Errorf("web storage used: %d, %d, %v", local, session, err)
	}
	if c, _ := browser.Cookies(ctx); len(c) != 0 {
		t.Errorf("cookies: %v", c)
	}
	probs.check(t)
}

// TestHistoryAndLinks: the browser's back and forward buttons, reload, and a copied URL opened in
// a fresh browser context all show the same step.
func TestHistoryAndLinks(t *testing.T) {
	ctx, base, probs := tab(t)
	do(t, ctx, chromedp.Navigate(base+tree1))
	waitFor(t, ctx, `document.querySelector("#tree-q")`)
	for _, st := range route1 {
		answer(t, ctx, st.index)
	}
	waitFor(t, ctx, `document.querySelector("#tree-result-h")`)

	// Browser back: the last question with its answer selected; forward: the outcome again.
	do(t, ctx, chromedp.NavigateBack())
	waitFor(t, ctx, `document.querySelector("#tree-q") && location.search.endsWith("undring.tiltak")`)
	if v := checkedValue(t, ctx); v != "ja" {
		t.Errorf("browser back: %q selected, want ja", v)
	}
	do(t, ctx, chromedp.NavigateForward())
	waitFor(t, ctx, `document.querySelector("#tree-result-h")`)

	// Reload keeps the state.
	do(t, ctx, chromedp.Reload())
	waitFor(t, ctx, `document.querySelector("#tree-result-h")`)
	if got := eval[string](t, ctx, `document.querySelector("#tree-result-h").textContent`); !strings.Contains(got, outcome1) {
		t.Errorf("after reload: %q", got)
	}
	if q := query(t, ctx); q != "?svar="+svar1 {
		t.Errorf("after reload URL %q", q)
	}
	// Back still works after the reload.
	do(t, ctx, chromedp.NavigateBack())
	waitFor(t, ctx, `document.querySelector("#tree-q")`)

	// A colleague opens the copied link: a new browser context (no shared state).
	other := browser.NewTab(t, ctx, chromedp.WithNewBrowserContext())
	p2 := watch(t, other)
	do(t, other, chromedp.Navigate(base+tree1+"?svar="+svar1))
	waitFor(t, other, `document.querySelector("#tree-result-h")`)
	if got := eval[string](t, other, `document.querySelector("#tree-result-h").textContent`); !strings.Contains(got, outcome1) {
		t.Errorf("copied link shows %q", got)
	}
	if got := eval[string](t, other, `[...document.querySelectorAll(".tree-given-a")].map(e => e.textContent).slice(0, 4).join("|")`); got != "Nei|Nei|Ja, og barnet trenger ekstra støtte|Ja, vi kan klare det selv" {
		t.Errorf("copied link's answers: %q", got)
	}
	// The link with %2C for commas (as some mail clients rewrite it) works too; answers that do
	// not fit the tree are dropped.
	do(t, other, chromedp.Navigate(base+tree1+"?svar=akutt-fare.nei%2Cvold.nei%2Cfeil.x"))
	waitFor(t, other, `document.querySelector("#tree-q")`)
	if got := questionOf(t, other); got != shippedTrees(t)["samarbeidsniva"].Nodes["undring"].Question {
		t.Errorf("a partly wrong link shows %q", got)
	}
	if q := query(t, other); q != "?svar=akutt-fare.nei,vold.nei" {
		t.Errorf("a partly wrong link is not cleaned up: %q", q)
	}
	probs.check(t)
	p2.check(t)
}

// TestPrint: in print media the outcome and the answers show, and the rest does not.
func TestPrint(t *testing.T) {
	ctx, base, probs := tab(t)
	do(t, ctx, chromedp.Navigate(base+tree1+"?svar="+svar1))
	waitFor(t, ctx, `document.querySelector("#tree-result-h")`)
	shown := func(sel string) bool {
		return eval[bool](t, ctx, fmt.Sprintf(`(() => { const e = document.querySelector(%q); if (!e) return false;
			const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== "hidden"; })()`, sel))
	}
	if shown(".tree-print-only") {
		t.Error("the print-only answers show on screen")
	}
	if !shown(".tree-print-button, .tree-result .tree-actions button") {
		t.Error("no print button on screen")
	}
	if err := browser.EmulatePrint(ctx); err != nil {
		t.Fatal(err)
	}
	for _, sel := range []string{"#tree-result-h", ".tree-body", ".tree-steps", ".tree-print-only", ".tree-print-only li", ".tree-print-link"} {
		if !shown(sel) {
			t.Errorf("print: %s is not shown", sel)
		}
	}
	for _, sel := range []string{".site-header", ".tree-intro", ".tree-overview", ".tree-given", ".tree-result .tree-actions", ".site-footer", ".breadcrumbs"} {
		if shown(sel) {
			t.Errorf("print: %s is shown", sel)
		}
	}
	got := eval[string](t, ctx, `[...document.querySelectorAll(".tree-print-only li")].map(e => e.innerText.replace(/\s+/g, " ")).join(" | ")`)
	for _, a := range []string{"Nei", "Ja, og barnet trenger ekstra støtte", "Ja, vi kan klare det selv"} {
		if !strings.Contains(got, a) {
			t.Errorf("print: the answers %q lack %q", got, a)
		}
	}
	if n := eval[int](t, ctx, `document.querySelectorAll(".tree-print-only li").length`); n != len(route1) {
		t.Errorf("print: %d answers, want %d", n, len(route1))
	}
	probs.check(t)
}

// TestDanishTree: the Danish tree speaks Danish and works the same way.
func TestDanishTree(t *testing.T) {
	ctx, base, probs := tab(t)
	do(t, ctx, chromedp.Navigate(base+"/beslutningstrer/samarbejdsmodellen-malgruppe/"))
	waitFor(t, ctx, `document.querySelector("#tree-q")`)
	if got := eval[string](t, ctx, `document.documentElement.lang + " " + document.querySelector(".tree-step button[type=submit]").textContent`); got != "da Næste" {
		t.Errorf("Danish tree: %q", got)
	}
	answer(t, ctx, 1) // Nej
	waitFor(t, ctx, `location.search === "?svar=har-koordinator.nej"`)
	if got := eval[string](t, ctx, `[...document.querySelectorAll(".tree-step .tree-actions button")].map(b => b.textContent).join(",")`); got != "Næste,Tilbage,Start forfra" {
		t.Errorf("Danish buttons: %q", got)
	}
	probs.check(t)
}

// tooWide lists the elements in <main> that reach beyond the viewport, except inside the
// diagram's own scroll region. (The header is the theme's, not the tree's.)
const tooWide = `[...document.querySelectorAll("main *")].filter(e => !e.closest(".tree-diagram") &&
	e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5).map(e => e.tagName + "." + e.className).join(" ")`

// TestNarrowScreen: at 320 CSS pixels the tree's content does not scroll sideways, and «Se hele
// treet» shows the tree as an indented list instead of the wide drawing; a little wider, the
// drawing shows and scrolls inside its own region, reachable by keyboard.
func TestNarrowScreen(t *testing.T) {
	ctx, base, probs := tab(t)
	if err := browser.SetViewportWidth(ctx, 320); err != nil {
		t.Fatal(err)
	}
	// Every tree's first question (the Danish tree has long compound words), a result, and the
	// page with the diagram open.
	for _, slug := range shipped {
		do(t, ctx, chromedp.Navigate(base+"/beslutningstrer/"+slug+"/"))
		waitFor(t, ctx, `document.querySelector("#tree-q")`)
		if w := eval[string](t, ctx, tooWide); w != "" {
			t.Errorf("%s: wider than 320 px: %s", slug, w)
		}
	}
	do(t, ctx, chromedp.Navigate(base+tree1+"?svar="+svar1))
	waitFor(t, ctx, `document.querySelector("#tree-result-h")`)
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector(".tree-given").open = true`))
	if w := eval[string](t, ctx, tooWide); w != "" {
		t.Errorf("result: wider than 320 px: %s", w)
	}
	do(t, ctx, chromedp.Navigate(base+tree1+"?svar=akutt-fare.nei"))
	waitFor(t, ctx, `document.querySelector("#tree-q")`)
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector(".tree-overview").open = true`))
	if w := eval[string](t, ctx, tooWide); w != "" {
		t.Errorf("with the diagram open: wider than 320 px: %s", w)
	}
	narrow := eval[[]int](t, ctx, `(() => {
	  const shown = (e) => !!e && e.getClientRects().length > 0;
	  return [shown(document.querySelector(".tree-diagram")) ? 1 : 0,
	    [...document.querySelectorAll(".tree-outline a[href^='/beslutningstrer/']")].filter(shown).length];
	})()`)
	if narrow[0] != 0 || narrow[1] < 10 {
		t.Errorf("at 320 px: drawing shown %d, %d visible links in the list; want the list instead of the drawing", narrow[0], narrow[1])
	}
	if err := browser.SetViewportWidth(ctx, 700); err != nil {
		t.Fatal(err)
	}
	region := eval[[]int](t, ctx, `(() => { const r = document.querySelector(".tree-diagram"); return [r.clientWidth, r.scrollWidth]; })()`)
	if region[1] <= region[0] {
		t.Errorf("at 700 px the diagram does not scroll in its region: %v", region)
	}
	// The region is reachable by keyboard (to scroll it with the arrow keys).
	tabTo(t, ctx, ".tree-diagram")
	probs.check(t)
}

// TestPathHighlight: the widget marks the path taken in «Se hele treet» – the boxes, answers and
// edges in the diagram, the answers in the list (with «på veien din» for screen readers) – and the
// current node; the diagram's boxes link to the nodes' pages.
func TestPathHighlight(t *testing.T) {
	ctx, base, probs := tab(t)
	do(t, ctx, chromedp.Navigate(base+tree1+"?svar=akutt-fare.nei"))
	waitFor(t, ctx, `document.querySelector("#tree-q")`)
	type state struct {
		Nodes   []string `json:"nodes"`
		Edges   int      `json:"edges"`
		Answers []string `json:"answers"`
		Marks   []string `json:"marks"`
		Current []string `json:"current"`
		Links   int      `json:"links"`
	}
	read := func() state {
		return eval[state](t, ctx, `(() => ({
		  nodes: [...document.querySelectorAll(".tree-svg g.is-path")].map((g) => g.dataset.treeNode).sort(),
		  edges: document.querySelectorAll(".tree-svg path.is-path").length,
		  answers: [...document.querySelectorAll(".tree-outline li.is-path")].map((li) => li.dataset.treeAnswer),
		  marks: [...document.querySelectorAll("[data-tree-path-mark]:not([hidden])")].map((m) => m.closest("li").dataset.treeAnswer),
		  current: [...document.querySelectorAll(".tree-outline [aria-current=step]")].map((e) => e.dataset.treeNode),
		  links: document.querySelectorAll(".tree-svg a[href^='/beslutningstrer/samarbeidsniva/']").length,
		}))()`)
	}
	st := read()
	if strings.Join(st.Nodes, ",") != "akutt-fare,akutt-fare#1,vold" || st.Edges != 2 ||
		strings.Join(st.Answers, ",") != "akutt-fare#1" || strings.Join(st.Marks, ",") != "akutt-fare#1" || strings.Join(st.Current, ",") != "vold" {
		t.Errorf("after «Nei» on the first question: %+v", st)
	}
	if st.Links < 10 {
		t.Errorf("%d boxes of the diagram link to node pages", st.Links)
	}
	// Going on extends the path; «Start på nytt» clears it.
	answer(t, ctx, 3) // Nei
	waitFor(t, ctx, `location.search === "?svar=akutt-fare.nei,vold.nei"`)
	if st := read(); len(st.Answers) != 2 || st.Edges != 4 || strings.Join(st.Current, ",") != "undring" {
		t.Errorf("after two answers: %+v", st)
	}
	do(t, ctx, chromedp.Navigate(base+tree1))
	waitFor(t, ctx, `document.querySelector("#tree-q")`)
	if st := read(); len(st.Answers) != 0 || st.Edges != 0 || strings.Join(st.Current, ",") != "akutt-fare" {
		t.Errorf("at the start: %+v", st)
	}
	probs.check(t)
}
