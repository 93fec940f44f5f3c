package qa

import (
	"context"
	"fmt"
	"strings"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// GatePhone is the phone-first gate.
const GatePhone = "phone"

// Phone viewport: a common phone held upright, in CSS pixels.
const (
	phoneWidth  = 390
	phoneHeight = 844
)

// menuState is what menuScript returns.
type menuState struct {
	Menu     bool   `json:"menu"`     // the page has a details[data-site-menu]
	NavTall  int    `json:"navTall"`  // height of the tallest visible header nav, without a menu
	Button   bool   `json:"button"`   // the «Meny» button is shown
	Row      bool   `json:"row"`      // the desktop row of links is shown
	Open     bool   `json:"open"`     // the menu is open
	Focus    string `json:"focus"`    // what has focus
	Links    int    `json:"links"`    // links shown in the open menu
	FocusIn  bool   `json:"focusIn"`  // focus is on a link inside the menu
	FocusBox bool   `json:"focusBox"` // the focused element is inside the viewport
}

var menuScript = jsFunc(`
  const shown = (e) => !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const menu = document.querySelector('details[data-site-menu]');
  const a = document.activeElement;
  const r = a ? a.getBoundingClientRect() : {top: -1, bottom: -1};
  const navs = [...document.querySelectorAll('header nav')].filter(shown).filter((n) => !n.closest('details'));
  return {
    menu: !!menu,
    navTall: Math.max(0, ...navs.map((n) => Math.round(n.getBoundingClientRect().height))),
    button: shown(menu && menu.querySelector('summary')),
    row: shown(document.querySelector('.main-nav')),
    open: !!menu && menu.open,
    focus: a ? qaPath(a) : '',
    links: menu ? [...menu.querySelectorAll('nav a')].filter(shown).length : 0,
    focusIn: !!menu && !!a && a.localName === 'a' && menu.contains(a),
    focusBox: r.top >= 0 && r.bottom <= innerHeight,
  };`)

// firstScreenScript reports, on the home page, whether the main way in and the search box lie
// within the first screen.
var firstScreenScript = jsFunc(`
  const within = (sel) => { const e = document.querySelector(sel); if (!e) return ''; const r = e.getBoundingClientRect();
    return r.width > 0 && r.top >= 0 && r.bottom <= innerHeight ? '' : 'at ' + Math.round(r.top) + '–' + Math.round(r.bottom) + ' px'; };
  return {primary: within('.home-primary-link'), search: within('.home-search input[type=search]')};`)

// Phone loads baseURL+path in a 390x844 viewport (a phone held upright) and reports:
// horizontal-scroll when the page scrolls sideways; on the home page, first-screen when the main
// way in (.home-primary-link) or the search box is not within the first screen; menu-button when
// the navigation takes more than a quarter of the first screen instead of folding into a menu
// (details[data-site-menu]), or when that menu is not a closed «Meny» button at this width; and
// menu-keyboard when the menu does not open with Enter, let Tab reach its links and close with
// Escape, focus back on the button.
func Phone(ctx context.Context, baseURL, path string) ([]Finding, error) {
	if err := load(ctx, baseURL, path, phoneWidth, phoneHeight, 1); err != nil {
		return nil, fmt.Errorf("phone: %w", err)
	}
	out, err := horizontalScroll(ctx, GatePhone, path, phoneWidth)
	if err != nil {
		return nil, err
	}
	add := func(rule, element, msg, fix string) {
		out = append(out, Finding{Page: path, Gate: GatePhone, Rule: rule, Element: element, Message: msg, Fix: fix, Severity: Error})
	}
	if path == "/" {
		fs, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](firstScreenScript))
		if err != nil {
			return nil, fmt.Errorf("phone: %w", err)
		}
		for _, k := range []string{"primary", "search"} {
			if fs[k] != "" {
				what := map[string]string{"primary": "the main way in (.home-primary-link)", "search": "the search box"}[k]
				add("first-screen", k, fmt.Sprintf("at %dx%d %s is not within the first screen (%s)", phoneWidth, phoneHeight, what, fs[k]),
					"put the main way in and the search box right after the page title; keep the header to one or two rows on a phone")
			}
		}
	}
	if path == "/404.html" {
		return out, nil
	}
	st, err := chromedp.Run(ctx, chromedp.Evaluate[menuState](menuScript))
	if err != nil {
		return nil, fmt.Errorf("phone: %w", err)
	}
	const fix = "on a phone show the navigation as <details data-site-menu><summary>Meny</summary><nav>…</nav></details> and hide the row of links"
	if !st.Menu {
		// A site without the menu passes while its navigation stays small.
		if st.NavTall > phoneHeight/4 {
			add("menu-button", "header nav", fmt.Sprintf("at %dx%d the navigation takes %d px of the first screen", phoneWidth, phoneHeight, st.NavTall), fix)
		}
		return out, nil
	}
	if !st.Button || st.Row || st.Open {
		add("menu-button", "", fmt.Sprintf("at %d px the navigation is not a closed «Meny» button (button shown %v, row of links shown %v, open %v)", phoneWidth, st.Button, st.Row, st.Open), fix)
		return out, nil
	}
	steps := []struct {
		action chromedp.Action[chromedp.Void]
		check  func(menuState) string
	}{
		{chromedp.Focus(chromedp.CSS("details[data-site-menu] > summary")), nil},
		{chromedp.KeyEvent(kb.Enter), func(s menuState) string {
			if !s.Open || s.Links == 0 {
				return fmt.Sprintf("Enter on «Meny» does not open the menu (open %v, %d links shown)", s.Open, s.Links)
			}
			return ""
		}},
		{chromedp.KeyEvent(kb.Tab), func(s menuState) string {
			if !s.FocusIn || !s.FocusBox {
				return fmt.Sprintf("Tab after opening the menu goes to %s, not to a visible link in the menu", s.Focus)
			}
			return ""
		}},
		{chromedp.KeyEvent(kb.Escape), func(s menuState) string {
			if s.Open || !strings.Contains(s.Focus, "summary") {
				return fmt.Sprintf("Escape does not close the menu (open %v, focus on %s)", s.Open, s.Focus)
			}
			return ""
		}},
	}
	for _, step := range steps {
		if err := chromedp.Do(ctx, step.action); err != nil {
			return nil, fmt.Errorf("phone: %w", err)
		}
		if step.check == nil {
			continue
		}
		s, err := chromedp.Run(ctx, chromedp.Evaluate[menuState](menuScript))
		if err != nil {
			return nil, fmt.Errorf("phone: %w", err)
		}
		if msg := step.check(s); msg != "" {
			add("menu-keyboard", s.Focus, msg, fix+"; menu.ts closes it on Escape")
			break
		}
	}
	return out, nil
}
