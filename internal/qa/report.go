package qa

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// Report writes the findings grouped per page, pages in order, one line per
// finding:
//
//	/om/: [links/broken-link] <a href="/nope/"> (line 12) — /nope/ does not exist. Fix: …
//
// A blank line separates the pages. Findings that are not errors carry
// their severity after the rule. Report does not change findings.
func Report(w io.Writer, findings []Finding) error {
	fs := slices.Clone(findings)
	sortFindings(fs)
	var b strings.Builder
	for i, f := range fs {
		if i > 0 && f.Page != fs[i-1].Page {
			b.WriteByte('\n')
		}
		b.WriteString(FormatFinding(f))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// FormatFinding formats one finding as Report does.
func FormatFinding(f Finding) string {
	var b strings.Builder
	page := f.Page
	if page == "" {
		page = "(site)"
	}
	fmt.Fprintf(&b, "%s: [%s/%s", page, f.Gate, f.Rule)
	if f.Severity != Error && f.Severity != "" {
		fmt.Fprintf(&b, " %s", f.Severity)
	}
	b.WriteString("]")
	if f.Element != "" {
		b.WriteString(" " + f.Element)
	}
	if f.Line > 0 {
		fmt.Fprintf(&b, " (line %d)", f.Line)
	}
	b.WriteString(" — " + strings.TrimSuffix(f.Message, "."))
	b.WriteString(".")
	if f.Fix != "" {
		b.WriteString(" Fix: " + f.Fix)
	}
	return b.String()
}

// Summary counts the findings per gate and severity, as in
// "links: 2 errors, 1 info; privacy: 3 errors".
func Summary(findings []Finding) string {
	type key struct {
		gate string
		sev  Severity
	}
	counts := map[key]int{}
	var gates []string
	for _, f := range findings {
		if !slices.Contains(gates, f.Gate) {
			gates = append(gates, f.Gate)
		}
		counts[key{f.Gate, f.Severity}]++
	}
	slices.Sort(gates)
	var parts []string
	for _, g := range gates {
		var sevs []string
		for _, s := range []Severity{Error, Warning, Info} {
			if n := counts[key{g, s}]; n > 0 {
				name := string(s)
				if n > 1 && s != Info {
					name += "s"
				}
				sevs = append(sevs, fmt.Sprintf("%d %s", n, name))
			}
		}
		parts = append(parts, g+": "+strings.Join(sevs, ", "))
	}
	if len(parts) == 0 {
		return "no findings"
	}
	return strings.Join(parts, "; ")
}
