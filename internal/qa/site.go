package qa

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// site is a built site directory, with the documents read so far.
type site struct {
	dir  string
	docs map[string]*document // by file, as "a/b/index.html"
}

// document is a parsed HTML or SVG file of the site.
type document struct {
	file string // relative, with slashes: "a/b/index.html"
	page string // URL path: "/a/b/"
	tags []tag
	ids  map[string]bool // id attributes, and name of <a>
}

func newSite(dir string) *site {
	return &site{dir: dir, docs: map[string]*document{}}
}

// PagePath returns the URL path at which a server shows the file, given
// relative to the site directory: "index.html" is "/", "om/index.html" is
// "/om/", and "404.html" is "/404.html".
func PagePath(file string) string {
	file = filepath.ToSlash(file)
	if file == "index.html" {
		return "/"
	}
	if d, ok := strings.CutSuffix(file, "/index.html"); ok {
		return "/" + d + "/"
	}
	return "/" + file
}

// doc reads and parses the file, once.
func (s *site) doc(file string) (*document, error) {
	if d, ok := s.docs[file]; ok {
		return d, nil
	}
	src, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(file)))
	if err != nil {
		return nil, err
	}
	d := &document{file: file, page: PagePath(file), tags: scanTags(src), ids: map[string]bool{}}
	for i := range d.tags {
		t := &d.tags[i]
		if id, ok := t.Attr("id"); ok {
			d.ids[id] = true
		}
		if name, ok := t.Attr("name"); ok && t.Name == "a" {
			d.ids[name] = true
		}
	}
	s.docs[file] = d
	return d, nil
}

// lookup says how the server answers a URL path.
type lookup int

const (
	missing  lookup = iota
	found           // the file exists
	redirect        // a directory without its trailing slash: the server redirects to "/dir/"
)

// resolve maps a URL path to the file that the server sends, treating
// "/a/b/" as "/a/b/index.html".
func (s *site) resolve(urlPath string) (file string, how lookup) {
	clean := path.Clean("/" + urlPath)
	if strings.HasSuffix(urlPath, "/") {
		file = strings.TrimPrefix(path.Join(clean, "index.html"), "/")
		if s.isFile(file) {
			return file, found
		}
		return file, missing
	}
	file = strings.TrimPrefix(clean, "/")
	if file != "" && s.isFile(file) {
		return file, found
	}
	if index := path.Join(file, "index.html"); s.isFile(index) {
		return index, redirect
	}
	return file, missing
}

func (s *site) isFile(file string) bool {
	fi, err := os.Stat(filepath.Join(s.dir, filepath.FromSlash(file)))
	return err == nil && fi.Mode().IsRegular()
}

// files returns the files of the site whose names end in one of the
// extensions, relative and with slashes, sorted.
func (s *site) files(exts ...string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(s.dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.Type().IsRegular() && slices.Contains(exts, strings.ToLower(path.Ext(p))) {
			rel, err := filepath.Rel(s.dir, p)
			if err != nil {
				return err
			}
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(out)
	return out, err
}

// HTMLFiles returns the .html files under dir, relative to it, with
// slashes, sorted.
func HTMLFiles(dir string) ([]string, error) {
	return newSite(dir).files(".html")
}
