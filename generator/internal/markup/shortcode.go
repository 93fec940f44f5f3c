package markup

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Call is one shortcode invocation in Hugo's syntax: {{< name "arg" key="v" >}}, optionally paired
// with {{< /name >}}; {{% … %}} marks a shortcode whose output is Markdown.
type Call struct {
	Name       string
	Positional []string
	Named      map[string]string
	Inner      string // raw text between the opening and closing tag (paired shortcodes only)
	Paired     bool
	Markdown   bool    // {{% %}}: output is Markdown, rendered with the page
	Line       int     // line of the opening tag in the file
	Column     int     // 1-based character column of the opening tag in its line of src
	Children   []*Call // shortcodes nested in Inner
	Ordinal    int     // position among its siblings, as Hugo's .Ordinal
	Parent     *Call

	start, end int // byte range of the whole call (including a closing tag) in its source
	innerStart int
}

// Arg returns a positional (int) or named (string) argument, as Hugo's .Get does.
func (c *Call) Arg(key any) string {
	switch k := key.(type) {
	case int:
		if k >= 0 && k < len(c.Positional) {
			return c.Positional[k]
		}
	case string:
		return c.Named[k]
	}
	return ""
}

// Error is a shortcode syntax problem at a line (and column of src's line).
type Error struct {
	Line   int
	Column int
	Msg    string
}

func (e *Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Syntax decides how calls are read: Paired says whether a shortcode takes inner content (Hugo
// decides this from whether the template uses .Inner).
type Syntax struct {
	Paired func(name string) bool
}

var tagName = regexp.MustCompile(`^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*$`)

// Scan finds the shortcode calls in src, whose first line is line0 of its file.
func (s Syntax) Scan(src string, line0 int) ([]*Call, []*Error) {
	sc := &scanner{src: src, line0: line0, syn: s}
	calls := sc.scan(0, len(src), nil, "")
	return calls, sc.errs
}

type scanner struct {
	src   string
	line0 int
	syn   Syntax
	errs  []*Error
}

func (sc *scanner) line(off int) int { return sc.line0 + strings.Count(sc.src[:off], "\n") }

// column is the 1-based character column of off in its line of src.
func (sc *scanner) column(off int) int {
	return utf8.RuneCountInString(sc.src[strings.LastIndexByte(sc.src[:off], '\n')+1:off]) + 1
}

func (sc *scanner) fail(off int, format string, args ...any) {
	sc.errs = append(sc.errs, &Error{Line: sc.line(off), Column: sc.column(off), Msg: fmt.Sprintf(format, args...)})
}

type tag struct {
	name               string
	closing, selfClose bool
	markdown           bool
	args               []string
	named              map[string]string
	start, end         int
	comment            bool
}

// nextTag finds the next shortcode tag at or after off (and before limit).
func (sc *scanner) nextTag(off, limit int) (*tag, bool) {
	for {
		i := strings.Index(sc.src[off:limit], "{{")
		if i < 0 {
			return nil, false
		}
		start := off + i
		if start+2 >= limit {
			return nil, false
		}
		delim := sc.src[start+2]
		if delim != '<' && delim != '%' {
			off = start + 2
			continue
		}
		closer := "%}}"
		if delim == '<' {
			closer = ">}}"
		}
		j := strings.Index(sc.src[start+3:limit], closer)
		if j < 0 {
			sc.fail(start, "shortcode opened with {{%c but never closed with %s", delim, closer)
			return nil, false
		}
		end := start + 3 + j + len(closer)
		body := strings.TrimSpace(sc.src[start+3 : start+3+j])
		t := &tag{start: start, end: end, markdown: delim == '%', named: map[string]string{}}
		if strings.HasPrefix(body, "/*") && strings.HasSuffix(body, "*/") {
			t.comment = true
			return t, true
		}
		if strings.HasSuffix(body, "/") && !strings.HasPrefix(body, "/") {
			t.selfClose = true
			body = strings.TrimSpace(strings.TrimSuffix(body, "/"))
		}
		if strings.HasPrefix(body, "/") {
			t.closing = true
			body = strings.TrimSpace(body[1:])
		}
		fields, err := splitArgs(body)
		if err != "" {
			sc.fail(start, "%s in shortcode %s", err, sc.src[start:end])
			off = end
			continue
		}
		if len(fields) == 0 || !tagName.MatchString(fields[0]) {
			sc.fail(start, "shortcode without a valid name: %s", sc.src[start:end])
			off = end
			continue
		}
		t.name = fields[0]
		for _, f := range fields[1:] {
			if k, v, ok := namedArg(f); ok {
				t.named[k] = v
			} else {
				t.args = append(t.args, unquote(f))
			}
		}
		if len(t.args) > 0 && len(t.named) > 0 {
			sc.fail(start, "shortcode %q mixes positional and named arguments; use one kind", t.name)
		}
		return t, true
	}
}

func (sc *scanner) scan(from, to int, parent *Call, closeName string) []*Call {
	var out []*Call
	off := from
	for off < to {
		t, ok := sc.nextTag(off, to)
		if !ok {
			break
		}
		off = t.end
		if t.comment {
			continue
		}
		if t.closing {
			sc.fail(t.start, "closing {{< /%s >}} without an opening tag", t.name)
			continue
		}
		c := &Call{Name: t.name, Positional: t.args, Named: t.named, Markdown: t.markdown,
			Line: sc.line(t.start), Column: sc.column(t.start), start: t.start, end: t.end, Parent: parent, Ordinal: len(out)}
		if !t.selfClose && sc.syn.Paired != nil && sc.syn.Paired(t.name) {
			closeAt, closeEnd := sc.findClose(t.name, t.end, to)
			if closeAt < 0 {
				sc.fail(t.start, "shortcode %q takes content and needs a closing {{< /%s >}}", t.name, t.name)
				continue
			}
			c.Paired = true
			c.innerStart = t.end
			c.Inner = sc.src[t.end:closeAt]
			c.end = closeEnd
			c.Children = sc.scan(t.end, closeAt, c, t.name)
			off = closeEnd
		}
		out = append(out, c)
	}
	return out
}

// findClose finds the closing tag for name, skipping nested pairs of the same name.
func (sc *scanner) findClose(name string, from, to int) (int, int) {
	depth := 0
	off := from
	for {
		saved := len(sc.errs)
		t, ok := sc.nextTag(off, to)
		sc.errs = sc.errs[:saved] // reported again by the real scan
		if !ok {
			return -1, -1
		}
		off = t.end
		if t.comment || t.name != name || t.selfClose {
			continue
		}
		if !t.closing {
			depth++
			continue
		}
		if depth == 0 {
			return t.start, t.end
		}
		depth--
	}
}

func splitArgs(s string) ([]string, string) {
	var out []string
	i := 0
	for i < len(s) {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
			i++
		}
		if i >= len(s) {
			break
		}
		start := i
		for i < len(s) && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' {
			switch s[i] {
			case '"':
				i++
				for i < len(s) && s[i] != '"' {
					if s[i] == '\\' {
						i++
					}
					i++
				}
				if i >= len(s) {
					return nil, "unterminated \"string\""
				}
			case '`':
				i++
				for i < len(s) && s[i] != '`' {
					i++
				}
				if i >= len(s) {
					return nil, "unterminated `string`"
				}
			}
			i++
		}
		out = append(out, s[start:i])
	}
	return out, ""
}

func namedArg(f string) (string, string, bool) {
	eq := strings.IndexByte(f, '=')
	if eq <= 0 || strings.ContainsAny(f[:eq], "\"`") {
		return "", "", false
	}
	return f[:eq], unquote(f[eq+1:]), true
}

func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		if u, err := strconv.Unquote(s); err == nil {
			return u
		}
		return s[1 : len(s)-1]
	}
	if len(s) >= 2 && s[0] == '`' && s[len(s)-1] == '`' {
		return s[1 : len(s)-1]
	}
	return s
}

// Expander renders one call. inner is the call's Inner with nested shortcodes already expanded
// (as placeholders that Finish resolves).
type Expander func(c *Call, inner string) (string, error)

// Expansion is a source whose shortcodes have been replaced, ready for Markdown rendering.
type Expansion struct {
	Text    string            // source with placeholders
	outputs map[string]string // placeholder -> HTML
	n       *int
}

// Expand replaces every call in src by its output: HTML shortcodes by placeholders (resolved after
// Markdown rendering by Finish), Markdown shortcodes ({{% %}}) inline. Comment-escaped shortcodes
// ({{</* x */>}}) become their literal text. Errors from exp are returned with the call's line.
func Expand(src string, calls []*Call, exp Expander) (*Expansion, []*Error) {
	e := &Expansion{outputs: map[string]string{}, n: new(int)}
	var errs []*Error
	e.Text = e.expand(src, 0, calls, exp, &errs)
	e.Text = unescapeComments(e.Text)
	return e, errs
}

var commentTag = regexp.MustCompile(`\{\{([<%])/\*(.*?)\*/([>%])\}\}`)

func unescapeComments(s string) string {
	if !strings.Contains(s, "/*") {
		return s
	}
	return commentTag.ReplaceAllString(s, "{{$1$2$3}}")
}

func (e *Expansion) expand(src string, base int, calls []*Call, exp Expander, errs *[]*Error) string {
	var b strings.Builder
	last := 0
	for _, c := range calls {
		b.WriteString(src[last : c.start-base])
		inner := ""
		if c.Paired {
			inner = e.expand(c.Inner, c.innerStart, c.Children, exp, errs)
		}
		out, err := exp(c, inner)
		if err != nil {
			*errs = append(*errs, &Error{Line: c.Line, Column: c.Column, Msg: err.Error()})
		}
		if c.Markdown {
			b.WriteString(out)
		} else {
			token := fmt.Sprintf("SAMVIRKESC%dX", *e.n)
			*e.n++
			e.outputs[token] = out
			b.WriteString(token)
		}
		last = c.end - base
	}
	b.WriteString(src[last:])
	return b.String()
}

var blockStart = regexp.MustCompile(`^\s*<(div|aside|section|figure|ul|ol|dl|table|p|nav|details|h[1-6]|blockquote|form|fieldset|pre|hr|svg)[\s>/]`)

// Finish resolves placeholders in rendered HTML. A placeholder standing alone in a paragraph is
// unwrapped when its output is a block element, so block shortcodes do not end up inside <p>.
func (e *Expansion) Finish(h string) string {
	if len(e.outputs) == 0 {
		return h
	}
	for i := 0; i < 4 && strings.Contains(h, "SAMVIRKESC"); i++ {
		for token, out := range e.outputs {
			if !strings.Contains(h, token) {
				continue
			}
			if blockStart.MatchString(out) {
				h = strings.ReplaceAll(h, "<p>"+token+"</p>", out)
			}
			h = strings.ReplaceAll(h, token, out)
		}
	}
	return h
}
