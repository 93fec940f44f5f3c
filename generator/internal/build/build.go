// Package build runs the pipeline: config and content -> site model -> features -> Markdown ->
// layouts -> files, into a staging directory that replaces the destination only when the whole
// build succeeded.
package build

import (
	"bytes"
	"context"
	"encoding/json"
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
	"samvirke/generator/internal/hugocli"
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
	// Now is the build's clock (now in templates, today in the legal registry's report); default
	// time.Now. Like Hugo's --clock.
	Now func() time.Time
	// Hugo, when set, renders the site with the Hugo CLI instead of samvirke's own renderer: the
	// checks, the legal report, the search index and the swap into Dest stay samvirke's.
	Hugo *hugocli.CLI
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

	eng *tpl.Engine // the site language's engine: Hugo speaks the site's language on every page

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
	if o.Now == nil {
		o.Now = time.Now
	}
	b := &builder{o: o, d: &diag.List{}, sidecars: map[string]string{}}
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
	data := loadData(src, b.d)
	// The site is assembled in two steps, as Hugo does: the content files' pages, then the
	// content adapters' pages (content/**/_content.gotmpl), which run before the page
	// collections are ready; then taxonomies and sections.
	b.site = site.Assemble(cfg, files, o.Drafts, func(s *site.Site) {
		s.Data = data
		b.site = s
		b.eng = tpl.NewEngine(b.layouts, s, b.assets, b.i18n, cfg.DefaultContentLanguage, b.d)
		b.eng.Now = o.Now
		b.runAdapters(s)
	}, b.d)
	b.site.SetStringRenderer(b.renderString)

	ctx := &feature.Context{Site: b.site, Diag: b.d, Out: b.out, Source: o.Source, Files: src, Render: b.renderField,
		Sidecar: b.sidecar, Check: o.Check, Strict: o.Strict, I18n: b.i18n}
	for _, f := range o.Features {
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
	if b.d.HasErrors() {
		// The layouts read the front matter the checks above rejected: running them would only
		// add template errors caused by what is already reported. Nothing is published.
		return staged, nil
	}
	switch {
	case o.Hugo != nil && !o.Check:
		b.renderWithHugo(staged)
	case o.Hugo == nil:
		b.parallel(pages, b.renderPage)
		b.renderSpecial()
		b.copyStatic()
	}
	if b.d.HasErrors() {
		return staged, nil
	}
	for _, f := range o.Features {
		if out, ok := f.(feature.Outputter); ok {
			out.Output(ctx)
		}
	}
	return staged, nil
}

// renderWithHugo has the Hugo CLI write the site into staged (which holds only what the
// checks above wrote: nothing, or the assets they built, which Hugo rebuilds).
func (b *builder) renderWithHugo(staged string) {
	entries, err := os.ReadDir(staged)
	if err == nil {
		for _, e := range entries {
			err = errors.Join(err, os.RemoveAll(filepath.Join(staged, e.Name())))
		}
	}
	if err != nil {
		b.d.Errorf("", 0, "emptying the build directory for hugo: %v", err)
		return
	}
	d, err := b.o.Hugo.Build(context.Background(), hugocli.Options{Source: b.o.Source, Dest: staged, BaseURL: b.o.BaseURL, Drafts: b.o.Drafts})
	if err != nil {
		b.d.Errorf("", 0, "running hugo: %v", err)
		return
	}
	b.d.Merge(d)
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

// engine returns the template engine. There is one, for the site's language, as in Hugo: T,
// dateFormat and sort speak the site's language on every page (a page with lang: da reads its
// interface texts from i18n/da.yaml itself, see layouts/_partials/i18n/strings.html).
func (b *builder) engine(string) *tpl.Engine { return b.eng }

// runAdapters executes every content adapter, content/**/_content.gotmpl, in file order.
func (b *builder) runAdapters(s *site.Site) {
	for _, rel := range b.src.Walk("content", b.d) {
		if path.Base(rel) != "_content.gotmpl" {
			continue
		}
		src, err := b.src.ReadText(rel)
		if err != nil {
			b.d.Add(source.Diagnostic(rel, err))
			continue
		}
		if err := b.eng.RunAdapter(rel, string(src), site.NewAdapterContext(s, rel, b.d)); err != nil {
			// Go templates report their position only in the error text, which is shown as it is.
			b.d.Add(diag.Diagnostic{File: rel, Message: err.Error(),
				Hint: "the content adapter's template failed; see Hugo's documentation of content adapters (.AddPage)"})
		}
	}
}

func (b *builder) renderBody(p *site.Page) {
	if p.File == nil {
		body, isHTML, ok := p.AdapterContent()
		switch {
		case !ok || body == "":
		case isHTML:
			p.SetContent(body, nil, nil)
		default:
			h, frags, calls := b.markdown(p, p.SourcePath(), 1, body, true)
			p.SetContent(h, frags, calls)
		}
		return
	}
	h, frags, calls := b.markdownAt(p, p.File.Path, p.File.BodyLine, true, string(p.File.Body), true)
	p.SetContent(h, frags, calls)
}

// markdown renders src (which starts at line0 of file) for page p.
func (b *builder) markdown(p *site.Page, file string, line0 int, src string, block bool) (string, *markup.Fragments, []*markup.Call) {
	return b.markdownAt(p, file, line0, false, src, block)
}

// markdownAt is markdown; columns says whether src's lines are the file's lines from their first
// character (a page body), so that messages can name the column too (not in front-matter text,
// which YAML indents or starts after its key).
func (b *builder) markdownAt(p *site.Page, file string, line0 int, columns bool, src string, block bool) (string, *markup.Fragments, []*markup.Call) {
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
	eng := b.eng
	exp, experrs := markup.Expand(src, calls, func(c *markup.Call, inner string) (string, error) {
		if !b.layouts.HasShortcode(c.Name) || rejected[c] {
			return "", nil // reported by checkCalls; running the template would report it again, without the hint
		}
		return eng.RunShortcode(c.Name, p, c.Positional, c.Named, inner, c.Ordinal, fmt.Sprintf("%s:%d", file, c.Line))
	})
	for _, e := range experrs {
		b.d.Add(diag.Diagnostic{File: file, Line: e.Line, Column: col(e.Column), Message: e.Msg})
	}
	res := b.md.RenderWith([]byte(exp.Text), markup.Hooks{Blockquote: eng.BlockquoteHook(p)})
	for _, err := range res.Errs {
		b.d.Errorf(file, 0, "render hook: %v", err)
	}
	h := exp.Finish(string(res.HTML))
	if !block {
		h = unwrapParagraph(h)
	}
	return h, res.Fragments, flatten(calls)
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

// renderString implements .RenderString and markdownify. Templates render text from front matter
// this way (a tree's help, a step's legal note); the feature that owns the text has checked its
// shortcodes at the text's file:line before the layouts run, so a problem found here again is not
// reported twice: only one not already reported for the file is (with the line unknown).
func (b *builder) renderString(p *site.Page, opts map[string]any, src string) (template.HTML, error) {
	file := "(markdownify)"
	if p != nil {
		file = p.SourcePath()
	}
	block := opts["display"] == "block"
	local := &diag.List{}
	h, _, _ := b.withDiag(local).markdown(p, file, 0, src, block)
	for _, dg := range local.All() {
		if !b.reported(dg.File, dg.Message) {
			dg.Line = 0
			b.d.Add(dg)
		}
	}
	return template.HTML(h), nil
}

// withDiag is the builder reporting to d instead of b.d.
func (b *builder) withDiag(d *diag.List) *builder {
	c := *b
	c.d = d
	return &c
}

// reported reports whether b.d already has a problem with this file and message.
func (b *builder) reported(file, msg string) bool {
	for _, dg := range b.d.All() {
		if dg.File == file && dg.Message == msg {
			return true
		}
	}
	return false
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
	for _, f := range p.OutputFormats() {
		var buf bytes.Buffer
		buf.Grow(16 << 10)
		if err := b.eng.RenderFormat(p, f, &buf); err != nil {
			if errors.Is(err, assets.ErrReported) {
				return
			}
			b.d.Add(diag.Diagnostic{File: p.SourcePath(), Message: fmt.Sprintf("rendering %s: %v", p.RelPermalink, err),
				Hint: "the template named above failed for this page; fix the template or the page's front matter"})
			continue
		}
		if err := b.out.WriteFile(p.OutputFile(f), buf.Bytes()); err != nil {
			b.d.Errorf(p.SourcePath(), 0, "cannot write %s: %v", p.OutputFile(f), err)
		}
	}
}

// hugoSitemap is Hugo's embedded sitemap template (tpl/tplimpl/embedded/templates/sitemap.xml),
// used when the site has no layouts/sitemap.xml.
const hugoSitemap = `{{ printf "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>" | safeHTML }}
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
  xmlns:xhtml="http://www.w3.org/1999/xhtml">
  {{ range where .Pages "Sitemap.Disable" "ne" true }}
    {{- if .Permalink -}}
  <url>
    <loc>{{ .Permalink }}</loc>{{ if not .Lastmod.IsZero }}
    <lastmod>{{ safeHTML ( .Lastmod.Format "2006-01-02T15:04:05-07:00" ) }}</lastmod>{{ end }}{{ with .Sitemap.ChangeFreq }}
    <changefreq>{{ . }}</changefreq>{{ end }}{{ if ge .Sitemap.Priority 0.0 }}
    <priority>{{ .Sitemap.Priority }}</priority>{{ end }}
  </url>
    {{- end -}}
  {{ end }}
</urlset>
`

// renderSpecial writes 404.html, sitemap.xml and robots.txt, as Hugo does: each from its layout
// (layouts/404.html, layouts/sitemap.xml, layouts/robots.txt) or Hugo's default, robots.txt only
// with enableRobotsTXT, and none of them for a kind in disableKinds ("404", "sitemap",
// "robotsTXT").
func (b *builder) renderSpecial() {
	cfg := b.site.Config
	if b.eng.HasLayout("404.html") && !cfg.Disabled("404") {
		// Hugo's 404 page: kind 404, type page, below the home page.
		p := site.NewPage("404", "/404.html", "404 Page not found", "", "page", "", "", map[string]any{})
		b.site.AddOrphan(p)
		var buf bytes.Buffer
		if err := b.eng.Execute("404.html", p, &buf); err != nil {
			if !errors.Is(err, assets.ErrReported) {
				b.d.Errorf("layouts/404.html", 0, "rendering 404.html: %v", err)
			}
		} else {
			b.write("404.html", buf.Bytes())
		}
	}
	if !cfg.Disabled("sitemap") {
		sitemap := &sitemapPage{Page: b.site.Home, pages: b.site.Pages()}
		var buf bytes.Buffer
		var err error
		if b.eng.HasLayout("sitemap.xml") {
			err = b.eng.Execute("sitemap.xml", sitemap, &buf)
		} else {
			err = b.eng.ExecuteText("sitemap.xml", hugoSitemap, sitemap, &buf)
		}
		if err != nil {
			b.d.Errorf("layouts/sitemap.xml", 0, "%v", err)
		} else {
			b.write("sitemap.xml", buf.Bytes())
		}
	}
	if cfg.EnableRobotsTXT && !cfg.Disabled("robotsTXT") {
		robots := []byte("User-agent: *")
		if b.eng.HasLayout("robots.txt") {
			var buf bytes.Buffer
			if err := b.eng.Execute("robots.txt", b.site.Home, &buf); err != nil {
				b.d.Errorf("layouts/robots.txt", 0, "%v", err)
			}
			robots = buf.Bytes()
		}
		b.write("robots.txt", robots)
	}
}

// sitemapPage is what the sitemap template gets: the home page, whose .Pages are every page of
// the site (Hugo's sitemap page).
type sitemapPage struct {
	*site.Page
	pages site.Pages
}

// Pages are every page of the site, in Hugo's default order.
func (s *sitemapPage) Pages() site.Pages { return s.pages }

func (b *builder) write(rel string, data []byte) {
	if err := b.out.WriteFile(rel, data); err != nil {
		b.d.Errorf(rel, 0, "cannot write: %v", err)
	}
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
