// Package browser starts a headless Chromium for tests and offers small
// helpers around chromedp: record the network requests of a tab, read its
// cookies and web storage, and emulate a viewport or a media type.
//
// A test gets a tab with New, and more tabs of the same browser with NewTab:
//
//	ctx := browser.New(t)
//	rec, err := browser.RecordRequests(ctx)
//	...
//	err = chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"))
//
// The browser is Debian's chromium, found through $CHROMIUM or on PATH. When
// it is missing, New skips the test, unless the environment variable CI is
// set: in CI a missing browser fails the test.
package browser

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// flags are the switches the browser starts with, and the only ones this
// package passes. chromedp adds --remote-debugging-pipe, a fresh temporary
// --user-data-dir that it removes when the browser ends, and about:blank.
// Debian's /usr/bin/chromium wrapper adds the switches of /etc/chromium.d.
var flags = []string{
	"headless",
	"no-sandbox",
	"disable-gpu",
	"no-first-run",
	"disable-background-networking",
	"disable-component-update",
	"disable-sync",
	"disable-quic",
}

// Flags returns the command-line switches that Start passes to the browser,
// each with its leading "--".
func Flags() []string {
	out := make([]string, len(flags))
	for i, f := range flags {
		out[i] = "--" + f
	}
	return out
}

// ErrNotFound is returned by ExecPath when no Chromium is installed.
var ErrNotFound = errors.New("chromium not found: set $CHROMIUM, or install Debian's chromium (scripts/install-test-deps.sh)")

// ExecPath returns the Chromium to run: $CHROMIUM if set, else chromium or
// chromium-browser on PATH.
func ExecPath() (string, error) {
	if p := os.Getenv("CHROMIUM"); p != "" {
		found, err := exec.LookPath(p)
		if err != nil {
			return "", fmt.Errorf("$CHROMIUM=%q: %w", p, err)
		}
		return found, nil
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if found, err := exec.LookPath(name); err == nil {
			return found, nil
		}
	}
	return "", ErrNotFound
}

// allocatorOptions builds the ExecAllocator options by hand, and not from
// chromedp.DefaultExecAllocatorOptions, which add about twenty switches of
// their own (chromedp.Headless alone adds --hide-scrollbars and --mute-audio).
func allocatorOptions(execPath string) []chromedp.ExecAllocatorOption {
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(execPath)}
	for _, f := range flags {
		opts = append(opts, chromedp.Flag(f, true))
	}
	return opts
}

// Start starts a browser and returns the context of its first tab. The
// browser starts with the first action run on the context; Start runs an
// empty one, so a browser that cannot start gives an error here. Cancel the
// context to close the browser and remove its profile directory.
func Start(parent context.Context) (context.Context, context.CancelFunc, error) {
	execPath, err := ExecPath()
	if err != nil {
		return nil, nil, err
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(parent, allocatorOptions(execPath)...)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	cancel := func() {
		cancelTab()
		cancelAlloc() // waits until the browser is gone and its directory removed
	}
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		return nil, nil, fmt.Errorf("start %s: %w", execPath, err)
	}
	return ctx, cancel, nil
}

// New starts a browser for the test and returns the context of its first
// tab. The browser closes when the test ends. Without Chromium the test is
// skipped, or fails when the environment variable CI is set.
func New(t testing.TB) context.Context {
	t.Helper()
	if _, err := ExecPath(); err != nil {
		Require(t, err)
	}
	ctx, cancel, err := Start(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cancel)
	return ctx
}

// NewTab opens another tab in the browser of parent, which must come from
// New or Start. It closes when the test ends. Give it
// chromedp.WithNewBrowserContext() for a tab with its own cookies and
// storage, like a private window.
func NewTab(t testing.TB, parent context.Context, opts ...chromedp.ContextOption) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(parent, opts...)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open tab: %v", err)
	}
	return ctx
}

// InCI reports whether the tests run in CI, where the environment variable
// CI is set to anything but "", "0" or "false".
func InCI() bool {
	v := strings.ToLower(strings.TrimSpace(os.Getenv("CI")))
	return !slices.Contains([]string{"", "0", "false"}, v)
}

// Require handles a missing test tool: it skips the test with the reason,
// or fails it in CI, where every tool must be installed. It does nothing
// when err is nil.
func Require(t testing.TB, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if InCI() {
		t.Fatalf("%v (CI is set, so a missing tool is an error)", err)
	}
	t.Skipf("skipping: %v", err)
}
