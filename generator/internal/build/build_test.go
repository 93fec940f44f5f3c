package build

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"syscall"
	"testing"

	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/sitesearch"
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
	}, []string{"content/borte.md: is a symbolic link to", "finnes-ikke.md, which does not exist"}},
	{"symbolic link to a file outside the site", func(t *testing.T, src string) {
		os.Symlink("/etc/passwd", filepath.Join(src, "content/passord.md"))
	}, []string{"content/passord.md: is a symbolic link to /etc/passwd, outside the site folder", "copy the file into the site"}},
	{"symbolic link to a folder outside the site", func(t *testing.T, src string) {
		outside := t.TempDir()
		writeFile(t, filepath.Join(outside, "hemmelig.md"), "---\ntitle: Hemmelig\n---\n")
		os.Symlink(outside, filepath.Join(src, "content/ute"))
	}, []string{"content/ute: is a symbolic link to", "outside the site folder", "copy the folder into the site"}},
	{"symbolic link to a device", func(t *testing.T, src string) {
		os.Symlink("/dev/zero", filepath.Join(src, "content/null.md"))
	}, []string{"content/null.md: is a symbolic link to /dev/zero, outside the site folder"}},
	{"named pipe", func(t *testing.T, src string) {
		if err := syscall.Mkfifo(filepath.Join(src, "content/ror.md"), 0o644); err != nil {
			t.Skip(err)
		}
	}, []string{"content/ror.md: is a named pipe (FIFO)", "remove it from the site folder"}},
	{"named pipe in static/", func(t *testing.T, src string) {
		if err := syscall.Mkfifo(filepath.Join(src, "static/ror"), 0o644); err != nil {
			t.Skip(err)
		}
	}, []string{"static/ror: is a named pipe (FIFO)"}},
	{"named pipe as hugo.toml", func(t *testing.T, src string) {
		os.Remove(filepath.Join(src, "hugo.toml"))
		if err := syscall.Mkfifo(filepath.Join(src, "hugo.toml"), 0o644); err != nil {
			t.Skip(err)
		}
	}, []string{"hugo.toml: is a named pipe (FIFO)"}},
	{"content file over the size limit", func(t *testing.T, src string) {
		writeFile(t, filepath.Join(src, "content/stor.md"), "---\ntitle: Stor\n---\n"+strings.Repeat("Et avsnitt om samarbeid.\n\n", 200_000))
	}, []string{"content/stor.md: is larger than the limit of 4.0 MB for a file the build reads (5.0 MB)", "raise params.maxFileSizeMB in hugo.toml"}},
	{"lists nested too deep", func(t *testing.T, src string) {
		var b strings.Builder
		b.WriteString("---\ntitle: Dyp\n---\nTekst.\n\n")
		for i := 0; i < 1000; i++ { // 1 MB, within the size limit; goldmark would take seconds
			b.WriteString(strings.Repeat("  ", i) + "- nivå\n")
		}
		writeFile(t, filepath.Join(src, "content/dyp.md"), b.String())
	}, []string{"content/dyp.md:56: lists or block quotes nest 51 levels deep here; at most 50 are allowed"}},
	{"lists nested too deep on one line", func(t *testing.T, src string) {
		writeFile(t, filepath.Join(src, "content/dyp.md"), "---\ntitle: Dyp\n---\n"+strings.Repeat("- ", 10000)+"bunn\n")
	}, []string{"content/dyp.md:4: lists or block quotes nest 10000 levels deep here"}},
	{"layout over the size limit", func(t *testing.T, src string) {
		writeFile(t, filepath.Join(src, "layouts/_partials/stor.html"), strings.Repeat("<p>x</p>\n", 500_000))
	}, []string{"layouts/_partials/stor.html: is larger than the limit of 4.0 MB"}},
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

// TestRemovesLeftovers: a build removes the staging folders that a killed build left beside
// public/ and the search index, and only those.
func TestRemovesLeftovers(t *testing.T) {
	src := fixture(t)
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	mustBuild(t, Options{Source: src, Dest: dest})
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	dead := cmd.Process.Pid // a build that was killed
	for _, name := range []string{fmt.Sprintf(".public.staging-%d-12345", dead), fmt.Sprintf(".search.bleve.staging-%d-9", dead)} {
		writeFile(t, filepath.Join(root, name, "big.html"), strings.Repeat("x", 1<<20))
	}
	writeFile(t, filepath.Join(root, ".public.staging-notes", "mine.txt"), "not samvirke's")
	mustBuild(t, Options{Source: src, Dest: dest, Features: []feature.Feature{sitesearch.New("")}})
	var names []string
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != ".public.staging-notes public search.bleve" {
		t.Errorf("beside public/: %s", got)
	}
}

// TestConfigErrorFirst: a value of the wrong type in hugo.toml is the only error reported (the
// real one, at its line), not the first of a cascade of follow-on errors in the content.
func TestConfigErrorFirst(t *testing.T) {
	src := fixture(t)
	b, _ := os.ReadFile(filepath.Join(src, "hugo.toml"))
	writeFile(t, filepath.Join(src, "hugo.toml"), strings.Replace(string(b), `title = "Testportal"`, "title = 5", 1))
	writeFile(t, filepath.Join(src, "content/feil.md"), "---\ntitle: Feil\n---\n{{< ukjent >}}\n")
	res, err := Build(Options{Source: src, Check: true})
	if err == nil {
		t.Fatal("check passed")
	}
	errs := res.Diagnostics.Errors()
	if len(errs) != 1 || errs[0].File != "hugo.toml" || errs[0].Line != 2 || errs[0].Message != "title must be text in quotes, not an integer" {
		t.Errorf("want exactly the type error, got:\n%s", res.Diagnostics.Report())
	}
	if r := res.Diagnostics.Report(); !strings.Contains(r, "the content was not checked: fix the errors in hugo.toml first") {
		t.Errorf("the report does not say the content was not checked:\n%s", r)
	}

	writeFile(t, filepath.Join(src, "hugo.toml"), strings.Replace(string(b), `baseURL = "https://example.org/"`, `baseURL = "javascript:alert(1)//"`, 1))
	res, err = Build(Options{Source: src, Check: true})
	if err == nil || !strings.Contains(res.Diagnostics.Report(), `hugo.toml:1: baseURL "javascript:alert(1)//" is not an http:// or https:// address`) {
		t.Errorf("javascript: baseURL accepted:\n%s", res.Diagnostics.Report())
	}
	res, err = Build(Options{Source: fixture(t), Check: true, BaseURL: "javascript:alert(1)"})
	if err == nil || !strings.Contains(res.Diagnostics.Report(), `--baseURL: baseURL "javascript:alert(1)" is not an http:// or https:// address`) {
		t.Errorf("javascript: --baseURL accepted:\n%s", res.Diagnostics.Report())
	}
}

// TestOddFileNames: names with spaces, æøå, ? and # publish to percent-encoded addresses that the
// sitemap and the links use and a web server finds; names that cannot be an address, or that
// clash once lower-cased and Unicode-normalised, are errors naming the file.
func TestOddFileNames(t *testing.T) {
	src := fixture(t)
	page := func(title string) string { return "---\ntitle: " + title + "\n---\nTekst.\n" }
	writeFile(t, filepath.Join(src, "content/sær mappe/_index.md"), page("Sær mappe"))
	writeFile(t, filepath.Join(src, "content/sær mappe/hva nå?.md"), page("Hva nå"))
	writeFile(t, filepath.Join(src, "content/sær mappe/c#.md"), page("C sharp"))
	writeFile(t, filepath.Join(src, "content/sær mappe/100%.md"), page("Hundre prosent"))
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Source: src, Dest: dest})

	sitemap := read(t, filepath.Join(dest, "sitemap.xml"))
	for _, loc := range []string{
		"<loc>https://example.org/s%C3%A6r%20mappe/</loc>",
		"<loc>https://example.org/s%C3%A6r%20mappe/hva%20n%C3%A5%3F/</loc>",
		"<loc>https://example.org/s%C3%A6r%20mappe/c%23/</loc>",
		"<loc>https://example.org/s%C3%A6r%20mappe/100%25/</loc>",
	} {
		if !strings.Contains(sitemap, loc) {
			t.Errorf("sitemap lacks %s:\n%s", loc, sitemap)
		}
	}
	// Every link of the section page leads to its page through a web server.
	srv := httptest.NewServer(http.FileServer(http.Dir(dest)))
	defer srv.Close()
	get := func(u string) (int, string) {
		resp, err := http.Get(srv.URL + u)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	code, list := get("/s%C3%A6r%20mappe/")
	if code != 200 {
		t.Fatalf("the section: %d", code)
	}
	hrefs := regexp.MustCompile(`href="(/s[^"]*)"`).FindAllStringSubmatch(list, -1)
	if len(hrefs) != 4 { // the nav link to the section and its three pages
		t.Fatalf("links in the section page: %v\n%s", hrefs, list)
	}
	for _, m := range hrefs {
		if strings.ContainsAny(m[1], " ?#") {
			t.Errorf("link %q is not encoded", m[1])
		}
		u, err := url.Parse(m[1])
		if err != nil {
			t.Errorf("link %q: %v", m[1], err)
			continue
		}
		if code, body := get(u.EscapedPath()); code != 200 || !strings.Contains(body, "<h1>") {
			t.Errorf("link %q: status %d", m[1], code)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "sær mappe", "hva nå?", "index.html")); err != nil {
		t.Errorf("output file: %v", err)
	}

	for _, c := range []struct {
		name  string
		files []string
		want  string
	}{
		{"a dot name", []string{"content/..md"}, `content/..md: the file name cannot be a web address: "..md" would be the segment "."`},
		{"an empty name", []string{"content/guide/.md"}, `content/guide/.md: the file name cannot be a web address: it has an empty name`},
		{"a backslash", []string{`content/a\b.md`}, `contains a backslash`},
		{"a trailing dot", []string{"content/slutt..md"}, `ends with a dot`},
		{"case", []string{"content/Søknad.md", "content/søknad.md"}, "content/Søknad.md and content/søknad.md both publish to /søknad/"},
		{"Unicode normalisation", []string{"content/s\u00e5.md", "content/sa\u030a.md"}, "both publish to /s\u00e5/"},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := fixture(t)
			for _, f := range c.files {
				writeFile(t, filepath.Join(src, filepath.FromSlash(f)), page("X"))
			}
			res, err := Build(Options{Source: src, Check: true})
			if err == nil || !strings.Contains(res.Diagnostics.Report(), c.want) {
				t.Errorf("report lacks %q:\n%s", c.want, res.Diagnostics.Report())
			}
		})
	}
}
