package content

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
)

// FuzzFrontMatter feeds arbitrary files to Parse. It must not panic; it returns either a file or
// problems; every problem names the file and a line inside it; a parsed file's body is the end of
// the source, its keys are lower-cased, and Line and KeyLine point inside the file for every key
// path that exists.
func FuzzFrontMatter(f *testing.F) {
	for _, seed := range []string{
		"---\ntitle: Stafettlogg\nweight: 3\n---\n## Body\n",
		"---\ntitle: A\nnodes:\n  q1:\n    question: Ja?\n    answers:\n      - {label: Ja, next: q2}\n  q2:\n    outcome: {title: Ferdig}\n---\nTekst\n",
		"\ufeff---\r\ntitle: A\r\n---\r\nTekst\r\n",
		"Bare tekst\n",
		"---\ntitle: [a\n---\n",
		"---\n- a\n- b\n---\n",
		"---\ntitle: A\nnodes:\n  q1: x\n  q1: y\n---\n",
		"---\ntitle: ok\n---\nline 4\n\xff\n",
		"---\n---\n",
		"---\ntitle: A\n",
		"---\na: &x [1, 2]\nb: *x\nc: {d: [*x, *x]}\n---\n",
		"---\n? [a, b]\n: c\n---\n",
		"---\nTitle: A\nPARAMS: {X: 1, y: [ {Z: 2} ]}\n---\n",
		"---\ndate: 2024-01-02\nlastmod: 2024-01-02T10:00:00Z\n---\n",
		"---\nx: !!binary aGVp\ny: !!float 1e3\n---\n",
		"---\n\t- tab\n---\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		const path = "content/fuzz.md"
		file, problems := Parse(path, src)
		if (file == nil) == (len(problems) == 0) {
			t.Fatalf("Parse returned file %v with %d problems", file != nil, len(problems))
		}
		// Lines as editors count them: CRLF, LF and a lone CR each end one.
		norm := bytes.ReplaceAll(bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
		lines := bytes.Count(norm, []byte("\n")) + 1
		for _, p := range problems {
			if p.File != path || p.Line < 0 || p.Line > lines+1 || p.Message == "" {
				t.Fatalf("problem %+v outside the file of %d lines", p, lines)
			}
		}
		if file == nil {
			return
		}
		if !bytes.HasSuffix(norm, file.Body) {
			t.Fatalf("the body %q is not the end of the source", file.Body)
		}
		if file.BodyLine < 1 || file.BodyLine > lines+1 {
			t.Fatalf("body line %d outside the file of %d lines", file.BodyLine, lines)
		}
		budget := 2000 // key paths checked per input
		var walk func(v any, path []string)
		walk = func(v any, path []string) {
			if budget--; budget < 0 {
				return
			}
			if len(path) > 0 {
				for _, l := range []int{file.Line(path...), file.KeyLine(path...)} {
					if l < 1 || l > lines {
						t.Fatalf("line %d of %q outside the file of %d lines", l, strings.Join(path, "."), lines)
					}
				}
			}
			switch x := v.(type) {
			case map[string]any:
				for k, c := range x {
					if k != strings.ToLower(k) {
						t.Fatalf("key %q is not lower-cased", k)
					}
					walk(c, append(path[:len(path):len(path)], k))
				}
			case []any:
				for i, c := range x {
					walk(c, append(path[:len(path):len(path)], strconv.Itoa(i)))
				}
			}
		}
		walk(file.Front, nil)
	})
}
