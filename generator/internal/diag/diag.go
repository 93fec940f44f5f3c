// Package diag holds positioned build messages. As in esbuild's Message, an error is data: where
// (file, line, column and the text of that line), what is wrong, what to do (the hint) and notes
// that point at other places (the first definition of a duplicate key). Every stage appends to one
// List, so a build reports all problems together instead of stopping at the first; the report
// shows the offending line with a caret under the column, as the Go compiler and esbuild do.
//
// Messages are in English, like the Go toolchain's, Hugo's, esbuild's and the JSON Schema
// library's that editors see in their editor (docs/authoring.md, «Build messages»).
package diag

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
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

// Location is a place in the site's source.
type Location struct {
	File     string // path relative to the site source, slash-separated; empty for site-wide messages
	Line     int    // 1-based; 0 when unknown
	Column   int    // 1-based, in characters; 0 when unknown
	LineText string // the text of the line, without its newline; filled from the source when empty
}

// Note is a further place that explains a diagnostic, such as where a duplicate key was first
// defined.
type Note struct {
	Location
	Text string
}

// Diagnostic is one message about one place in the site's source. The fields are flat (not an
// embedded Location) so that a Diagnostic is written as one composite literal.
type Diagnostic struct {
	File     string
	Line     int
	Column   int
	LineText string
	Severity Severity
	Group    string // groups warnings in the build report, e.g. "legal registry: unverified"
	Message  string
	Hint     string // what to do about it
	Notes    []Note
}

// Location returns where the diagnostic points.
func (d Diagnostic) Location() Location {
	return Location{File: d.File, Line: d.Line, Column: d.Column, LineText: d.LineText}
}

// At returns d moved to loc.
func (d Diagnostic) At(loc Location) Diagnostic {
	d.File, d.Line, d.Column, d.LineText = loc.File, loc.Line, loc.Column, loc.LineText
	return d
}

// Errorf returns an error at loc.
func (loc Location) Errorf(hint, format string, args ...any) Diagnostic {
	return Diagnostic{File: loc.File, Line: loc.Line, Column: loc.Column, LineText: loc.LineText,
		Message: fmt.Sprintf(format, args...), Hint: hint}
}

// Warnf returns a warning at loc.
func (loc Location) Warnf(group, hint, format string, args ...any) Diagnostic {
	d := loc.Errorf(hint, format, args...)
	d.Severity, d.Group = Warning, group
	return d
}

// String renders "file:line:column: message" ("warning: " before warnings' messages), the source
// line with a caret under the column, the hint and the notes, each on its own indented line.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Location().prefix())
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Message)
	d.Location().writeSource(&b)
	if d.Hint != "" {
		b.WriteString("\n\t")
		b.WriteString(d.Hint)
	}
	for _, n := range d.Notes {
		b.WriteString("\n\tnote: ")
		b.WriteString(n.prefix())
		b.WriteString(n.Text)
		n.writeSource(&b)
	}
	return b.String()
}

func (l Location) prefix() string {
	switch {
	case l.File != "" && l.Line > 0 && l.Column > 0:
		return fmt.Sprintf("%s:%d:%d: ", l.File, l.Line, l.Column)
	case l.File != "" && l.Line > 0:
		return fmt.Sprintf("%s:%d: ", l.File, l.Line)
	case l.File != "":
		return l.File + ": "
	}
	return ""
}

// writeSource writes the line's text and, when the column is known, a caret under it:
//
//	12 |     titel: Del opplysninger
//	   |     ^
func (l Location) writeSource(b *strings.Builder) {
	if l.LineText == "" || l.Line <= 0 {
		return
	}
	num := fmt.Sprint(l.Line)
	fmt.Fprintf(b, "\n\t%s | %s", num, l.LineText)
	if l.Column <= 0 {
		return
	}
	fmt.Fprintf(b, "\n\t%s | ", strings.Repeat(" ", len(num)))
	col := 1
	for _, r := range l.LineText {
		if col >= l.Column {
			break
		}
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
		col++
	}
	b.WriteByte('^')
}

// Problem is an error that carries its hint as data, for interfaces that return an error (a
// feature's shortcode check): the caller turns it into a Diagnostic at its own position.
type Problem struct {
	Message string
	Hint    string
}

func (p *Problem) Error() string { return p.Message }

// Problemf returns a Problem with a hint.
func Problemf(hint, format string, args ...any) *Problem {
	return &Problem{Message: fmt.Sprintf(format, args...), Hint: hint}
}

// MessageOf splits err into its message and hint (empty unless err is or wraps a Problem).
func MessageOf(err error) (message, hint string) {
	var p *Problem
	if errors.As(err, &p) {
		return p.Message, p.Hint
	}
	return err.Error(), ""
}

// SourceFunc returns the contents of a source file named as in Diagnostic.File.
type SourceFunc func(file string) ([]byte, error)

// List collects diagnostics from concurrent stages.
type List struct {
	mu     sync.Mutex
	items  []Diagnostic
	source SourceFunc
	lines  map[string][]string // file -> lines, read once for LineText
}

// SetSource sets where the list reads a file's lines to fill LineText of diagnostics that name a
// line but carry no text (most stages know the line, not the text).
func (l *List) SetSource(f SourceFunc) {
	l.mu.Lock()
	l.source = f
	l.mu.Unlock()
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

// Len is the number of diagnostics added so far.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.items)
}

// All returns the diagnostics sorted by file, line and column, errors before warnings at the same
// place, with LineText filled from the source where it was missing.
func (l *List) All() []Diagnostic {
	l.mu.Lock()
	for i := range l.items {
		l.fill(&l.items[i].File, l.items[i].Line, &l.items[i].LineText)
		for j := range l.items[i].Notes {
			n := &l.items[i].Notes[j]
			l.fill(&n.File, n.Line, &n.LineText)
		}
	}
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
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Severity < b.Severity
	})
	return out
}

// fill sets *text to the line's text when it is empty and the source can be read. l.mu is held.
func (l *List) fill(file *string, line int, text *string) {
	if *text != "" || line <= 0 || *file == "" || l.source == nil {
		return
	}
	lines, ok := l.lines[*file]
	if !ok {
		if src, err := l.source(*file); err == nil && utf8.Valid(src) {
			src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
			lines = strings.Split(string(src), "\n")
		}
		if l.lines == nil {
			l.lines = map[string][]string{}
		}
		l.lines[*file] = lines
	}
	if line <= len(lines) {
		*text = lines[line-1]
	}
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
			s := d.String()
			if g != "" {
				s = "  " + strings.ReplaceAll(s, "\n", "\n  ")
			}
			b.WriteString(s)
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
