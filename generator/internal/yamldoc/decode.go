package yamldoc

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"

	"samvirke/generator/internal/diag"
)

// Node is embedded in a struct that Decode fills (with the tag yaml:"-"): it keeps the block the
// struct was read from, so the feature's own checks point at the key or value they are about.
type Node struct {
	doc *Doc
	n   ast.Node // the mapping; nil when the struct was not written
	key ast.Node // the key the block is the value of; nil for a list item or the document
}

// Block is the block n (a mapping) of d with its positions; not Written when n is no mapping.
func (d *Doc) Block(n ast.Node) Node {
	if m, ok := d.resolve(n).(*ast.MappingNode); ok {
		return Node{doc: d, n: m}
	}
	return Node{doc: d}
}

// Written reports whether the block was in the file.
func (n Node) Written() bool { return n.n != nil }

// Doc is the document the block belongs to.
func (n Node) Doc() *Doc { return n.doc }

// Loc is the position of the block (its first key).
func (n Node) Loc() diag.Location { return n.doc.Loc(n.n) }

// HeadLoc is the position of the key that opens the block (model: for the model block); Loc
// for a list item or the whole document.
func (n Node) HeadLoc() diag.Location {
	if n.key != nil {
		return n.doc.Loc(n.key)
	}
	return n.Loc()
}

// Has reports whether key is written in the block (also with an empty value).
func (n Node) Has(key string) bool { return n.pair(key) != nil }

// Value is the value node of key, nil when absent.
func (n Node) Value(key string) ast.Node {
	if kv := n.pair(key); kv != nil {
		return kv.Value
	}
	return nil
}

// KeyLoc is the position of key; of the block when the key is absent.
func (n Node) KeyLoc(key string) diag.Location {
	if kv := n.pair(key); kv != nil {
		return n.doc.Loc(kv.Key)
	}
	return n.Loc()
}

// ValueLoc is the position of key's value; of the key when the value is empty, of the block when
// the key is absent.
func (n Node) ValueLoc(key string) diag.Location {
	kv := n.pair(key)
	switch {
	case kv == nil:
		return n.Loc()
	case kv.Value == nil || isNil(kv.Value) || startToken(kv.Value) == nil:
		return n.doc.Loc(kv.Key)
	}
	if _, null := kv.Value.(*ast.NullNode); null {
		return n.doc.Loc(kv.Key)
	}
	return n.doc.Loc(kv.Value)
}

// Item is item i of the list at key, nil when there is none.
func (n Node) Item(key string, i int) ast.Node {
	if kv := n.pair(key); kv != nil {
		if s, ok := n.doc.resolve(kv.Value).(*ast.SequenceNode); ok && i >= 0 && i < len(s.Values) {
			return s.Values[i]
		}
	}
	return nil
}

// ItemLoc is the position of item i of the list at key; of the value when there is no such item.
func (n Node) ItemLoc(key string, i int) diag.Location {
	if kv := n.pair(key); kv != nil {
		if s, ok := n.doc.resolve(kv.Value).(*ast.SequenceNode); ok && i >= 0 && i < len(s.Values) {
			return n.doc.Loc(s.Values[i])
		}
	}
	return n.ValueLoc(key)
}

// TextLine is the file line where the text of key's value starts (see Doc.TextLine).
func (n Node) TextLine(key string) int {
	if kv := n.pair(key); kv != nil && kv.Value != nil && !isNil(kv.Value) {
		return n.doc.TextLine(kv.Value)
	}
	return n.KeyLoc(key).Line
}

// ItemTextLine is the file line where the text of item i of the list at key starts.
func (n Node) ItemTextLine(key string, i int) int {
	if kv := n.pair(key); kv != nil {
		if s, ok := n.doc.resolve(kv.Value).(*ast.SequenceNode); ok && i >= 0 && i < len(s.Values) {
			return n.doc.TextLine(s.Values[i])
		}
	}
	return n.ValueLoc(key).Line
}

// Keys returns the block's keys as written (original case), in file order, with their nodes.
func (n Node) Keys() []Key {
	var out []Key
	if m, ok := n.doc.resolve(n.n).(*ast.MappingNode); ok && n.doc != nil {
		for _, e := range m.Values {
			if !e.Key.IsMergeKey() {
				out = append(out, Key{Name: keyText(e.Key), Node: e.Key})
			}
		}
	}
	return out
}

// Sub is the block at key (not Written when key is absent or not a block).
func (n Node) Sub(key string) Node {
	if kv := n.pair(key); kv != nil {
		if m, ok := n.doc.resolve(kv.Value).(*ast.MappingNode); ok {
			return Node{doc: n.doc, n: m, key: kv.Key}
		}
	}
	return Node{doc: n.doc}
}

// Key is a key of a mapping with its node.
type Key struct {
	Name string
	Node ast.Node
}

func (n Node) pair(key string) *ast.MappingValueNode {
	if n.doc == nil {
		return nil
	}
	if m, ok := n.doc.resolve(n.n).(*ast.MappingNode); ok {
		for _, kv := range m.Values {
			if strings.EqualFold(keyText(kv.Key), key) {
				return kv
			}
		}
	}
	return nil
}

// DecodeOption changes how Decode reads.
type DecodeOption func(*decoder)

// Open lets the top-level block hold keys other than the struct's: a page's front matter has
// Hugo's keys and any param for templates.
func Open() DecodeOption { return func(d *decoder) { d.open = true } }

// NearMisses, with Open, reports a top-level key that looks like a misspelt key of the struct
// ("valid_form" for valid_from), which would otherwise silently drop a value.
func NearMisses() DecodeOption { return func(d *decoder) { d.nearMisses = true } }

// Allow names further keys of an open block that are never near misses (Hugo's page keys, such
// as lang, which is close to law).
func Allow(keys ...string) DecodeOption {
	return func(d *decoder) { d.allowed = append(d.allowed, keys...) }
}

// At names the path of the decoded node in messages ("model" for a model: block).
func At(path ...string) DecodeOption { return func(d *decoder) { d.prefix = path } }

// Decode decodes the block n of the document into v, a pointer. Keys match the struct's yaml
// tags case-insensitively (as Hugo's front matter does); map keys are lower-cased. Every unknown
// key, and every value of the wrong type, is reported at its position; what could be read is
// still set.
func (d *Doc) Decode(n ast.Node, v any, opts ...DecodeOption) []diag.Diagnostic {
	dec := &decoder{doc: d}
	for _, o := range opts {
		o(dec)
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		panic("yamldoc: Decode needs a non-nil pointer")
	}
	dec.value(n, rv.Elem(), append([]string(nil), dec.prefix...), 0)
	return dec.problems
}

// DecodeRoot decodes the whole document into v.
func (d *Doc) DecodeRoot(v any, opts ...DecodeOption) []diag.Diagnostic {
	return d.Decode(d.Root, v, opts...)
}

type decoder struct {
	doc        *Doc
	key        ast.Node // the key of the value being decoded (nil for list items)
	open       bool
	nearMisses bool
	allowed    []string
	prefix     []string
	problems   []diag.Diagnostic
}

var nodeType = reflect.TypeOf(Node{})

func (dec *decoder) errorf(n ast.Node, hint, format string, args ...any) {
	dec.problems = append(dec.problems, dec.doc.Loc(n).Errorf(hint, format, args...))
}

// name is how messages call the value at path: the key path, or "the value" at the top.
func name(path []string) string {
	if len(path) == 0 {
		return "the value"
	}
	return Path(path)
}

func (dec *decoder) value(n ast.Node, dst reflect.Value, path []string, depth int) {
	if depth > 100 {
		dec.errorf(n, "", "%s is nested too deeply", name(path))
		return
	}
	n = dec.doc.resolve(n)
	null := n == nil || isNil(n)
	if !null {
		_, null = n.(*ast.NullNode)
	}
	t := dst.Type()
	switch t.Kind() {
	case reflect.Pointer:
		if null {
			return
		}
		p := reflect.New(t.Elem())
		before := len(dec.problems)
		dec.value(n, p.Elem(), path, depth+1)
		if k := t.Elem().Kind(); len(dec.problems) == before || k == reflect.Struct || k == reflect.Slice || k == reflect.Map {
			dst.Set(p) // a block is kept with what could be read; a mistyped number is left unset
		}
	case reflect.Struct, reflect.Map:
		if null {
			return
		}
		m, ok := n.(*ast.MappingNode)
		if !ok {
			dec.errorf(n, "write it as key: value lines, indented under the key", "%s must be a set of keys, not %s", name(path), describe(n))
			return
		}
		if t.Kind() == reflect.Struct {
			dec.structure(m, dst, path, depth)
			return
		}
		if t.Key().Kind() != reflect.String {
			panic("yamldoc: map keys must be strings")
		}
		out := reflect.MakeMapWithSize(t, len(m.Values))
		for _, kv := range dec.pairs(m, depth) {
			k := strings.ToLower(keyText(kv.Key))
			ev := reflect.New(t.Elem()).Elem()
			dec.key = kv.Key
			dec.value(kv.Value, ev, append(path[:len(path):len(path)], k), depth+1)
			out.SetMapIndex(reflect.ValueOf(k).Convert(t.Key()), ev)
		}
		dst.Set(out)
	case reflect.Slice:
		if null {
			return
		}
		s, ok := n.(*ast.SequenceNode)
		if !ok {
			dec.errorf(n, fmt.Sprintf("write a list: %s: [a, b], or one \"- item\" per line under it", lastKey(path)),
				"%s must be a list, not %s", name(path), describe(n))
			return
		}
		out := reflect.MakeSlice(t, 0, len(s.Values))
		for i, item := range s.Values {
			ev := reflect.New(t.Elem()).Elem()
			dec.key = nil
			dec.value(item, ev, append(path[:len(path):len(path)], fmt.Sprint(i)), depth+1)
			out = reflect.Append(out, ev)
		}
		dst.Set(out)
	case reflect.Interface:
		if null {
			return
		}
		if v := dec.doc.value(n, true, false, depth); v != nil {
			dst.Set(reflect.ValueOf(v))
		}
	default:
		if null {
			return
		}
		dec.scalar(n, dst, path)
	}
}

func lastKey(path []string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if _, isIndex := index(path[i]); !isIndex {
			return path[i]
		}
	}
	return "key"
}

// pairs returns the key/value pairs of m with merge keys (<<: *anchor) expanded; keys written in m
// come first and win.
func (dec *decoder) pairs(m *ast.MappingNode, depth int) []*ast.MappingValueNode {
	var out, merged []*ast.MappingValueNode
	for _, kv := range m.Values {
		if !kv.Key.IsMergeKey() {
			out = append(out, kv)
			continue
		}
		if src, ok := dec.doc.resolve(kv.Value).(*ast.MappingNode); ok && depth < 100 {
			merged = append(merged, dec.pairs(src, depth+1)...)
		}
	}
	have := map[string]bool{}
	for _, kv := range out {
		have[strings.ToLower(keyText(kv.Key))] = true
	}
	for _, kv := range merged {
		if !have[strings.ToLower(keyText(kv.Key))] {
			out = append(out, kv)
		}
	}
	return out
}

type field struct {
	name  string
	index []int
}

func fields(t reflect.Type) (out []field, node []int) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Type == nodeType {
			node = f.Index
			continue
		}
		if !f.IsExported() {
			continue
		}
		tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if tag == "-" {
			continue
		}
		if tag == "" {
			tag = strings.ToLower(f.Name)
		}
		out = append(out, field{name: tag, index: f.Index})
	}
	return out, node
}

func (dec *decoder) structure(m *ast.MappingNode, dst reflect.Value, path []string, depth int) {
	fs, nodeIndex := fields(dst.Type())
	if nodeIndex != nil {
		dst.FieldByIndex(nodeIndex).Set(reflect.ValueOf(Node{doc: dec.doc, n: m, key: dec.key}))
	}
	open := dec.open && depth == 0
	var known []string
	for _, f := range fs {
		known = append(known, f.name)
	}
	for _, kv := range dec.pairs(m, depth) {
		raw := keyText(kv.Key)
		k := strings.ToLower(raw)
		var target *field
		for i := range fs {
			if fs[i].name == k {
				target = &fs[i]
				break
			}
		}
		if target == nil {
			dec.unknown(kv.Key, raw, path, known, open)
			continue
		}
		dec.key = kv.Key
		dec.value(kv.Value, dst.FieldByIndex(target.index), append(path[:len(path):len(path)], target.name), depth+1)
	}
}

func (dec *decoder) unknown(key ast.Node, k string, path, known []string, open bool) {
	if open {
		if !dec.nearMisses || slices.ContainsFunc(dec.allowed, func(a string) bool { return strings.EqualFold(a, k) }) {
			return
		}
		if s := CloseKey(strings.ToLower(k), known); s != "" {
			where := ""
			if len(path) > 0 {
				where = " in " + Path(path)
			}
			dec.errorf(key, fmt.Sprintf("did you mean %q?", s), "unknown key %q%s", k, where)
		}
		return
	}
	sorted := append([]string(nil), known...)
	sort.Strings(sorted)
	hint := "allowed here: " + strings.Join(sorted, ", ")
	if s := diag.Suggest(strings.ToLower(k), known); s != "" {
		hint = fmt.Sprintf("did you mean %q? (%s)", s, hint)
	}
	where := ""
	if len(path) > 0 {
		where = " in " + Path(path)
	}
	dec.errorf(key, hint, "unknown key %q%s", k, where)
}

// CloseKey returns the known key k is probably a misspelling of, or "": in an open block (a
// page's front matter) other keys are allowed, so only a near miss is worth a message.
func CloseKey(k string, known []string) string {
	if len(k) < 4 {
		return ""
	}
	for _, c := range known {
		if c == k {
			return ""
		}
	}
	for _, c := range known {
		if diag.Levenshtein(k, c) <= 2 || len(c) > len(k)+1 && strings.HasPrefix(c, k) {
			return c
		}
	}
	return ""
}

// scalar decodes a scalar into a string, number or boolean field.
func (dec *decoder) scalar(n ast.Node, dst reflect.Value, path []string) {
	kind := dst.Kind()
	switch n.(type) {
	case *ast.MappingNode, *ast.SequenceNode:
		dec.errorf(n, "write it on the key's line: key: value", "%s must be %s, not %s", name(path), want(kind), describe(n))
		return
	}
	if kind == reflect.String {
		dst.SetString(Text(n))
		return
	}
	ok := false
	switch n.(type) {
	case *ast.IntegerNode:
		ok = kind >= reflect.Int && kind <= reflect.Uint64 || kind == reflect.Float32 || kind == reflect.Float64
	case *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		ok = kind == reflect.Float32 || kind == reflect.Float64
	case *ast.BoolNode:
		ok = kind == reflect.Bool
	case *ast.TagNode:
		ok = true // an explicit tag: goccy decides
	}
	if ok {
		p := reflect.New(dst.Type())
		if err := yaml.NodeToValue(n, p.Interface()); err == nil {
			dst.Set(p.Elem())
			return
		}
	}
	hint := ""
	if kind == reflect.Bool {
		hint = "write true or false"
	} else if kind != reflect.String {
		hint = "write " + want(kind) + ", without quotes"
	}
	dec.errorf(n, hint, "%s must be %s, not %s", name(path), want(kind), describe(n))
}

func want(k reflect.Kind) string {
	switch {
	case k == reflect.String:
		return "text"
	case k == reflect.Bool:
		return "true or false"
	case k >= reflect.Int && k <= reflect.Uint64:
		return "a whole number"
	case k == reflect.Float32 || k == reflect.Float64:
		return "a number"
	}
	return k.String()
}

// describe names what a node holds, for "must be text, not …" messages.
func describe(n ast.Node) string {
	switch t := n.(type) {
	case *ast.MappingNode:
		return "a set of keys"
	case *ast.SequenceNode:
		return "a list"
	case *ast.StringNode:
		return fmt.Sprintf("the text %q", t.Value)
	case *ast.LiteralNode:
		return "a block of text"
	case *ast.IntegerNode, *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		return "the number " + Text(n)
	case *ast.BoolNode:
		return Text(n)
	case *ast.NullNode, nil:
		return "empty"
	}
	return "«" + Text(n) + "»"
}

// Describe names what a decoded value holds (for values from Value), in the words of describe.
func Describe(v any) string {
	switch t := v.(type) {
	case nil:
		return "empty"
	case string:
		return fmt.Sprintf("the text %q", t)
	case int, int64, uint64, float64:
		return fmt.Sprintf("the number %v", t)
	case bool:
		return fmt.Sprint(t)
	case []any:
		return "a list"
	case map[string]any:
		return "a set of keys"
	}
	if _, ok := v.(interface{ Format(string) string }); ok {
		return "a date"
	}
	return fmt.Sprintf("%T", v)
}

func fitsInt(u uint64) bool { return u <= math.MaxInt }
