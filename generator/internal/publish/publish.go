// Package publish writes build output and swaps it in atomically: a build goes into a fresh
// directory beside its destination and replaces the destination only when the whole build
// succeeded, so a failed build never touches what is already published. It also guards the
// destination (guard.go): samvirke replaces only a folder it made itself.
package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Writer receives output files by slash-separated path relative to the output root.
type Writer interface {
	WriteFile(rel string, data []byte) error
}

// Dir writes under Root, creating directories as needed.
type Dir struct{ Root string }

// WriteFile writes data to Root/rel.
func (d Dir) WriteFile(rel string, data []byte) error {
	if !validRel(rel) {
		return fmt.Errorf("refusing to write outside the output directory: %q", rel)
	}
	p := filepath.Join(d.Root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

// validRel reports whether rel is a relative slash path that stays inside its root: no empty,
// "." or ".." segment, no backslash (a separator on Windows) and no volume name.
func validRel(rel string) bool {
	if rel == "" || strings.HasPrefix(rel, "/") || strings.ContainsRune(rel, '\\') || filepath.IsAbs(rel) || filepath.VolumeName(rel) != "" {
		return false
	}
	for _, seg := range strings.Split(rel, "/") {
		if seg == "" || seg == "." || seg == ".." || strings.ContainsRune(seg, ':') && filepath.Separator == '\\' {
			return false
		}
	}
	return true
}

// Discard drops everything (samvirke check renders the whole site but writes nothing).
type Discard struct{}

// WriteFile does nothing.
func (Discard) WriteFile(string, []byte) error { return nil }

// Stage creates an empty directory beside dest for a new build and returns its path. It first
// removes what earlier builds that were killed left beside dest (see RemoveLeftovers). The name
// (".public.staging-PID-RANDOM") tells later builds whose it is.
func Stage(dest string) (string, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return "", err
	}
	RemoveLeftovers(abs)
	return os.MkdirTemp(filepath.Dir(abs), leftoverName(filepath.Base(abs), kindStaging, os.Getpid())+"*")
}

// Swap makes staged the new dest, after checking once more that dest is still a folder samvirke
// may replace, and marks it as samvirke's (MarkerName). On Linux the two directories are
// exchanged in one atomic rename (RENAME_EXCHANGE), so readers see either the old or the new
// tree, never a mix or nothing; where that is not available (macOS, Windows, some file systems)
// dest is renamed aside, staged renamed in, and the old tree put back if that fails. The old
// tree is removed afterwards.
func Swap(staged, dest string) error {
	if err := CheckReplaceable(dest); err != nil {
		return err
	}
	if err := os.Chmod(staged, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(staged, MarkerName), []byte(markerText), 0o644); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	if _, err := os.Lstat(dest); os.IsNotExist(err) {
		return os.Rename(staged, dest)
	}
	if done, err := exchange(staged, dest); done {
		if err != nil {
			return fmt.Errorf("publish: %w", err)
		}
		// staged now holds the previous tree.
		os.RemoveAll(staged)
		return nil
	}
	return swapByRename(staged, dest)
}

// rename is os.Rename; tests replace it to make a step of swapByRename fail.
var rename = os.Rename

// swapByRename replaces dest with staged by renaming dest to a backup beside it, staged to dest,
// and removing the backup. If staged cannot be renamed in, the backup is renamed back, so dest is
// left as it was. A build killed between the two renames leaves the backup, which the next build
// puts back (RemoveLeftovers).
func swapByRename(staged, dest string) error {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	backup, err := os.MkdirTemp(filepath.Dir(abs), leftoverName(filepath.Base(abs), kindBackup, os.Getpid())+"*")
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	// MkdirTemp reserved a unique name; the rename below needs it free (Windows will not rename
	// onto an existing directory).
	if err := os.Remove(backup); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	if err := rename(abs, backup); err != nil {
		return fmt.Errorf("publish: moving the old %s aside: %w", abs, err)
	}
	if err := rename(staged, abs); err != nil {
		if rerr := rename(backup, abs); rerr != nil {
			return fmt.Errorf("publish: %w; and the old %s could not be put back from %s: %v", err, abs, backup, rerr)
		}
		return fmt.Errorf("publish: %w (the old %s was left as it was)", err, abs)
	}
	// The new tree is in place; an old tree that cannot be removed now (a file still open on
	// Windows) is removed by the next build.
	os.RemoveAll(backup)
	return nil
}
