// Package yamldoc is the one way samvirke reads YAML: front matter, i18n/ and data/ files. It parses
// with github.com/goccy/go-yaml and keeps goccy's AST, so that every problem — a syntax error, a
// duplicate key, an unknown key, a value of the wrong type, a JSON Schema violation — is reported
// at file:line:column with the text of the line, as positioned data (diag.Diagnostic), never by
// reading a line number out of an error string.
//
// Three ways to read a parsed Doc:
//   - Decode fills a typed struct (a tree, a provision, a model …), reporting every unknown key
//     (with "did you mean"), duplicate and mistyped value at once. A struct that embeds Node
//     keeps where each of its keys and values was written, for the feature's own checks.
//   - Value gives map[string]any for templates (.Params, .Site.Data), typed as before the move to
//     goccy: whole numbers are int, unquoted dates are time.Time.
//   - Schema validates against a JSON Schema and maps each error to the position of the value.
package yamldoc

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"samvirke/generator/internal/diag"
)

// Options for Parse.
type Options struct {
	// LineOffset is the number of file lines before the YAML (1 for front matter, which starts
	// after the opening ---).
	LineOffset int
	// FoldKeys makes keys case-insensitive, as Hugo's front matter is: Title and title are the
	// same key (a duplicate), and Value lower-cases keys.
	FoldKeys bool
	// What names the YAML in syntax errors: "front matter", "YAML" (the default).
	What string
	// Hint is the hint of syntax errors; a general one about YAML when empty.
	Hint string
}

// Doc is a parsed YAML document.
type Doc struct {
	File    string   // the file, relative to the site source, for messages
	Root    ast.Node // the body of the first document; nil when the YAML is empty
	opts    Options
	lines   []string
	anchors map[string]ast.Node
}

const syntaxHint = "YAML is key: value lines, lists with '- ' and the same indentation (spaces, not tabs) for keys of one block; put text that contains ': ' or starts with a special character (such as [ { * & ! | > ' \" % @ `) in quotes"

// Parse parses src (CRLF and CR line ends and a byte-order mark are accepted). A syntax error or a key
// defined twice in one block is returned as diagnostics and the Doc is nil.
func Parse(file string, src []byte, o Options) (*Doc, []diag.Diagnostic) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n")) // a CR alone ends a line too, as YAML counts lines
	if o.What == "" {
		o.What = "YAML"
	}
	if o.Hint == "" {
		o.Hint = syntaxHint
	}
	d := &Doc{File: file, opts: o, lines: strings.Split(string(src), "\n"), anchors: map[string]ast.Node{}}
	if !utf8.Valid(src) {
		return nil, []diag.Diagnostic{d.Loc(nil).Errorf("save the file as UTF-8 (most editors: File > Save with encoding > UTF-8)", "the %s is not valid UTF-8", o.What)}
	}
	f, err := parser.ParseBytes(src, 0, parser.AllowDuplicateMapKey())
	if err != nil {
		return nil, []diag.Diagnostic{d.syntaxError(err)}
	}
	if len(f.Docs) > 0 {
		d.Root = f.Docs[0].Body
	}
	if len(f.Docs) > 1 {
		return nil, []diag.Diagnostic{d.Loc(f.Docs[1]).Errorf("keep one YAML document per file (remove the second ---)", "the %s holds more than one document", o.What)}
	}
	var problems []diag.Diagnostic
	walk(d.Root, func(n ast.Node) {
		switch n := n.(type) {
		case *ast.AnchorNode:
			d.anchors[keyText(n.Name)] = n.Value
		case *ast.MappingNode:
			problems = append(problems, d.duplicates(n)...)
		}
	})
	if len(problems) > 0 {
		return nil, problems
	}
	return d, nil
}

func (d *Doc) syntaxError(err error) diag.Diagnostic {
	var ye yaml.Error
	if !errors.As(err, &ye) {
		return d.Loc(nil).Errorf(d.opts.Hint, "malformed %s: %v", d.opts.What, err)
	}
	loc := d.Loc(nil)
	if tk := ye.GetToken(); tk != nil {
		loc = d.at(tk.Position)
	}
	return loc.Errorf(d.opts.Hint, "malformed %s: %s", d.opts.What, ye.GetMessage())
}

// duplicates reports keys written twice in one block (case-insensitively with FoldKeys), at the
// second, with a note at the first.
func (d *Doc) duplicates(m *ast.MappingNode) []diag.Diagnostic {
	var out []diag.Diagnostic
	seen := map[string]ast.Node{}
	for _, kv := range m.Values {
		if kv.Key.IsMergeKey() {
			continue
		}
		k := d.fold(keyText(kv.Key))
		first, dup := seen[k]
		if !dup {
			seen[k] = kv.Key
			continue
		}
		dg := d.Loc(kv.Key).Errorf("a key may appear only once in the same block: rename or remove one of them (in a decision tree, every node id under nodes: must be unique; keys are case-insensitive)",
			"the key %s is defined twice", d.pathOf(kv.Key))
		fl := d.Loc(first)
		dg.Notes = []diag.Note{{Location: fl, Text: "first defined here"}}
		out = append(out, dg)
	}
	return out
}

func (d *Doc) fold(k string) string {
	if d.opts.FoldKeys {
		return strings.ToLower(k)
	}
	return k
}

// pathOf is the dotted key path of a key node ("nodes.vold"), found by walking from the root.
func (d *Doc) pathOf(key ast.Node) string {
	var found []string
	var visit func(n ast.Node, path []string) bool
	visit = func(n ast.Node, path []string) bool {
		switch n := unwrap(n).(type) {
		case *ast.MappingNode:
			for _, kv := range n.Values {
				p := append(path[:len(path):len(path)], keyText(kv.Key))
				if kv.Key == key {
					found = p
					return true
				}
				if visit(kv.Value, p) {
					return true
				}
			}
		case *ast.SequenceNode:
			for i, v := range n.Values {
				if visit(v, append(path[:len(path):len(path)], fmt.Sprint(i))) {
					return true
				}
			}
		}
		return false
	}
	visit(d.Root, nil)
	return Path(found)
}

// Path renders a key path for messages: model.source.year, model.levels_or_phases[2].summary
// (list positions count from 1, as a reader counts).
func Path(keys []string) string {
	var b strings.Builder
	for i, k := range keys {
		if n, ok := index(k); ok {
			fmt.Fprintf(&b, "[%d]", n+1)
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(k)
	}
	return b.String()
}

func index(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + int(r-'0')
	}
	return n, true
}

// Loc is the position of n (for a block, its first key); the start of the document when n is nil.
func (d *Doc) Loc(n ast.Node) diag.Location {
	if d == nil {
		return diag.Location{}
	}
	if tk := startToken(n); tk != nil {
		return d.at(tk.Position)
	}
	return d.at(nil)
}

// Line is the file line of n.
func (d *Doc) Line(n ast.Node) int { return d.Loc(n).Line }

// LineOffset is the number of file lines before the YAML.
func (d *Doc) LineOffset() int { return d.opts.LineOffset }

func (d *Doc) at(p *token.Position) diag.Location {
	if p == nil {
		p = &token.Position{Line: 1}
	}
	loc := diag.Location{File: d.File, Line: p.Line + d.opts.LineOffset, Column: p.Column}
	if p.Line >= 1 && p.Line <= len(d.lines) {
		loc.LineText = d.lines[p.Line-1]
	}
	return loc
}

// startToken is the token where n starts in the file.
func startToken(n ast.Node) *token.Token {
	switch t := n.(type) {
	case nil:
		return nil
	case *ast.MappingNode:
		if len(t.Values) > 0 {
			return startToken(t.Values[0])
		}
		return t.Start
	case *ast.MappingValueNode:
		return startToken(t.Key)
	case *ast.MappingKeyNode:
		return t.Start
	case *ast.DocumentNode:
		if t.Start != nil {
			return t.Start
		}
		return startToken(t.Body)
	}
	if isNil(n) {
		return nil
	}
	return n.GetToken()
}

// isNil reports whether n is an interface holding a nil pointer.
func isNil(n ast.Node) bool {
	switch t := n.(type) {
	case *ast.NullNode:
		return t == nil
	case *ast.StringNode:
		return t == nil
	}
	return n == nil
}

// unwrap returns the node an anchor or tag stands for; aliases are resolved by Doc.resolve.
func unwrap(n ast.Node) ast.Node {
	for {
		switch t := n.(type) {
		case *ast.AnchorNode:
			n = t.Value
		case *ast.TagNode:
			if t.Value == nil {
				return n
			}
			switch t.Value.(type) {
			case *ast.MappingNode, *ast.SequenceNode, *ast.AnchorNode:
				n = t.Value
			default:
				return n // a tagged scalar: goccy converts it
			}
		case *ast.MappingValueNode:
			// goccy gives a one-key mapping inside some constructs as the pair itself.
			return &ast.MappingNode{BaseNode: t.BaseNode, Start: t.Start, Values: []*ast.MappingValueNode{t}}
		default:
			return n
		}
	}
}

// resolve unwraps anchors and tags and follows aliases to their anchored node.
func (d *Doc) resolve(n ast.Node) ast.Node {
	for i := 0; i < 100; i++ {
		n = unwrap(n)
		a, ok := n.(*ast.AliasNode)
		if !ok {
			return n
		}
		target, ok := d.anchors[keyText(a.Value)]
		if !ok {
			return n
		}
		n = target
	}
	return n
}

// keyText is a key as text ("1" for the key 1).
func keyText(k ast.Node) string {
	switch t := k.(type) {
	case *ast.StringNode:
		return t.Value
	case *ast.MappingKeyNode:
		return keyText(t.Value)
	case nil:
		return ""
	}
	if tk := k.GetToken(); tk != nil {
		return tk.Value
	}
	return ""
}

// walk calls fn for n and every node below it.
func walk(n ast.Node, fn func(ast.Node)) {
	if n == nil || isNil(n) {
		return
	}
	fn(n)
	switch t := n.(type) {
	case *ast.MappingNode:
		for _, kv := range t.Values {
			walk(kv, fn)
		}
	case *ast.MappingValueNode:
		walk(t.Key, fn)
		walk(t.Value, fn)
	case *ast.SequenceNode:
		for _, v := range t.Values {
			walk(v, fn)
		}
	case *ast.AnchorNode:
		walk(t.Value, fn)
	case *ast.TagNode:
		walk(t.Value, fn)
	case *ast.MappingKeyNode:
		walk(t.Value, fn)
	}
}

// Scalars calls fn for every scalar value under n (keys excluded) with its key path (keys as
// written, list indexes as decimal strings), in document order.
func (d *Doc) Scalars(n ast.Node, fn func(path []string, n ast.Node)) {
	var visit func(n ast.Node, path []string, depth int)
	visit = func(n ast.Node, path []string, depth int) {
		if depth > 100 {
			return
		}
		switch t := d.resolve(n).(type) {
		case *ast.MappingNode:
			for _, kv := range t.Values {
				visit(kv.Value, append(path[:len(path):len(path)], keyText(kv.Key)), depth+1)
			}
		case *ast.SequenceNode:
			for i, v := range t.Values {
				visit(v, append(path[:len(path):len(path)], fmt.Sprint(i)), depth+1)
			}
		case nil, *ast.NullNode:
		default:
			fn(path, t)
		}
	}
	visit(n, nil, 0)
}

// Text is the text of a scalar: a string's value, a block scalar's content, the written form of
// a number or boolean; "" for anything else.
func Text(n ast.Node) string {
	switch t := n.(type) {
	case *ast.StringNode:
		return t.Value
	case *ast.LiteralNode:
		return t.Value.Value
	case *ast.NullNode, *ast.MappingNode, *ast.SequenceNode, nil:
		return ""
	case *ast.TagNode:
		return Text(t.Value)
	}
	if tk := n.GetToken(); tk != nil {
		return tk.Value
	}
	return ""
}

// IsEmpty reports whether n is absent or null (key: or key: ~).
func IsEmpty(n ast.Node) bool {
	if n == nil || isNil(n) {
		return true
	}
	_, null := n.(*ast.NullNode)
	return null
}

// IsScalar reports whether n is text, a number, a boolean, null or absent: not a list or a block
// of keys.
func IsScalar(n ast.Node) bool {
	if IsEmpty(n) {
		return true
	}
	switch unwrap(n).(type) {
	case *ast.MappingNode, *ast.SequenceNode:
		return false
	}
	return true
}

// IsBlockText reports whether n is a block scalar (| or >), whose text starts on the line after
// the indicator.
func IsBlockText(n ast.Node) bool {
	_, ok := n.(*ast.LiteralNode)
	return ok
}

// TextLine is the file line where the text of the scalar n starts: for a block scalar the line
// after | or >, so positions inside the text (a shortcode on its third line) map to file lines.
func (d *Doc) TextLine(n ast.Node) int {
	line := d.Line(n)
	if IsBlockText(n) {
		line++
	}
	return line
}

// Lookup returns the node at a key path (map keys, case-insensitive with FoldKeys; list indexes
// as decimal strings) and the deepest node of the path that exists.
func (d *Doc) Lookup(path ...string) (found, deepest ast.Node) {
	if d == nil {
		return nil, nil
	}
	n := d.Root
	deepest = n
	for _, key := range path {
		next := d.child(n, key)
		if next == nil {
			return nil, deepest
		}
		n, deepest = next, next
	}
	return n, deepest
}

// KeyNode returns the key node of the last element of path, or nil when it is absent or names a
// list item.
func (d *Doc) KeyNode(path ...string) ast.Node {
	if len(path) == 0 {
		return nil
	}
	parent, _ := d.Lookup(path[:len(path)-1]...)
	if m, ok := d.resolve(parent).(*ast.MappingNode); ok {
		for _, kv := range m.Values {
			if d.fold(keyText(kv.Key)) == d.fold(path[len(path)-1]) {
				return kv.Key
			}
		}
	}
	return nil
}

func (d *Doc) child(n ast.Node, key string) ast.Node {
	switch t := d.resolve(n).(type) {
	case *ast.MappingNode:
		for _, kv := range t.Values {
			if d.fold(keyText(kv.Key)) == d.fold(key) {
				if kv.Value == nil || isNil(kv.Value) {
					return &ast.NullNode{BaseNode: &ast.BaseNode{}, Token: kv.Start}
				}
				return kv.Value
			}
		}
	case *ast.SequenceNode:
		if i, ok := index(key); ok && i < len(t.Values) {
			return t.Values[i]
		}
	}
	return nil
}

// PathLoc is the position of the value at path; of the deepest part that exists when the full
// path does not (the start of the document when nothing does).
func (d *Doc) PathLoc(path ...string) diag.Location {
	_, deepest := d.Lookup(path...)
	return d.Loc(deepest)
}

// KeyLoc is the position of the key at path (PathLoc for a list item or a missing key).
func (d *Doc) KeyLoc(path ...string) diag.Location {
	if k := d.KeyNode(path...); k != nil {
		return d.Loc(k)
	}
	return d.PathLoc(path...)
}
