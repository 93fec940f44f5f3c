package tpl

import (
	"fmt"
	"io"
	"strings"
	texttemplate "text/template"

	"samvirke/generator/internal/site"
)

// RunAdapter executes a content adapter (content/DIR/_content.gotmpl) with text/template, as
// Hugo does, and the engine's functions; site, like the context's .Site, has no pages yet.
// Errors name the template's line.
func (e *Engine) RunAdapter(file, src string, ctx *site.AdapterContext) error {
	funcs := texttemplate.FuncMap(e.funcs())
	funcs["site"] = ctx.Site
	t, err := texttemplate.New(file).Funcs(funcs).Parse(src)
	if err != nil {
		return fmt.Errorf("%s", strings.TrimPrefix(err.Error(), "template: "))
	}
	if err := t.Execute(io.Discard, ctx); err != nil {
		return fmt.Errorf("%s", strings.TrimPrefix(err.Error(), "template: "))
	}
	return nil
}
