package publish

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestStageAndSwap(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	for i, content := range []string{"first", "second"} {
		staged, err := Stage(dest)
		if err != nil {
			t.Fatal(err)
		}
		if err := (Dir{Root: staged}).WriteFile("a/index.html", []byte(content)); err != nil {
			t.Fatal(err)
		}
		if i == 1 {
			// the old tree had a file the new one has not
			os.WriteFile(filepath.Join(dest, "old.html"), []byte("x"), 0o644)
		}
		if err := Swap(staged, dest); err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(filepath.Join(dest, "a", "index.html"))
		if string(b) != content {
			t.Errorf("after swap %d: %q", i, b)
		}
		if _, err := os.Stat(filepath.Join(dest, MarkerName)); err != nil {
			t.Errorf("after swap %d: no marker: %v", i, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "old.html")); err == nil {
		t.Error("old tree survived the swap")
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	if len(entries) != 1 {
		t.Errorf("left beside dest: %v", entries)
	}
}

func TestDirRefusesEscapes(t *testing.T) {
	root := t.TempDir()
	for _, rel := range []string{"../x", "a/../../x", "/etc/x", "", "a//b", "./a", `a\..\..\x`} {
		if err := (Dir{Root: root}).WriteFile(rel, nil); err == nil {
			t.Errorf("wrote %q", rel)
		}
	}
	if err := (Dir{Root: root}).WriteFile("a..b/c...html", []byte("ok")); err != nil {
		t.Errorf("dots inside a name are fine: %v", err)
	}
}

// newTree makes a folder with files and returns it.
func newTree(t *testing.T, dir string, files map[string]string) string {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// snapshot lists every path under dir with its content, for byte-for-byte comparisons.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(&b, "%s %v", rel, fi.Mode())
		if fi.Mode().IsRegular() {
			data, _ := os.ReadFile(p)
			fmt.Fprintf(&b, " %q", data)
		}
		b.WriteByte('\n')
		return nil
	})
	return b.String()
}

func TestCheckDest(t *testing.T) {
	root := t.TempDir()
	src := newTree(t, filepath.Join(root, "site"), map[string]string{
		"hugo.toml": "title = 'x'", "content/a.md": "a", "layouts/baseof.html": "l", "assets/x.css": "c",
		"static/x.png": "p", "i18n/nb.yaml": "i", "data/d.yaml": "d",
	})
	newTree(t, filepath.Join(root, "other"), map[string]string{"report.odt": "a report"})
	os.MkdirAll(filepath.Join(root, "empty"), 0o755)
	newTree(t, filepath.Join(root, "earlier"), map[string]string{MarkerName: markerText, "index.html": "x"})
	newTree(t, filepath.Join(root, "legacy"), map[string]string{"search-fallback.json": "[]", "sitemap.xml": "<x/>", "index.html": "x"})
	newTree(t, filepath.Join(root, "legacy-index"), map[string]string{"samvirke.json": "{}", "bleve/x": "x"})
	os.WriteFile(filepath.Join(root, "file"), []byte("a file"), 0o644)
	os.Symlink(filepath.Join(root, "earlier"), filepath.Join(root, "link"))

	for _, c := range []struct {
		dest, reason string // reason empty: allowed
	}{
		{"site", "site source folder"},
		{"site/content", "inside the site's content/ folder"},
		{"site/content/new/public", "inside the site's content/ folder"},
		{"site/layouts", "layouts/"},
		{"site/assets/out", "assets/"},
		{"site/static", "static/"},
		{"site/i18n", "i18n/"},
		{"site/data/x", "data/"},
		{".", "contains the site source"},
		{"other", "samvirke did not make"},
		{"file", "is a file"},
		{"link", "symbolic link"},
		{"site/public", ""},
		{"new/public", ""},
		{"empty", ""},
		{"earlier", ""},
		{"legacy", ""},
		{"legacy-index", ""},
	} {
		err := CheckDest(src, filepath.Join(root, filepath.FromSlash(c.dest)))
		switch {
		case c.reason == "" && err != nil:
			t.Errorf("%s: %v", c.dest, err)
		case c.reason != "" && !IsRefused(err):
			t.Errorf("%s: not refused (%v)", c.dest, err)
		case c.reason != "" && !strings.Contains(err.Error(), c.reason):
			t.Errorf("%s: %v, want %q", c.dest, err, c.reason)
		}
	}
	// Through a symbolic link to the source, and with a relative path.
	os.Symlink(src, filepath.Join(root, "site-link"))
	if err := CheckDest(src, filepath.Join(root, "site-link", "content")); !IsRefused(err) {
		t.Errorf("content/ through a link to the source: %v", err)
	}
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	os.Chdir(filepath.Join(src, "content"))
	if err := CheckDest("..", "."); !IsRefused(err) {
		t.Errorf("relative --dest . inside content/: %v", err)
	}
}

func TestCheckApart(t *testing.T) {
	root := t.TempDir()
	pub := filepath.Join(root, "public")
	for _, c := range []struct {
		index string
		ok    bool
	}{
		{filepath.Join(root, "search.bleve"), true},
		{filepath.Join(pub, "search.bleve"), false},
		{pub, false},
		{root, false},
	} {
		if err := CheckApart(pub, c.index); (err == nil) != c.ok {
			t.Errorf("index %s: %v", c.index, err)
		}
	}
}

// TestSwapRefusesForeignFolder: the check is repeated at the swap, and refuses with the folder
// left as it was.
func TestSwapRefusesForeignFolder(t *testing.T) {
	root := t.TempDir()
	dest := newTree(t, filepath.Join(root, "public"), map[string]string{"report.odt": "mine"})
	before := snapshot(t, dest)
	staged, err := Stage(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := Swap(staged, dest); !IsRefused(err) {
		t.Fatalf("Swap = %v, want a refusal", err)
	}
	if after := snapshot(t, dest); after != before {
		t.Errorf("the folder changed:\n%s\nwas\n%s", after, before)
	}
}

// TestSwapByRename tests the fallback used where the directories cannot be exchanged atomically
// (macOS, Windows), on this system.
func TestSwapByRename(t *testing.T) {
	root := t.TempDir()
	dest := newTree(t, filepath.Join(root, "public"), map[string]string{MarkerName: markerText, "old.html": "old"})
	staged := newTree(t, filepath.Join(root, ".public.staging-1-1"), map[string]string{"new.html": "new"})
	if err := swapByRename(staged, dest); err != nil {
		t.Fatal(err)
	}
	if got := snapshot(t, dest); !strings.Contains(got, `"new"`) || strings.Contains(got, "old.html") {
		t.Errorf("after the swap:\n%s", got)
	}
	if entries, _ := os.ReadDir(root); len(entries) != 1 {
		t.Errorf("left beside public: %v", entries)
	}
}

// TestSwapByRenameRestores: when the new tree cannot be renamed in, the old one is put back.
func TestSwapByRenameRestores(t *testing.T) {
	t.Run("staged tree missing", func(t *testing.T) {
		root := t.TempDir()
		dest := newTree(t, filepath.Join(root, "public"), map[string]string{MarkerName: markerText, "old.html": "old"})
		before := snapshot(t, dest)
		if err := swapByRename(filepath.Join(root, "gone"), dest); err == nil {
			t.Fatal("no error")
		}
		if after := snapshot(t, dest); after != before {
			t.Errorf("public changed:\n%s", after)
		}
		if entries, _ := os.ReadDir(root); len(entries) != 1 {
			t.Errorf("left beside public: %v", entries)
		}
	})
	t.Run("rename in fails", func(t *testing.T) {
		root := t.TempDir()
		dest := newTree(t, filepath.Join(root, "public"), map[string]string{MarkerName: markerText, "old.html": "old"})
		staged := newTree(t, filepath.Join(root, "staged"), map[string]string{"new.html": "new"})
		before := snapshot(t, dest)
		calls := 0
		rename = func(a, b string) error {
			calls++
			if calls == 2 {
				return errors.New("injected failure")
			}
			return os.Rename(a, b)
		}
		defer func() { rename = os.Rename }()
		err := swapByRename(staged, dest)
		if err == nil || !strings.Contains(err.Error(), "injected failure") || !strings.Contains(err.Error(), "left as it was") {
			t.Fatalf("err = %v", err)
		}
		if after := snapshot(t, dest); after != before {
			t.Errorf("public changed:\n%s", after)
		}
	})
}

// deadPID returns the id of a process that has exited.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	if alive(cmd.Process.Pid) {
		t.Skip("the process id was reused at once")
	}
	return cmd.Process.Pid
}

func TestRemoveLeftovers(t *testing.T) {
	root := t.TempDir()
	dest := newTree(t, filepath.Join(root, "public"), map[string]string{MarkerName: markerText})
	dead := deadPID(t)
	running := os.Getppid() // the go test driver: alive, and not this process
	killed := newTree(t, filepath.Join(root, leftoverName("public", kindStaging, dead)+"123"), map[string]string{"a.html": "x"})
	live := newTree(t, filepath.Join(root, leftoverName("public", kindStaging, running)+"456"), map[string]string{"a.html": "x"})
	other := newTree(t, filepath.Join(root, leftoverName("public-2", kindStaging, dead)+"789"), map[string]string{"a.html": "x"})
	mine := newTree(t, filepath.Join(root, ".public.staging-mine"), map[string]string{"a.html": "x"})
	RemoveLeftovers(dest)
	for dir, want := range map[string]bool{killed: false, live: true, other: true, mine: true, dest: true} {
		if _, err := os.Stat(dir); (err == nil) != want {
			t.Errorf("%s: exists %v, want %v", filepath.Base(dir), err == nil, want)
		}
	}

	// A build killed between the two renames of swapByRename: public/ is missing, the old tree
	// is beside it. The next build puts it back before it starts.
	os.RemoveAll(dest)
	backup := newTree(t, filepath.Join(root, leftoverName("public", kindBackup, dead)+"1"), map[string]string{MarkerName: markerText, "old.html": "old"})
	staged, err := Stage(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(staged)
	if b, err := os.ReadFile(filepath.Join(dest, "old.html")); err != nil || string(b) != "old" {
		t.Errorf("the old tree was not put back: %q %v", b, err)
	}
	if _, err := os.Stat(backup); err == nil {
		t.Error("the backup is still there")
	}
}
