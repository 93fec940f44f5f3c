package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"samvirke/generator/internal/contenttest"
	"samvirke/generator/internal/hugocli"
	"samvirke/generator/internal/publish"
	"samvirke/generator/internal/sitesearch"
)

// TestBuildWithHugo: samvirke build --hugo=PATH builds the bundled portal with the real Hugo CLI:
// exit 0, samvirke's legal report, the search index beside the output and the output marked as
// samvirke's; a second build replaces the first. samvirke index then makes an index of that site
// which answers as the build's own.
func TestBuildWithHugo(t *testing.T) {
	cli := contenttest.Hugo(t)
	bin := binary(t)
	repo := contenttest.RepoRoot(t)
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	for i := range 2 {
		out, errOut, code := runCmd(t, bin, "build", "--source", repo, "--dest", dest, "--hugo="+cli.Path)
		if code != exitOK {
			t.Fatalf("build --hugo %d: exit %d\n%s%s", i+1, code, out, errOut)
		}
		if !strings.Contains(out, "with hugo "+hugocli.Version) || !strings.Contains(errOut, "legal registry: unverified") {
			t.Errorf("build --hugo %d: the summary or the legal report is missing:\n%s%s", i+1, out, errOut)
		}
	}
	for _, f := range []string{
		filepath.Join(dest, publish.MarkerName), filepath.Join(dest, "index.html"), filepath.Join(dest, "beslutningstrer", "samarbeidsniva", "vold", "index.html"),
		filepath.Join(dest, "lovverk", "index.json"), filepath.Join(dest, sitesearch.FallbackFile), filepath.Join(root, "search.bleve", publish.MarkerName),
	} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("after build --hugo: %v", err)
		}
	}
	if _, err := os.Stat(filepath.Join(repo, ".hugo_build.lock")); err == nil {
		t.Error("hugo left .hugo_build.lock in the source")
	}

	index := filepath.Join(t.TempDir(), "idx")
	out, errOut, code := runCmd(t, bin, "index", "--public", dest, "--index", index, "--source", repo)
	if code != exitOK || !strings.Contains(out, "indexed ") {
		t.Fatalf("index: exit %d\n%s%s", code, out, errOut)
	}
	docs, err := sitesearch.Documents(dest)
	if err != nil {
		t.Fatal(err)
	}
	contenttest.SameAnswers(t, filepath.Join(root, "search.bleve"), index, docs)
}

// TestHugoMissingOrWrong: --hugo with no Hugo there, or with another version of it, is a usage
// error (exit 2) that says what to install, and nothing is written.
func TestHugoMissingOrWrong(t *testing.T) {
	bin := binary(t)
	site := filepath.Join("internal", "build", "testdata", "site")
	fake := filepath.Join(t.TempDir(), "hugo")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\necho 'hugo v0.150.0-abc linux/amd64 BuildDate=unknown'\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ hugo, want string }{
		{filepath.Join(t.TempDir(), "nohugo"), "the Hugo CLI was not found"},
		{fake, "is Hugo 0.150.0; samvirke's layouts are tested with Hugo " + hugocli.Version},
	} {
		dest := filepath.Join(t.TempDir(), "public")
		_, errOut, code := runCmd(t, bin, "build", "--source", site, "--dest", dest, "--hugo="+c.hugo)
		if code != exitUsage || !strings.Contains(errOut, c.want) || !strings.Contains(errOut, "go install github.com/gohugoio/hugo@v"+hugocli.Version) {
			t.Errorf("--hugo=%s: exit %d, want %d with %q and how to install:\n%s", c.hugo, code, exitUsage, c.want, errOut)
		}
		if _, err := os.Stat(dest); err == nil {
			t.Errorf("--hugo=%s: %s was created", c.hugo, dest)
		}
	}
}

// TestIndexCommandRefuses: samvirke index needs --public, a built site with search documents, and
// an index folder it may replace (absent, empty or samvirke's); otherwise it stops with exit 2
// (usage, destination) or 1 (the site has no search documents), leaving everything as it was.
func TestIndexCommandRefuses(t *testing.T) {
	bin := binary(t)
	site := filepath.Join("internal", "build", "testdata", "site")
	root := t.TempDir()
	public := filepath.Join(root, "public")
	if _, errOut, code := runCmd(t, bin, "build", "--source", site, "--dest", public); code != exitOK {
		t.Fatalf("build: %s", errOut)
	}
	mine := filepath.Join(root, "mine")
	os.MkdirAll(mine, 0o755)
	os.WriteFile(filepath.Join(mine, "notes.txt"), []byte("not samvirke's"), 0o644)
	bare := filepath.Join(root, "bare")
	os.MkdirAll(bare, 0o755)
	os.WriteFile(filepath.Join(bare, "index.html"), []byte("<p>hei</p>"), 0o644)

	for _, c := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no --public", []string{"index", "--source", site}, exitUsage, "--public is required"},
		{"not a folder", []string{"index", "--public", filepath.Join(root, "nothing"), "--source", site}, exitUsage, "is not a directory"},
		{"a folder samvirke did not make", []string{"index", "--public", public, "--index", mine, "--source", site}, exitUsage, "samvirke"},
		{"the site itself", []string{"index", "--public", public, "--index", public, "--source", site}, exitUsage, ""},
		{"no search documents", []string{"index", "--public", bare, "--index", filepath.Join(root, "i2"), "--source", site}, exitContent, "search-fallback.json"},
	} {
		_, errOut, code := runCmd(t, bin, c.args...)
		if code != c.code || !strings.Contains(errOut, c.want) {
			t.Errorf("%s: exit %d, want %d with %q:\n%s", c.name, code, c.code, c.want, errOut)
		}
	}
	if b, err := os.ReadFile(filepath.Join(mine, "notes.txt")); err != nil || string(b) != "not samvirke's" {
		t.Error("the refused folder was touched")
	}
	if _, err := os.Stat(filepath.Join(root, "i2")); err == nil {
		t.Error("a failed index left its folder")
	}
	// The same index twice: the second replaces the first.
	for i := range 2 {
		if out, errOut, code := runCmd(t, bin, "index", "--public", public, "--source", site); code != exitOK {
			t.Fatalf("index %d: exit %d\n%s%s", i+1, code, out, errOut)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "search.bleve", publish.MarkerName)); err != nil {
		t.Error(err)
	}
}
