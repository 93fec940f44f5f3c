package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// debounce is how long the source must stay quiet before a rebuild: an editor's save is often
// several events (write a temporary file, rename it, change its mode).
const debounce = 150 * time.Millisecond

// watcher reports changes to the site's source. fsnotify watches single directories, so each
// directory of a tree is watched on its own, and directories that appear later are added as they
// do. A single file (hugo.toml) is watched through its directory, because editors that save by
// renaming a new file over the old one would end a watch on the file itself.
type watcher struct {
	fsw   *fsnotify.Watcher
	trees []string        // absolute directories watched with all their subdirectories
	files map[string]bool // absolute files watched through their parent directory
	log   io.Writer
}

// newWatcher watches paths, skipping the ones that do not exist.
func newWatcher(paths []string, log io.Writer) (*watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watching the source: %w", err)
	}
	w := &watcher{fsw: fsw, files: make(map[string]bool), log: log}
	for _, p := range paths {
		if err := w.add(p); err != nil {
			fsw.Close()
			return nil, fmt.Errorf("watching %s: %w", p, err)
		}
	}
	return w, nil
}

func (w *watcher) add(p string) error {
	p, err := filepath.Abs(p)
	if err != nil {
		return err
	}
	info, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		w.files[p] = true
		return w.fsw.Add(filepath.Dir(p))
	}
	w.trees = append(w.trees, p)
	return w.addTree(p)
}

// addTree watches dir and every directory below it.
func (w *watcher) addTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return w.fsw.Add(p)
		}
		return nil
	})
}

func (w *watcher) Close() error { return w.fsw.Close() }

// run calls changed once the watched source has been quiet for debounce after a change, and
// returns when ctx is done. changed runs on run's goroutine, so changes made while it runs are
// picked up afterwards and lead to one more call.
func (w *watcher) run(ctx context.Context, changed func()) {
	settle := time.NewTimer(debounce)
	settle.Stop()
	defer settle.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if !w.relevant(ev) {
				continue
			}
			if ev.Has(fsnotify.Create) && w.inTree(ev.Name) {
				w.addNewDir(ev.Name)
			}
			settle.Reset(debounce)
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			fmt.Fprintf(w.log, "Watching the source: %v\n", err)
			if errors.Is(err, fsnotify.ErrEventOverflow) { // changes were lost: rebuild anyway
				settle.Reset(debounce)
			}
		case <-settle.C:
			changed()
		}
	}
}

// addNewDir watches name and its subdirectories if it is a directory that just appeared.
func (w *watcher) addNewDir(name string) {
	info, err := os.Lstat(name)
	if err != nil || !info.IsDir() {
		return
	}
	if err := w.addTree(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(w.log, "Watching %s: %v\n", name, err)
	}
}

// relevant reports whether ev is a change to the watched source. Mode changes are not (backup
// and indexing tools make them all the time), nor are editors' temporary files.
func (w *watcher) relevant(ev fsnotify.Event) bool {
	if !ev.Has(fsnotify.Create | fsnotify.Write | fsnotify.Remove | fsnotify.Rename) {
		return false
	}
	if isEditorTemp(filepath.Base(ev.Name)) {
		return false
	}
	return w.files[ev.Name] || w.inTree(ev.Name)
}

func (w *watcher) inTree(name string) bool {
	for _, dir := range w.trees {
		if name == dir || strings.HasPrefix(name, dir+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// isEditorTemp reports whether base is the name of a file an editor writes beside the one being
// edited: vim's swap files and its write test "4913", backups ending in "~", and Emacs's lock
// (".#name") and auto-save ("#name#") files.
func isEditorTemp(base string) bool {
	switch {
	case base == "4913",
		strings.HasSuffix(base, ".swp"),
		strings.HasSuffix(base, ".swx"),
		strings.HasSuffix(base, "~"),
		strings.HasPrefix(base, ".#"),
		len(base) > 1 && strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#"):
		return true
	}
	return false
}
