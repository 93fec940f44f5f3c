package tpl

import (
	"bytes"
	"html/template"

	"samvirke/generator/internal/markup"
	"samvirke/generator/internal/site"
)

// Render hooks (Hugo's layouts/_markup/render-*.html): samvirke implements the blockquote hook,
// which renders Markdown alerts such as > [!NOTE] (the portal's notices).

// BlockquoteHook returns the markup hook that renders blockquotes of page p with
// layouts/_markup/render-blockquote-TYPE.html (TYPE alert or regular), else
// render-blockquote.html, as Hugo looks them up; without either, goldmark renders them.
func (e *Engine) BlockquoteHook(p *site.Page) func(markup.Blockquote) (string, bool, error) {
	return func(b markup.Blockquote) (string, bool, error) {
		for _, name := range []string{"_markup/render-blockquote-" + b.Type + ".html", "_markup/render-blockquote.html"} {
			if !e.HasLayout(name) {
				continue
			}
			var buf bytes.Buffer
			if err := e.Execute(name, &blockquoteContext{b: b, page: p}, &buf); err != nil {
				return "", true, err
			}
			return buf.String(), true, nil
		}
		return "", false, nil
	}
}

// blockquoteContext is a blockquote hook's context, with Hugo's names.
type blockquoteContext struct {
	b    markup.Blockquote
	page *site.Page
}

func (c *blockquoteContext) Type() string               { return c.b.Type }
func (c *blockquoteContext) AlertType() string          { return c.b.AlertType }
func (c *blockquoteContext) AlertTitle() template.HTML  { return template.HTML(c.b.AlertTitle) }
func (c *blockquoteContext) AlertSign() string          { return c.b.AlertSign }
func (c *blockquoteContext) Text() template.HTML        { return template.HTML(c.b.Text) }
func (c *blockquoteContext) Ordinal() int               { return c.b.Ordinal }
func (c *blockquoteContext) Page() *site.Page           { return c.page }
func (c *blockquoteContext) PageInner() *site.Page      { return c.page }
func (c *blockquoteContext) Attributes() map[string]any { return map[string]any{} }
func (c *blockquoteContext) Position() string           { return "" }
