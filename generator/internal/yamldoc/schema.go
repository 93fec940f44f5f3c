package yamldoc

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"samvirke/generator/internal/diag"
)

// Schema is a compiled JSON Schema that YAML is validated against: the same file the editors'
// YAML language server uses, so the build and the editor cannot disagree.
type Schema struct {
	Name string // schema/NAME.schema.json, named in hints
	s    *jsonschema.Schema
	doc  any // the schema as JSON, for the keys a block allows
}

var english = message.NewPrinter(language.English)

// CompileSchema compiles a JSON Schema document.
func CompileSchema(name string, raw []byte) (*Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(name, doc); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	s, err := c.Compile(name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &Schema{Name: name, s: s, doc: doc}, nil
}

// Validate checks the block n of d against the schema. Each violation is reported once, at the
// value (an unexpected key at the key, a missing key at its block), in the JSON Schema library's
// words with the value's key path in front.
func (s *Schema) Validate(d *Doc, n ast.Node, hint string) []diag.Diagnostic {
	err := s.s.Validate(d.JSON(n))
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return []diag.Diagnostic{d.Loc(n).Errorf(hint, "%v", err)}
	}
	var out []diag.Diagnostic
	seen := map[string]bool{}
	vs := violations(ve)
	misspelt := map[string]bool{} // path + "/" + the allowed key an unknown key is a near miss of
	for _, v := range vs {
		if k, ok := v.e.ErrorKind.(*kind.AdditionalProperties); ok {
			for _, p := range k.Properties {
				if c := CloseKey(strings.ToLower(p), s.allowedKeys(v.e.SchemaURL)); c != "" {
					misspelt[Path(v.e.InstanceLocation)+"/"+c] = true
				}
			}
		}
	}
	for _, v := range vs {
		if k, ok := v.e.ErrorKind.(*kind.AdditionalProperties); ok && v.text == "" {
			// One message per unknown key, at the key, with the key it probably stands for.
			for _, p := range k.Properties {
				loc := s.keyLoc(d, n, v.e.InstanceLocation, p)
				allowed := s.allowedKeys(v.e.SchemaURL)
				h := hint
				if c := CloseKey(strings.ToLower(p), allowed); c != "" {
					h = fmt.Sprintf("did you mean %q? %s", c, hint)
				} else if len(allowed) > 0 {
					h = "allowed here: " + strings.Join(allowed, ", ") + "; " + hint
				}
				where := ""
				if len(v.e.InstanceLocation) > 0 {
					where = " in " + Path(v.e.InstanceLocation)
				}
				out = append(out, loc.Errorf(h, "unknown key %q%s", p, where))
			}
			continue
		}
		if k, ok := v.e.ErrorKind.(*kind.Required); ok && v.text == "" {
			missing := slices.DeleteFunc(slices.Clone(k.Missing), func(m string) bool {
				return misspelt[Path(v.e.InstanceLocation)+"/"+m]
			})
			if len(missing) == 0 {
				continue // the unknown key's message already names it
			}
		}
		loc, msg := s.explain(d, n, v.e)
		if v.text != "" {
			msg = v.text
			if len(v.e.InstanceLocation) > 0 {
				msg = Path(v.e.InstanceLocation) + ": " + v.text
			}
		}
		if key := fmt.Sprint(loc.Line, ":", loc.Column, ":", msg); !seen[key] {
			seen[key] = true
			out = append(out, loc.Errorf(hint, "%s", msg))
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Line != out[j].Line {
			return out[i].Line < out[j].Line
		}
		return out[i].Column < out[j].Column
	})
	return out
}

// allowedKeys are the keys the schema object at schemaURL (a violation's SchemaURL, whose fragment
// is a JSON pointer into the schema) names under properties, sorted.
func (s *Schema) allowedKeys(schemaURL string) []string {
	var node any = s.doc
	if _, frag, ok := strings.Cut(schemaURL, "#"); ok && frag != "" {
		for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
			tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
			m, ok := node.(map[string]any)
			if !ok {
				return nil
			}
			node = m[tok]
		}
	}
	obj, _ := node.(map[string]any)
	props, _ := obj["properties"].(map[string]any)
	keys := make([]string, 0, len(props))
	for k := range props {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// keyLoc is the position of key in the block at path below root.
func (s *Schema) keyLoc(d *Doc, root ast.Node, path []string, key string) diag.Location {
	n := root
	for _, k := range path {
		next := d.child(n, k)
		if next == nil {
			break
		}
		n = next
	}
	if m, ok := d.resolve(n).(*ast.MappingNode); ok {
		for _, kv := range m.Values {
			if d.fold(keyText(kv.Key)) == d.fold(key) {
				return d.Loc(kv.Key)
			}
		}
	}
	return d.Loc(n)
}

// explain positions one violation and words it.
func (s *Schema) explain(d *Doc, root ast.Node, e *jsonschema.ValidationError) (diag.Location, string) {
	path := e.InstanceLocation
	at := func(p []string) ast.Node {
		n := root
		for _, k := range p {
			next := d.child(n, k)
			if next == nil {
				return n
			}
			n = next
		}
		return n
	}
	keyOf := func(p []string, key string) diag.Location {
		if m, ok := d.resolve(at(p)).(*ast.MappingNode); ok {
			for _, kv := range m.Values {
				if d.fold(keyText(kv.Key)) == d.fold(key) {
					return d.Loc(kv.Key)
				}
			}
		}
		return d.Loc(at(p))
	}
	text := e.ErrorKind.LocalizedString(english)
	where := func(p []string) string {
		if len(p) == 0 {
			return ""
		}
		return Path(p) + ": "
	}
	switch k := e.ErrorKind.(type) {
	case *kind.AdditionalProperties:
		if len(k.Properties) > 0 {
			return keyOf(path, k.Properties[0]), where(path) + text
		}
	case *kind.PropertyNames:
		return keyOf(path, k.Property), where(append(path[:len(path):len(path)], k.Property)) + text
	case *kind.Required:
		// A missing key is reported at its block's key (the line that opens the block), or at
		// the block itself when it is a list item.
		if len(path) > 0 {
			if _, item := index(path[len(path)-1]); item {
				break
			}
			return keyOf(path[:len(path)-1], path[len(path)-1]), where(path) + text
		}
	}
	return d.Loc(at(path)), where(path) + text
}

// violation is one error to report: a leaf of the validation error, or (text set) the
// alternatives of an anyOf/oneOf that all failed at the same value ("missing property 'phone',
// or missing property 'email'").
type violation struct {
	e    *jsonschema.ValidationError
	text string
}

// violations are the errors that explain e: the innermost ones. Of a oneOf or anyOf that no
// branch matched, the branch that came closest is followed (the one whose errors lie deepest in
// the document), so a question node is not also told it lacks outcome:; when every branch failed
// at the value itself, the alternatives are joined into one message.
func violations(e *jsonschema.ValidationError) []violation {
	if len(e.Causes) == 0 {
		return []violation{{e: e}}
	}
	switch e.ErrorKind.(type) {
	case *kind.OneOf, *kind.AnyOf:
		var best []violation
		bestDepth := -1
		var here []string
		for _, c := range e.Causes {
			l := violations(c)
			depth := 0
			for _, x := range l {
				depth = max(depth, len(x.e.InstanceLocation))
				if len(x.e.InstanceLocation) == len(e.InstanceLocation) {
					here = append(here, x.e.ErrorKind.LocalizedString(english))
				}
			}
			if depth > bestDepth || depth == bestDepth && len(l) < len(best) {
				best, bestDepth = l, depth
			}
		}
		if bestDepth == len(e.InstanceLocation) && len(here) > 1 {
			return []violation{{e: e, text: strings.Join(here, ", or ")}}
		}
		return best
	}
	var out []violation
	for _, c := range e.Causes {
		out = append(out, violations(c)...)
	}
	return out
}
