package browser

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// Request is one network request of a tab, from Network.requestWillBeSent.
type Request struct {
	URL         string
	Method      string
	Type        string // the resource type, such as Document, Script or Font
	DocumentURL string // the document that the request is for
}

// Recorder keeps every network request of a tab since RecordRequests, in
// the order in which the browser sent them.
type Recorder struct {
	mu       sync.Mutex
	requests []Request
}

// RecordRequests starts to record the network requests of the tab of ctx.
// It sees the requests that start after it returns, and it records until
// the tab closes.
func RecordRequests(ctx context.Context) (*Recorder, error) {
	r := &Recorder{}
	err := chromedp.Listen(ctx, func(ev any) {
		e, ok := ev.(*network.EventRequestWillBeSent)
		if !ok || e.Request == nil {
			return
		}
		r.mu.Lock()
		defer r.mu.Unlock()
		r.requests = append(r.requests, Request{
			URL:         e.Request.URL,
			Method:      e.Request.Method,
			Type:        string(e.Type),
			DocumentURL: e.DocumentURL,
		})
	})
	if err != nil {
		return nil, fmt.Errorf("record requests: %w", err)
	}
	return r, nil
}

// Requests returns a copy of the requests recorded so far.
func (r *Recorder) Requests() []Request {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.requests)
}

// Len returns the number of requests recorded so far.
func (r *Recorder) Len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.requests)
}

// Reset forgets the requests recorded so far.
func (r *Recorder) Reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.requests = nil
}

// Cookies returns the cookies that the browser holds for the URL of the
// tab and of its frames, HttpOnly cookies included.
func Cookies(ctx context.Context) ([]*network.Cookie, error) {
	res, err := chromedp.Call(ctx, network.GetCookies, network.GetCookiesParams{})
	if err != nil {
		return nil, fmt.Errorf("get cookies: %w", err)
	}
	return res.Cookies, nil
}

// DocumentCookie returns document.cookie of the page in the tab.
func DocumentCookie(ctx context.Context) (string, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[string](`document.cookie`))
}

// StorageLengths returns localStorage.length and sessionStorage.length of
// the page in the tab.
func StorageLengths(ctx context.Context) (local, session int, err error) {
	n, err := chromedp.Run(ctx, chromedp.Evaluate[[2]int](`[localStorage.length, sessionStorage.length]`))
	if err != nil {
		return 0, 0, fmt.Errorf("read web storage: %w", err)
	}
	return n[0], n[1], nil
}

// SetViewport sets the size of the viewport in CSS pixels and the device
// pixel ratio, as a desktop browser window (no mobile emulation, so the
// meta viewport tag does not apply). A scale of 2 with half the width is
// what a browser zoomed to 200% shows: the layout sees half the CSS pixels.
func SetViewport(ctx context.Context, width, height int64, scale float64) error {
	_, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width:             width,
		Height:            height,
		DeviceScaleFactor: scale,
	})
	if err != nil {
		return fmt.Errorf("set viewport %dx%d@%g: %w", width, height, scale, err)
	}
	return nil
}

// SetViewportWidth sets the viewport to width CSS pixels, 800 high, at a
// device pixel ratio of 1.
func SetViewportWidth(ctx context.Context, width int64) error {
	return SetViewport(ctx, width, 800, 1)
}

// EmulateMedia makes CSS media queries see the media type, such as "print"
// or "screen". An empty media type ends the emulation.
func EmulateMedia(ctx context.Context, media string) error {
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media}); err != nil {
		return fmt.Errorf("emulate media %q: %w", media, err)
	}
	return nil
}

// EmulatePrint makes the page render as for printing (@media print).
func EmulatePrint(ctx context.Context) error {
	return EmulateMedia(ctx, "print")
}

// BlockOtherOrigins makes the tab refuse every request that does not go to
// origin, such as "http://127.0.0.1:8080", so that a page under test cannot
// reach the network. The browser still reports a refused request, with
// Network.requestWillBeSent and then Network.loadingFailed (blocked by
// "inspector"), so a Recorder sees it.
func BlockOtherOrigins(ctx context.Context, origin string) error {
	_, err := chromedp.Call(ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: []*network.BlockPattern{
		{URLPattern: strings.TrimSuffix(origin, "/") + "/*", Block: false},
		{URLPattern: "*://*:*/*", Block: true},
	}})
	if err != nil {
		return fmt.Errorf("block other origins than %s: %w", origin, err)
	}
	return nil
}
