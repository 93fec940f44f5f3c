// Package markup turns Markdown with Hugo shortcodes into HTML: goldmark configured as Hugo
// configures it by default (markup.goldmark in Hugo's config: GFM tables, strikethrough, task
// lists and linkify with https, the typographer with Hugo's entities, footnotes, definition lists,
// heading attributes), heading IDs the way Hugo makes them (Unicode letters kept), Hugo's
// .Fragments and table of contents, and shortcode expansion through placeholders, as Hugo does
// it, so shortcode output is never re-parsed as Markdown.
package markup

import (
	"bytes"
	"html"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options select goldmark behaviour; the zero value is safe (raw HTML is not rendered).
type Options struct {
	Unsafe bool // Hugo's markup.goldmark.renderer.unsafe
}

// Markdown is a configured renderer, safe for concurrent use.
type Markdown struct {
	md goldmark.Markdown
}

// Result is a rendered document.
type Result struct {
	HTML      []byte
	Fragments *Fragments // Hugo's .Fragments: the headings and identifiers
	Errs      []error    // from render hooks
}

// Hugo's default typographer substitutions (markup.goldmark.extensions.typographer): entities,
// as Hugo writes them.
var typographer = map[extension.TypographicPunctuation][]byte{
	extension.LeftSingleQuote:  []byte("&lsquo;"),
	extension.RightSingleQuote: []byte("&rsquo;"),
	extension.LeftDoubleQuote:  []byte("&ldquo;"),
	extension.RightDoubleQuote: []byte("&rdquo;"),
	extension.EnDash:           []byte("&ndash;"),
	extension.EmDash:           []byte("&mdash;"),
	extension.Ellipsis:         []byte("&hellip;"),
	extension.LeftAngleQuote:   []byte("&laquo;"),
	extension.RightAngleQuote:  []byte("&raquo;"),
	extension.Apostrophe:       []byte("&rsquo;"),
}

// New returns a renderer configured as Hugo's defaults: tables, strikethrough, linkify (bare
// www. addresses get https://, Hugo's linkifyProtocol), task lists, the typographer, definition
// lists, footnotes, automatic heading IDs and {#id .class} attributes on headings.
func New(o Options) *Markdown {
	rendererOpts := []renderer.Option{
		renderer.WithNodeRenderers(util.Prioritized(autoLinkRenderer{protocol: []byte("https")}, 100)),
		renderer.WithNodeRenderers(util.Prioritized(&blockquoteRenderer{}, 100)),
	}
	if o.Unsafe {
		rendererOpts = append(rendererOpts, gmhtml.WithUnsafe())
	}
	md := goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify, extension.TaskList,
			extension.NewTypographer(extension.WithTypographicSubstitutions(typographer)),
			extension.DefinitionList, extension.Footnote),
		goldmark.WithParserOptions(parser.WithAttribute(),
			parser.WithASTTransformers(util.Prioritized(headingIDs{}, 100))),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	return &Markdown{md: md}
}

// Render converts src to HTML and collects its fragments (headings and identifiers).
func (m *Markdown) Render(src []byte) Result { return m.RenderWith(src, Hooks{}) }

// RenderWith is Render with render hooks.
func (m *Markdown) RenderWith(src []byte, hooks Hooks) Result {
	ids := newIDs()
	ctx := parser.NewContext(parser.WithIDs(ids))
	doc := m.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	frags := fragments(doc, src, m.md.Renderer(), ids)
	var buf bytes.Buffer
	buf.Grow(len(src) * 3 / 2)
	w := &hookWriter{Buffer: &buf, hooks: hooks}
	_ = m.md.Renderer().Render(w, src, doc)
	return Result{HTML: buf.Bytes(), Fragments: frags, Errs: w.errs}
}

// autoLinkRenderer renders autolinks as goldmark does, except that an address linkify found
// without a protocol (www.example.no) gets Hugo's linkifyProtocol, https, not http.
type autoLinkRenderer struct{ protocol []byte }

func (r autoLinkRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindAutoLink, r.render)
}

func (r autoLinkRenderer) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.AutoLink)
	if !entering {
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	url := n.URL(source)
	if len(n.Protocol) > 0 && !bytes.Equal(n.Protocol, r.protocol) {
		url = append(append([]byte(nil), r.protocol...), url[len(n.Protocol):]...)
	}
	label := n.Label(source)
	if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(url), []byte("mailto:")) {
		_, _ = w.WriteString("mailto:")
	}
	_, _ = w.Write(util.EscapeHTML(util.URLEscape(url, false)))
	if n.Attributes() != nil {
		_ = w.WriteByte('"')
		gmhtml.RenderAttributes(w, n, gmhtml.LinkAttributeFilter)
		_ = w.WriteByte('>')
	} else {
		_, _ = w.WriteString(`">`)
	}
	_, _ = w.Write(util.EscapeHTML(label))
	_, _ = w.WriteString(`</a>`)
	return ast.WalkContinue, nil
}

// ids generates heading IDs as Hugo's default ("github" style, markup/goldmark/autoid.go):
// lower-case, Unicode letters and digits kept, spaces and hyphens to hyphens, other punctuation
// dropped, an empty result "heading", duplicates numbered -1, -2, …
type ids struct {
	seen       map[string]bool
	duplicates []string
}

func newIDs() *ids { return &ids{seen: map[string]bool{}} }

// Anchor returns the github-style anchor for a heading text (without deduplication), as Hugo's
// sanitizeAnchorName.
func Anchor(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r == ' ' || r == '-':
			b.WriteByte('-')
		case r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func (g *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	id := Anchor(string(value))
	if id == "" {
		id = "heading"
	}
	if g.seen[id] {
		base := id + "-"
		for i := 1; ; i++ {
			if id = base + itoa(i); !g.seen[id] {
				break
			}
		}
	}
	g.Put([]byte(id))
	return []byte(id)
}

func (g *ids) Put(value []byte) {
	if g.seen[string(value)] {
		g.duplicates = append(g.duplicates, string(value))
	}
	g.seen[string(value)] = true
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// values are the identifiers given out, with duplicates, sorted (Hugo's .Fragments.Identifiers).
func (g *ids) values() []string {
	out := make([]string, 0, len(g.seen)+len(g.duplicates))
	for id := range g.seen {
		out = append(out, id)
	}
	out = append(out, g.duplicates...)
	sort.Strings(out)
	return out
}

// headingIDs gives every heading without an {#id} of its own an ID from its plain text, as
// Hugo's attributes extension does (instead of goldmark's, which reads the raw source line, so
// that a link's address would end up in the ID).
type headingIDs struct{}

func (headingIDs) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		if id, found := h.AttributeString("id"); found {
			if b, ok := id.([]byte); ok {
				pc.IDs().Put(b)
			}
			return ast.WalkSkipChildren, nil
		}
		t := textPlain(h, reader.Source())
		if h.Lines().Len() > 1 { // a setext heading over several lines: the last one
			t = t[strings.LastIndexByte(t, '\n')+1:]
		}
		if t != "" {
			h.SetAttribute([]byte("id"), pc.IDs().Generate([]byte(t), h.Kind()))
		}
		return ast.WalkSkipChildren, nil
	})
}

// textPlain is Hugo's render.TextPlain: the text of a node's children (text and typographer
// strings, raw HTML without its tags; of other inlines only their first child), entities resolved.
func textPlain(n ast.Node, src []byte) string {
	var b bytes.Buffer
	var to func(c ast.Node)
	to = func(c ast.Node) {
		if c == nil {
			return
		}
		switch c := c.(type) {
		case *ast.RawHTML:
			var raw bytes.Buffer
			for i := 0; i < c.Segments.Len(); i++ {
				seg := c.Segments.At(i)
				raw.Write(seg.Value(src))
			}
			b.WriteString(strings.TrimSpace(stripTags(raw.String())))
		case *ast.String:
			b.Write(c.Value)
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.HardLineBreak() || c.SoftLineBreak() {
				b.WriteByte('\n')
			}
		default:
			to(c.FirstChild())
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		to(c)
	}
	return string(util.ResolveEntityNames(b.Bytes()))
}

var tagPattern = regexp.MustCompile(`<[^>]*>`)

func stripTags(s string) string { return tagPattern.ReplaceAllString(s, "") }

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
