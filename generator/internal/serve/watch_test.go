package serve

import (
	"io"
	"path/filepath"
	"testing"

	"github.com/fsnotify/fsnotify"
)

func TestWatcherRelevant(t *testing.T) {
	src := newSource(t)
	content, config := filepath.Join(src, "content"), filepath.Join(src, "hugo.toml")
	w, err := newWatcher([]string{content, config, filepath.Join(src, "layouts")}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()

	for _, tc := range []struct {
		name string
		op   fsnotify.Op
		want bool
	}{
		{filepath.Join(content, "index.html"), fsnotify.Write, true},
		{filepath.Join(content, "ny", "side.md"), fsnotify.Create, true},
		{filepath.Join(content, "gammel.md"), fsnotify.Remove, true},
		{filepath.Join(content, "gammel.md"), fsnotify.Rename, true},
		{content, fsnotify.Remove, true},
		{config, fsnotify.Create, true},
		{filepath.Join(content, "index.html"), fsnotify.Chmod, false},
		{filepath.Join(content, ".index.html.swp"), fsnotify.Write, false},
		{filepath.Join(content, ".index.html.swx"), fsnotify.Create, false},
		{filepath.Join(content, "index.html~"), fsnotify.Create, false},
		{filepath.Join(content, ".#index.html"), fsnotify.Create, false},
		{filepath.Join(content, "#index.html#"), fsnotify.Write, false},
		{filepath.Join(content, "4913"), fsnotify.Create, false},
		{filepath.Join(src, "hugo.toml.tmp"), fsnotify.Write, false}, // beside the config file
		{filepath.Join(src, "content-old", "x.md"), fsnotify.Write, false},
	} {
		if got := w.relevant(fsnotify.Event{Name: tc.name, Op: tc.op}); got != tc.want {
			t.Errorf("relevant(%s %s) = %v, want %v", tc.op, tc.name, got, tc.want)
		}
	}
}
