package browser_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"samvirke/internal/browser"
)

// serve serves the handler on 127.0.0.1 only, for the duration of the test.
func serve(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	// httptest listens on the loopback interface only.
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

const page = `<!doctype html><html lang="no"><head><title>t</title>
<link rel="stylesheet" href="/style.css"></head>
<body><div id="wide">x</div><img src="/pic.png" alt="">
<script src="/app.js"></script></body></html>`

const app = `document.cookie = "seen=1";
localStorage.setItem("a", "1");
localStorage.setItem("b", "2");
sessionStorage.setItem("c", "3");`

func site() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(page))
		case "/style.css":
			w.Header().Set("Content-Type", "text/css")
			w.Write([]byte(`#wide{width:900px} @media print{#wide{width:10px}}`))
		case "/app.js":
			w.Header().Set("Content-Type", "text/javascript")
			w.Write([]byte(app))
		default:
			http.NotFound(w, r)
		}
	})
	return mux
}

func TestHelpers(t *testing.T) {
	ctx := browser.New(t)
	srv := serve(t, site())

	rec, err := browser.RecordRequests(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}

	var urls []string
	for _, r := range rec.Requests() {
		urls = append(urls, strings.TrimPrefix(r.URL, srv.URL))
	}
	for _, want := range []string{"/", "/style.css", "/pic.png", "/app.js"} {
		if !slices.Contains(urls, want) {
			t.Errorf("requests %q lack %q", urls, want)
		}
	}
	rec.Reset()
	if n := rec.Len(); n != 0 {
		t.Errorf("after Reset, Len() = %d", n)
	}

	cookies, err := browser.Cookies(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(cookies) != 1 || cookies[0].Name != "seen" {
		t.Errorf("Cookies() = %v, want the cookie seen", cookies)
	}
	if c, err := browser.DocumentCookie(ctx); err != nil || c != "seen=1" {
		t.Errorf("DocumentCookie() = %q, %v; want seen=1", c, err)
	}
	local, session, err := browser.StorageLengths(ctx)
	if err != nil || local != 2 || session != 1 {
		t.Errorf("StorageLengths() = %d, %d, %v; want 2, 1", local, session, err)
	}

	if err := browser.SetViewportWidth(ctx, 320); err != nil {
		t.Fatal(err)
	}
	if w, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.clientWidth`)); err != nil || w != 320 {
		t.Errorf("clientWidth at 320 = %d, %v", w, err)
	}
	if sw, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); err != nil || sw <= 320 {
		t.Errorf("scrollWidth of a 900px box in a 320px viewport = %d, %v; want > 320", sw, err)
	}
	if err := browser.EmulatePrint(ctx); err != nil {
		t.Fatal(err)
	}
	if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`matchMedia("print").matches && document.getElementById("wide").offsetWidth === 10`)); err != nil || !ok {
		t.Errorf("print media not emulated: %v, %v", ok, err)
	}
	if err := browser.EmulateMedia(ctx, ""); err != nil {
		t.Fatal(err)
	}
	if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`matchMedia("screen").matches`)); err != nil || !ok {
		t.Errorf("screen media not restored: %v, %v", ok, err)
	}
}

// TestIsolatedTab checks that a tab with its own browser context does not
// see the storage of another tab.
func TestIsolatedTab(t *testing.T) {
	ctx := browser.New(t)
	srv := serve(t, site())
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	tab := browser.NewTab(t, ctx, chromedp.WithNewBrowserContext())
	if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/style.css")); err != nil {
		t.Fatal(err)
	}
	if local, session, err := browser.StorageLengths(tab); err != nil || local != 0 || session != 0 {
		t.Errorf("isolated tab StorageLengths() = %d, %d, %v; want 0, 0", local, session, err)
	}
}

// TestBlockOtherOrigins loads a page that asks a second server, another
// origin on 127.0.0.1, for an image: the request is recorded, and refused.
func TestBlockOtherOrigins(t *testing.T) {
	var hits atomic.Int32
	other := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><title>t</title><img src="%s/pixel.png" alt="">`, other.URL)
	}))
	ctx := browser.New(t)
	rec, err := browser.RecordRequests(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := browser.BlockOtherOrigins(ctx, srv.URL); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, r := range rec.Requests() {
		urls = append(urls, r.URL)
	}
	if !slices.Contains(urls, other.URL+"/pixel.png") {
		t.Errorf("requests %q lack the refused one", urls)
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the other origin got %d requests, want 0", n)
	}
}

// TestCommandLine checks the switches of the running browser process, and
// that its temporary profile directory is gone after the browser closes.
func TestCommandLine(t *testing.T) {
	if _, err := os.Stat("/proc/self/cmdline"); err != nil {
		t.Skip("needs /proc")
	}
	if _, err := browser.ExecPath(); err != nil {
		browser.Require(t, err)
	}
	ctx, cancel, err := browser.Start(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer cancel()
	proc := chromedp.FromContext(ctx).Browser.Process()
	raw, err := os.ReadFile("/proc/" + strconv.Itoa(proc.Pid) + "/cmdline")
	if err != nil {
		t.Fatal(err)
	}
	args := strings.Split(strings.TrimRight(string(raw), "\x00"), "\x00")
	t.Logf("cmdline: %q", args)

	for _, f := range browser.Flags() {
		if !slices.Contains(args, f) {
			t.Errorf("command line lacks %s: %q", f, args)
		}
	}
	// Switches that chromedp's default options would add.
	for _, f := range []string{"--enable-automation", "--hide-scrollbars", "--mute-audio", "--enable-unsafe-swiftshader", "--remote-debugging-port=0"} {
		if slices.Contains(args, f) {
			t.Errorf("command line has %s: %q", f, args)
		}
	}
	var dataDir string
	for _, a := range args {
		if d, ok := strings.CutPrefix(a, "--user-data-dir="); ok {
			dataDir = d
		}
	}
	if !strings.HasPrefix(dataDir, os.TempDir()) {
		t.Fatalf("--user-data-dir=%q is not a temporary directory", dataDir)
	}
	if _, err := os.Stat(dataDir); err != nil {
		t.Fatalf("profile directory: %v", err)
	}

	cancel()
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, err := os.Stat(dataDir)
		if os.IsNotExist(err) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("profile directory %s still exists after the browser closed (%v)", dataDir, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestRequireSkipsOutsideCI(t *testing.T) {
	t.Setenv("CI", "")
	if browser.InCI() {
		t.Fatal("InCI() with CI unset")
	}
	t.Setenv("CI", "true")
	if !browser.InCI() {
		t.Fatal("InCI() false with CI=true")
	}
}
