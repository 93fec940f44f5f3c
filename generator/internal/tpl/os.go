package tpl

import (
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"github.com/spf13/cast"
)

// osNS is Hugo's os namespace, reading the site's own files (through internal/source: regular
// files inside the site, within the size limit). Paths are relative to the site folder, as Hugo's
// are relative to its working directory: os.ReadFile "content/beslutningstrer/a.md".
type osNS struct{ e *Engine }

func (e *Engine) osNamespace() namespace {
	ns := &osNS{e: e}
	return namespace{name: "os", value: ns, aliases: map[string]any{
		"readFile":   ns.ReadFile,
		"readDir":    ns.ReadDir,
		"fileExists": ns.FileExists,
	}}
}

// sitePath turns a template's path into one relative to the site: slashes, no leading slash, no
// way out of the site.
func (ns *osNS) sitePath(p any) (string, error) {
	s, err := cast.ToStringE(p)
	if err != nil {
		return "", err
	}
	if ns.e.site != nil && filepath.IsAbs(s) {
		if rel, err := filepath.Rel(ns.e.layouts.dir, s); err == nil {
			s = rel
		}
	}
	s = path.Clean(strings.TrimPrefix(filepath.ToSlash(s), "/"))
	if s == "." || s == "" || s == ".." || strings.HasPrefix(s, "../") {
		return "", errors.New("invalid filename")
	}
	return s, nil
}

// ReadFile returns the contents of a file of the site as text, or "" when it does not exist (as
// Hugo's os.ReadFile).
func (ns *osNS) ReadFile(p any) (string, error) {
	rel, err := ns.sitePath(p)
	if err != nil {
		return "", err
	}
	if ns.e.layouts.src == nil {
		return "", errors.New("os.ReadFile: no site")
	}
	b, err := ns.e.layouts.src.ReadText(rel)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// ReadDir lists a folder of the site, sorted by name: .Name, .IsDir, .Size, .ModTime of each.
func (ns *osNS) ReadDir(p any) ([]fs.FileInfo, error) {
	rel, err := ns.sitePath(p)
	if err != nil {
		return nil, err
	}
	if ns.e.layouts.src == nil {
		return nil, errors.New("os.ReadDir: no site")
	}
	list, err := ns.e.layouts.src.ReadDir(rel)
	if err != nil {
		return nil, errors.New("failed to read directory " + `"` + rel + `": ` + err.Error())
	}
	return list, nil
}

// FileExists reports whether the site has a file or folder at the path.
func (ns *osNS) FileExists(p any) (bool, error) {
	rel, err := ns.sitePath(p)
	if err != nil {
		return false, err
	}
	return ns.e.layouts.src != nil && ns.e.layouts.src.Exists(rel), nil
}
