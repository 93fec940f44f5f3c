// Package publish writes build output and swaps it in atomically: a build goes into a fresh
// directory beside its destination and replaces the destination only when the whole build
// succeeded, so a failed build never touches what is already published.
package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"
)

// Writer receives output files by slash-separated path relative to the output root.
type Writer interface {
	WriteFile(rel string, data []byte) error
}

// Dir writes under Root, creating directories as needed.
type Dir struct{ Root string }

// WriteFile writes data to Root/rel.
func (d Dir) WriteFile(rel string, data []byte) error {
	if strings.Contains(rel, "..") || filepath.IsAbs(rel) {
		return fmt.Errorf("refusing to write outside the output directory: %q", rel)
	}
	p := filepath.Join(d.Root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

// Discard drops everything (samvirke check renders the whole site but writes nothing).
type Discard struct{}

// WriteFile does nothing.
func (Discard) WriteFile(string, []byte) error { return nil }

// Stage creates an empty directory beside dest for a new build and returns its path.
func Stage(dest string) (string, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return "", err
	}
	return os.MkdirTemp(filepath.Dir(abs), "."+filepath.Base(abs)+".staging-")
}

// Swap makes staged the new dest. On Linux the two directories are exchanged in one atomic
// rename (RENAME_EXCHANGE), so readers see either the old or the new tree, never a mix or
// nothing; elsewhere dest is renamed aside first. The old tree is removed afterwards.
func Swap(staged, dest string) error {
	if err := os.Chmod(staged, 0o755); err != nil {
		return err
	}
	if _, err := os.Lstat(dest); errors.Is(err, os.ErrNotExist) {
		return os.Rename(staged, dest)
	}
	err := unix.Renameat2(unix.AT_FDCWD, staged, unix.AT_FDCWD, dest, unix.RENAME_EXCHANGE)
	if err != nil {
		old := staged + ".old"
		if err := os.Rename(dest, old); err != nil {
			return fmt.Errorf("publish: %w", err)
		}
		if err := os.Rename(staged, dest); err != nil {
			_ = os.Rename(old, dest)
			return fmt.Errorf("publish: %w", err)
		}
		return os.RemoveAll(old)
	}
	// staged now holds the previous tree.
	return os.RemoveAll(staged)
}
