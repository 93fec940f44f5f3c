// Package content reads the Markdown files under content/: front matter (YAML between --- lines)
// with the line of every key kept, so later stages can point at the exact line of a problem, and the
// Markdown body with the line it starts on.
package content

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/source"
)

// File is one content file as read from disk.
type File struct {
	Path     string         // relative to the site source, slash-separated, e.g. "content/a/b.md"
	Rel      string         // relative to content/, e.g. "a/b.md"
	Front    map[string]any // front matter; keys lower-cased as Hugo does
	Node     *yaml.Node     // the front matter's mapping node, for line lookups; nil when none
	BodyLine int            // line of the first body line in the file (1-based)
	Body     []byte
}

// Line returns the file line of the value at the key path (map keys, or list indexes as decimal
// strings). When the full path does not exist it returns the line of the deepest part that does,
// and the front matter's first line when nothing matches.
func (f *File) Line(path ...string) int {
	if f.Node == nil {
		return 1
	}
	n, line := f.Node, f.Node.Line
	for _, key := range path {
		next, l := child(n, key)
		if next == nil {
			break
		}
		n, line = next, l
	}
	return line + frontMatterOffset
}

// KeyLine is like Line but points at the key itself rather than its value (they differ for
// block values, whose value starts on the next line).
func (f *File) KeyLine(path ...string) int {
	if f.Node == nil || len(path) == 0 {
		return f.Line(path...)
	}
	n := f.Node
	for i, key := range path {
		if n.Kind == yaml.MappingNode {
			found := false
			for j := 0; j+1 < len(n.Content); j += 2 {
				if strings.EqualFold(n.Content[j].Value, key) {
					if i == len(path)-1 {
						return n.Content[j].Line + frontMatterOffset
					}
					n, found = n.Content[j+1], true
					break
				}
			}
			if !found {
				return f.Line(path[:i]...)
			}
			continue
		}
		next, _ := child(n, key)
		if next == nil {
			return f.Line(path[:i]...)
		}
		n = next
	}
	return f.Line(path...)
}

// frontMatterOffset: node lines count from the first line after the opening "---".
const frontMatterOffset = 1

func child(n *yaml.Node, key string) (*yaml.Node, int) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if strings.EqualFold(n.Content[i].Value, key) {
				return n.Content[i+1], n.Content[i+1].Line
			}
		}
	case yaml.SequenceNode:
		if i, err := strconv.Atoi(key); err == nil && i >= 0 && i < len(n.Content) {
			return n.Content[i], n.Content[i].Line
		}
	}
	return nil, 0
}

// Load reads every .md file under content/. Problems are added to d; files with errors are left
// out of the result.
func Load(src *source.Site, d *diag.List) []*File {
	var paths []string
	for _, rel := range src.Walk("content", d) {
		if strings.HasSuffix(rel, ".md") {
			paths = append(paths, rel)
		}
	}
	files := make([]*File, len(paths))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0)*2)
	for i, rel := range paths {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			b, err := src.ReadText(rel)
			if err != nil {
				d.Add(source.Diagnostic(rel, err))
				return
			}
			f, problems := Parse(rel, b)
			for _, pr := range problems {
				d.Add(pr)
			}
			if f != nil && len(problems) == 0 {
				files[i] = f
			}
		}()
	}
	wg.Wait()
	out := files[:0]
	for _, f := range files {
		if f != nil {
			out = append(out, f)
		}
	}
	return out
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

// Parse splits src into front matter and body. path is used in messages and should be relative to
// the site source ("content/…").
func Parse(path string, src []byte) (*File, []diag.Diagnostic) {
	f := &File{Path: path, Rel: strings.TrimPrefix(path, "content/"), Front: map[string]any{}, BodyLine: 1}
	// Line ends as YAML and editors count them: CRLF, and a CR on its own, are line breaks.
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	if line, ok := invalidUTF8(src); !ok {
		return nil, []diag.Diagnostic{{File: path, Line: line,
			Message: "the file is not valid UTF-8",
			Hint:    "save the file as UTF-8 (most editors: File > Save with encoding > UTF-8)"}}
	}
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	if !bytes.HasPrefix(src, []byte("---\n")) {
		f.Body = src
		return f, nil
	}
	rest := src[4:]
	end := -1
	if bytes.HasPrefix(rest, []byte("---\n")) || bytes.Equal(rest, []byte("---")) {
		end = 0
	} else if i := bytes.Index(rest, []byte("\n---\n")); i >= 0 {
		end = i + 1
	} else if bytes.HasSuffix(rest, []byte("\n---")) {
		end = len(rest) - 3
	}
	if end < 0 {
		return nil, []diag.Diagnostic{{File: path, Line: 1,
			Message: "front matter starts with --- but never ends",
			Hint:    "add a line with only --- after the last front-matter key"}}
	}
	fm := rest[:end]
	body := rest[end:]
	body = bytes.TrimPrefix(body, []byte("---"))
	body = bytes.TrimPrefix(body, []byte("\n"))
	f.BodyLine = 1 + bytes.Count(src[:len(src)-len(body)], []byte("\n"))
	f.Body = body

	var doc yaml.Node
	if err := yaml.Unmarshal(fm, &doc); err != nil {
		return nil, yamlErrors(path, err, nil)
	}
	if len(doc.Content) == 0 {
		return f, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, []diag.Diagnostic{{File: path, Line: root.Line + frontMatterOffset,
			Message: "front matter must be a set of key: value lines"}}
	}
	f.Node = root
	var m map[string]any
	if err := root.Decode(&m); err != nil {
		return nil, yamlErrors(path, err, root)
	}
	f.Front = lowerKeys(m).(map[string]any)
	return f, nil
}

var duplicateKey = regexp.MustCompile(`^line (\d+): mapping key "(.*)" already defined at line (\d+)$`)

func yamlErrors(path string, err error, root *yaml.Node) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, msg := range strings.Split(err.Error(), "\n") {
		msg = strings.TrimSpace(strings.TrimPrefix(msg, "yaml:"))
		if msg == "" || msg == "unmarshal errors:" {
			continue
		}
		if d, ok := duplicateKeyError(path, msg, root); ok {
			out = append(out, d)
			continue
		}
		line := 0
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			line += frontMatterOffset
			msg = strings.TrimSpace(strings.Replace(msg, m[0]+":", "", 1))
			msg = yamlLine.ReplaceAllStringFunc(msg, func(s string) string {
				n, _ := strconv.Atoi(yamlLine.FindStringSubmatch(s)[1])
				return "line " + strconv.Itoa(n+frontMatterOffset)
			})
		}
		out = append(out, diag.Diagnostic{File: path, Line: line,
			Message: "malformed front matter: " + msg,
			Hint:    "front matter is YAML: key: value, lists with '- ', quote text that contains ': ' or starts with a special character"})
	}
	return out
}

// duplicateKeyError rewrites yaml.v3's "mapping key "x" already defined at line N" to name the key
// with its path (nodes.vold for a decision-tree node), pointing at the second definition.
func duplicateKeyError(path, msg string, root *yaml.Node) (diag.Diagnostic, bool) {
	m := duplicateKey.FindStringSubmatch(msg)
	if m == nil {
		return diag.Diagnostic{}, false
	}
	line, _ := strconv.Atoi(m[1])
	firstLine, _ := strconv.Atoi(m[3])
	key := m[2]
	where := keyPath(root, key, firstLine)
	if where != "" {
		where += "."
	}
	return diag.Diagnostic{File: path, Line: line + frontMatterOffset,
		Message: fmt.Sprintf("malformed front matter: the key %s%s is defined twice (first at line %d)", where, key, firstLine+frontMatterOffset),
		Hint:    "a key may appear only once in the same block: rename or remove one of them (in a decision tree, every node id under nodes: must be unique)"}, true
}

// keyPath returns the dotted path of the mapping that holds key at line ("nodes"), or "".
func keyPath(n *yaml.Node, key string, line int) string {
	if n == nil {
		return ""
	}
	var walk func(n *yaml.Node, path []string) ([]string, bool)
	walk = func(n *yaml.Node, path []string) ([]string, bool) {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				if k.Value == key && k.Line == line {
					return path, true
				}
				if p, ok := walk(n.Content[i+1], append(path, k.Value)); ok {
					return p, true
				}
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				if p, ok := walk(c, append(path, strconv.Itoa(i))); ok {
					return p, true
				}
			}
		}
		return nil, false
	}
	p, _ := walk(n, nil)
	return strings.Join(p, ".")
}

// lowerKeys lower-cases map keys recursively: Hugo treats front matter keys case-insensitively.
func lowerKeys(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, x := range t {
			out[strings.ToLower(k)] = lowerKeys(x)
		}
		return out
	case []any:
		for i := range t {
			t[i] = lowerKeys(t[i])
		}
		return t
	}
	return v
}

func invalidUTF8(b []byte) (line int, ok bool) {
	if utf8.Valid(b) {
		return 0, true
	}
	line = 1
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			return line, false
		}
		if r == '\n' {
			line++
		}
		b = b[size:]
	}
	return line, false
}

// The methods below are Hugo's .File methods, for templates (.File.ContentBaseName …). Hugo's
// .File.Path is relative to content/; samvirke's Path field is relative to the site, as its
// messages name files (content/lovverk/a.md).

// LogicalName is the file's name with its extension: "hol-7-2a.md".
func (f *File) LogicalName() string { return path.Base(f.Rel) }

// BaseFileName is the file's name without its extension: "hol-7-2a", "_index", "index".
func (f *File) BaseFileName() string {
	return strings.TrimSuffix(f.LogicalName(), path.Ext(f.Rel))
}

// TranslationBaseName is BaseFileName (samvirke has no language suffixes in file names).
func (f *File) TranslationBaseName() string { return f.BaseFileName() }

// ContentBaseName is the page's name: the file's, or the folder's for a bundle (index.md,
// _index.md), as Hugo's.
func (f *File) ContentBaseName() string {
	if b := f.BaseFileName(); b == "index" || b == "_index" {
		return path.Base(path.Dir(f.Rel))
	}
	return f.BaseFileName()
}

// Ext is the file's extension without the dot: "md".
func (f *File) Ext() string { return strings.TrimPrefix(path.Ext(f.Rel), ".") }

// Dir is the file's folder below content/, with a trailing slash ("lovverk/"), "" at the root.
func (f *File) Dir() string {
	d := path.Dir(f.Rel)
	if d == "." {
		return ""
	}
	return d + "/"
}

// Section is the first folder below content/ ("lovverk"), "" at the root.
func (f *File) Section() string {
	if i := strings.IndexByte(f.Rel, '/'); i >= 0 {
		return f.Rel[:i]
	}
	return ""
}
