package qa

import (
	"context"
	"fmt"
	"strings"

	"github.com/chromedp/chromedp"
)

// overflow is what overflowScript returns.
type overflow struct {
	ScrollWidth int `json:"scrollWidth"`
	ClientWidth int `json:"clientWidth"`
	// Culprits are the innermost elements that reach past the right edge
	// of the viewport outside of a scrolling or clipping box.
	Culprits []struct {
		Selector string `json:"selector"`
		HTML     string `json:"html"`
		Right    int    `json:"right"`
	} `json:"culprits"`
}

var overflowScript = jsFunc(`
  const de = document.documentElement;
  const vw = de.clientWidth;
  const over = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right <= vw + 1 || (r.width === 0 && r.height === 0) || qaScroller(el)) continue;
    over.push(el);
  }
  const leaves = over.filter(el => !over.some(o => o !== el && el.contains(o))).slice(0, 5);
  return {
    scrollWidth: de.scrollWidth, clientWidth: vw,
    culprits: leaves.map(el => ({selector: qaPath(el), html: qaHTML(el), right: Math.round(el.getBoundingClientRect().right)})),
  };`)

// clippedText is what clippedScript returns for an element.
type clippedText struct {
	Selector string `json:"selector"`
	HTML     string `json:"html"`
	Text     string `json:"text"`
	Axis     string `json:"axis"`
}

// clippedScript finds rendered elements with text that clip their content:
// overflow hidden or clip, and content larger than the box. Boxes of 1px
// or with clip or clip-path are the visually-hidden pattern, and skipped.
var clippedScript = jsFunc(`
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const cs = getComputedStyle(el);
    const cx = cs.overflowX === 'hidden' || cs.overflowX === 'clip';
    const cy = cs.overflowY === 'hidden' || cs.overflowY === 'clip';
    if (!cx && !cy) continue;
    if (cs.display === 'none' || cs.visibility !== 'visible') continue;
    if (cs.clip !== 'auto' || cs.clipPath !== 'none') continue;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) continue;
    const text = (el.innerText || '').trim();
    if (!text) continue;
    const x = cx && el.scrollWidth > el.clientWidth + 1;
    const y = cy && el.scrollHeight > el.clientHeight + 1;
    if (!x && !y) continue;
    out.push({selector: qaPath(el), html: qaHTML(el), text: text.replace(/\s+/g, ' ').slice(0, 60), axis: x && y ? 'both' : x ? 'x' : 'y'});
    if (out.length === 10) break;
  }
  return out;`)

// Reflow loads baseURL+path in the tab of ctx in a viewport 320 CSS px
// wide (WCAG 1.4.10) and reports horizontal-scroll when the page scrolls
// sideways: document.documentElement.scrollWidth is larger than the
// viewport. Content inside a box that scrolls by itself (overflow-x: auto),
// such as a wide table, is allowed.
func Reflow(ctx context.Context, baseURL, path string) ([]Finding, error) {
	if err := load(ctx, baseURL, path, 320, 640, 1); err != nil {
		return nil, fmt.Errorf("reflow: %w", err)
	}
	return horizontalScroll(ctx, GateReflow, path, 320)
}

// Zoom loads baseURL+path in the tab of ctx as a 1280x800 window zoomed to
// 200% shows it (WCAG 1.4.4): a viewport of 640 CSS px at a device pixel
// ratio of 2, which is what browser zoom does to the layout. It reports
// horizontal-scroll as Reflow does, and clipped-text for an element with
// text whose overflow is hidden and whose content does not fit its box.
func Zoom(ctx context.Context, baseURL, path string) ([]Finding, error) {
	if err := load(ctx, baseURL, path, desktopWidth/2, desktopHeight/2, 2); err != nil {
		return nil, fmt.Errorf("zoom: %w", err)
	}
	out, err := horizontalScroll(ctx, GateZoom, path, desktopWidth/2)
	if err != nil {
		return nil, err
	}
	clipped, err := chromedp.Run(ctx, chromedp.Evaluate[[]clippedText](clippedScript))
	if err != nil {
		return nil, fmt.Errorf("zoom: %w", err)
	}
	for _, c := range clipped {
		out = append(out, Finding{
			Page: path, Gate: GateZoom, Rule: "clipped-text", Element: c.Selector + " " + c.HTML, Severity: Error,
			Message: fmt.Sprintf("at 200%% zoom the text %q is cut off (overflow hidden, content larger than the box on the %s axis)", c.Text, c.Axis),
			Fix:     "let the box grow with its text: no fixed width or height on text boxes, no overflow: hidden or text-overflow: ellipsis on text",
		})
	}
	return out, nil
}

func horizontalScroll(ctx context.Context, gate, path string, width int) ([]Finding, error) {
	o, err := chromedp.Run(ctx, chromedp.Evaluate[overflow](overflowScript))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", gate, err)
	}
	if o.ScrollWidth <= o.ClientWidth {
		return nil, nil
	}
	var culprits []string
	for _, c := range o.Culprits {
		culprits = append(culprits, fmt.Sprintf("%s %s (right edge at %d px)", c.Selector, c.HTML, c.Right))
	}
	return []Finding{{
		Page: path, Gate: gate, Rule: "horizontal-scroll", Element: strings.Join(culprits, "; "), Severity: Error,
		Message: fmt.Sprintf("at a viewport of %d CSS px the page scrolls sideways: scrollWidth %d > clientWidth %d", width, o.ScrollWidth, o.ClientWidth),
		Fix:     "use max-width: 100% and relative widths instead of fixed widths, let long words wrap (overflow-wrap: anywhere), and put wide tables in a box with overflow-x: auto",
	}}, nil
}
