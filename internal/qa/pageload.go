package qa

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"samvirke/internal/browser"
	"samvirke/internal/headers"
)

// Serve serves the built site in dir on 127.0.0.1 (never another address)
// with the portal's security headers (internal/headers: the strict CSP), as
// the portal's server would. The browser gates inject their scripts with
// Runtime.evaluate, which the CSP does not limit. "/a/b/" is
// "/a/b/index.html", and an unknown path gets /404.html with the status
// 404. Close the server when done.
func Serve(dir string) (*httptest.Server, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := newSite(dir)
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		headers.Set(w.Header())
		if _, how := s.resolve(r.URL.Path); how == missing {
			page, err := os.ReadFile(filepath.Join(dir, "404.html"))
			if err != nil {
				page = []byte("not found")
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			w.Write(page)
			return
		}
		files.ServeHTTP(w, r)
	}))
	srv.Listener.Close()
	srv.Listener = l
	srv.Start()
	return srv, nil
}

// The viewport of the gates that do not test a width.
const (
	desktopWidth  = 1280
	desktopHeight = 800
)

// load sets the viewport and loads the page at baseURL+path in the tab of
// ctx. The tab requests nothing from other origins (the browser reports the
// refused requests). The page must answer with a status below 400.
func load(ctx context.Context, baseURL, path string, width, height int64, scale float64) error {
	if err := browser.SetViewport(ctx, width, height, scale); err != nil {
		return err
	}
	// A headless tab is not always the focused window; emulate focus so
	// that :focus-visible and focus events work as for a person.
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		return err
	}
	u := strings.TrimSuffix(baseURL, "/") + path
	if err := browser.BlockOtherOrigins(ctx, originOf(baseURL)); err != nil {
		return err
	}
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(u))
	if err != nil {
		return fmt.Errorf("load %s: %w", u, err)
	}
	if resp != nil && resp.Status >= 400 {
		return fmt.Errorf("load %s: HTTP status %d", u, resp.Status)
	}
	return nil
}

// jsFunc makes a script of the body of a function, which can use the
// helpers of jsLib and returns the result of the script.
func jsFunc(body string) string {
	return "(() => {\n" + jsLib + body + "\n})()"
}

// jsLib defines helpers for the scripts of the gates, in the scope of a
// function (see jsFunc), so that a page can run them more than once.
const jsLib = `
const qaPath = (el) => {
  const parts = [];
  for (; el && el.nodeType === 1 && el !== document.documentElement; el = el.parentElement) {
    if (el.id) { parts.unshift('#' + CSS.escape(el.id)); break; }
    let part = el.localName, i = 1;
    for (let s = el.previousElementSibling; s; s = s.previousElementSibling) if (s.localName === el.localName) i++;
    let n = i;
    for (let s = el.nextElementSibling; s; s = s.nextElementSibling) if (s.localName === el.localName) n++;
    if (n > 1) part += ':nth-of-type(' + i + ')';
    parts.unshift(part);
  }
  return parts.join(' > ');
};
const qaHTML = (el) => {
  const h = el.outerHTML.replace(/\s+/g, ' ');
  const open = h.slice(0, h.indexOf('>') + 1);
  return open.length > 160 ? open.slice(0, 159) + '…' : open;
};
const qaScroller = (el) => {
  for (let a = el.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
    const o = getComputedStyle(a).overflowX;
    if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true;
  }
  return false;
};
`

// originOf returns the scheme and host of a URL, such as
// "http://127.0.0.1:8080".
func originOf(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return rawURL
	}
	return u.Scheme + "://" + u.Host
}
