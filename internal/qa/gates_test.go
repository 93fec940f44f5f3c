package qa

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"samvirke/internal/browser"
	"samvirke/internal/headers"
)

// serve serves a fixture site on 127.0.0.1 for the test.
func serve(t *testing.T, dir string) string {
	t.Helper()
	srv, err := Serve(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	if !strings.HasPrefix(srv.URL, "http://127.0.0.1:") {
		t.Fatalf("server at %s, want 127.0.0.1", srv.URL)
	}
	return srv.URL
}

func TestServe(t *testing.T) {
	base := serve(t, goodDir)
	resp, err := http.Get(base + "/finnes-ikke/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(string(body), "Fant ikke siden") {
		t.Errorf("unknown path: status %d, body %.60q; want 404 with /404.html", resp.StatusCode, body)
	}
	if csp := resp.Header.Get("Content-Security-Policy"); csp != headers.CSP {
		t.Errorf("CSP header = %q", csp)
	}
}

type browserGate func(ctx context.Context, baseURL, path string) ([]Finding, error)

var browserGates = []struct {
	name string
	run  browserGate
}{
	{GateAxe, Axe},
	{GateKeyboard, Keyboard},
	{GateReflow, Reflow},
	{GateZoom, Zoom},
	{GatePrivacy, Privacy},
	{GatePhone, Phone},
}

// TestBrowserGates runs every browser gate on every page of the good site,
// which must pass, and on the pages of the broken site, which must give
// the expected findings.
func TestBrowserGates(t *testing.T) {
	if _, err := axeSource(); err != nil {
		requireTool(t, err)
		t.Fatal(err)
	}
	ctx := browser.New(t)
	good := serve(t, goodDir)
	broken := serve(t, brokenDir)

	for _, g := range browserGates {
		for _, page := range []string{"/", "/om/", "/sok/", "/404.html"} {
			t.Run("good/"+g.name+page, func(t *testing.T) {
				start := time.Now()
				fs, err := g.run(ctx, good, page)
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("%s %s: %v", g.name, page, time.Since(start).Round(time.Millisecond))
				expect(t, fs)
			})
		}
	}

	for _, tc := range []struct {
		gate browserGate
		name string
		page string
		want []string
	}{
		{Axe, "axe", "/", []string{
			`/ axe/image-alt error img <img src="/assets/bilde.svg">`,
			`/ axe/list error ul <ul>`,
		}},
		{Keyboard, "keyboard", "/", []string{
			`/ keyboard/skip-link-first error <a href="/om">`, // the first Tab lands on a plain link
			`/ keyboard/focus-visible error <a href="/om">`,   // a:focus { outline: none }
		}},
		{Keyboard, "keyboard", "/om/", []string{
			`/om/ keyboard/focus-visible error <a class="skip-link" href="#innhold">`,
			`/om/ keyboard/skip-link-focus error <a class="skip-link" href="#innhold">`, // <main> has no tabindex="-1"
		}},
		{Reflow, "reflow", "/", []string{
			`/ reflow/horizontal-scroll error body > main > div:nth-of-type(2) <div class="wide">`,
		}},
		{Reflow, "reflow", "/om/", nil},
		{Zoom, "zoom", "/", []string{
			`/ zoom/horizontal-scroll error body > main > div:nth-of-type(2) <div class="wide">`,
			`/ zoom/clipped-text error body > main > p:nth-of-type(3) <p class="badge">`,
		}},
		{Phone, "phone", "/", []string{
			`/ phone/horizontal-scroll error body > main > div:nth-of-type(2) <div class="wide">`,
		}},
		{Phone, "phone", "/meny/", []string{
			`/meny/ phone/menu-keyboard error body > header > details > nav > ul > li > a`, // Escape leaves the menu open, focus inside
		}},
		{Privacy, "privacy", "/", []string{
			`/ privacy/third-party-request error https://cdn.example.com/x.js`,
			`/ privacy/third-party-request error https://fonts.example.com/ekstern.woff2`,
			`/ privacy/cookie error besok`,
			`/ privacy/local-storage error localStorage`,
			`/ privacy/session-storage error sessionStorage`,
		}},
		{Privacy, "privacy", "/om/", []string{
			`/om/ privacy/third-party-request error https://fonts.example.com/ekstern.woff2`,
		}},
		{Privacy, "privacy", "/sok/", []string{
			// Only typing in the search box writes to sessionStorage.
			`/sok/ privacy/session-storage error sessionStorage`,
		}},
	} {
		t.Run("broken/"+tc.name+tc.page, func(t *testing.T) {
			start := time.Now()
			fs, err := tc.gate(ctx, broken, tc.page)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s %s: %v", tc.name, tc.page, time.Since(start).Round(time.Millisecond))
			expect(t, fs, tc.want...)
			for _, f := range fs {
				if f.Message == "" || f.Fix == "" {
					t.Errorf("finding without message or fix: %+v", f)
				}
				if tc.page == "/sok/" && !strings.HasPrefix(f.Message, "after interaction") {
					t.Errorf("finding on /sok/ before any interaction: %s", f.Message)
				}
			}
		})
	}

	t.Run("missing page", func(t *testing.T) {
		if _, err := Axe(ctx, good, "/finnes-ikke/"); err == nil || !strings.Contains(err.Error(), "404") {
			t.Errorf("Axe on a missing page: err = %v, want HTTP status 404", err)
		}
	})
}
