package site

import (
	"errors"
	"html/template"
)

// StringRenderer renders a Markdown string (with shortcodes) in the context of a page; the build
// provides it, since rendering needs the Markdown and template engines that sit above this package.
type StringRenderer func(p *Page, opts map[string]any, src string) (template.HTML, error)

// SetStringRenderer installs the renderer used by RenderString and markdownify.
func (s *Site) SetStringRenderer(r StringRenderer) { s.render = r }

// RenderString renders src for p (p may be nil for page-less Markdown such as markdownify).
func (s *Site) RenderString(p *Page, opts map[string]any, src string) (template.HTML, error) {
	if s.render == nil {
		return "", errors.New("RenderString: no renderer installed")
	}
	return s.render(p, opts, src)
}

// RenderString is Hugo's .RenderString [OPTIONS] MARKDOWN: inline by default, {"display": "block"}
// for block output.
func (p *Page) RenderString(args ...any) (template.HTML, error) {
	opts := map[string]any{"display": "inline"}
	var src string
	for _, a := range args {
		switch t := a.(type) {
		case map[string]any:
			for k, v := range t {
				opts[k] = v
			}
		case string:
			src = t
		case template.HTML:
			src = string(t)
		}
	}
	return p.site.RenderString(p, opts, src)
}
