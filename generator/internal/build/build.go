// Package build runs the pipeline: config and content -> site model -> features -> Markdown ->
// layouts -> files, into a staging directory that replaces the destination only when the whole
// build succeeded.
package build

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"

	"samvirke/generator/internal/assets"
	"samvirke/generator/internal/config"
	"samvirke/generator/internal/content"
	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/markup"
	"samvirke/generator/internal/publish"
	"samvirke/generator/internal/site"
	"samvirke/generator/internal/source"
	"samvirke/generator/internal/tpl"
	"samvirke/generator/internal/yamldoc"
)

// Options for one build.
type Options struct {
	Source   string // site source directory (default ".")
	Dest     string // output directory (default Source/public)
	Drafts   bool
	BaseURL  string // overrides hugo.toml's baseURL
	Check    bool   // validate and render everything, write nothing
	Strict   bool   // warnings are errors
	Features []feature.Feature
	Workers  int // parallel renderers (default GOMAXPROCS)
}

// Result of a build.
type Result struct {
	Pages       int
	Duration    time.Duration
	Diagnostics *diag.List
	Site        *site.Site
}

// ErrFailed is returned when the build had errors; the diagnostics say which.
var ErrFailed = errors.New("build failed")

type builder struct {
	o        Options
	d        *diag.List
	site     *site.Site
	layouts  *tpl.Layouts
	i18n     *tpl.I18n
	assets   *assets.Pipeline
	md       *markup.Markdown
	syntax   markup.Syntax
	out      publish.Writer
	src      *source.Site
	checkers []feature.ShortcodeChecker

	enginesMu sync.Mutex
	engines   map[string]*tpl.Engine

	sidecars map[string]string // final dir -> staged dir
}

// Build runs a build. On failure (err == ErrFailed) the destination is untouched.
func Build(o Options) (*Result, error) {
	start := time.Now()
	if o.Source == "" {
		o.Source = "."
	}
	if o.Dest == "" {
		o.Dest = filepath.Join(o.Source, "public")
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	b := &builder{o: o, d: &diag.List{}, engines: map[string]*tpl.Engine{}, sidecars: map[string]string{}}
	// The report shows the source line of every message that names one.
	b.d.SetSource(func(file string) ([]byte, error) {
		if !filepath.IsLocal(filepath.FromSlash(file)) {
			return nil, fs.ErrNotExist
		}
		return os.ReadFile(filepath.Join(o.Source, filepath.FromSlash(file)))
	})
	res := &Result{Diagnostics: b.d}
	if !o.Check {
		if err := b.checkDestinations(); err != nil {
			return res, err
		}
	}
	staged, err := b.run()
	res.Site = b.site
	if b.site != nil {
		res.Pages = len(b.site.AllPages())
	}
	if o.Strict {
		b.d.Strict()
	}
	if err == nil && b.d.HasErrors() {
		err = ErrFailed
	}
	if err != nil {
		b.discard(staged)
		res.Duration = time.Since(start)
		return res, err
	}
	if !o.Check {
		// Check every destination again before replacing any: one may have changed while the
		// build ran.
		for _, final := range append(slices.Sorted(maps.Keys(b.sidecars)), o.Dest) {
			if err := publish.CheckReplaceable(final); err != nil {
				b.discard(staged)
				return res, err
			}
		}
		for final, dir := range b.sidecars {
			if err := publish.Swap(dir, final); err != nil {
				b.discard(staged)
				return res, err
			}
		}
		if err := publish.Swap(staged, o.Dest); err != nil {
			b.discard(staged)
			return res, err
		}
	}
	res.Duration = time.Since(start)
	return res, nil
}

// checkDestinations refuses, before anything is written, a destination the build must not
// replace (publish.CheckDest): the output folder and every feature's sidecar (the search index).
func (b *builder) checkDestinations() error {
	if err := publish.CheckDest(b.o.Source, b.o.Dest); err != nil {
		return err
	}
	for _, f := range b.o.Features {
		su, ok := f.(feature.SidecarUser)
		if !ok {
			continue
		}
		for _, name := range su.Sidecars() {
			final := b.sidecarPath(name)
			if err := publish.CheckDest(b.o.Source, final); err != nil {
				return err
			}
			if err := publish.CheckApart(b.o.Dest, final); err != nil {
				return err
			}
		}
	}
	return nil
}

func (b *builder) discard(staged string) {
	if staged != "" {
		os.RemoveAll(staged)
	}
	for _, dir := range b.sidecars {
		os.RemoveAll(dir)
	}
}

func (b *builder) run() (staged string, err error) {
	o := b.o
	src := source.New(o.Source)
	b.src = src
	cfg, ok := config.Load(src, b.d)
	if !ok || b.d.HasErrors() {
		// Everything depends on the config: the rest would only report follow-on errors.
		b.d.Add(diag.Diagnostic{File: config.FileName, Severity: diag.Warning,
			Message: "the content was not checked: fix the errors in hugo.toml first"})
		return "", nil
	}
	if o.BaseURL != "" {
		u, err := config.CheckBaseURL(o.BaseURL)
		if err != nil {
			b.d.Errorf("--baseURL", 0, "%v", err)
			return "", nil
		}
		cfg.BaseURL = u
	}
	src.MaxFileSize = int64(cfg.Site.MaxFileSizeMB) << 20
	src.LimitSetting = "params.maxFileSizeMB"
	files := content.Load(src, b.d)
	b.site = site.New(cfg, files, o.Drafts, b.d)
	b.site.Data = loadData(src, b.d)
	b.layouts = tpl.LoadLayouts(src, b.d)
	b.i18n = tpl.LoadI18n(src, cfg.DefaultContentLanguage, b.d)
	b.md = markup.New(markup.Options{Unsafe: cfg.Markup.Goldmark.Renderer.Unsafe})
	b.syntax = markup.Syntax{Paired: b.layouts.ShortcodePaired}

	if o.Check {
		b.out = publish.Discard{}
	} else {
		staged, err = publish.Stage(o.Dest)
		if err != nil {
			return "", fmt.Errorf("cannot create the build directory: %w", err)
		}
		b.out = publish.Dir{Root: staged}
	}
	b.assets = assets.New(src, b.out, basePath(cfg.BaseURL))
	b.assets.Diag = b.d
	b.site.SetStringRenderer(b.renderString)

	ctx := &feature.Context{Site: b.site, Diag: b.d, Out: b.out, Source: o.Source, Files: src, Render: b.renderField,
		Sidecar: b.sidecar, Check: o.Check, Strict: o.Strict, I18n: b.i18n}
	for _, f := range o.Features {
		if fp, ok := f.(feature.FuncProvider); ok {
			if err := b.layouts.AddFuncs(f.Name(), fp.Funcs(b.site)); err != nil {
				b.d.Add(diag.Diagnostic{Message: err.Error(),
					Hint: "rename the feature's function; a template function name belongs to one owner (see tpl.CoreFuncNames)"})
			}
		}
		if c, ok := f.(feature.ShortcodeChecker); ok {
			b.checkers = append(b.checkers, c)
		}
	}
	for _, f := range o.Features {
		if l, ok := f.(feature.Loader); ok {
			l.Load(ctx)
		}
	}
	for _, f := range o.Features {
		if p, ok := f.(feature.Preparer); ok {
			p.Prepare(ctx)
		}
	}
	pages := b.site.AllPages()
	b.parallel(pages, b.renderBody)
	for _, f := range o.Features {
		if a, ok := f.(feature.AfterContent); ok {
			a.AfterContent(ctx)
		}
	}
	b.parallel(pages, b.renderPage)
	b.renderSpecial()
	b.copyStatic()
	for _, f := range o.Features {
		if out, ok := f.(feature.Outputter); ok {
			out.Output(ctx)
		}
	}
	return staged, nil
}

func basePath(baseURL string) string {
	if i := strings.Index(baseURL, "://"); i >= 0 {
		rest := baseURL[i+3:]
		if j := strings.IndexByte(rest, '/'); j >= 0 {
			return rest[j:]
		}
		return "/"
	}
	if baseURL == "" {
		return "/"
	}
	return baseURL
}

func (b *builder) sidecar(name string) (string, error) {
	if b.o.Check {
		return "", nil
	}
	final := b.sidecarPath(name)
	if err := publish.CheckDest(b.o.Source, final); err != nil {
		return "", err
	}
	if err := publish.CheckApart(b.o.Dest, final); err != nil {
		return "", err
	}
	dir, err := publish.Stage(final)
	if err != nil {
		return "", err
	}
	b.sidecars[final] = dir
	return dir, nil
}

// sidecarPath is where the sidecar called name goes: beside the output folder, or name itself
// when it is an absolute path.
func (b *builder) sidecarPath(name string) string {
	if filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(filepath.Dir(filepath.Clean(b.o.Dest)), name)
}

func (b *builder) parallel(pages []*site.Page, f func(*site.Page)) {
	work := make(chan *site.Page)
	var wg sync.WaitGroup
	for i := 0; i < b.o.Workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				f(p)
			}
		}()
	}
	for _, p := range pages {
		work <- p
	}
	close(work)
	wg.Wait()
}

// engine returns the template engine for a language, creating it on first use.
func (b *builder) engine(lang string) *tpl.Engine {
	b.enginesMu.Lock()
	defer b.enginesMu.Unlock()
	e, ok := b.engines[lang]
	if !ok {
		// Parse problems are the same in every language: report them once.
		d := b.d
		if len(b.engines) > 0 {
			d = &diag.List{}
		}
		e = tpl.NewEngine(b.layouts, b.site, b.assets, b.i18n, lang, d)
		b.engines[lang] = e
	}
	return e
}

func (b *builder) renderBody(p *site.Page) {
	if p.File == nil {
		return
	}
	h, headings, calls := b.markdownAt(p, p.File.Path, p.File.BodyLine, true, string(p.File.Body), true)
	p.SetContent(h, headings, calls)
	p.File.Body = nil // rendered; the source is not needed again and large sites need the memory
}

// markdown renders src (which starts at line0 of file) for page p.
func (b *builder) markdown(p *site.Page, file string, line0 int, src string, block bool) (string, []markup.Heading, []*markup.Call) {
	return b.markdownAt(p, file, line0, false, src, block)
}

// markdownAt is markdown; columns says whether src's lines are the file's lines from their first
// character (a page body), so that messages can name the column too (not in front-matter text,
// which YAML indents or starts after its key).
func (b *builder) markdownAt(p *site.Page, file string, line0 int, columns bool, src string, block bool) (string, []markup.Heading, []*markup.Call) {
	col := func(c int) int {
		if columns {
			return c
		}
		return 0
	}
	if line, depth := markup.Nesting(src, markup.MaxNesting); line > 0 {
		b.d.Add(diag.Diagnostic{File: file, Line: line0 + line - 1,
			Message: fmt.Sprintf("lists or block quotes nest %d levels deep here; at most %d are allowed", depth, markup.MaxNesting),
			Hint:    "flatten the list: split it into sections with headings, or into several lists"})
		return "", nil, nil
	}
	calls, errs := b.syntax.Scan(src, line0)
	for _, e := range errs {
		b.d.Add(diag.Diagnostic{File: file, Line: e.Line, Column: col(e.Column), Message: e.Msg})
	}
	rejected := b.checkCalls(file, calls, columns)
	lang := b.site.Language().Lang
	if p != nil {
		lang = p.Lang()
	}
	eng := b.engine(lang)
	exp, experrs := markup.Expand(src, calls, func(c *markup.Call, inner string) (string, error) {
		if !b.layouts.HasShortcode(c.Name) || rejected[c] {
			return "", nil // reported by checkCalls; running the template would report it again, without the hint
		}
		return eng.RunShortcode(c.Name, p, c.Positional, c.Named, inner, c.Ordinal, fmt.Sprintf("%s:%d", file, c.Line))
	})
	for _, e := range experrs {
		b.d.Add(diag.Diagnostic{File: file, Line: e.Line, Column: col(e.Column), Message: e.Msg})
	}
	res := b.md.Render([]byte(exp.Text))
	h := exp.Finish(string(res.HTML))
	if !block {
		h = unwrapParagraph(h)
	}
	return h, res.Headings, flatten(calls)
}

func flatten(calls []*markup.Call) []*markup.Call {
	var out []*markup.Call
	for _, c := range calls {
		out = append(out, c)
		out = append(out, flatten(c.Children)...)
	}
	return out
}

// checkCalls reports unknown shortcodes and the feature checkers' findings; it returns the calls a
// checker rejected.
func (b *builder) checkCalls(file string, calls []*markup.Call, columns bool) (rejected map[*markup.Call]bool) {
	for _, c := range flatten(calls) {
		column := 0
		if columns {
			column = c.Column
		}
		if !b.layouts.HasShortcode(c.Name) {
			hint := "shortcodes are templates in layouts/_shortcodes/NAME.html"
			if s := diag.Suggest(c.Name, b.layouts.Shortcodes()); s != "" {
				hint = fmt.Sprintf("did you mean %q? (%s)", s, hint)
			}
			b.d.Add(diag.Diagnostic{File: file, Line: c.Line, Column: column, Message: fmt.Sprintf("unknown shortcode %q", c.Name), Hint: hint})
			continue
		}
		for _, chk := range b.checkers {
			if owned, err := chk.CheckShortcode(c); owned {
				if err != nil {
					msg, hint := diag.MessageOf(err)
					b.d.Add(diag.Diagnostic{File: file, Line: c.Line, Column: column, Message: msg, Hint: hint})
					if rejected == nil {
						rejected = map[*markup.Call]bool{}
					}
					rejected[c] = true
				}
				break
			}
		}
	}
	return rejected
}

var singleParagraph = regexp.MustCompile(`^\s*<p>((?s:.*?))</p>\s*$`)

func unwrapParagraph(h string) string {
	if m := singleParagraph.FindStringSubmatch(h); m != nil && !strings.Contains(m[1], "<p>") {
		return m[1]
	}
	return h
}

// renderString implements .RenderString and markdownify.
func (b *builder) renderString(p *site.Page, opts map[string]any, src string) (template.HTML, error) {
	file := "(markdownify)"
	if p != nil {
		file = p.SourcePath()
	}
	block := opts["display"] == "block"
	h, _, _ := b.markdown(p, file, 1, src, block)
	return template.HTML(h), nil
}

// renderField renders Markdown from front matter, reporting problems at file:line.
func (b *builder) renderField(p *site.Page, file string, line int, src string, block bool) template.HTML {
	h, _, _ := b.markdown(p, file, line, src, block)
	return template.HTML(h)
}

func (b *builder) renderPage(p *site.Page) {
	if b.assets.Failed() {
		return // an asset every page links to failed: it is reported once, at its own position
	}
	var buf bytes.Buffer
	buf.Grow(16 << 10)
	if err := b.engine(p.Lang()).Render(p, &buf); err != nil {
		if errors.Is(err, assets.ErrReported) {
			return
		}
		b.d.Add(diag.Diagnostic{File: p.SourcePath(), Message: fmt.Sprintf("rendering %s: %v", p.RelPermalink, err),
			Hint: "the template named above failed for this page; fix the template or the page's front matter"})
		return
	}
	if err := b.out.WriteFile(p.OutputPath(), buf.Bytes()); err != nil {
		b.d.Errorf(p.SourcePath(), 0, "cannot write %s: %v", p.OutputPath(), err)
	}
}

// renderSpecial writes 404.html, sitemap.xml and robots.txt.
func (b *builder) renderSpecial() {
	eng := b.engine(b.site.Language().Lang)
	if eng.HasLayout("404.html") {
		p := site.NewPage("404", "/404.html", b.i18n.Translate(b.site.Language().Lang, "notFoundTitle", nil), "", "page", "", "", map[string]any{})
		b.site.AddOrphan(p)
		var buf bytes.Buffer
		if err := eng.Execute("404.html", p, &buf); err != nil {
			if !errors.Is(err, assets.ErrReported) {
				b.d.Errorf("layouts/404.html", 0, "rendering 404.html: %v", err)
			}
		} else {
			b.write("404.html", buf.Bytes())
		}
	}
	b.write("sitemap.xml", sitemap(b.site))
	robots := fmt.Sprintf("User-agent: *\nAllow: /\nSitemap: %ssitemap.xml\n", b.site.BaseURL())
	if eng.HasLayout("robots.txt") {
		var buf bytes.Buffer
		if err := eng.Execute("robots.txt", b.site.Home, &buf); err != nil {
			b.d.Errorf("layouts/robots.txt", 0, "%v", err)
		}
		robots = buf.String()
	}
	b.write("robots.txt", []byte(robots))
}

func (b *builder) write(rel string, data []byte) {
	if err := b.out.WriteFile(rel, data); err != nil {
		b.d.Errorf(rel, 0, "cannot write: %v", err)
	}
}

func sitemap(s *site.Site) []byte {
	type url struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod,omitempty"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		URLs    []url    `xml:"url"`
	}
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for _, p := range s.AllPages() {
		u := url{Loc: site.URI(p.Permalink())}
		if !p.Lastmod().IsZero() {
			u.Lastmod = p.Lastmod().Format("2006-01-02")
		}
		set.URLs = append(set.URLs, u)
	}
	out, _ := xml.MarshalIndent(set, "", "  ")
	return append([]byte(xml.Header), append(out, '\n')...)
}

func (b *builder) copyStatic() {
	for _, rel := range b.src.Walk("static", b.d) {
		data, err := b.src.ReadFile(rel)
		if err != nil {
			b.d.Add(source.Diagnostic(rel, err))
			continue
		}
		b.write(strings.TrimPrefix(rel, "static/"), data)
	}
}

// loadData reads the data/ directory into .Site.Data as Hugo does: every .yaml, .yml, .json and
// .toml file is keyed by its name without extension, inside nested maps for subdirectories
// (data/kommune/kontakter.yaml is .Site.Data.kommune.kontakter).
func loadData(src *source.Site, d *diag.List) map[string]any {
	out := map[string]any{}
	for _, rel := range src.Walk("data", d) {
		ext := path.Ext(rel)
		if ext != ".yaml" && ext != ".yml" && ext != ".json" && ext != ".toml" {
			continue
		}
		raw, err := src.ReadText(rel)
		if err != nil {
			d.Add(source.Diagnostic(rel, err))
			continue
		}
		v, ok := decodeData(rel, ext, raw, d)
		if !ok {
			continue
		}
		m := out
		parts := strings.Split(strings.TrimSuffix(strings.TrimPrefix(rel, "data/"), ext), "/")
		for _, dirName := range parts[:len(parts)-1] {
			sub, ok := m[dirName].(map[string]any)
			if !ok {
				sub = map[string]any{}
				m[dirName] = sub
			}
			m = sub
		}
		m[parts[len(parts)-1]] = v
	}
	return out
}

// decodeData decodes a data file, reporting a problem at its position: YAML through yamldoc,
// JSON at the offset encoding/json gives, TOML at go-toml's row and column.
func decodeData(rel, ext string, raw []byte, d *diag.List) (any, bool) {
	var v any
	switch ext {
	case ".json":
		err := json.Unmarshal(raw, &v)
		var syntax *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case err == nil:
			return v, true
		case errors.As(err, &syntax):
			d.Add(offsetLoc(rel, raw, syntax.Offset).Errorf("", "malformed JSON: %v", err))
		case errors.As(err, &typ):
			d.Add(offsetLoc(rel, raw, typ.Offset).Errorf("", "malformed JSON: %v", err))
		default:
			d.Errorf(rel, 0, "malformed JSON: %v", err)
		}
		return nil, false
	case ".toml":
		err := toml.Unmarshal(raw, &v)
		var de *toml.DecodeError
		switch {
		case err == nil:
			return v, true
		case errors.As(err, &de):
			row, col := de.Position()
			d.Add(diag.Diagnostic{File: rel, Line: row, Column: col, Message: "malformed TOML: " + strings.TrimPrefix(de.Error(), "toml: ")})
		default:
			d.Errorf(rel, 0, "malformed TOML: %v", err)
		}
		return nil, false
	}
	doc, problems := yamldoc.Parse(rel, raw, yamldoc.Options{})
	for _, p := range problems {
		d.Add(p)
	}
	if doc == nil {
		return nil, false
	}
	return doc.Value(), true
}

// offsetLoc is the line and column of a byte offset in src.
func offsetLoc(file string, src []byte, off int64) diag.Location {
	off = min(max(off, 0), int64(len(src)))
	before := src[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return diag.Location{File: file, Line: line, Column: utf8.RuneCount(before[start:]) + 1}
}
