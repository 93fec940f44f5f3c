package publish

import (
	"os"
	"path/filepath"
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
	if err := (Dir{Root: t.TempDir()}).WriteFile("../x", nil); err == nil {
		t.Error("wrote outside the output directory")
	}
}
