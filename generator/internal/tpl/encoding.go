package tpl

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
)

// encodingNS is Hugo's encoding namespace.
type encodingNS struct{}

func (e *Engine) encodingNamespace() namespace {
	ns := encodingNS{}
	return namespace{name: "encoding", value: ns, aliases: map[string]any{"jsonify": ns.Jsonify}}
}

// Jsonify encodes v as JSON: jsonify [OPTIONS] VALUE, with the options prefix, indent and
// noHTMLEscape (<, > and & are escaped unless noHTMLEscape is true).
func (encodingNS) Jsonify(args ...any) (template.HTML, error) {
	var v any
	opts := struct {
		Prefix, Indent string
		NoHTMLEscape   bool
	}{}
	switch len(args) {
	case 0:
		return "", nil
	case 1:
		v = args[0]
	case 2:
		m, ok := args[0].(map[string]any)
		if !ok {
			return "", fmt.Errorf("jsonify: the options must be a dict, not %T", args[0])
		}
		for k, o := range m {
			switch k {
			case "prefix":
				opts.Prefix = toString(o)
			case "indent":
				opts.Indent = toString(o)
			case "noHTMLEscape":
				b, ok := o.(bool)
				if !ok {
					return "", fmt.Errorf("jsonify: noHTMLEscape must be true or false")
				}
				opts.NoHTMLEscape = b
			default:
				return "", fmt.Errorf("jsonify: unknown option %q (prefix, indent, noHTMLEscape)", k)
			}
		}
		v = args[1]
	default:
		return "", errors.New("too many arguments to jsonify")
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(!opts.NoHTMLEscape)
	enc.SetIndent(opts.Prefix, opts.Indent)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return template.HTML(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))), nil
}
