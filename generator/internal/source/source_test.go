package source

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"samvirke/generator/internal/diag"
)

func write(t *testing.T, path, s string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestWalk: regular files and links that stay inside the site are listed, in order; links out of
// the site, dangling links, pipes and devices are reported with what to do, for files and
// folders alike; a link back to a folder already walked is not walked twice.
func TestWalk(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	outside := filepath.Join(root, "outside")
	write(t, filepath.Join(site, "content", "b.md"), "b")
	write(t, filepath.Join(site, "content", "a", "c.md"), "c")
	write(t, filepath.Join(site, "shared", "d.md"), "d")
	write(t, filepath.Join(outside, "secret.md"), "secret")
	links := map[string]string{
		"content/inne.md":    filepath.Join(site, "shared", "d.md"), // a file inside: followed
		"content/delt":       filepath.Join(site, "shared"),         // a folder inside: followed
		"content/a/loop":     filepath.Join(site, "content"),        // back up: not walked again
		"content/ute.md":     filepath.Join(outside, "secret.md"),
		"content/ute-mappe":  outside,
		"content/passord.md": "/etc/passwd",
		"content/null.md":    "/dev/null",
		"content/borte.md":   "finnes-ikke.md",
		"content/.#b.md":     "kari@maskin.1234:1700000000", // Emacs's lock file: ignored
		"content/relativ.md": "b.md",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(site, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	fifo := filepath.Join(site, "content", "ror.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}

	d := &diag.List{}
	s := New(site)
	got := strings.Join(s.Walk("content", d), " ")
	if want := "content/a/c.md content/b.md content/delt/d.md content/inne.md content/relativ.md"; got != want {
		t.Errorf("Walk = %s\nwant   %s", got, want)
	}
	report := d.Report()
	for _, want := range []string{
		"content/ute.md: is a symbolic link to " + filepath.Join(outside, "secret.md") + ", outside the site folder",
		"copy the file into the site",
		"content/ute-mappe: is a symbolic link to " + outside + ", outside the site folder",
		"copy the folder into the site",
		"content/passord.md: is a symbolic link to /etc/passwd, outside the site folder",
		"content/null.md: is a symbolic link to /dev/null, outside the site folder",
		"content/borte.md: is a symbolic link to finnes-ikke.md, which does not exist",
		"content/ror.md: is a named pipe (FIFO), which would make the build wait forever, not a regular file",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
	if strings.Contains(report, ".#b.md") || strings.Contains(report, "loop") {
		t.Errorf("report mentions a lock file or the loop:\n%s", report)
	}
	if n := len(d.Errors()); n != 6 {
		t.Errorf("%d errors, want 6:\n%s", n, report)
	}
	if s.Walk("static", d) != nil {
		t.Error("a missing folder has files")
	}
}

// TestDevicesAndPipesAreNotRead: reading one is refused at once, without opening it (a pipe would
// block, /dev/zero never ends).
func TestDevicesAndPipesAreNotRead(t *testing.T) {
	site := t.TempDir()
	syscall.Mkfifo(filepath.Join(site, "hugo.toml"), 0o644)
	s := New(site)
	if _, err := s.ReadText("hugo.toml"); err == nil || !strings.Contains(err.Error(), "named pipe") {
		t.Errorf("ReadText(pipe) = %v", err)
	}
	// A device inside the site (as a link to it would be outside): the site is /dev.
	dev := New("/dev")
	if _, err := dev.ReadFile("zero"); err == nil || !strings.Contains(err.Error(), "is a device") {
		t.Errorf("ReadFile(/dev/zero) = %v", err)
	}
}

func TestReadTextLimit(t *testing.T) {
	site := t.TempDir()
	write(t, filepath.Join(site, "content", "stor.md"), strings.Repeat("x", 3<<20))
	write(t, filepath.Join(site, "content", "liten.md"), "liten")
	s := New(site)
	s.MaxFileSize, s.LimitSetting = 2<<20, "params.maxFileSizeMB"
	_, err := s.ReadText("content/stor.md")
	var pr *Problem
	if !errors.As(err, &pr) || pr.File != "content/stor.md" ||
		pr.Message != "is larger than the limit of 2.0 MB for a file the build reads (3.0 MB)" || !strings.Contains(pr.Hint, "params.maxFileSizeMB") {
		t.Errorf("ReadText(3 MB) = %#v", err)
	}
	if b, err := s.ReadText("content/liten.md"); err != nil || string(b) != "liten" {
		t.Errorf("ReadText(small) = %q, %v", b, err)
	}
	if b, err := s.ReadFile("content/stor.md"); err != nil || len(b) != 3<<20 {
		t.Errorf("ReadFile has no limit: %d, %v", len(b), err)
	}
	if _, err := s.ReadText("content/finnes-ikke.md"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

// TestSiteThroughALink: a site folder that is itself reached through a link, given relative.
func TestSiteThroughALink(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "real", "hugo.toml"), "title = 'x'")
	os.Symlink(filepath.Join(root, "real"), filepath.Join(root, "link"))
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	os.Chdir(root)
	s := New("link")
	if b, err := s.ReadText("hugo.toml"); err != nil || string(b) != "title = 'x'" {
		t.Errorf("ReadText through a linked site = %q, %v", b, err)
	}
	if rel, ok := s.Rel(filepath.Join(root, "real", "hugo.toml")); !ok || rel != "hugo.toml" {
		t.Errorf("Rel = %q %v", rel, ok)
	}
}
