package markup

import (
	"bytes"
	"html/template"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
)

// Fragments is Hugo's .Fragments (markup/tableofcontents): the headings of a document as a tree by
// level, and the identifiers the document defines. Templates use .Fragments.Headings,
// .Fragments.Identifiers, .Fragments.HeadingsMap and .Fragments.ToHTML, and .TableOfContents is
// ToHTML 2 3 false (Hugo's default markup.tableOfContents).
type Fragments struct {
	// Headings are the top-level headings; a level without a heading of its own is a Heading with
	// neither ID nor Title, as in Hugo.
	Headings Headings
	// Identifiers are all identifiers, sorted.
	Identifiers []string
	// HeadingsMap holds every heading by ID (the last one wins on a duplicate).
	HeadingsMap map[string]*Heading
}

// Headings is a list of headings.
type Headings []*Heading

// Heading is one heading: its ID, level (1–6), its text as HTML (inline markup kept, links
// removed, as Hugo's sanitised titles) and the headings below it.
type Heading struct {
	ID       string
	Level    int
	Title    string
	Headings Headings
}

// IsZero reports whether the heading is a placeholder for a skipped level.
func (h Heading) IsZero() bool { return h.ID == "" && h.Title == "" }

func (h *Heading) walk(fn func(*Heading)) {
	fn(h)
	for _, c := range h.Headings {
		c.walk(fn)
	}
}

// addAt puts h at row (a level-1 heading starts a row) and level (0-based), as Hugo's
// tableofcontents.Fragments.addAt.
func (f *Fragments) addAt(h *Heading, row, level int) {
	for i := len(f.Headings); i <= row; i++ {
		f.Headings = append(f.Headings, &Heading{})
	}
	if level == 0 {
		f.Headings[row] = h
		return
	}
	heading := f.Headings[row]
	for i := 1; i < level; i++ {
		if len(heading.Headings) == 0 {
			heading.Headings = append(heading.Headings, &Heading{})
		}
		heading = heading.Headings[len(heading.Headings)-1]
	}
	heading.Headings = append(heading.Headings, h)
}

// fragments collects the headings of doc as Hugo's toc transformer does: each heading's inline
// content rendered to HTML (text, code, emphasis …; a link keeps only its text).
func fragments(doc ast.Node, src []byte, r renderer.Renderer, ids *ids) *Fragments {
	f := &Fragments{Identifiers: ids.values(), HeadingsMap: map[string]*Heading{}}
	row := -1
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		if h.Level == 1 || row == -1 {
			row++
		}
		heading := &Heading{Level: h.Level}
		if id, found := h.AttributeString("id"); found {
			if b, ok := id.([]byte); ok {
				heading.ID = string(b)
			}
		}
		var text bytes.Buffer
		_ = ast.Walk(h, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering || c == h {
				return ast.WalkContinue, nil
			}
			switch c.Kind() {
			case ast.KindCodeSpan, ast.KindLink, ast.KindImage, ast.KindEmphasis, east.KindStrikethrough:
				_ = r.Render(&text, src, c)
				return ast.WalkSkipChildren, nil
			case ast.KindAutoLink, ast.KindRawHTML, ast.KindText, ast.KindString:
				_ = r.Render(&text, src, c)
			}
			return ast.WalkContinue, nil
		})
		heading.Title = sanitizeTitle(text.String())
		f.addAt(heading, row, h.Level-1)
		return ast.WalkSkipChildren, nil
	})
	for _, h := range f.Headings {
		h.walk(func(h *Heading) {
			if h.ID != "" {
				f.HeadingsMap[h.ID] = h
			}
		})
	}
	return f
}

var (
	anchorTag  = regexp.MustCompile(`(?i)</?a\b[^>]*>`)
	whiteSpace = regexp.MustCompile(`\s+`)
)

// sanitizeTitle keeps a heading's inline markup but no links (Hugo removes them with its
// sanitiser, so the table of contents does not nest links), and collapses white space.
func sanitizeTitle(s string) string {
	if strings.IndexByte(s, '<') == -1 {
		return s
	}
	return whiteSpace.ReplaceAllString(strings.TrimSpace(anchorTag.ReplaceAllString(s, "")), " ")
}

// ToHTML renders the headings of levels startLevel to stopLevel (-1: all) as Hugo's
// <nav id="TableOfContents">, an unordered list unless ordered.
func (f *Fragments) ToHTML(startLevel, stopLevel int, ordered bool) template.HTML {
	if f == nil {
		return ""
	}
	b := &tocBuilder{start: startLevel, stop: stopLevel, ordered: ordered}
	b.s.WriteString(`<nav id="TableOfContents">`)
	b.headings(1, 0, f.Headings)
	b.s.WriteString(`</nav>`)
	return template.HTML(b.s.String())
}

// TableOfContents is .TableOfContents: the headings of levels 2 and 3 (Hugo's default
// markup.tableOfContents); with no headings an empty <nav id="TableOfContents"></nav>, as Hugo.
func (f *Fragments) TableOfContents() template.HTML {
	if f == nil {
		f = &Fragments{}
	}
	return f.ToHTML(2, 3, false)
}

type tocBuilder struct {
	s           strings.Builder
	start, stop int
	ordered     bool
}

func (b *tocBuilder) headings(level, indent int, hs Headings) {
	if level < b.start {
		for _, h := range hs {
			b.headings(level+1, indent, h.Headings)
		}
		return
	}
	if b.stop != -1 && level > b.stop {
		return
	}
	list := "ul"
	if b.ordered {
		list = "ol"
	}
	if len(hs) > 0 {
		b.s.WriteString("\n")
		b.indent(indent + 1)
		b.s.WriteString("<" + list + ">\n")
	}
	for _, h := range hs {
		b.heading(level+1, indent+2, h)
	}
	if len(hs) > 0 {
		b.indent(indent + 1)
		b.s.WriteString("</" + list + ">\n")
		b.indent(indent)
	}
}

func (b *tocBuilder) heading(level, indent int, h *Heading) {
	b.indent(indent)
	b.s.WriteString("<li>")
	if !h.IsZero() {
		b.s.WriteString(`<a href="#` + h.ID + `">` + h.Title + `</a>`)
	}
	b.headings(level, indent, h.Headings)
	b.s.WriteString("</li>\n")
}

func (b *tocBuilder) indent(n int) {
	for range n {
		b.s.WriteString("  ")
	}
}
