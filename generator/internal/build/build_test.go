package build

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// fixture copies testdata/site to a temporary directory so a test can break it.
func fixture(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	src := filepath.Join("testdata", "site")
	err := filepath.WalkDir(src, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if e.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func mustBuild(t *testing.T, o Options) *Result {
	t.Helper()
	res, err := Build(o)
	if err != nil {
		t.Fatalf("build failed: %v\n%s", err, res.Diagnostics.Report())
	}
	return res
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestGolden compares the rendered fixture site with testdata/golden (go test -update rewrites).
func TestGolden(t *testing.T) {
	src := fixture(t)
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Source: src, Dest: dest})
	for _, f := range []string{"index.html", "guide/index.html", "guide/trinn-a/index.html", "guide/trinn-b/index.html", "om/index.html", "404.html", "sitemap.xml", "robots.txt"} {
		got := read(t, filepath.Join(dest, f))
		golden := filepath.Join("testdata", "golden", strings.ReplaceAll(f, "/", "_"))
		if *update {
			os.MkdirAll(filepath.Dir(golden), 0o755)
			os.WriteFile(golden, []byte(got), 0o644)
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update once to create it)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs from %s:\n--- got ---\n%s\n--- want ---\n%s", f, golden, got, want)
		}
	}
}

func TestOutputShape(t *testing.T) {
	src := fixture(t)
	dest := filepath.Join(t.TempDir(), "public")
	res := mustBuild(t, Options{Source: src, Dest: dest})
	if res.Pages != 5 {
		t.Errorf("pages = %d, want 5 (home, section, two guide pages, om; the draft is left out)", res.Pages)
	}
	if _, err := os.Stat(filepath.Join(dest, "utkast")); err == nil {
		t.Error("draft published without --drafts")
	}
	if read(t, filepath.Join(dest, "img", "logo.png")) != "not really a png\n" {
		t.Error("static file not copied as it is")
	}
	js, _ := filepath.Glob(filepath.Join(dest, "js", "main.*.js"))
	css, _ := filepath.Glob(filepath.Join(dest, "css", "main.*.css"))
	if len(js) != 1 || len(css) != 1 {
		t.Fatalf("hashed assets: js %v css %v", js, css)
	}
	if !regexp.MustCompile(`main\.[0-9a-f]{64}\.js$`).MatchString(js[0]) {
		t.Errorf("js not fingerprinted: %s", js[0])
	}
	if b := read(t, js[0]); !strings.Contains(b, "Hei, ") || strings.Contains(b, ": string") {
		t.Errorf("TypeScript not bundled and compiled: %s", b)
	}
	if b := read(t, css[0]); !strings.Contains(b, "#00507a") || strings.Contains(b, "{{") {
		t.Errorf("CSS template not executed: %s", b)
	}
	page := read(t, filepath.Join(dest, "guide", "trinn-b", "index.html"))
	for _, want := range []string{`id="søknad-om-lån"`, `id="søknad-om-lån-1"`, `<aside class="boks"><p><strong>Viktig:</strong> <em>indre</em>`, "<table>", `<em> (nb)</em>`} {
		if !strings.Contains(page, want) {
			t.Errorf("trinn-b lacks %q:\n%s", want, page)
		}
	}
	if om := read(t, filepath.Join(dest, "om", "index.html")); !strings.Contains(om, `<html lang="da">`) || !strings.Contains(om, "Senest opdateret: 2. januar 2026") {
		t.Errorf("Danish page not in Danish:\n%s", om)
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	for _, e := range entries {
		if strings.Contains(e.Name(), "staging") {
			t.Errorf("staging directory left behind: %s", e.Name())
		}
	}
}

func TestDraftsFlag(t *testing.T) {
	src := fixture(t)
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Source: src, Dest: dest, Drafts: true})
	if _, err := os.Stat(filepath.Join(dest, "utkast", "index.html")); err != nil {
		t.Errorf("draft not built with --drafts: %v", err)
	}
}

func TestCheckWritesNothing(t *testing.T) {
	src := fixture(t)
	res, err := Build(Options{Source: src, Check: true})
	if err != nil {
		t.Fatalf("%v\n%s", err, res.Diagnostics.Report())
	}
	if _, err := os.Stat(filepath.Join(src, "public")); err == nil {
		t.Error("check wrote public/")
	}
	entries, _ := os.ReadDir(src)
	for _, e := range entries {
		if strings.Contains(e.Name(), "staging") {
			t.Errorf("check left %s", e.Name())
		}
	}
}

// treeHash fingerprints every file name and content under dir.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			b, _ := os.ReadFile(p)
			sum := sha256.Sum256(b)
			rel, _ := filepath.Rel(dir, p)
			lines = append(lines, rel+" "+hex.EncodeToString(sum[:]))
		}
		return nil
	})
	sort.Strings(lines)
	sum := sha256.Sum256([]byte(strings.Join(lines, "\n")))
	return hex.EncodeToString(sum[:])
}

// breakage is one kind of bad input: how to break the fixture and what the report must say.
type breakage struct {
	name  string
	apply func(t *testing.T, src string)
	want  []string // every string must appear in the report
}

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

var breakages = []breakage{
	{"malformed front matter", func(t *testing.T, src string) {
		writeFile(t, filepath.Join(src, "content/feil.md"), "---\ntitle: Feil\ntags: [a, b\nweight: 2\n---\nTekst\n")
	}, []string{"content/feil.md:", "malformed front matter"}},
	{"front matter never closed", func(t *testing.T, src string) {
		writeFile(t, filepath.Join(src, "content/feil.md"), "---\ntitle: Feil\n")
	}, []string{"content/feil.md:1: front matter starts with --- but never ends"}},
	{"wrong type in front matter", func(t *testing.T, src string) {
		writeFile(t, filepath.Join(src, "content/feil.md"), "---\ntitle: Feil\nweight: tung\ndate: i går\n---\n")
	}, []string{"content/feil.md:3:9: weight must be a whole number", "content/feil.md:4:7: date i går is not a date"}},
	{"missing layout", func(t *testing.T, src string) {
		os.Remove(filepath.Join(src, "layouts/single.html"))
	}, []string{"content/om.md", "no layout for page page /om/", "layouts/page/single.html", "layouts/single.html"}},
	{"unknown shortcode", func(t *testing.T, src string) {
		writeFile(t, filepath.Join(src, "content/feil.md"), "---\ntitle: Feil\n---\nEn linje\n\n{{< bokss >}}x{{< /bokss >}}\n")
	}, []string{"content/feil.md:6:1: unknown shortcode \"bokss\"", "did you mean \"boks\""}},
	{"template execution error", func(t *testing.T, src string) {
		writeFile(t, filepath.Join(src, "layouts/guide/single.html"), "{{ define \"main\" }}{{ index .Params.mangler 3 }}{{ end }}")
	}, []string{"content/guide/trinn-a.md", "rendering /guide/trinn-a/", "layouts/guide/single.html"}},
	{"template parse error", func(t *testing.T, src string) {
		writeFile(t, filepath.Join(src, "layouts/list.html"), "{{ define \"main\" }}{{ if }}{{ end }}")
	}, []string{"layouts/list.html:1: template parse error"}},
	{"two files, one URL", func(t *testing.T, src string) {
		writeFile(t, filepath.Join(src, "content/om/index.md"), "---\ntitle: Om igjen\n---\n")
	}, []string{"content/om.md and content/om/index.md both publish to /om/"}},
	{"invalid UTF-8", func(t *testing.T, src string) {
		writeFile(t, filepath.Join(src, "content/latin1.md"), "---\ntitle: S\xf8knad\n---\n")
	}, []string{"content/latin1.md:2: the file is not valid UTF-8"}},
	{"unreadable file", func(t *testing.T, src string) {
		os.Symlink(filepath.Join(src, "finnes-ikke.md"), filepath.Join(src, "content/borte.md"))
	}, []string{"content/borte.md: cannot read"}},
	{"unknown config key", func(t *testing.T, src string) {
		b, _ := os.ReadFile(filepath.Join(src, "hugo.toml"))
		writeFile(t, filepath.Join(src, "hugo.toml"), strings.Replace(string(b), "title =", "titel =", 1))
	}, []string{"hugo.toml:2: unknown key \"titel\""}},
	{"TypeScript error", func(t *testing.T, src string) {
		writeFile(t, filepath.Join(src, "assets/js/greet.ts"), "export function greet(who: string { return who }\n")
	}, []string{"assets/js/greet.ts:1:"}},
}

// TestBadInput: each kind of bad input is reported with its position, the build exits with an
// error and the previously published site is left byte-for-byte as it was.
func TestBadInput(t *testing.T) {
	for _, bc := range breakages {
		t.Run(bc.name, func(t *testing.T) {
			src := fixture(t)
			dest := filepath.Join(t.TempDir(), "public")
			mustBuild(t, Options{Source: src, Dest: dest})
			before := treeHash(t, dest)
			bc.apply(t, src)
			res, err := Build(Options{Source: src, Dest: dest})
			if err == nil {
				t.Fatal("build succeeded on bad input")
			}
			report := res.Diagnostics.Report()
			for _, want := range bc.want {
				if !strings.Contains(report, want) {
					t.Errorf("report lacks %q:\n%s", want, report)
				}
			}
			if after := treeHash(t, dest); after != before {
				t.Error("a failed build changed the published site")
			}
			entries, _ := os.ReadDir(filepath.Dir(dest))
			if len(entries) != 1 {
				t.Errorf("failed build left files beside public/: %v", entries)
			}
		})
	}
}

// TestAllErrorsReportedTogether: several problems in one build are all reported, not just the first.
func TestAllErrorsReportedTogether(t *testing.T) {
	src := fixture(t)
	for _, bc := range breakages[:1] {
		bc.apply(t, src)
	}
	breakages[4].apply(t, src) // unknown shortcode (writes content/feil.md too: use another file)
	writeFile(t, filepath.Join(src, "content/feil2.md"), "---\ntitle: X\nweight: x\n---\n")
	writeFile(t, filepath.Join(src, "content/feil3.md"), "---\ntitle: Y\n---\n{{< nope >}}\n")
	res, err := Build(Options{Source: src, Check: true})
	if err == nil {
		t.Fatal("check passed")
	}
	if n := len(res.Diagnostics.Errors()); n < 3 {
		t.Errorf("want at least 3 errors, got %d:\n%s", n, res.Diagnostics.Report())
	}
}

// TestSuccessfulBuildReplacesOld: a good build replaces the whole old tree (files of deleted pages go).
func TestSuccessfulBuildReplacesOld(t *testing.T) {
	src := fixture(t)
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Source: src, Dest: dest})
	os.Remove(filepath.Join(src, "content/om.md"))
	mustBuild(t, Options{Source: src, Dest: dest})
	if _, err := os.Stat(filepath.Join(dest, "om")); err == nil {
		t.Error("a deleted page's output survived the rebuild")
	}
}

// TestAssetErrorReportedOnce: a TypeScript syntax error is one diagnostic, at the script's own
// file:line:column with the line shown, not one per page that links to the bundle.
func TestAssetErrorReportedOnce(t *testing.T) {
	src := fixture(t)
	writeFile(t, filepath.Join(src, "assets/js/greet.ts"), "export function greet(who: string): string {\n  return `Hei, ${who}!` +;\n}\n")
	res, err := Build(Options{Source: src, Dest: filepath.Join(t.TempDir(), "public")})
	if err == nil {
		t.Fatal("the build succeeded")
	}
	errs := res.Diagnostics.Errors()
	if len(errs) != 1 {
		t.Fatalf("want one error, got %d:\n%s", len(errs), res.Diagnostics.Report())
	}
	e := errs[0]
	if e.File != "assets/js/greet.ts" || e.Line != 2 || e.Column != 26 || e.LineText != "  return `Hei, ${who}!` +;" {
		t.Errorf("error at %s:%d:%d %q: %s", e.File, e.Line, e.Column, e.LineText, e.Message)
	}
	if !strings.Contains(e.String(), "\t2 |   return `Hei, ${who}!` +;\n\t  |                          ^") {
		t.Errorf("no caret under the column:\n%s", e)
	}
}
