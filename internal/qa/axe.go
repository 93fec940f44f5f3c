package qa

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"

	"github.com/chromedp/chromedp"
)

// AxeScript is the path of axe-core in node_modules.
const AxeScript = "axe-core/axe.min.js"

// AxeTags are the axe-core rule tags that the gate runs: WCAG 2.0 and 2.1,
// levels A and AA.
var AxeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}

var axeSource = sync.OnceValues(func() (string, error) {
	p, err := nodeFile(AxeScript)
	if err != nil {
		return "", err
	}
	src, err := os.ReadFile(p)
	return string(src), err
})

// axeViolation is what the script below returns for each violation.
type axeViolation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		Target  string `json:"target"`
		HTML    string `json:"html"`
		Summary string `json:"summary"`
	} `json:"nodes"`
}

// axeRun runs axe on the document and returns its violations in a compact
// form. The target of a node is a list of selectors, with a list inside for
// each shadow root.
const axeRun = `axe.run(document, {
  runOnly: {type: 'tag', values: %s},
  resultTypes: ['violations'],
}).then(r => r.violations.map(v => ({
  id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
  nodes: v.nodes.map(n => ({
    target: n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : t).join(', '),
    html: n.html,
    summary: n.failureSummary || '',
  })),
})))`

// Axe loads baseURL+path in the tab of ctx at a desktop size, injects
// axe-core (node_modules/axe-core/axe.min.js) with Runtime.evaluate, which
// the page's CSP does not limit, and returns a finding for each element of
// each violation of the WCAG 2.1 A and AA rules.
func Axe(ctx context.Context, baseURL, path string) ([]Finding, error) {
	src, err := axeSource()
	if err != nil {
		return nil, fmt.Errorf("axe: %w", err)
	}
	if err := load(ctx, baseURL, path, desktopWidth, desktopHeight, 1); err != nil {
		return nil, fmt.Errorf("axe: %w", err)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](src)); err != nil {
		return nil, fmt.Errorf("axe: inject axe-core: %w", err)
	}
	script := fmt.Sprintf(axeRun, jsStrings(AxeTags))
	violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](script, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("axe: run on %s: %w", path, err)
	}

	var out []Finding
	for _, v := range violations {
		for _, n := range v.Nodes {
			msg := v.Help
			if v.Impact != "" {
				msg += " (" + v.Impact + ")"
			}
			fix := strings.TrimSpace(failureSummary(n.Summary) + " See " + v.HelpURL)
			out = append(out, Finding{
				Page: path, Gate: GateAxe, Rule: v.ID,
				Element: n.Target + " " + shorten(strings.Join(strings.Fields(n.HTML), " "), 160),
				Message: msg, Fix: fix, Severity: Error,
			})
		}
	}
	return out, nil
}

// jsStrings formats strings as a JavaScript array literal.
func jsStrings(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = "'" + strings.ReplaceAll(s, "'", `\'`) + "'"
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// failureSummary turns axe's failureSummary, a heading and one indented
// line per way to fix, into one line: "Fix any of the following: a; b."
func failureSummary(s string) string {
	var parts []string
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			parts = append(parts, line)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.TrimSpace(parts[0]+" "+strings.Join(parts[1:], "; ")) + "."
}
