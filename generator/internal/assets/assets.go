// Package assets implements the part of Hugo's asset pipeline the layouts use — resources.Get,
// js.Build, minify, fingerprint — on esbuild's Go API, so TypeScript and CSS are bundled without
// Node.js. Every result is computed once per build and written to the output only when a template
// asks for its URL, as Hugo does.
package assets

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/evanw/esbuild/pkg/api"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/publish"
	"samvirke/generator/internal/source"
)

// Pipeline resolves and transforms files under a site's assets/ directory.
type Pipeline struct {
	dir     string // site source, absolute
	src     *source.Site
	out     publish.Writer
	baseURL string // path prefix of the site, e.g. "/" or "/portal/"
	// Diag receives esbuild's errors, once each, at their own file:line:column; the error the
	// template function returns then wraps ErrReported, so the pages that use the asset do not
	// report it again. Nil: errors are only returned.
	Diag   *diag.List
	failed atomic.Bool

	mu    sync.Mutex
	cache map[string]*entry
}

type entry struct {
	once sync.Once
	res  *Resource
	err  error
}

// New returns a pipeline over dir/assets writing published resources to out.
func New(src *source.Site, out publish.Writer, basePath string) *Pipeline {
	dir := src.Dir()
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	if !strings.HasSuffix(basePath, "/") {
		basePath += "/"
	}
	return &Pipeline{dir: dir, src: src, out: out, baseURL: basePath, cache: map[string]*entry{}}
}

// Resource is a file produced by the pipeline.
type Resource struct {
	p          *Pipeline
	key        string
	name       string // source name, e.g. "js/main.ts"
	targetPath string // output path, e.g. "js/main.3f…9a.js"
	content    []byte
	integrity  string
	publish    sync.Once
	pubErr     error
}

// memo computes a resource once per key, safe for parallel template execution.
func (p *Pipeline) memo(key string, f func() (*Resource, error)) (*Resource, error) {
	p.mu.Lock()
	e, ok := p.cache[key]
	if !ok {
		e = &entry{}
		p.cache[key] = e
	}
	p.mu.Unlock()
	e.once.Do(func() {
		e.res, e.err = f()
		if e.res != nil {
			e.res.key = key
		}
	})
	return e.res, e.err
}

// Get reads assets/name (Hugo's resources.Get). A missing file is an error.
func (p *Pipeline) Get(name string) (*Resource, error) {
	name = path.Clean(strings.TrimPrefix(name, "/"))
	return p.memo("get:"+name, func() (*Resource, error) {
		if name == ".." || strings.HasPrefix(name, "../") {
			return nil, fmt.Errorf("resources.Get %q: the name leads out of assets/", name)
		}
		b, err := p.src.ReadFile("assets/" + name)
		if err != nil {
			return nil, fmt.Errorf("resources.Get %q: %w", name, err)
		}
		return &Resource{p: p, name: name, targetPath: name, content: b}, nil
	})
}

// FromString makes a resource from text (Hugo's resources.FromString).
func (p *Pipeline) FromString(targetPath, s string) *Resource {
	r, _ := p.memo("string:"+targetPath+":"+hash(s), func() (*Resource, error) {
		return &Resource{p: p, name: targetPath, targetPath: targetPath, content: []byte(s)}, nil
	})
	return r
}

func hash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:8])
}

// ErrReported marks an asset error that is already in the diagnostics (see Pipeline.Diag).
var ErrReported = errors.New("the asset failed to build (reported at its own position)")

// BuildError is an esbuild failure with positions.
type BuildError struct {
	Messages []api.Message
	reported bool
}

// Is makes errors.Is(err, ErrReported) true for an error the pipeline reported.
func (e *BuildError) Is(target error) bool { return target == ErrReported && e.reported }

// Failed reports whether an asset failed to build: every page that uses it would fail too, so
// the build renders no more pages.
func (p *Pipeline) Failed() bool { return p.failed.Load() }

// fail reports esbuild's errors once, at their positions, and returns the error for the template.
func (p *Pipeline) fail(ms []api.Message) error {
	p.failed.Store(true)
	e := &BuildError{Messages: ms, reported: p.Diag != nil}
	if p.Diag != nil {
		for _, m := range ms {
			d := diag.Diagnostic{Message: m.Text, Hint: "esbuild could not build the asset; fix it there (pages that use it are not rendered until then)"}
			if l := m.Location; l != nil {
				loc := location(l)
				d.File, d.Line, d.Column, d.LineText = loc.File, loc.Line, loc.Column, loc.LineText
			}
			for _, n := range m.Notes {
				note := diag.Note{Text: n.Text}
				if n.Location != nil {
					note.Location = location(n.Location)
				}
				d.Notes = append(d.Notes, note)
			}
			p.Diag.Add(d)
		}
	}
	return e
}

// location converts esbuild's location (0-based byte column) to a diag.Location (1-based
// character column).
func location(l *api.Location) diag.Location {
	col := l.Column
	if col >= 0 && col <= len(l.LineText) {
		col = utf8.RuneCountInString(l.LineText[:col])
	}
	return diag.Location{File: l.File, Line: l.Line, Column: col + 1, LineText: l.LineText}
}

func (e *BuildError) Error() string {
	var b strings.Builder
	for i, m := range e.Messages {
		if i > 0 {
			b.WriteString("; ")
		}
		if m.Location != nil {
			fmt.Fprintf(&b, "%s:%d:%d: ", m.Location.File, m.Location.Line, m.Location.Column)
		}
		b.WriteString(m.Text)
	}
	return b.String()
}

// JSBuild bundles a TypeScript or JavaScript entry point with esbuild (Hugo's js.Build). Options
// as Hugo's: minify (bool), target ("es2020"…), format ("iife" | "esm"), targetPath.
func (p *Pipeline) JSBuild(opts map[string]any, r *Resource) (*Resource, error) {
	if r == nil {
		return nil, fmt.Errorf("js.Build: no resource (did resources.Get find the file?)")
	}
	minify, _ := opts["minify"].(bool)
	format := api.FormatIIFE
	if f, _ := opts["format"].(string); f == "esm" {
		format = api.FormatESModule
	}
	target := api.ES2020
	if t, _ := opts["target"].(string); t != "" {
		switch t {
		case "es2017":
			target = api.ES2017
		case "es2018":
			target = api.ES2018
		case "es2019":
			target = api.ES2019
		case "es2022":
			target = api.ES2022
		case "esnext":
			target = api.ESNext
		}
	}
	out := strings.TrimSuffix(r.targetPath, path.Ext(r.targetPath)) + ".js"
	if tp, _ := opts["targetPath"].(string); tp != "" {
		out = tp
	}
	return p.memo(r.key+"|js.Build:"+optsKey(opts), func() (*Resource, error) {
		abs := filepath.Join(p.dir, "assets", filepath.FromSlash(r.name))
		res := api.Build(api.BuildOptions{
			EntryPoints:       []string{abs},
			Bundle:            true,
			Write:             false,
			Outfile:           filepath.Join(p.dir, "assets", "out.js"),
			Format:            format,
			Target:            target,
			MinifyWhitespace:  minify,
			MinifyIdentifiers: minify,
			MinifySyntax:      minify,
			Charset:           api.CharsetUTF8,
			LegalComments:     api.LegalCommentsNone,
			LogLevel:          api.LogLevelSilent,
			AbsWorkingDir:     p.dir,
			Plugins:           []api.Plugin{p.sourceOnly()},
		})
		if len(res.Errors) > 0 {
			return nil, p.fail(relativise(p.dir, res.Errors))
		}
		var js []byte
		for _, f := range res.OutputFiles {
			if strings.HasSuffix(f.Path, ".js") {
				js = f.Contents
			}
		}
		return &Resource{p: p, name: r.name, targetPath: out, content: js}, nil
	})
}

// sourceOnly makes esbuild load only what the build may read (package source): regular files
// inside the site, within the size limit. An import of anything else is an error at the import.
func (p *Pipeline) sourceOnly() api.Plugin {
	return api.Plugin{Name: "samvirke-source", Setup: func(b api.PluginBuild) {
		b.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: "file"}, func(args api.OnLoadArgs) (api.OnLoadResult, error) {
			rel, ok := p.src.Rel(args.Path)
			if !ok {
				return api.OnLoadResult{}, fmt.Errorf("%s is outside the site folder; samvirke bundles only files inside it", args.Path)
			}
			if _, err := p.src.ReadText(rel); err != nil {
				var pr *source.Problem
				if errors.As(err, &pr) {
					return api.OnLoadResult{}, errors.New(pr.Message)
				}
				return api.OnLoadResult{}, err
			}
			return api.OnLoadResult{}, nil // esbuild loads it as usual
		})
	}}
}

func relativise(dir string, ms []api.Message) []api.Message {
	for i := range ms {
		if ms[i].Location != nil {
			if rel, err := filepath.Rel(dir, ms[i].Location.File); err == nil && !strings.HasPrefix(rel, "..") {
				ms[i].Location.File = filepath.ToSlash(rel)
			}
		}
		for j := range ms[i].Notes {
			if l := ms[i].Notes[j].Location; l != nil {
				if rel, err := filepath.Rel(dir, l.File); err == nil && !strings.HasPrefix(rel, "..") {
					l.File = filepath.ToSlash(rel)
				}
			}
		}
	}
	return ms
}

func optsKey(opts map[string]any) string {
	keys := make([]string, 0, len(opts))
	for k := range opts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s=%v;", k, opts[k])
	}
	return b.String()
}

// Minify minifies CSS or JavaScript with esbuild (Hugo's minify / resources.Minify).
func (p *Pipeline) Minify(r *Resource) (*Resource, error) {
	if r == nil {
		return nil, fmt.Errorf("minify: no resource")
	}
	return p.memo(r.key+"|minify", func() (*Resource, error) {
		loader := api.LoaderJS
		switch path.Ext(r.targetPath) {
		case ".css":
			loader = api.LoaderCSS
		case ".js":
		default:
			return r, nil // Hugo minifies more types; samvirke's layouts minify only CSS and JS
		}
		res := api.Transform(string(r.content), api.TransformOptions{
			Loader: loader, MinifyWhitespace: true, MinifySyntax: true, MinifyIdentifiers: loader == api.LoaderJS,
			Charset: api.CharsetUTF8, LogLevel: api.LogLevelSilent, Sourcefile: "assets/" + r.name,
			Engines: []api.Engine{{Name: api.EngineChrome, Version: "100"}, {Name: api.EngineFirefox, Version: "100"}, {Name: api.EngineSafari, Version: "15"}},
		})
		if len(res.Errors) > 0 {
			return nil, p.fail(res.Errors)
		}
		return &Resource{p: p, name: r.name, targetPath: r.targetPath, content: res.Code}, nil
	})
}

// Fingerprint puts the SHA-256 of the content into the file name (Hugo's fingerprint), so the file
// can be cached for a year, and sets .Data.Integrity for subresource integrity.
func (p *Pipeline) Fingerprint(r *Resource) (*Resource, error) {
	if r == nil {
		return nil, fmt.Errorf("fingerprint: no resource")
	}
	return p.memo(r.key+"|fingerprint", func() (*Resource, error) {
		sum := sha256.Sum256(r.content)
		ext := path.Ext(r.targetPath)
		target := strings.TrimSuffix(r.targetPath, ext) + "." + hex.EncodeToString(sum[:]) + ext
		return &Resource{p: p, name: r.name, targetPath: target, content: r.content,
			integrity: "sha256-" + base64.StdEncoding.EncodeToString(sum[:])}, nil
	})
}

// WithContent returns a resource with new content at targetPath (for resources.ExecuteAsTemplate).
func (p *Pipeline) WithContent(key, targetPath string, content []byte) *Resource {
	r, _ := p.memo("content:"+key+":"+targetPath+":"+hash(string(content)), func() (*Resource, error) {
		return &Resource{p: p, name: targetPath, targetPath: targetPath, content: content}, nil
	})
	return r
}

// Concat joins resources into one file at target, in order.
func (p *Pipeline) Concat(target string, rs []*Resource) (*Resource, error) {
	keys := make([]string, len(rs))
	for i, r := range rs {
		keys[i] = r.key
	}
	return p.memo("concat:"+target+":"+strings.Join(keys, "+"), func() (*Resource, error) {
		var b []byte
		for _, r := range rs {
			b = append(b, r.content...)
			if len(b) > 0 && b[len(b)-1] != '\n' {
				b = append(b, '\n')
			}
		}
		return &Resource{p: p, name: target, targetPath: target, content: b}, nil
	})
}

// RelPermalink publishes the resource and returns its URL path.
func (r *Resource) RelPermalink() (string, error) {
	r.publish.Do(func() { r.pubErr = r.p.out.WriteFile(r.targetPath, r.content) })
	return r.p.baseURL + r.targetPath, r.pubErr
}

// Permalink is RelPermalink (samvirke sites are served from their own origin).
func (r *Resource) Permalink() (string, error) { return r.RelPermalink() }

// Content is the resource's content as text.
func (r *Resource) Content() string { return string(r.content) }

// Name is the source name.
func (r *Resource) Name() string { return r.name }

// Data carries Integrity after fingerprint, as Hugo's .Data.Integrity.
func (r *Resource) Data() map[string]any { return map[string]any{"Integrity": r.integrity} }

// MediaType is the MIME type by extension.
func (r *Resource) MediaType() string {
	switch path.Ext(r.targetPath) {
	case ".js":
		return "text/javascript"
	case ".css":
		return "text/css"
	case ".json":
		return "application/json"
	case ".svg":
		return "image/svg+xml"
	}
	return "application/octet-stream"
}
