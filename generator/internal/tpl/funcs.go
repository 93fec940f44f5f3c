package tpl

import (
	"fmt"
	"html/template"
	"sort"
	"strings"
)

// The template functions are grouped as Hugo groups them, one namespace per file
// (collections.go, strings.go, urls.go …). Like Hugo's tpl/*/init.go, a namespace registers a
// function with its own name that returns the namespace ({{ strings.ToLower "A" }}) and the
// short aliases layouts mostly use ({{ lower "A" }}). Semantics follow Hugo's implementation of
// the same function; the tests beside each file pin them with template → output examples.

// namespace is one group of template functions.
type namespace struct {
	name    string         // the namespace function's name, e.g. "strings"
	value   any            // what {{ strings }} returns: the methods are the functions
	fn      any            // registered under name instead of a function returning value
	aliases map[string]any // short names, e.g. "lower" for strings.ToLower
}

// namespaces lists every namespace of the engine. A nil engine is allowed: the functions are
// then only listed, not called (see CoreFuncNames).
func (e *Engine) namespaces() []namespace {
	return []namespace{
		e.castNamespace(),
		e.collectionsNamespace(),
		e.compareNamespace(),
		e.encodingNamespace(),
		e.fmtNamespace(),
		e.jsNamespace(),
		e.langNamespace(),
		e.mathNamespace(),
		e.partialsNamespace(),
		e.resourcesNamespace(),
		e.safeNamespace(),
		e.siteNamespace(),
		e.stringsNamespace(),
		e.timeNamespace(),
		e.transformNamespace(),
		e.urlsNamespace(),
	}
}

// coreFuncs returns the core template functions bound to this engine.
func (e *Engine) coreFuncs() template.FuncMap {
	m := template.FuncMap{}
	add := func(name string, f any) {
		if _, dup := m[name]; dup {
			panic(fmt.Sprintf("tpl: template function %q is registered twice", name))
		}
		m[name] = f
	}
	for _, ns := range e.namespaces() {
		if ns.fn != nil {
			add(ns.name, ns.fn)
		} else {
			v := ns.value
			add(ns.name, func() any { return v })
		}
		for alias, f := range ns.aliases {
			add(alias, f)
		}
	}
	return m
}

// funcs returns the core functions and the features' functions (see Layouts.AddFuncs).
func (e *Engine) funcs() template.FuncMap {
	m := e.coreFuncs()
	for k, v := range e.layouts.funcs {
		m[k] = v
	}
	return m
}

var coreNames = func() map[string]bool {
	names := map[string]bool{}
	for name := range (*Engine)(nil).coreFuncs() {
		names[name] = true
	}
	return names
}()

// CoreFuncNames lists the core template function names, sorted.
func CoreFuncNames() []string {
	out := make([]string, 0, len(coreNames))
	for n := range coreNames {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// AddFuncs registers a feature's template functions. A name that is already a core function or
// another feature's is an error naming both owners: a silent override would change what every
// layout calling that name gets.
func (l *Layouts) AddFuncs(feature string, funcs template.FuncMap) error {
	var clashes []string
	names := make([]string, 0, len(funcs))
	for name := range funcs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		switch owner, taken := l.funcOwner[name]; {
		case coreNames[name]:
			clashes = append(clashes, fmt.Sprintf("%q is a core template function", name))
		case taken:
			clashes = append(clashes, fmt.Sprintf("%q is already registered by feature %q", name, owner))
		}
	}
	if len(clashes) > 0 {
		return fmt.Errorf("feature %q: cannot register template functions: %s", feature, strings.Join(clashes, "; "))
	}
	for _, name := range names {
		l.funcs[name] = funcs[name]
		l.funcOwner[name] = feature
	}
	return nil
}
