// Package qa holds the quality gates of the built portal: link integrity,
// HTML validity (Nu Html Checker), accessibility (axe-core), keyboard use,
// reflow and zoom, and privacy (no request to another origin, no cookies,
// no web storage, no inline script).
//
// Each gate returns findings. A gate fails when it returns a finding of
// severity Error; Warning and Info findings are for the report only.
//
// The static gates (Links, HTMLValidity, StaticPrivacy) read a built site
// directory. The browser gates (Axe, Keyboard, Reflow, Zoom, Privacy) load
// pages from a server, such as Serve, in the tab of a chromedp context, such
// as one from the package browser.
package qa

import (
	"cmp"
	"slices"
)

// Severity tells whether a finding fails a gate.
type Severity string

const (
	Error   Severity = "error"   // fails the gate
	Warning Severity = "warning" // should be fixed, does not fail
	Info    Severity = "info"    // for the report only
)

// Gate names.
const (
	GateLinks    = "links"
	GateHTML     = "html"
	GateAxe      = "axe"
	GateKeyboard = "keyboard"
	GateReflow   = "reflow"
	GateZoom     = "zoom"
	GatePrivacy  = "privacy"
)

// Finding is one problem that a gate found on a page.
type Finding struct {
	Page     string   // URL path of the page on the site, such as "/om/" or "/404.html"
	Gate     string   // one of the Gate constants
	Rule     string   // the check within the gate, such as "broken-link" or an axe rule id
	Element  string   // a CSS selector or an HTML snippet of the element, if any
	Line     int      // line in the page's file, if known
	Message  string   // what is wrong
	Fix      string   // how to fix it
	Severity Severity // Error unless said otherwise
}

// Errors returns the findings of severity Error.
func Errors(findings []Finding) []Finding {
	var out []Finding
	for _, f := range findings {
		if f.Severity == Error {
			out = append(out, f)
		}
	}
	return out
}

// sortFindings sorts by page, line, gate and rule, keeping the order of
// findings that are otherwise equal.
func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.Page, b.Page),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Gate, b.Gate),
			cmp.Compare(a.Rule, b.Rule),
		)
	})
}
