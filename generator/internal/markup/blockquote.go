package markup

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// Blockquote is what a blockquote render hook gets (Hugo's layouts/_markup/render-blockquote.html
// and its -alert and -regular variants): a blockquote, or an alert (GitHub's and Obsidian's
// > [!NOTE], > [!WARNING]+ Title …), rendered.
type Blockquote struct {
	Type       string // "alert" or "regular"
	AlertType  string // "note", "warning" … (lower case); "" for a regular blockquote
	AlertTitle string // the text after the marker, as HTML
	AlertSign  string // "+", "-" or ""
	Text       string // the content as HTML, without the alert marker
	Ordinal    int    // the blockquote's number in the document, from 0
}

// Hooks are the render hooks of one rendering. Blockquote returns the HTML of a blockquote, or
// ok false to render it as goldmark does.
type Hooks struct {
	Blockquote func(b Blockquote) (html string, ok bool, err error)
}

// hookWriter is the writer goldmark renders into: the output, and the hooks and their state for
// this rendering (goldmark's renderer is shared by concurrent renderings).
type hookWriter struct {
	*bytes.Buffer
	hooks   Hooks
	ordinal int
	starts  []int // where each open blockquote's content begins
	errs    []error
}

func (w *hookWriter) Flush() error   { return nil }
func (w *hookWriter) Available() int { return 4096 }
func (w *hookWriter) Buffered() int  { return 0 }

var _ util.BufWriter = (*hookWriter)(nil)

// blockquoteRenderer renders blockquotes through Hooks.Blockquote, as Hugo's blockquotes
// extension: the content is rendered first, an alert is recognised by its first line.
type blockquoteRenderer struct{}

func (r *blockquoteRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindBlockquote, r.render)
}

var alertMarker = regexp.MustCompile(`^<p>\[!([a-zA-Z]+)\](-|\+)?[^\S\r\n]?([^\n]*)\n?`)

func (r *blockquoteRenderer) render(bw util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	w, ok := bw.(*hookWriter)
	if !ok || w.hooks.Blockquote == nil {
		return defaultBlockquote(bw, node, entering)
	}
	if entering {
		w.starts = append(w.starts, w.Len())
		return ast.WalkContinue, nil
	}
	start := w.starts[len(w.starts)-1]
	w.starts = w.starts[:len(w.starts)-1]
	text := string(w.Bytes()[start:])
	w.Truncate(start)
	b := Blockquote{Type: "regular", Ordinal: w.ordinal}
	w.ordinal++
	if m := alertMarker.FindStringSubmatch(strings.TrimSpace(text)); m != nil {
		b.Type, b.AlertType, b.AlertSign = "alert", strings.ToLower(m[1]), m[2]
		b.AlertTitle = strings.TrimSuffix(strings.TrimSpace(m[3]), "</p>")
		if before, after, found := strings.Cut(strings.TrimSpace(text), "\n"); !found {
			text = ""
		} else if strings.HasSuffix(before, "</p>") {
			text = after
		} else {
			text = "<p>" + after
		}
	}
	b.Text = text
	out, ok, err := w.hooks.Blockquote(b)
	if err != nil {
		w.errs = append(w.errs, err)
	}
	if !ok {
		writeBlockquote(w, node, text)
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(out)
	return ast.WalkContinue, nil
}

func defaultBlockquote(w util.BufWriter, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		if node.Attributes() != nil {
			_, _ = w.WriteString("<blockquote")
			gmhtml.RenderAttributes(w, node, gmhtml.BlockquoteAttributeFilter)
			_ = w.WriteByte('>')
		} else {
			_, _ = w.WriteString("<blockquote>\n")
		}
	} else {
		_, _ = w.WriteString("</blockquote>\n")
	}
	return ast.WalkContinue, nil
}

func writeBlockquote(w util.BufWriter, node ast.Node, text string) {
	_, _ = defaultBlockquote(w, node, true)
	_, _ = w.WriteString(text)
	_, _ = defaultBlockquote(w, node, false)
}
