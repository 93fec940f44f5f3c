package legaltest

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"samvirke/generator/internal/build"
	"samvirke/generator/internal/contenttest"
	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/features"
	"samvirke/generator/internal/legal"
)

// Tests over the bundled legal registry and the portal built from it: the registry pinned to
// legal-facts.md, its report, backlinks, the export, the outdated badges and the browser tests.

// today is the build day of every test: the day the bundled content was last verified.
var today = time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)

func newFeature(now time.Time) *legal.Feature {
	f := legal.New()
	f.Now = func() time.Time { return now }
	return f
}

func repoRoot(t testing.TB) string { return contenttest.RepoRoot(t) }

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func has(list []diag.Diagnostic, file string, line int, msg string) bool {
	for _, d := range list {
		if d.File == file && (line == 0 || d.Line == line) && strings.Contains(d.Message, msg) {
			return true
		}
	}
	return false
}

// bundled is the repository's own portal, built once for the tests that read it.
var bundled struct {
	once sync.Once
	res  *build.Result
	f    *legal.Feature
	dest string
	err  error
}

func buildBundled(t *testing.T) (*build.Result, *legal.Feature, string) {
	t.Helper()
	bundled.once.Do(func() {
		dir, err := os.MkdirTemp("", "samvirke-legal-test-")
		if err != nil {
			bundled.err = err
			return
		}
		bundled.dest = filepath.Join(dir, "public")
		bundled.f = newFeature(today)
		bundled.res, bundled.err = build.Build(build.Options{Source: repoRoot(t), Dest: bundled.dest, Features: features.With(bundled.f, "")})
	})
	if bundled.err != nil {
		report := ""
		if bundled.res != nil {
			report = bundled.res.Diagnostics.Report()
		}
		t.Fatalf("building the bundled portal: %v\n%s", bundled.err, report)
	}
	return bundled.res, bundled.f, bundled.dest
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bundled.dest != "" {
		os.RemoveAll(filepath.Dir(bundled.dest))
	}
	os.Exit(code)
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
