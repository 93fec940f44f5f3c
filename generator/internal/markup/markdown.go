// Package markup turns Markdown with Hugo shortcodes into HTML: goldmark with the extensions Hugo
// enables, heading IDs the way Hugo makes them (Unicode letters kept), and shortcode expansion
// through placeholders, as Hugo does it, so shortcode output is never re-parsed as Markdown.
package markup

import (
	"bytes"
	"html"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// Options select goldmark behaviour; the zero value is safe (raw HTML is not rendered).
type Options struct {
	Unsafe bool // Hugo's markup.goldmark.renderer.unsafe
}

// Markdown is a configured renderer, safe for concurrent use.
type Markdown struct {
	md goldmark.Markdown
}

// Heading is one heading of a rendered document.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Result is a rendered document.
type Result struct {
	HTML     []byte
	Headings []Heading
}

// New returns a renderer with GFM, footnotes and definition lists, as Hugo's defaults.
func New(o Options) *Markdown {
	rendererOpts := []goldmark.Option{}
	if o.Unsafe {
		rendererOpts = append(rendererOpts, goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
	}
	md := goldmark.New(append(rendererOpts,
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
	)...)
	return &Markdown{md: md}
}

// Render converts src to HTML and lists its headings.
func (m *Markdown) Render(src []byte) Result {
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	doc := m.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	var headings []Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			id, _ := h.AttributeString("id")
			idb, _ := id.([]byte)
			headings = append(headings, Heading{Level: h.Level, ID: string(idb), Text: nodeText(h, src)})
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	var buf bytes.Buffer
	buf.Grow(len(src) * 3 / 2)
	_ = m.md.Renderer().Render(&buf, src, doc)
	return Result{HTML: buf.Bytes(), Headings: headings}
}

func nodeText(n ast.Node, src []byte) string {
	var b strings.Builder
	var walk func(ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch t := c.(type) {
			case *ast.Text:
				b.Write(t.Segment.Value(src))
				if t.SoftLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				b.Write(t.Value)
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

// ids generates heading IDs like Hugo's default ("github" style): lower-case, Unicode letters and
// digits kept, spaces to hyphens, other punctuation dropped, duplicates numbered -1, -2, …
type ids struct{ seen map[string]bool }

func newIDs() *ids { return &ids{seen: map[string]bool{}} }

// Anchor returns the github-style anchor for a heading text (without deduplication).
func Anchor(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r == ' ' || r == '-':
			b.WriteByte('-')
		case r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func (g *ids) Generate(value []byte, _ ast.NodeKind) []byte {
	base := Anchor(html.UnescapeString(string(value)))
	if base == "" {
		base = "heading"
	}
	id := base
	for i := 1; g.seen[id]; i++ {
		id = base + "-" + itoa(i)
	}
	g.seen[id] = true
	return []byte(id)
}

func (g *ids) Put(value []byte) { g.seen[string(value)] = true }

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// TableOfContents renders Hugo's <nav id="TableOfContents"> for headings of levels 2 and 3.
func TableOfContents(hs []Heading) string {
	var b strings.Builder
	open := []bool{} // open[i]: an <li> is open at list depth i+1
	for _, h := range hs {
		if h.Level < 2 || h.Level > 3 {
			continue
		}
		want := h.Level - 1
		for len(open) < want {
			b.WriteString("<ul>")
			open = append(open, false)
		}
		for len(open) > want {
			if open[len(open)-1] {
				b.WriteString("</li>")
			}
			b.WriteString("</ul>")
			open = open[:len(open)-1]
		}
		if open[len(open)-1] {
			b.WriteString("</li>")
		}
		b.WriteString(`<li><a href="#` + html.EscapeString(h.ID) + `">` + html.EscapeString(h.Text) + `</a>`)
		open[len(open)-1] = true
	}
	if len(open) == 0 {
		return ""
	}
	for len(open) > 0 {
		if open[len(open)-1] {
			b.WriteString("</li>")
		}
		b.WriteString("</ul>")
		open = open[:len(open)-1]
	}
	return `<nav id="TableOfContents">` + b.String() + `</nav>`
}

// PlainText strips tags from rendered HTML and unescapes entities (for summaries and search).
func PlainText(h []byte) string {
	var b strings.Builder
	b.Grow(len(h))
	in := false
	space := true
	for _, c := range string(h) {
		switch {
		case c == '<':
			in = true
		case c == '>':
			in = false
			if !space {
				b.WriteByte(' ')
				space = true
			}
		case in:
		case unicode.IsSpace(c):
			if !space {
				b.WriteByte(' ')
				space = true
			}
		default:
			b.WriteRune(c)
			space = false
		}
	}
	return strings.TrimSpace(html.UnescapeString(b.String()))
}
