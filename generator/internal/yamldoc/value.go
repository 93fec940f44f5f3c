package yamldoc

import (
	"math"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
)

// Value returns the document as Go values for templates: map[string]any (keys lower-cased with
// FoldKeys, as Hugo's .Params), []any, string, int (whole numbers), float64, bool, nil, and
// time.Time for an unquoted date or timestamp (2026-12-03) — the types templates saw before the
// move to goccy, so that .Params behaves the same. nil when the document is empty.
func (d *Doc) Value() any {
	if d == nil || d.Root == nil {
		return nil
	}
	return d.value(d.Root, d.opts.FoldKeys, false, 0)
}

// JSON returns the document as its JSON equivalent, for JSON Schema validation: like Value, but
// dates stay text, as they are in JSON and in the editors' YAML language server.
func (d *Doc) JSON(n ast.Node) any {
	return d.value(n, d.opts.FoldKeys, true, 0)
}

func (d *Doc) value(n ast.Node, fold, json bool, depth int) any {
	if depth > 100 {
		return nil
	}
	n = d.resolve(n)
	switch t := n.(type) {
	case nil:
		return nil
	case *ast.MappingNode:
		out := make(map[string]any, len(t.Values))
		dec := &decoder{doc: d}
		for _, kv := range dec.pairs(t, depth) {
			k := keyText(kv.Key)
			if fold {
				k = strings.ToLower(k)
			}
			out[k] = d.value(kv.Value, fold, json, depth+1)
		}
		return out
	case *ast.SequenceNode:
		out := make([]any, len(t.Values))
		for i, v := range t.Values {
			out[i] = d.value(v, fold, json, depth+1)
		}
		return out
	case *ast.NullNode:
		return nil
	case *ast.BoolNode:
		return t.Value
	case *ast.IntegerNode:
		switch v := t.Value.(type) {
		case int64:
			if v >= math.MinInt && v <= math.MaxInt {
				return int(v)
			}
			return v
		case uint64:
			if fitsInt(v) {
				return int(v)
			}
			return v
		}
		return t.Value
	case *ast.FloatNode:
		return t.Value
	case *ast.InfinityNode:
		return t.Value
	case *ast.NanNode:
		return math.NaN()
	case *ast.LiteralNode:
		return t.Value.Value
	case *ast.StringNode:
		if !json && t.Token != nil && t.Token.Type == token.StringType {
			if tm, ok := timestamp(t.Value); ok {
				return tm
			}
		}
		return t.Value
	}
	if isNil(n) {
		return nil
	}
	var v any
	if err := yaml.NodeToValue(n, &v); err == nil {
		return v
	}
	return Text(n)
}

// timestamp parses an unquoted YAML timestamp as yaml.v3 did (and YAML 1.1 defines): a date, or
// a date and time.
func timestamp(s string) (time.Time, bool) {
	if len(s) < 8 || s[0] < '0' || s[0] > '9' || !strings.Contains(s[:min(len(s), 10)], "-") {
		return time.Time{}, false
	}
	for _, layout := range []string{"2006-1-2T15:4:5.999999999Z07:00", "2006-1-2t15:4:5.999999999Z07:00", "2006-1-2 15:4:5.999999999", "2006-1-2"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
