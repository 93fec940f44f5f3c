// Package contenttest holds helpers for tests that build sites: the repository root, fixture
// sites that borrow the real theme, a reader for the generated HTML (golang.org/x/net/html) and the
// quality gates' link crawl. Its own tests check the real content: the verbatim check against the
// source documents, the generated comparison page, the glossary index and the internal links of
// the whole site.
package contenttest

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"samvirke/generator/internal/build"
	"samvirke/generator/internal/content"
	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/features"
	"samvirke/internal/qa"
)

// RepoRoot walks up from the test's directory to the go.mod.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test directory")
		}
		dir = parent
	}
}

// Fixture makes a site source in a temporary directory: the repository's hugo.toml, layouts/,
// i18n/ and assets/ (so fixtures render with the real theme) plus files, keyed by their path in
// the source ("content/modeller/x.md").
func Fixture(t testing.TB, files map[string]string) string {
	t.Helper()
	root := RepoRoot(t)
	dir := t.TempDir()
	for _, name := range []string{"hugo.toml", "layouts", "i18n", "assets"} {
		if err := copyTree(filepath.Join(root, name), filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if e.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}

// Features are the features of a real build (generator/features.go), new for each build: the
// theme's layouts use their template functions.
func Features() []feature.Feature {
	return features.Site(nil)
}

// Build builds src into a temporary directory with Features and returns the result and the
// output directory ("" when the build failed).
func Build(t testing.TB, src string) (*build.Result, string) {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	res, err := build.Build(build.Options{Source: src, Dest: dest, Features: Features()})
	if err != nil {
		return res, ""
	}
	return res, dest
}

// Provision returns a provision page for fixtures: the front matter of the real
// content/lovverk/ID.md (so it satisfies the registry's schema) with a plain body.
func Provision(t testing.TB, id string) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(RepoRoot(t), "content", "lovverk", id+".md"))
	if err != nil {
		t.Fatal(err)
	}
	f, problems := content.Parse("content/lovverk/"+id+".md", src)
	if len(problems) > 0 || f.BodyLine < 2 {
		t.Fatalf("content/lovverk/%s.md: %v", id, problems)
	}
	lines := strings.SplitAfter(string(src), "\n")
	return strings.Join(lines[:f.BodyLine-1], "") + "\nKort oppsummering av bestemmelsen.\n"
}

// Errors returns the build's errors at file (every file when file is "").
func Errors(res *build.Result, file string) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, d := range res.Diagnostics.Errors() {
		if file == "" || d.File == file {
			out = append(out, d)
		}
	}
	return out
}

// LineOf is the 1-based line of the first line of src that contains s (0 when none does).
func LineOf(src, s string) int {
	for i, line := range strings.Split(src, "\n") {
		if strings.Contains(line, s) {
			return i + 1
		}
	}
	return 0
}

// ReadPage reads the built page at a URL path ("/modeller/sammenlign/") from dir.
func ReadPage(t testing.TB, dir, urlPath string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(urlPath, "/")), "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Element is an element of a built page, read with golang.org/x/net/html (the one HTML parser of
// the tests; the quality gates' tokenizer is the same package's).
type Element struct {
	Attrs map[string]string
	Inner string // the inner HTML, as x/net/html renders it
	node  *html.Node
}

// Parse parses a built page.
func Parse(h string) Element {
	doc, err := html.Parse(strings.NewReader(h))
	if err != nil { // x/net/html reads any input; an error is from the reader
		panic(err)
	}
	return element(doc)
}

func element(n *html.Node) Element {
	e := Element{Attrs: map[string]string{}, node: n}
	for _, a := range n.Attr {
		if _, dup := e.Attrs[a.Key]; !dup {
			e.Attrs[a.Key] = a.Val
		}
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode && rawText[n.Data] {
			b.WriteString(c.Data) // as html.Render writes the text of a raw-text element
			continue
		}
		html.Render(&b, c)
	}
	e.Inner = b.String()
	return e
}

var rawText = map[string]bool{"iframe": true, "noembed": true, "noframes": true, "noscript": true, "plaintext": true, "script": true, "style": true, "xmp": true}

// Elements finds the elements named tag inside e, in document order (nested ones included).
func (e Element) Elements(tag string) []Element {
	var out []Element
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.Data == tag {
				out = append(out, element(c))
			}
			walk(c)
		}
	}
	walk(e.node)
	return out
}

// Tags returns the attributes of every element named tag inside e.
func (e Element) Tags(tag string) []map[string]string {
	var out []map[string]string
	for _, x := range e.Elements(tag) {
		out = append(out, x.Attrs)
	}
	return out
}

// Text is the element's text: entities decoded, soft hyphens dropped, a space between elements,
// whitespace collapsed.
func (e Element) Text() string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b.WriteString(c.Data)
			case html.ElementNode:
				b.WriteByte(' ')
				walk(c)
				b.WriteByte(' ')
			}
		}
	}
	walk(e.node)
	return strings.Join(strings.Fields(strings.ReplaceAll(b.String(), "\u00ad", "")), " ")
}

// Elements finds the elements named tag in the page h.
func Elements(h, tag string) []Element { return Parse(h).Elements(tag) }

// Tags returns the attributes of every element named tag in the page h (void elements included).
func Tags(h, tag string) []map[string]string { return Parse(h).Tags(tag) }

// BrokenLinks crawls the built site in dir with the quality gates' link crawler (internal/qa) and
// returns its errors: links and resources that lead nowhere, fragments without their id.
func BrokenLinks(dir string) ([]qa.Finding, error) {
	r, err := qa.Links(dir)
	if err != nil {
		return nil, err
	}
	return qa.Errors(r.Findings), nil
}
