package markup

import (
	"fmt"
	"regexp"
	"sort"
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

// Scan finds the shortcode calls in src, whose first line is line0 of its file. It reads the
// source once: the tags are found in one pass, opening and closing tags are paired with a stack
// per name, and lines are looked up in a table of line starts, so a file with a great many tags
// takes linear time.
func (s Syntax) Scan(src string, line0 int) ([]*Call, []*Error) {
	sc := &scanner{src: src, line0: line0, syn: s}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			sc.newlines = append(sc.newlines, i)
		}
	}
	sc.tokenise()
	sc.pair()
	calls := sc.scan(0, len(sc.tags), nil)
	return calls, sc.errs
}

type scanner struct {
	src      string
	line0    int
	syn      Syntax
	errs     []*Error
	newlines []int  // offsets of the \n characters
	tags     []*tag // every tag, in order
	match    []int  // index of the closing tag of each paired opening tag, -1 when it has none
}

func (sc *scanner) line(off int) int { return sc.line0 + sort.SearchInts(sc.newlines, off) }

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

// tokenise finds every tag. Malformed tags are reported and left out; a tag that is opened and
// never closed ends the search (what follows cannot be read as tags).
func (sc *scanner) tokenise() {
	for off := 0; ; {
		t, ok := sc.nextTag(off, len(sc.src))
		if !ok {
			return
		}
		sc.tags = append(sc.tags, t)
		off = t.end
	}
}

// pair finds the closing tag of each opening tag of a shortcode that takes content: the first
// closing tag of the same name after it with as many opening as closing tags of that name in
// between, as Hugo nests them.
func (sc *scanner) pair() {
	sc.match = make([]int, len(sc.tags))
	open := map[string][]int{}
	for i, t := range sc.tags {
		sc.match[i] = -1
		switch {
		case t.comment || t.selfClose:
		case t.closing:
			if st := open[t.name]; len(st) > 0 {
				sc.match[st[len(st)-1]] = i
				open[t.name] = st[:len(st)-1]
			}
		case sc.syn.Paired != nil && sc.syn.Paired(t.name):
			open[t.name] = append(open[t.name], i)
		}
	}
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

// scan turns the tags from index from up to (not including) to into calls; parent is the call
// whose content they are.
func (sc *scanner) scan(from, to int, parent *Call) []*Call {
	var out []*Call
	for i := from; i < to; i++ {
		t := sc.tags[i]
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
			m := sc.match[i]
			if m < 0 || m >= to {
				sc.fail(t.start, "shortcode %q takes content and needs a closing {{< /%s >}}", t.name, t.name)
				continue
			}
			closing := sc.tags[m]
			c.Paired = true
			c.innerStart = t.end
			c.Inner = sc.src[t.end:closing.start]
			c.end = closing.end
			c.Children = sc.scan(i+1, m, c)
			i = m
		}
		out = append(out, c)
	}
	return out
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
	prefix  string // of the placeholders: one that does not occur in the source
}

// Expand replaces every call in src by its output: HTML shortcodes by placeholders (resolved after
// Markdown rendering by Finish), Markdown shortcodes ({{% %}}) inline. Comment-escaped shortcodes
// ({{</* x */>}}) become their literal text. Errors from exp are returned with the call's line.
func Expand(src string, calls []*Call, exp Expander) (*Expansion, []*Error) {
	e := &Expansion{outputs: map[string]string{}, n: new(int), prefix: "SAMVIRKESC"}
	for strings.Contains(src, e.prefix) {
		e.prefix += "Q" // the text mentions a placeholder: it must stay text
	}
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
			token := fmt.Sprintf("%s%dX", e.prefix, *e.n)
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
// Outputs hold the placeholders of the shortcodes nested in them, resolved in turn. It reads h
// once, whatever the number of placeholders.
func (e *Expansion) Finish(h string) string {
	if len(e.outputs) == 0 {
		return h
	}
	var b strings.Builder
	b.Grow(len(h))
	e.resolve(&b, h, 0)
	return b.String()
}

// maxShortcodeNesting bounds the resolution of placeholders inside outputs.
const maxShortcodeNesting = 100

func (e *Expansion) resolve(b *strings.Builder, h string, depth int) {
	for {
		i := strings.Index(h, e.prefix)
		if i < 0 {
			b.WriteString(h)
			return
		}
		j := i + len(e.prefix)
		k := j
		for k < len(h) && h[k] >= '0' && h[k] <= '9' {
			k++
		}
		out, ok := "", false
		if k > j && k < len(h) && h[k] == 'X' {
			out, ok = e.outputs[h[i:k+1]]
		}
		if !ok || depth >= maxShortcodeNesting {
			b.WriteString(h[:j])
			h = h[j:]
			continue
		}
		before, after := h[:i], h[k+1:]
		if strings.HasSuffix(before, "<p>") && strings.HasPrefix(after, "</p>") && blockStart.MatchString(out) {
			before, after = before[:len(before)-len("<p>")], after[len("</p>"):]
		}
		b.WriteString(before)
		e.resolve(b, out, depth+1)
		h = after
	}
}
