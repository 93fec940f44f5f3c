package qa

import (
	"context"
	"fmt"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// focusState is what focusScript returns about the focused element.
type focusState struct {
	Focused  bool   `json:"focused"` // an element other than body has focus
	Selector string `json:"selector"`
	HTML     string `json:"html"`
	Href     string `json:"href"`
	Target   string `json:"target"`  // the element of the link's fragment, as a selector; "" if none
	InMain   bool   `json:"inMain"`  // the fragment's element is <main> or inside it
	HasMain  bool   `json:"hasMain"` // the page has a <main>
	Visible  bool   `json:"visible"` // at least 2x2 px and inside the viewport
	Style    string `json:"style"`   // outline and box-shadow, computed
	Ring     bool   `json:"ring"`    // the outline or the box-shadow draws something
}

var focusScript = jsFunc(`
  const el = document.activeElement;
  const main = document.querySelector('main, [role=main]');
  if (!el || el === document.body || el === document.documentElement) return {focused: false, hasMain: !!main};
  const cs = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const href = el.localName === 'a' ? (el.getAttribute('href') || '') : '';
  let target = null;
  if (href.startsWith('#') && href.length > 1) {
    try { target = document.getElementById(decodeURIComponent(href.slice(1))); } catch (e) {}
  }
  const ring = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none';
  return {
    focused: true, selector: qaPath(el), html: qaHTML(el), href,
    target: target ? qaPath(target) : '',
    inMain: !!(target && main && main.contains(target)),
    hasMain: !!main,
    visible: r.width >= 2 && r.height >= 2 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight &&
      cs.visibility !== 'hidden' && parseFloat(cs.opacity) > 0,
    style: 'outline: ' + cs.outlineStyle + ' ' + cs.outlineWidth + ' ' + cs.outlineColor + '; box-shadow: ' + cs.boxShadow,
    ring,
  };`)

// unfocusedStyle returns the outline and box-shadow of the element %s when
// it does not have focus.
const unfocusedStyle = `(() => {
  const el = document.querySelector(%q);
  if (!el) return '';
  if (document.activeElement === el) el.blur();
  const cs = getComputedStyle(el);
  return 'outline: ' + cs.outlineStyle + ' ' + cs.outlineWidth + ' ' + cs.outlineColor + '; box-shadow: ' + cs.boxShadow;
})()`

// Keyboard loads baseURL+path in the tab of ctx at a desktop size and
// checks, as a keyboard user:
//
//   - skip-link-first: the first Tab focuses a link to "#id".
//   - skip-link-target: the id is <main> or an element inside it.
//   - skip-link-visible: the focused skip link is on screen.
//   - focus-visible: the focused link has a focus indicator: its computed
//     outline or box-shadow is not none or 0px, and differs from the
//     style without focus.
//   - skip-link-focus: Enter on the skip link moves focus into <main>
//     (document.activeElement is main or inside it), which needs
//     tabindex="-1" on the target.
func Keyboard(ctx context.Context, baseURL, path string) ([]Finding, error) {
	if err := load(ctx, baseURL, path, desktopWidth, desktopHeight, 1); err != nil {
		return nil, fmt.Errorf("keyboard: %w", err)
	}
	var out []Finding
	add := func(rule, element, msg, fix string) {
		out = append(out, Finding{Page: path, Gate: GateKeyboard, Rule: rule, Element: element, Message: msg, Fix: fix, Severity: Error})
	}
	const skipFix = `make the first element of <body> <a class="skip-link" href="#main">Hopp til hovedinnhold</a>, with <main id="main" tabindex="-1">`

	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
		return nil, fmt.Errorf("keyboard: press Tab: %w", err)
	}
	first, err := chromedp.Run(ctx, chromedp.Evaluate[focusState](focusScript))
	if err != nil {
		return nil, fmt.Errorf("keyboard: %w", err)
	}
	switch {
	case !first.Focused:
		add("skip-link-first", "", "the first Tab focuses nothing", skipFix)
		return out, nil
	case first.Href == "" || first.Href[0] != '#':
		add("skip-link-first", first.HTML, "the first Tab focuses "+first.Selector+", not a skip link to the main content", skipFix)
	case first.Target == "":
		add("skip-link-first", first.HTML, "the skip link points to "+first.Href+", but the page has no element with that id", skipFix)
	case !first.InMain:
		add("skip-link-target", first.HTML, "the skip link points to "+first.Target+", which is not <main> nor inside it", skipFix)
	}
	if !first.Visible {
		add("skip-link-visible", first.HTML, "the focused element is not visible on screen",
			"show the skip link when it has focus, e.g. .skip-link:focus { position: static } or a transform into view")
	}
	unfocused, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(unfocusedStyle, first.Selector)))
	if err != nil {
		return nil, fmt.Errorf("keyboard: %w", err)
	}
	if !first.Ring || first.Style == unfocused {
		add("focus-visible", first.HTML, fmt.Sprintf("no visible focus indicator: with focus %q, without %q", first.Style, unfocused),
			"give :focus-visible a clear outline, e.g. outline: 3px solid; outline-offset: 2px")
	}
	if first.Href == "" || first.Target == "" {
		return out, nil
	}

	// Focus the link again (the style check blurred it) and activate it.
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(first.Selector)), chromedp.KeyEvent(kb.Enter)); err != nil {
		return nil, fmt.Errorf("keyboard: press Enter on the skip link: %w", err)
	}
	inMain := `(() => { const m = document.querySelector('main, [role=main]'); const a = document.activeElement; return !!(m && a && m.contains(a)); })()`
	ok, err := poll(ctx, inMain, time.Second)
	if err != nil {
		return nil, fmt.Errorf("keyboard: %w", err)
	}
	if !ok {
		now, err := chromedp.Run(ctx, chromedp.Evaluate[focusState](focusScript))
		if err != nil {
			return nil, fmt.Errorf("keyboard: %w", err)
		}
		where := "<body>"
		if now.Focused {
			where = now.Selector
		}
		add("skip-link-focus", first.HTML, "after Enter on the skip link, focus is on "+where+", not in <main>",
			fmt.Sprintf("give the target %s tabindex=\"-1\" so that it can take focus", first.Target))
	}
	return out, nil
}

// poll evaluates the boolean expression until it is true or the time is up.
func poll(ctx context.Context, expr string, limit time.Duration) (bool, error) {
	deadline := time.Now().Add(limit)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err != nil || ok || time.Now().After(deadline) {
			return ok, err
		}
		time.Sleep(50 * time.Millisecond)
	}
}
