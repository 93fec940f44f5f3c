package tpl

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"reflect"
	"strings"
	"sync"
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
// ".html" and may start with "partials/". A partial that ends with {{ return VALUE }} returns
// VALUE (any type); others return their output.
func (ns *partialsNS) Include(name string, ctx ...any) (any, error) {
	var data any
	if len(ctx) > 0 {
		data = ctx[0]
	}
	return ns.e.runPartial(name, data)
}

// IncludeCached is partialCached NAME CONTEXT [VARIANT…]: the partial runs once per name and
// variants in a build, and every later call with the same name and variants gets the first
// result, whatever its context (as in Hugo, the context is not part of the key).
func (ns *partialsNS) IncludeCached(name string, ctx any, variants ...any) (any, error) {
	key := cacheKey(name, variants)
	v, _ := ns.e.partialCache.LoadOrStore(key, &cachedPartial{})
	c := v.(*cachedPartial)
	c.once.Do(func() { c.val, c.err = ns.e.runPartial(name, ctx) })
	return c.val, c.err
}

type cachedPartial struct {
	once sync.Once
	val  any
	err  error
}

// cacheKey identifies a partialCached call: the name and the variants, pointers (pages) by
// identity, other values by their type and value.
func cacheKey(name string, variants []any) string {
	var b strings.Builder
	b.WriteString(name)
	for _, v := range variants {
		b.WriteByte(0)
		rv := reflect.ValueOf(v)
		switch rv.Kind() {
		case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan:
			fmt.Fprintf(&b, "%T@%x", v, rv.Pointer())
		default:
			fmt.Fprintf(&b, "%T=%v", v, v)
		}
	}
	return b.String()
}

// runPartial executes a partial: its return value, or its output as template.HTML.
func (e *Engine) runPartial(name string, data any) (any, error) {
	name = strings.TrimPrefix(name, "partials/")
	if !strings.Contains(name, ".") {
		name += ".html"
	}
	t := e.partials.Lookup(name)
	if t == nil {
		return "", fmt.Errorf("partial %q not found in layouts/_partials/", name)
	}
	if e.returns[name] {
		w := &returnWrapper{Arg: data}
		if err := t.Execute(io.Discard, w); err != nil {
			return nil, fmt.Errorf("partial %q: %s", name, strings.TrimPrefix(err.Error(), "template: "))
		}
		return w.Result, nil
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return "", fmt.Errorf("partial %q: %s", name, strings.TrimPrefix(err.Error(), "template: "))
	}
	return template.HTML(buf.String()), nil
}
