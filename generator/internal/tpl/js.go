package tpl

import "samvirke/generator/internal/assets"

// jsNS is Hugo's js namespace: js.Build bundles TypeScript with esbuild.
type jsNS struct{ e *Engine }

func (e *Engine) jsNamespace() namespace {
	return namespace{name: "js", value: &jsNS{e: e}}
}

// Build is js.Build [OPTIONS] RESOURCE (the resource usually from a pipe).
func (j *jsNS) Build(args ...any) (*assets.Resource, error) {
	var opts map[string]any
	var res *assets.Resource
	for _, a := range args {
		switch t := a.(type) {
		case map[string]any:
			opts = t
		case *assets.Resource:
			res = t
		}
	}
	return j.e.assets.JSBuild(opts, res)
}
