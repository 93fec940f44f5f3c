// Package source is the only way the build reads the site source. It reads regular files inside
// the site folder and nothing else: a symbolic link that leads out of the site (to /etc/passwd,
// to another project), a dangling link, a named pipe (which would hang the build), a socket or a
// device (/dev/zero would fill the memory) is reported with its path and what to do, the same way
// for files and for folders. Text files the build parses have a size limit.
package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"samvirke/generator/internal/diag"
)

// DefaultMaxFileSize is the default limit on a text file the build parses (content, layouts,
// i18n, data, hugo.toml): far above any real page, far below what would exhaust the memory.
const DefaultMaxFileSize = 4 << 20

// Site is a site source folder.
type Site struct {
	dir  string // as given, for messages and joins
	real string // absolute, with symbolic links resolved

	// MaxFileSize limits ReadText; 0 means DefaultMaxFileSize.
	MaxFileSize int64
	// LimitSetting names the setting that raises MaxFileSize, for the hint of a too-large file.
	LimitSetting string
}

// New returns the site in dir.
func New(dir string) *Site {
	s := &Site{dir: dir, real: dir}
	if abs, err := filepath.Abs(dir); err == nil {
		s.real = abs
		if r, err := filepath.EvalSymlinks(abs); err == nil {
			s.real = r
		}
	}
	return s
}

// Dir is the site folder as given.
func (s *Site) Dir() string { return s.dir }

// Path is the file system path of rel, a slash-separated path relative to the site.
func (s *Site) Path(rel string) string { return filepath.Join(s.dir, filepath.FromSlash(rel)) }

// Rel is the slash-separated path of p (a file system path under the site) relative to the site,
// for messages and for ReadFile; ok is false when p is not under the site.
func (s *Site) Rel(p string) (rel string, ok bool) {
	for _, base := range []string{s.dir, s.real} {
		abs, err := filepath.Abs(base)
		if err != nil {
			continue
		}
		pa, err := filepath.Abs(p)
		if err != nil {
			continue
		}
		if r, err := filepath.Rel(abs, pa); err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) {
			return filepath.ToSlash(r), true
		}
	}
	return "", false
}

func (s *Site) maxFileSize() int64 {
	if s.MaxFileSize > 0 {
		return s.MaxFileSize
	}
	return DefaultMaxFileSize
}

// Problem is a file or folder the build may not read, as a diagnostic: the path, what is wrong
// and what to do. errors.Is(p, fs.ErrNotExist) tells a missing file.
type Problem struct {
	diag.Diagnostic
	err error
}

func (p *Problem) Error() string { return p.Diagnostic.String() }
func (p *Problem) Unwrap() error { return p.err }

func (s *Site) problem(rel string, err error, format string, args ...any) *Problem {
	msg, hint, _ := strings.Cut(fmt.Sprintf(format, args...), "\n")
	return &Problem{Diagnostic: diag.Diagnostic{File: rel, Message: msg, Hint: hint}, err: err}
}

// check resolves rel and reports whether it may be read: a regular file (or, with dir, a folder)
// inside the site, through any number of symbolic links that stay inside it.
func (s *Site) check(rel string, dir bool) (fs.FileInfo, *Problem) {
	p := s.Path(rel)
	li, err := os.Lstat(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, s.problem(rel, err, "does not exist")
		}
		return nil, s.problem(rel, err, "cannot read: %v\ncheck the permissions: the user running samvirke must be able to read it", unwrapPath(err))
	}
	real, err := filepath.EvalSymlinks(p)
	if err == nil {
		real, err = filepath.Abs(real)
	}
	if err != nil {
		target, _ := os.Readlink(p)
		if target == "" {
			return nil, s.problem(rel, err, "cannot read: %v", unwrapPath(err))
		}
		return nil, s.problem(rel, err, "is a symbolic link to %s, which does not exist\nremove the link, or create what it points to", target)
	}
	if !inside(real, s.real) {
		what := "file"
		if dir {
			what = "folder"
		}
		return nil, s.problem(rel, nil, "is a symbolic link to %s, outside the site folder\nsamvirke reads only files inside the site: copy the %s into the site instead of linking to it, or remove the link", real, what)
	}
	fi := li
	if li.Mode()&fs.ModeSymlink != 0 {
		if fi, err = os.Stat(p); err != nil {
			return nil, s.problem(rel, err, "cannot read: %v", unwrapPath(err))
		}
	}
	switch m := fi.Mode(); {
	case m.IsRegular():
		if dir {
			return nil, s.problem(rel, nil, "is a file where a folder is expected")
		}
	case m.IsDir():
		if !dir {
			return nil, s.problem(rel, nil, "is a folder where a file is expected")
		}
	default:
		return nil, s.problem(rel, nil, "is %s, not a regular file\nthe build reads only ordinary files: remove it from the site folder", kindOf(m))
	}
	return fi, nil
}

func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO), which would make the build wait forever"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0, m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file (" + m.Type().String() + ")"
}

// unwrapPath drops the path from an *fs.PathError: messages name the file themselves.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func inside(p, dir string) bool {
	r, err := filepath.Rel(dir, p)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) && !filepath.IsAbs(r)
}

// Exists reports whether rel exists (as anything, even a dangling link).
func (s *Site) Exists(rel string) bool {
	_, err := os.Lstat(s.Path(rel))
	return err == nil
}

// ReadText reads a text file the build parses, at most MaxFileSize bytes.
func (s *Site) ReadText(rel string) ([]byte, error) {
	return s.read(rel, s.maxFileSize())
}

// ReadFile reads a file of any size (a static file copied as it is).
func (s *Site) ReadFile(rel string) ([]byte, error) { return s.read(rel, -1) }

func (s *Site) read(rel string, limit int64) ([]byte, error) {
	fi, pr := s.check(rel, false)
	if pr != nil {
		return nil, pr
	}
	if limit >= 0 && fi.Size() > limit {
		return nil, s.tooLarge(rel, fi.Size(), limit)
	}
	f, err := os.Open(s.Path(rel))
	if err != nil {
		return nil, s.problem(rel, err, "cannot read: %v\ncheck the permissions: the user running samvirke must be able to read it", unwrapPath(err))
	}
	defer f.Close()
	r := io.Reader(f)
	if limit >= 0 {
		r = io.LimitReader(f, limit+1) // the file may grow after the check
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, s.problem(rel, err, "cannot read: %v", unwrapPath(err))
	}
	if limit >= 0 && int64(len(data)) > limit {
		return nil, s.tooLarge(rel, int64(len(data)), limit)
	}
	return data, nil
}

func (s *Site) tooLarge(rel string, size, limit int64) *Problem {
	hint := "split it into several files"
	if s.LimitSetting != "" {
		hint += ", or raise " + s.LimitSetting + " in hugo.toml if it really must be this large"
	}
	more := ""
	if size > limit+1 {
		more = fmt.Sprintf(" (%s)", mb(size))
	} else {
		more = " (it grew while being read)"
	}
	return s.problem(rel, nil, "is larger than the limit of %s for a file the build reads%s\n%s", mb(limit), more, hint)
}

func mb(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", (n+1023)/1024)
}

// Walk returns the regular files under the folder rel (recursively, in lexical order), as slash
// paths relative to the site. Symbolic links are followed while they stay inside the site;
// everything else that is not a regular file or a folder is reported to d, as are unreadable
// folders. A missing folder is not a problem (the site has none).
func (s *Site) Walk(rel string, d *diag.List) []string {
	if !s.Exists(rel) {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	var walk func(rel string)
	walk = func(rel string) {
		if _, pr := s.check(rel, true); pr != nil {
			d.Add(pr.Diagnostic)
			return
		}
		real, _ := filepath.EvalSymlinks(s.Path(rel))
		real, _ = filepath.Abs(real)
		if seen[real] {
			return // a link back to a folder already walked: a loop
		}
		seen[real] = true
		entries, err := os.ReadDir(s.Path(rel))
		if err != nil {
			d.Add(s.problem(rel, err, "cannot read the folder: %v\ncheck the permissions: the user running samvirke must be able to read it", unwrapPath(err)).Diagnostic)
			return
		}
		sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
		for _, e := range entries {
			name := e.Name()
			if strings.HasPrefix(name, ".#") {
				continue // an editor's lock file (Emacs): a dangling link by design, never content
			}
			child := path.Join(rel, name)
			t := e.Type()
			switch {
			case t.IsDir():
				walk(child)
			case t.IsRegular():
				out = append(out, child)
			case t&fs.ModeSymlink != 0:
				fi, err := os.Stat(s.Path(child))
				if err == nil && fi.IsDir() {
					walk(child)
					continue
				}
				if _, pr := s.check(child, false); pr != nil {
					d.Add(pr.Diagnostic)
					continue
				}
				out = append(out, child)
			default:
				_, pr := s.check(child, false)
				d.Add(pr.Diagnostic)
			}
		}
	}
	walk(rel)
	return out
}

// Diagnostic is the message for an error that ReadText or ReadFile returned for rel.
func Diagnostic(rel string, err error) diag.Diagnostic {
	var pr *Problem
	if errors.As(err, &pr) {
		return pr.Diagnostic
	}
	return diag.Diagnostic{File: rel, Message: fmt.Sprintf("cannot read: %v", err)}
}
