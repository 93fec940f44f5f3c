package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// MarkerName is the file samvirke writes into every folder it publishes (the site and the search
// index). A build replaces an existing, non-empty folder only when it holds this file.
const MarkerName = ".samvirke-output"

const markerText = "This folder was made by samvirke build, which replaces it as a whole on every build.\n" +
	"Do not keep files of your own here: they would be removed with the next build.\n"

// SourceFolders are the folders of a site source that a build reads; no output may go inside one.
var SourceFolders = []string{"content", "layouts", "assets", "static", "i18n", "data"}

// RefusedError is a destination a build will not replace. Nothing has been written when it is
// returned.
type RefusedError struct {
	Path   string // the destination as given
	Reason string // why, e.g. "it is the site source folder"
	Hint   string // what to do instead
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("refusing to replace %s: %s; nothing was changed", e.Path, e.Reason)
}

// IsRefused reports whether err is (or wraps) a RefusedError.
func IsRefused(err error) bool {
	var r *RefusedError
	return errors.As(err, &r)
}

// CheckDest checks, before a build writes anything, that dest may be replaced with the output of
// the site in source: it must not be the source folder, inside one of its SourceFolders or a
// parent of it, and must be absent, empty or made by samvirke (CheckReplaceable).
func CheckDest(source, dest string) error {
	src, err := realPath(source)
	if err != nil {
		return err
	}
	d, err := realPath(dest)
	if err != nil {
		return err
	}
	refuse := func(reason, hint string) error { return &RefusedError{Path: dest, Reason: reason, Hint: hint} }
	own := "give the output a folder of its own, such as " + filepath.Join(source, "public") + " (the default)"
	if samePath(d, src) {
		return refuse("it is the site source folder", own)
	}
	for _, sub := range SourceFolders {
		if within(d, filepath.Join(src, sub)) {
			return refuse(fmt.Sprintf("it is inside the site's %s/ folder, which the build reads", sub), own)
		}
	}
	if within(src, d) {
		return refuse("it contains the site source", own)
	}
	return CheckReplaceable(dest)
}

// CheckApart checks that two output folders (the site and the search index) are neither the same
// nor one inside the other: the index inside the site would be served to anyone as files.
func CheckApart(dest, other string) error {
	a, err := realPath(dest)
	if err != nil {
		return err
	}
	b, err := realPath(other)
	if err != nil {
		return err
	}
	if within(b, a) || within(a, b) {
		return &RefusedError{Path: other, Reason: fmt.Sprintf("it is %s itself, inside it or around it", dest),
			Hint: "keep the search index beside the site's folder, not inside it (the default is search.bleve beside public/)"}
	}
	return nil
}

// CheckReplaceable checks that dest is absent, an empty folder, or a folder samvirke made: one with
// the marker file, or (from versions before the marker) a site with search-fallback.json and
// sitemap.xml or a search index with samvirke.json and bleve/.
func CheckReplaceable(dest string) error {
	fi, err := os.Lstat(dest)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("publish: %w", err)
	case fi.Mode()&fs.ModeSymlink != 0:
		return &RefusedError{Path: dest, Reason: "it is a symbolic link",
			Hint: "give the folder the link points to, or a new folder; the build replaces the folder itself, not what a link points to"}
	case !fi.IsDir():
		return &RefusedError{Path: dest, Reason: "it is a file, not a folder", Hint: "give a folder that does not exist yet, or one an earlier build made"}
	}
	entries, err := os.ReadDir(dest)
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	if len(entries) == 0 || madeBySamvirke(dest) {
		return nil
	}
	return &RefusedError{Path: dest, Reason: fmt.Sprintf("it is a folder with %d entries that samvirke did not make (it has no %s file)", len(entries), MarkerName),
		Hint: "give a folder that does not exist yet or is empty; if this really is an earlier build's output, delete it and build again"}
}

func madeBySamvirke(dir string) bool {
	has := func(name string, dir2 bool) bool {
		fi, err := os.Lstat(filepath.Join(dir, name))
		return err == nil && fi.IsDir() == dir2
	}
	return has(MarkerName, false) ||
		has("search-fallback.json", false) && has("sitemap.xml", false) ||
		has("samvirke.json", false) && has("bleve", true)
}

// realPath is the absolute path with symbolic links resolved, for the part of it that exists.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for dir := abs; ; {
		if r, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(r, rest), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(dir), rest)
		dir = parent
	}
}

// within reports whether path is dir or inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(fold(dir), fold(path))
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

func samePath(a, b string) bool { return fold(a) == fold(b) }

// fold makes paths on the case-insensitive file systems of Windows and macOS comparable.
func fold(p string) string {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return strings.ToLower(p)
	}
	return p
}
