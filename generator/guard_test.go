package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fingerprint lists every path under dir with its type and the hash of its content, so that two
// fingerprints are equal only when the folder is byte-for-byte the same.
func fingerprint(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(&b, "%s %v", rel, e.Type())
		if e.Type().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			fmt.Fprintf(&b, " %x", sha256.Sum256(data))
		}
		b.WriteByte('\n')
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestBuildRefusesDestinations: samvirke build --dest and --index refuse, with exit 2, a message
// and every folder left byte-for-byte as it was: the source folder, a folder inside content/,
// layouts/, assets/, static/, i18n/ or data/, a parent of the source, and an existing non-empty
// folder that samvirke did not make.
func TestBuildRefusesDestinations(t *testing.T) {
	fixture := filepath.Join("internal", "build", "testdata", "site")
	for _, c := range []struct {
		name string
		args func(root, src string) []string
		want string
	}{
		{"the source folder", func(root, src string) []string { return []string{"--dest", src} }, "it is the site source folder"},
		{"inside content/", func(root, src string) []string { return []string{"--dest", filepath.Join(src, "content")} }, "inside the site's content/ folder"},
		{"a new folder inside content/", func(root, src string) []string { return []string{"--dest", filepath.Join(src, "content", "public")} }, "inside the site's content/ folder"},
		{"inside layouts/", func(root, src string) []string { return []string{"--dest", filepath.Join(src, "layouts", "x")} }, "layouts/"},
		{"inside assets/", func(root, src string) []string { return []string{"--dest", filepath.Join(src, "assets")} }, "assets/"},
		{"inside static/", func(root, src string) []string { return []string{"--dest", filepath.Join(src, "static", "img")} }, "static/"},
		{"inside i18n/", func(root, src string) []string { return []string{"--dest", filepath.Join(src, "i18n")} }, "i18n/"},
		{"inside data/", func(root, src string) []string { return []string{"--dest", filepath.Join(src, "data", "out")} }, "data/"},
		{"a parent of the source", func(root, src string) []string { return []string{"--dest", root} }, "it contains the site source"},
		{"an unrelated folder", func(root, src string) []string { return []string{"--dest", filepath.Join(root, "rapporter")} }, "samvirke did not make"},
		{"--index: the source folder", func(root, src string) []string {
			return []string{"--dest", filepath.Join(root, "ut", "public"), "--index", src}
		}, "it is the site source folder"},
		{"--index: inside layouts/", func(root, src string) []string {
			return []string{"--dest", filepath.Join(root, "ut", "public"), "--index", filepath.Join(src, "layouts")}
		}, "layouts/"},
		{"--index: a parent of the source", func(root, src string) []string {
			return []string{"--dest", filepath.Join(root, "ut", "public"), "--index", root}
		}, "it contains the site source"},
		{"--index: an unrelated folder", func(root, src string) []string {
			return []string{"--dest", filepath.Join(root, "ut", "public"), "--index", filepath.Join(root, "rapporter")}
		}, "samvirke did not make"},
		{"--index: inside the output", func(root, src string) []string {
			return []string{"--dest", filepath.Join(root, "ut", "public"), "--index", filepath.Join(root, "ut", "public", "idx")}
		}, "keep the search index beside"},
	} {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			src := filepath.Join(root, "site")
			if err := os.CopyFS(src, os.DirFS(fixture)); err != nil {
				t.Fatal(err)
			}
			os.MkdirAll(filepath.Join(root, "rapporter"), 0o755)
			os.WriteFile(filepath.Join(root, "rapporter", "report.odt"), []byte("the only copy"), 0o644)
			before := fingerprint(t, root)
			var stdout, stderr bytes.Buffer
			code := run(append([]string{"build", "--source", src}, c.args(root, src)...), &stdout, &stderr)
			if code != exitUsage {
				t.Errorf("exit %d, want %d\n%s%s", code, exitUsage, stdout.String(), stderr.String())
			}
			if msg := stderr.String(); !strings.Contains(msg, "refusing to replace") || !strings.Contains(msg, c.want) || !strings.Contains(msg, "nothing was changed") {
				t.Errorf("message lacks %q:\n%s", c.want, msg)
			}
			if after := fingerprint(t, root); after != before {
				t.Errorf("the folders changed:\n%s\nwere\n%s", after, before)
			}
		})
	}

	// What it does accept: its own earlier output, and an empty folder.
	root := t.TempDir()
	src := filepath.Join(root, "site")
	os.CopyFS(src, os.DirFS(fixture))
	dest := filepath.Join(root, "empty")
	os.MkdirAll(dest, 0o755)
	for i := 0; i < 2; i++ {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"build", "--source", src, "--dest", dest}, &stdout, &stderr); code != exitOK {
			t.Fatalf("build %d into %s: exit %d\n%s", i+1, dest, code, stderr.String())
		}
	}
}
