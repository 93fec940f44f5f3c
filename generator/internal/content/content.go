// Package content reads the Markdown files under content/: front matter (YAML between --- lines,
// parsed by yamldoc with every position kept, so later stages can point at the exact line and
// column of a problem) and the Markdown body with the line it starts on.
package content

import (
	"bytes"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/source"
	"samvirke/generator/internal/yamldoc"
)

// File is one content file as read from disk.
type File struct {
	Path     string         // relative to the site source, slash-separated, e.g. "content/a/b.md"
	Rel      string         // relative to content/, e.g. "a/b.md"
	Front    map[string]any // front matter as templates see it (.Params); keys lower-cased as Hugo does
	Doc      *yamldoc.Doc   // the front matter with positions, for typed decoding; nil when none
	BodyLine int            // line of the first body line in the file (1-based)
	Body     []byte
}

// Loc is the position of the value at the key path (map keys, case-insensitive, or list indexes
// as decimal strings); of the deepest part that exists when the full path does not, and of the
// front matter's first line when nothing matches.
func (f *File) Loc(path ...string) diag.Location {
	if f.Doc == nil {
		return diag.Location{File: f.Path, Line: 1}
	}
	return f.Doc.PathLoc(path...)
}

// KeyLoc is like Loc but points at the key itself rather than its value (they differ for block
// values, whose value starts on the next line).
func (f *File) KeyLoc(path ...string) diag.Location {
	if f.Doc == nil {
		return diag.Location{File: f.Path, Line: 1}
	}
	return f.Doc.KeyLoc(path...)
}

// Line is Loc's line.
func (f *File) Line(path ...string) int { return f.Loc(path...).Line }

// KeyLine is KeyLoc's line.
func (f *File) KeyLine(path ...string) int { return f.KeyLoc(path...).Line }

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

	doc, problems := yamldoc.Parse(path, fm, yamldoc.Options{LineOffset: 1, FoldKeys: true, What: "front matter",
		Hint: "front matter is YAML: key: value, lists with '- ', quote text that contains ': ' or starts with a special character"})
	if len(problems) > 0 {
		return nil, problems
	}
	if doc.Root == nil {
		return f, nil
	}
	front, ok := doc.Value().(map[string]any)
	if !ok {
		return nil, []diag.Diagnostic{doc.Loc(doc.Root).Errorf("write key: value lines between the --- lines", "front matter must be a set of key: value lines")}
	}
	f.Doc, f.Front = doc, front
	return f, nil
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
