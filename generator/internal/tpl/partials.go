package tpl

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
)

// partialsNS is Hugo's partials namespace: templates in layouts/_partials.
type partialsNS struct{ e *Engine }

func (e *Engine) partialsNamespace() namespace {
	ns := &partialsNS{e: e}
	return namespace{name: "partials", value: ns, aliases: map[string]any{
		"partial":       ns.Include,
		"partialCached": ns.IncludeCached,
	}}
}

// Include runs layouts/_partials/NAME with the context: partial NAME [CONTEXT]. NAME may omit
// ".html" and may start with "partials/".
func (ns *partialsNS) Include(name string, ctx ...any) (template.HTML, error) {
	name = strings.TrimPrefix(name, "partials/")
	if !strings.Contains(name, ".") {
		name += ".html"
	}
	t := ns.e.partials.Lookup(name)
	if t == nil {
		return "", fmt.Errorf("partial %q not found in layouts/_partials/", name)
	}
	var data any
	if len(ctx) > 0 {
		data = ctx[0]
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return "", fmt.Errorf("partial %q: %s", name, strings.TrimPrefix(err.Error(), "template: "))
	}
	return template.HTML(buf.String()), nil
}

// IncludeCached is partialCached NAME CONTEXT [VARIANT…]. The output is the same as Include's;
// partials here are cheap, so nothing is cached.
func (ns *partialsNS) IncludeCached(name string, ctx any, variants ...any) (template.HTML, error) {
	return ns.Include(name, ctx)
}
