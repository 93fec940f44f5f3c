// Package contenttest holds helpers for tests that build sites: the repository root, fixture
// sites that borrow the real theme, and a small reader for the generated HTML (tables, links,
// ids). Its own tests check the real content: the verbatim check against the source documents,
// the generated comparison page, the glossary index and the internal links of the whole site.
package contenttest

import (
	"html"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"samvirke/generator/internal/build"
	"samvirke/generator/internal/content"
	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/features"
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

// Element is one HTML element found by Elements: its attributes and its inner HTML.
type Element struct {
	Attrs map[string]string
	Inner string
}

// Text is the element's text without tags, whitespace collapsed.
func (e Element) Text() string { return TextOf(e.Inner) }

var (
	tagRe   = regexp.MustCompile(`<[^>]*>`)
	attrRe  = regexp.MustCompile(`([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>` + "`" + `]+)))?`)
	spaceRe = regexp.MustCompile(`\s+`)
)

// TextOf strips tags and soft hyphens from an HTML fragment and collapses whitespace.
func TextOf(h string) string {
	t := strings.ReplaceAll(html.UnescapeString(tagRe.ReplaceAllString(h, " ")), "\u00ad", "")
	return strings.TrimSpace(spaceRe.ReplaceAllString(t, " "))
}

// Attrs parses the attributes of an opening tag's inside ("a href=\"/x/\" class=\"y\"").
func Attrs(s string) map[string]string {
	out := map[string]string{}
	for _, m := range attrRe.FindAllStringSubmatch(s, -1) {
		out[strings.ToLower(m[1])] = html.UnescapeString(m[2] + m[3] + m[4])
	}
	return out
}

// Elements finds the elements named tag in h, outermost first. It is meant for the generator's
// own output: it does not nest elements of the same name (no tables inside tables).
func Elements(h, tag string) []Element {
	re := regexp.MustCompile(`(?is)<` + tag + `(\s[^>]*)?>(.*?)</` + tag + `\s*>`)
	var out []Element
	for _, m := range re.FindAllStringSubmatch(h, -1) {
		out = append(out, Element{Attrs: Attrs(m[1]), Inner: m[2]})
	}
	return out
}

// Tags returns the attributes of every opening tag named tag in h (void elements included).
func Tags(h, tag string) []map[string]string {
	re := regexp.MustCompile(`(?is)<` + tag + `(\s[^>]*)?/?>`)
	var out []map[string]string
	for _, m := range re.FindAllStringSubmatch(h, -1) {
		out = append(out, Attrs(m[1]))
	}
	return out
}

var (
	linkRe = regexp.MustCompile(`(?is)<(a|link|script|img|source|form|iframe)\s([^>]*)>`)
	idRe   = regexp.MustCompile(`(?i)\sid="([^"]*)"`)
)

// BrokenLink is an internal link whose target is missing.
type BrokenLink struct {
	Page, Link, Problem string
}

// Crawl reads every HTML page under dir and returns the internal links (href, src, form
// action) that point to no file, or to a fragment id the target page does not have.
func Crawl(dir string) ([]BrokenLink, error) {
	pages := map[string]string{} // URL path of the file -> HTML
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		pages["/"+filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil {
		return nil, err
	}
	ids := map[string]map[string]bool{}
	idsOf := func(file string) map[string]bool {
		if m, ok := ids[file]; ok {
			return m
		}
		m := map[string]bool{}
		for _, x := range idRe.FindAllStringSubmatch(pages[file], -1) {
			m[html.UnescapeString(x[1])] = true
		}
		ids[file] = m
		return m
	}
	var broken []BrokenLink
	for file, h := range pages {
		base := path.Dir(file) + "/"
		for _, m := range linkRe.FindAllStringSubmatch(h, -1) {
			a := Attrs(m[2])
			for _, key := range []string{"href", "src", "action"} {
				ref, ok := a[key]
				if !ok || ref == "" || strings.HasPrefix(ref, "//") || strings.Contains(ref, ":") && !strings.HasPrefix(ref, "/") && !strings.HasPrefix(ref, "#") {
					continue // external (scheme or protocol-relative) links are not ours to check
				}
				u, err := url.Parse(ref)
				if err != nil {
					broken = append(broken, BrokenLink{file, ref, "unparsable"})
					continue
				}
				target := file
				if u.Path != "" {
					p := u.Path
					if !strings.HasPrefix(p, "/") {
						p = path.Join(base, p)
						if strings.HasSuffix(u.Path, "/") {
							p += "/"
						}
					}
					target = resolve(dir, p)
					if target == "" {
						broken = append(broken, BrokenLink{file, ref, "no such file"})
						continue
					}
				}
				if u.Fragment != "" && strings.HasSuffix(target, ".html") && !idsOf(target)[u.Fragment] {
					broken = append(broken, BrokenLink{file, ref, "no element with id " + u.Fragment})
				}
			}
		}
	}
	return broken, nil
}

// resolve maps a URL path to the file that serves it ("" when none does).
func resolve(dir, p string) string {
	candidates := []string{p}
	if strings.HasSuffix(p, "/") {
		candidates = []string{p + "index.html"}
	} else if path.Ext(p) == "" {
		candidates = append(candidates, p+"/index.html")
	}
	for _, c := range candidates {
		if st, err := os.Stat(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(c, "/")))); err == nil && !st.IsDir() {
			return c
		}
	}
	return ""
}
