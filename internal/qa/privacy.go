package qa

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/chromedp/chromedp"

	"samvirke/internal/browser"
)

// searchInput finds the search box of a page.
var searchInput = jsFunc(`
  const el = document.querySelector('input[type=search], [role=search] input:not([type=hidden]), input[name=q]');
  return el ? qaPath(el) : '';`)

// Privacy loads baseURL+path in a new tab with its own cookies and storage
// (a new browser context of the browser of ctx), and checks, after the load
// and again after some interaction (focus the search box and type, or press
// Tab when there is none):
//
//   - third-party-request: every network request goes to the origin of
//     baseURL (data: and blob: URLs make no request).
//   - cookie: the browser holds no cookie for the page (Network.getCookies),
//     and document.cookie is empty.
//   - local-storage, session-storage: localStorage and sessionStorage are
//     empty.
//
// The static part of the privacy gate, on the files, is StaticPrivacy.
func Privacy(ctx context.Context, baseURL, path string) ([]Finding, error) {
	base, err := url.Parse(baseURL)
	if err != nil {
		return nil, fmt.Errorf("privacy: %w", err)
	}
	if err := chromedp.Do(ctx); err != nil { // a browser must run before a new browser context
		return nil, fmt.Errorf("privacy: %w", err)
	}
	tab, cancel := chromedp.NewContext(ctx, chromedp.WithNewBrowserContext())
	defer cancel()
	if err := chromedp.Do(tab); err != nil {
		return nil, fmt.Errorf("privacy: open tab: %w", err)
	}
	rec, err := browser.RecordRequests(tab)
	if err != nil {
		return nil, fmt.Errorf("privacy: %w", err)
	}

	var out []Finding
	seen := map[string]bool{}
	add := func(rule, element, msg, fix string) {
		if key := rule + "\x00" + element; !seen[key] {
			seen[key] = true
			out = append(out, Finding{Page: path, Gate: GatePrivacy, Rule: rule, Element: element, Message: msg, Fix: fix, Severity: Error})
		}
	}
	check := func(when string) error {
		waitQuiet(rec, 300*time.Millisecond, 5*time.Second)
		for _, r := range rec.Requests() {
			u, err := url.Parse(r.URL)
			if err != nil || u.Scheme == "data" || u.Scheme == "blob" || u.Scheme == "about" {
				continue
			}
			if u.Scheme != base.Scheme || u.Host != base.Host {
				add("third-party-request", r.URL, fmt.Sprintf("%s the page requested a %s from %s", when, r.Type, u.Host),
					"serve the file from the portal's own origin; the portal makes no request to any other origin")
			}
		}
		cookies, err := browser.Cookies(tab)
		if err != nil {
			return err
		}
		for _, c := range cookies {
			add("cookie", c.Name, fmt.Sprintf("%s the browser holds the cookie %q for %s", when, c.Name, c.Domain),
				"set no cookies; the portal keeps no state about its visitors")
		}
		if dc, err := browser.DocumentCookie(tab); err != nil {
			return err
		} else if dc != "" && len(cookies) == 0 {
			add("cookie", "document.cookie", fmt.Sprintf("%s document.cookie is %q", when, shorten(dc, 60)), "set no cookies")
		}
		local, session, err := browser.StorageLengths(tab)
		if err != nil {
			return err
		}
		if local > 0 {
			add("local-storage", "localStorage", fmt.Sprintf("%s localStorage holds %d item(s)", when, local),
				"store nothing in localStorage; keep state in the URL or in memory")
		}
		if session > 0 {
			add("session-storage", "sessionStorage", fmt.Sprintf("%s sessionStorage holds %d item(s)", when, session),
				"store nothing in sessionStorage; keep state in the URL or in memory")
		}
		return nil
	}

	if err := load(tab, baseURL, path, desktopWidth, desktopHeight, 1); err != nil {
		return nil, fmt.Errorf("privacy: %w", err)
	}
	if err := check("after load,"); err != nil {
		return nil, fmt.Errorf("privacy: %w", err)
	}
	search, err := chromedp.Run(tab, chromedp.Evaluate[string](searchInput))
	if err != nil {
		return nil, fmt.Errorf("privacy: %w", err)
	}
	interact := chromedp.KeyEvent("\t\t\t")
	if search != "" {
		interact = chromedp.SendKeys(chromedp.CSS(search), "barnehage")
	}
	if err := chromedp.Do(tab, interact); err != nil {
		return nil, fmt.Errorf("privacy: interact: %w", err)
	}
	if err := check("after interaction,"); err != nil {
		return nil, fmt.Errorf("privacy: %w", err)
	}
	return out, nil
}

// waitQuiet waits until the recorder has seen no new request for quiet, or
// until limit.
func waitQuiet(rec *browser.Recorder, quiet, limit time.Duration) {
	deadline := time.Now().Add(limit)
	n, since := rec.Len(), time.Now()
	for time.Now().Before(deadline) && time.Since(since) < quiet {
		time.Sleep(50 * time.Millisecond)
		if m := rec.Len(); m != n {
			n, since = m, time.Now()
		}
	}
}
