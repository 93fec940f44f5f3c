package tpl

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"sync"

	"samvirke/generator/internal/assets"
)

// resourcesNS is Hugo's resources namespace over the asset pipeline (esbuild for CSS and JS).
type resourcesNS struct{ e *Engine }

func (e *Engine) resourcesNamespace() namespace {
	ns := &resourcesNS{e: e}
	return namespace{name: "resources", value: ns, aliases: map[string]any{
		"minify":      ns.Minify,
		"fingerprint": ns.Fingerprint,
	}}
}

// Get returns the file assets/NAME.
func (r *resourcesNS) Get(name string) (*assets.Resource, error) { return r.e.assets.Get(name) }

// Minify minifies CSS or JavaScript.
func (r *resourcesNS) Minify(x *assets.Resource) (*assets.Resource, error) {
	return r.e.assets.Minify(x)
}

// Fingerprint names the file by its SHA-256 and sets .Data.Integrity.
func (r *resourcesNS) Fingerprint(x *assets.Resource) (*assets.Resource, error) {
	return r.e.assets.Fingerprint(x)
}

// Concat joins resources into one file: resources.Concat TARGET LIST.
func (r *resourcesNS) Concat(target string, list any) (*assets.Resource, error) {
	lv, _ := indirect(reflect.ValueOf(list))
	if lv.Kind() != reflect.Slice && lv.Kind() != reflect.Array {
		return nil, fmt.Errorf("resources.Concat: %T is not a list of resources", list)
	}
	rs := make([]*assets.Resource, 0, lv.Len())
	for i := range lv.Len() {
		res, ok := lv.Index(i).Interface().(*assets.Resource)
		if !ok || res == nil {
			return nil, fmt.Errorf("resources.Concat: item %d (%v) is not a resource", i, lv.Index(i).Interface())
		}
		rs = append(rs, res)
	}
	return r.e.assets.Concat(target, rs)
}

// FromString makes a resource from text.
func (r *resourcesNS) FromString(target, s string) *assets.Resource {
	return r.e.assets.FromString(target, s)
}

// ExecuteAsTemplate runs a resource's content as a text template with data (CSS that needs the
// configured accent colour), with the same functions as the layouts. As in Hugo, the result is
// cached by the resource and the target path: the first call's data wins, and every page after it
// gets the same resource without parsing and running the template again (baseof runs this for
// each of 10,000 pages).
func (r *resourcesNS) ExecuteAsTemplate(target string, data any, x *assets.Resource) (*assets.Resource, error) {
	if x == nil {
		return nil, errors.New("resources.ExecuteAsTemplate: no resource")
	}
	v, _ := r.e.executed.LoadOrStore(executedKey{x, target}, &executedResource{})
	e := v.(*executedResource)
	e.once.Do(func() {
		t, err := newTextTemplate(x.Name(), x.Content(), r.e.funcs())
		if err != nil {
			e.err = err
			return
		}
		var buf bytes.Buffer
		if e.err = t.Execute(&buf, data); e.err == nil {
			e.res = r.e.assets.WithContent(x.Name(), target, buf.Bytes())
		}
	})
	return e.res, e.err
}

// executedKey and executedResource are Engine.executed's keys and values.
type executedKey struct {
	from   *assets.Resource // resources.Get returns one Resource per file
	target string
}

type executedResource struct {
	once sync.Once
	res  *assets.Resource
	err  error
}
