package qa

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"samvirke/internal/browser"
)

// buildPortal builds the bundled portal (the repository's own content) with the samvirke command,
// as a municipality does, and returns its public/.
func buildPortal(t *testing.T) string {
	t.Helper()
	root, err := ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "samvirke")
	build := exec.Command("go", "build", "-o", bin, "./generator")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./generator: %v\n%s", err, out)
	}
	public := filepath.Join(dir, "public")
	if out, err := exec.Command(bin, "build", "--source", root, "--dest", public, "--index", filepath.Join(dir, "search.bleve")).CombinedOutput(); err != nil {
		t.Fatalf("samvirke build: %v\n%s", err, out)
	}
	return public
}

// TestPortal builds the bundled portal and runs every gate on it (or audits
// the directory that the environment variable SAMVIRKE_PUBLIC names,
// relative to the module root, as "public"). The static gates read every file; the browser gates load
// one page of each type of sitemap.xml (see PageType), plus / and
// /404.html, or every page with SAMVIRKE_AUDIT_ALL=1. The test fails on any
// finding of severity Error, and logs the report of all findings; with
// SAMVIRKE_QA_REPORT=file it also writes the report to that file.
func TestPortal(t *testing.T) {
	dir := os.Getenv("SAMVIRKE_PUBLIC")
	if dir == "" {
		dir = buildPortal(t)
	} else if !filepath.IsAbs(dir) {
		root, err := ModuleRoot()
		if err != nil {
			t.Fatal(err)
		}
		dir = filepath.Join(root, dir)
	}
	if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
		t.Fatalf("SAMVIRKE_PUBLIC=%s is not a built site: %v", dir, err)
	}

	var all []Finding
	t.Cleanup(func() { writeReport(t, all) })
	record := func(fs []Finding, err error) {
		t.Helper()
		requireTool(t, err)
		if err != nil {
			t.Error(err)
		}
		all = append(all, fs...)
	}

	links, err := Links(dir)
	if err != nil {
		t.Fatal(err)
	}
	all = append(all, links.Findings...)
	record(StaticPrivacy(dir))
	record(HTMLValidity(dir, nil))

	pages, err := SitemapPages(dir)
	if err != nil {
		t.Logf("no usable sitemap.xml (%v); auditing the pages the crawl reached", err)
		pages = links.Pages
	}
	if os.Getenv("SAMVIRKE_AUDIT_ALL") == "" {
		pages = OnePerType(pages)
	}
	for _, p := range []string{"/", "/404.html"} {
		if _, how := newSite(dir).resolve(p); how == found && !slices.Contains(pages, p) {
			pages = append(pages, p)
		}
	}
	t.Logf("browser gates on %d pages: %s", len(pages), strings.Join(pages, " "))

	srv, err := Serve(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ctx := browser.New(t)
	for _, p := range pages {
		for _, g := range []func(context.Context, string, string) ([]Finding, error){Axe, Keyboard, Reflow, Zoom, Privacy, Phone} {
			record(g(ctx, srv.URL, p))
		}
	}
	if errs := Errors(all); len(errs) > 0 {
		t.Errorf("%d errors (%s); the report follows", len(errs), Summary(all))
	}
}

func writeReport(t *testing.T, fs []Finding) {
	var b strings.Builder
	Report(&b, fs)
	t.Logf("summary: %s\n%s", Summary(fs), b.String())
	if path := os.Getenv("SAMVIRKE_QA_REPORT"); path != "" {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Error(err)
		}
	}
}
