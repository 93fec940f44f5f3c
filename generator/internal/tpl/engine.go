// Package tpl executes Go html/template layouts the way Hugo does: Hugo's file names and lookup
// order (home.html, single.html, list.html, TYPE/…, baseof.html with {{ block "main" . }}),
// partials in layouts/_partials, shortcodes in layouts/_shortcodes, and the template functions the
// layouts use, with Hugo's semantics. One engine per content language, because T, i18n and
// dateFormat speak the page's language.
package tpl

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"
	texttemplate "text/template"
	"time"

	"github.com/gohugoio/locales"

	"samvirke/generator/internal/assets"
	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/site"
	"samvirke/generator/internal/source"
)

// Layouts is the parsed layouts/ directory shared by the per-language engines.
type Layouts struct {
	dir       string            // site source
	src       *source.Site      // reads the site's files (os.ReadFile, os.ReadDir)
	files     map[string]string // "single.html", "modeller/list.html", "_partials/x.html" -> source
	shortcode map[string]string // shortcode name -> source
	diag      *diag.List        // for warnf while pages render
	warned    sync.Map          // warnf messages already reported
}

// LoadLayouts reads every template under layouts/.
func LoadLayouts(src *source.Site, d *diag.List) *Layouts {
	l := &Layouts{dir: src.Dir(), src: src, files: map[string]string{}, shortcode: map[string]string{},
		diag: d}
	for _, p := range src.Walk("layouts", d) {
		switch path.Ext(p) {
		case ".html", ".xml", ".txt", ".json":
		default:
			continue
		}
		b, err := src.ReadText(p)
		if err != nil {
			d.Add(source.Diagnostic(p, err))
			continue
		}
		rel := strings.TrimPrefix(p, "layouts/")
		shortcode := false
		for _, prefix := range []string{"_shortcodes/", "shortcodes/"} {
			if strings.HasPrefix(rel, prefix) {
				name := strings.TrimSuffix(strings.TrimPrefix(rel, prefix), ".html")
				l.shortcode[name] = string(b)
				shortcode = true
				break
			}
		}
		if shortcode {
			continue
		}
		if strings.HasPrefix(rel, "partials/") {
			rel = "_partials/" + strings.TrimPrefix(rel, "partials/")
		}
		l.files[rel] = string(b)
	}
	return l
}

// warn reports a warnf message once.
func (l *Layouts) warn(msg string) {
	if _, seen := l.warned.LoadOrStore(msg, true); !seen && l.diag != nil {
		l.diag.Add(diag.Diagnostic{Severity: diag.Warning, Message: msg, Hint: "reported by warnf in a template"})
	}
}

// HasShortcode reports whether a template exists for name.
func (l *Layouts) HasShortcode(name string) bool { _, ok := l.shortcode[name]; return ok }

// Shortcodes lists the shortcode names.
func (l *Layouts) Shortcodes() []string {
	var out []string
	for n := range l.shortcode {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

var usesInner = regexp.MustCompile(`\.Inner\b`)

// ShortcodePaired reports whether the shortcode takes content (its template uses .Inner), as Hugo
// decides it.
func (l *Layouts) ShortcodePaired(name string) bool {
	return usesInner.MatchString(l.shortcode[name])
}

// Engine executes layouts for one language.
type Engine struct {
	layouts   *Layouts
	lang      string
	site      *site.Site
	assets    *assets.Pipeline
	i18n      *I18n
	tr        locales.Translator // dates in lang (CLDR)
	coll      *lockedCollator    // sort order of lang
	partials  *template.Template
	returns   map[string]bool // partials that end with {{ return }}
	shortcode map[string]*template.Template

	// Now is the build's clock: now, and the legal registry's dates (tests set a fixed day, as
	// Hugo's --clock).
	Now func() time.Time

	partialCache sync.Map // partialCached results, by name and variants
	executed     sync.Map // resources.ExecuteAsTemplate results: executedKey -> *executedResource

	mu    sync.Mutex
	pages map[string]executor // layout file -> template (with its baseof)
	errs  map[string]error
}

// executor is a parsed layout: html/template, or text/template for plain-text output formats.
type executor interface {
	Execute(w io.Writer, data any) error
}

// NewEngine parses every template for lang. Parse errors are added to d with the template's path.
func NewEngine(l *Layouts, s *site.Site, a *assets.Pipeline, i *I18n, lang string, d *diag.List) *Engine {
	e := &Engine{layouts: l, lang: lang, site: s, assets: a, i18n: i, shortcode: map[string]*template.Template{},
		pages: map[string]executor{}, errs: map[string]error{}, returns: map[string]bool{}, Now: time.Now}
	e.tr = translatorFor(lang, s.Language().Lang)
	e.coll = newCollator(lang)
	funcs := e.funcs()
	e.partials = template.New("_partials").Funcs(funcs)
	for name, src := range l.files {
		if !strings.HasPrefix(name, "_partials/") {
			continue
		}
		pname := strings.TrimPrefix(name, "_partials/")
		t, err := e.partials.New(pname).Parse(src)
		if err != nil {
			d.Errorf("layouts/"+name, lineOf(err), "template parse error: %v", err)
			continue
		}
		ret, err := withReturn(t, funcs)
		if err != nil {
			d.Errorf("layouts/"+name, lineOf(err), "template parse error: %v", err)
		}
		e.returns[pname] = ret
	}
	for name, src := range l.shortcode {
		t, err := template.New(name).Funcs(funcs).Parse(src)
		if err != nil {
			d.Errorf("layouts/_shortcodes/"+name+".html", lineOf(err), "template parse error: %v", err)
			continue
		}
		e.shortcode[name] = t
	}
	// Parse every page layout now so syntax errors are reported even for unused layouts.
	for name := range l.files {
		if strings.HasPrefix(name, "_") || strings.HasPrefix(path.Base(name), "baseof.") {
			continue
		}
		if _, err := e.page(name); err != nil {
			d.Errorf("layouts/"+name, lineOf(err), "template parse error: %v", err)
		}
	}
	return e
}

var parseLine = regexp.MustCompile(`:(\d+):`)

func lineOf(err error) int {
	if m := parseLine.FindStringSubmatch(err.Error()); m != nil {
		var n int
		fmt.Sscanf(m[1], "%d", &n)
		return n
	}
	return 0
}

func (e *Engine) translator() locales.Translator { return e.tr }

func (e *Engine) collator() *lockedCollator { return e.coll }

// page returns the executable template for a layout file, combined with its baseof when the
// layout defines blocks (Hugo's base template mechanism).
func (e *Engine) page(name string) (executor, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if t, ok := e.pages[name]; ok {
		return t, e.errs[name]
	}
	t, err := e.parsePage(name)
	e.pages[name], e.errs[name] = t, err
	return t, err
}

var definesBlock = regexp.MustCompile(`\{\{-?\s*define\s`)

func (e *Engine) parsePage(name string) (executor, error) {
	src := e.layouts.files[name]
	base := ""
	ext := layoutExt(name) // ".html", ".json.json" …
	if definesBlock.MatchString(src) {
		for _, b := range []string{path.Join(path.Dir(name), "baseof"+ext), "baseof" + ext} {
			if _, ok := e.layouts.files[b]; ok {
				base = b
				break
			}
		}
	}
	if e.plainText(name) {
		t := texttemplate.New(name).Funcs(texttemplate.FuncMap(e.funcs()))
		if base != "" {
			if _, err := t.Parse(e.layouts.files[base]); err != nil {
				return nil, fmt.Errorf("layouts/%s: %w", base, err)
			}
			if _, err := t.New(name + "#page").Parse(src); err != nil {
				return nil, err
			}
			return t, nil
		}
		return t.Parse(src)
	}
	t := template.New(name).Funcs(e.funcs())
	if base != "" {
		if _, err := t.Parse(e.layouts.files[base]); err != nil {
			return nil, fmt.Errorf("layouts/%s: %w", base, err)
		}
		if _, err := t.New(name + "#page").Parse(src); err != nil {
			return nil, err
		}
		return t, nil
	}
	return t.Parse(src)
}

// layoutExt is the part of a layout's file name after its first dot: ".html", ".json.json",
// ".searchfallback.json".
func layoutExt(name string) string {
	base := path.Base(name)
	if i := strings.IndexByte(base, '.'); i >= 0 {
		return base[i:]
	}
	return ""
}

// plainText reports whether a layout is for an output format executed with text/template: a
// LAYOUT.FORMAT.SUFFIX file whose format is plain text, or a .txt or .json file.
func (e *Engine) plainText(name string) bool {
	parts := strings.Split(layoutExt(name), ".")
	if len(parts) >= 3 {
		if f, ok := site.LookupFormat(e.site.Config, parts[len(parts)-2]); ok {
			return f.PlainText
		}
	}
	switch path.Ext(name) {
	case ".txt", ".json":
		return true
	}
	return false
}

// LookupFormat lists the layout files Hugo would try for p in output format f, in order: for
// html LAYOUT.html, for others LAYOUT.FORMAT.SUFFIX (home.searchfallback.json, list.json.json).
func LookupFormat(p *site.Page, f site.Format) []string {
	names := Lookup(p)
	if f.Name == "html" {
		return names
	}
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = strings.TrimSuffix(n, ".html") + "." + f.Name + "." + f.Suffix
	}
	return out
}

// Lookup lists the layout files Hugo would try for p, in order.
func Lookup(p *site.Page) []string {
	typ := p.Type()
	var names []string
	add := func(n ...string) { names = append(names, n...) }
	if p.Layout != "" {
		add(typ+"/"+p.Layout+".html", p.Layout+".html")
	}
	switch p.Kind {
	case site.KindHome:
		add("home.html", "index.html", "list.html", "all.html")
	case "404":
		add("404.html")
	case site.KindSection:
		add(typ+"/section.html", typ+"/list.html", "section.html", "list.html", "all.html")
	case site.KindTaxonomy:
		add(typ+"/taxonomy.html", typ+"/list.html", "taxonomy.html", "list.html", "all.html")
	case site.KindTerm:
		add(typ+"/term.html", typ+"/list.html", "term.html", "list.html", "all.html")
	default:
		add(typ+"/page.html", typ+"/single.html", "page.html", "single.html", "all.html")
	}
	return names
}

// Render executes the layout for p. Errors name the template and the page.
func (e *Engine) Render(p *site.Page, w *bytes.Buffer) error {
	return e.RenderFormat(p, site.Format{Name: "html", Suffix: "html"}, w)
}

// RenderFormat executes the layout for p in output format f.
func (e *Engine) RenderFormat(p *site.Page, f site.Format, w *bytes.Buffer) error {
	tried := LookupFormat(p, f)
	for _, name := range tried {
		if _, ok := e.layouts.files[name]; !ok {
			continue
		}
		return e.Execute(name, p, w)
	}
	return fmt.Errorf("no layout for %s page %s in format %s; looked for layouts/%s", p.Kind, p.RelPermalink, f.Name, strings.Join(tried, ", layouts/"))
}

// Execute runs a named layout file with data.
func (e *Engine) Execute(name string, data any, w *bytes.Buffer) error {
	t, err := e.page(name)
	if err != nil {
		return fmt.Errorf("layouts/%s: %w", name, err)
	}
	if err := t.Execute(w, data); err != nil {
		return fmt.Errorf("layouts/%s: %w", name, cleanExecError(err))
	}
	return nil
}

// HasLayout reports whether layouts/name exists.
func (e *Engine) HasLayout(name string) bool { _, ok := e.layouts.files[name]; return ok }

// cleanExecError drops text/template's "template: " prefix; the error still wraps the original
// (errors.Is finds an asset error that is already reported).
func cleanExecError(err error) error {
	return &execError{msg: strings.TrimPrefix(err.Error(), "template: "), err: err}
}

type execError struct {
	msg string
	err error
}

func (e *execError) Error() string { return e.msg }
func (e *execError) Unwrap() error { return e.err }

// Shortcode is the context of a shortcode template (Hugo's names: .Get, .Inner, .Page, .Site …).
type Shortcode struct {
	Name     string
	Page     *site.Page
	Inner    template.HTML
	Ordinal  int
	Parent   *Shortcode
	Position string
	pos      []string
	named    map[string]string
}

// Get returns a positional (int) or named (string) argument.
func (s *Shortcode) Get(key any) any {
	switch k := key.(type) {
	case int:
		if k >= 0 && k < len(s.pos) {
			return s.pos[k]
		}
		return nil
	case string:
		if v, ok := s.named[k]; ok {
			return v
		}
		return nil
	}
	return nil
}

// IsNamedParams reports whether the call used key="value" arguments.
func (s *Shortcode) IsNamedParams() bool { return len(s.named) > 0 }

// Params returns the arguments (a list or a map, as Hugo).
func (s *Shortcode) Params() any {
	if len(s.named) > 0 {
		return s.named
	}
	return s.pos
}

// Site is the page's site.
func (s *Shortcode) Site() *site.Site { return s.Page.Site() }

// RunShortcode executes the shortcode template for one call.
func (e *Engine) RunShortcode(name string, p *site.Page, pos []string, named map[string]string, inner string, ordinal int, position string) (string, error) {
	t, ok := e.shortcode[name]
	if !ok {
		return "", fmt.Errorf("unknown shortcode %q", name)
	}
	var buf bytes.Buffer
	sc := &Shortcode{Name: name, Page: p, Inner: template.HTML(inner), Ordinal: ordinal, Position: position, pos: pos, named: named}
	if err := t.Execute(&buf, sc); err != nil {
		return "", fmt.Errorf("shortcode %q: %s", name, strings.TrimPrefix(err.Error(), "template: "))
	}
	return buf.String(), nil
}

// ExecuteText runs a template given as text (an embedded default, such as Hugo's sitemap) with
// html/template and the engine's functions.
func (e *Engine) ExecuteText(name, src string, data any, w *bytes.Buffer) error {
	t, err := template.New(name).Funcs(e.funcs()).Parse(src)
	if err != nil {
		return err
	}
	if err := t.Execute(w, data); err != nil {
		return cleanExecError(err)
	}
	return nil
}
