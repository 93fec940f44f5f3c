package legal_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"samvirke/generator/internal/build"
	"samvirke/generator/internal/config"
	"samvirke/generator/internal/content"
	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/features"
	"samvirke/generator/internal/legal"
	"samvirke/generator/internal/site"
)

// today is the build day of every test: the day the bundled content was last verified.
var today = time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)

func newFeature(now time.Time) *legal.Feature {
	f := legal.New()
	f.Now = func() time.Time { return now }
	return f
}

// repoRoot walks up from the test's directory to the go.mod.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found")
		}
		dir = parent
	}
}

// prepare runs the feature's Prepare over content files given as path -> source (paths relative
// to the site, "content/lovverk/x.md"), without rendering anything.
func prepare(t *testing.T, files map[string]string, now time.Time) (*legal.Feature, *diag.List) {
	t.Helper()
	d := &diag.List{}
	var parsed []*content.File
	for path, src := range files {
		f, problems := content.Parse(path, []byte(src))
		for _, p := range problems {
			d.Add(p)
		}
		if f != nil {
			parsed = append(parsed, f)
		}
	}
	cfg := &config.Config{BaseURL: "https://portal.example/", Title: "Test", LanguageCode: "nb",
		DefaultContentLanguage: "nb", Params: map[string]any{}, Site: config.Params{LegalStaleMonths: 12}}
	s := site.New(cfg, parsed, false, d)
	f := newFeature(now)
	f.Load(&feature.Context{Site: s, Diag: d})
	return f, d
}

// withLegal is every feature of a real build (features.All), wired to the legal feature given.
func withLegal(f *legal.Feature) []feature.Feature {
	return features.With(f, "")
}

// fixtureSite makes a site in a temporary directory from the repository's hugo.toml, layouts,
// assets and i18n, and the given content files (path relative to the site -> source).
func fixtureSite(t *testing.T, files map[string]string) string {
	t.Helper()
	root := repoRoot(t)
	dir := t.TempDir()
	for _, sub := range []string{"layouts", "assets", "i18n"} {
		copyTree(t, filepath.Join(root, sub), filepath.Join(dir, sub))
	}
	cfg, err := os.ReadFile(filepath.Join(root, "hugo.toml"))
	if err != nil {
		t.Fatal(err)
	}
	files["hugo.toml"] = string(cfg) + files["hugo.toml"]
	for rel, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if e.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// buildSite builds src into a temporary directory with the real features.
func buildSite(t *testing.T, src string, f *legal.Feature, o build.Options) (*build.Result, string, error) {
	t.Helper()
	o.Source = src
	if o.Dest == "" && !o.Check {
		o.Dest = filepath.Join(t.TempDir(), "public")
	}
	o.Features = withLegal(f)
	res, err := build.Build(o)
	return res, o.Dest, err
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeFile(t *testing.T, path, src string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
}

func has(list []diag.Diagnostic, file string, line int, msg string) bool {
	for _, d := range list {
		if d.File == file && (line == 0 || d.Line == line) && strings.Contains(d.Message, msg) {
			return true
		}
	}
	return false
}

// inGroup returns the warnings of a group.
func inGroup(d *diag.List, group string) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, w := range d.Warnings() {
		if w.Group == group {
			out = append(out, w)
		}
	}
	return out
}
