package tpl

import (
	"fmt"
	"html/template"
	"sort"
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
		e.osNamespace(),
		e.partialsNamespace(),
		e.reflectNamespace(),
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
	// return ends a partial that returns a value; the parser must know the name (see
	// partialreturn.go).
	add("return", returnFunc)
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

// funcs returns the template functions: Hugo's, as far as samvirke implements them.
func (e *Engine) funcs() template.FuncMap { return e.coreFuncs() }

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
