// Package diag holds positioned build messages. Like esbuild's Message, an error is data: a file, a
// line, what is wrong and what to do. Every stage appends to one List so a build reports all problems
// together instead of stopping at the first.
package diag

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Severity says whether a message stops the build.
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one message about one place in the site's source.
type Diagnostic struct {
	File     string // path relative to the site source, slash-separated; empty for site-wide messages
	Line     int    // 1-based; 0 when unknown
	Severity Severity
	Group    string // groups warnings in the build report, e.g. "lovverk: ikke verifisert"
	Message  string
	Hint     string // what to do about it
}

// String renders "file:line: message" (with "warning: " for warnings) and the hint on the next line.
func (d Diagnostic) String() string {
	var b strings.Builder
	switch {
	case d.File != "" && d.Line > 0:
		fmt.Fprintf(&b, "%s:%d: ", d.File, d.Line)
	case d.File != "":
		fmt.Fprintf(&b, "%s: ", d.File)
	}
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Message)
	if d.Hint != "" {
		b.WriteString("\n\t")
		b.WriteString(d.Hint)
	}
	return b.String()
}

// List collects diagnostics from concurrent stages.
type List struct {
	mu    sync.Mutex
	items []Diagnostic
}

// Add appends d.
func (l *List) Add(d Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, d)
	l.mu.Unlock()
}

// Errorf adds an error at file:line.
func (l *List) Errorf(file string, line int, format string, args ...any) {
	l.Add(Diagnostic{File: file, Line: line, Message: fmt.Sprintf(format, args...)})
}

// Warnf adds a warning at file:line.
func (l *List) Warnf(file string, line int, format string, args ...any) {
	l.Add(Diagnostic{File: file, Line: line, Severity: Warning, Message: fmt.Sprintf(format, args...)})
}

// Merge appends every diagnostic of other.
func (l *List) Merge(other *List) {
	for _, d := range other.All() {
		l.Add(d)
	}
}

// All returns the diagnostics sorted by file and line, errors before warnings at the same place.
func (l *List) All() []Diagnostic {
	l.mu.Lock()
	out := append([]Diagnostic(nil), l.items...)
	l.mu.Unlock()
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Severity < b.Severity
	})
	return out
}

// Errors returns only the errors.
func (l *List) Errors() []Diagnostic { return l.filter(Error) }

// Warnings returns only the warnings.
func (l *List) Warnings() []Diagnostic { return l.filter(Warning) }

func (l *List) filter(s Severity) []Diagnostic {
	var out []Diagnostic
	for _, d := range l.All() {
		if d.Severity == s {
			out = append(out, d)
		}
	}
	return out
}

// HasErrors reports whether any error was added.
func (l *List) HasErrors() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, d := range l.items {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Strict turns every warning into an error (samvirke check --strict).
func (l *List) Strict() {
	l.mu.Lock()
	for i := range l.items {
		l.items[i].Severity = Error
	}
	l.mu.Unlock()
}

// Report writes ungrouped errors first, then grouped messages (warnings, or errors under
// --strict) by group, as the build report.
func (l *List) Report() string {
	var b strings.Builder
	groups := map[string][]Diagnostic{}
	var order []string
	for _, d := range l.All() {
		if d.Group == "" && d.Severity == Error {
			b.WriteString(d.String())
			b.WriteByte('\n')
			continue
		}
		if _, ok := groups[d.Group]; !ok {
			order = append(order, d.Group)
		}
		groups[d.Group] = append(groups[d.Group], d)
	}
	sort.Strings(order)
	for _, g := range order {
		if g != "" {
			fmt.Fprintf(&b, "%s (%d):\n", g, len(groups[g]))
		}
		for _, d := range groups[g] {
			if g != "" {
				b.WriteString("  ")
			}
			b.WriteString(d.String())
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// Suggest returns the candidate closest to s by edit distance, for "did you mean" hints; empty
// when nothing is close enough to help.
func Suggest(s string, candidates []string) string {
	best, bestDist := "", len(s)/2+2
	for _, c := range candidates {
		if d := Levenshtein(s, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// Levenshtein is the edit distance between a and b in runes.
func Levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
