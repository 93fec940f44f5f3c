package site

import (
	"fmt"
	"html/template"
	"net/url"
	"path"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"samvirke/generator/internal/content"
	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/markup"
	"samvirke/generator/internal/yamldoc"
)

// Page is one page with Hugo's template API. Fields set before rendering are read-only while pages
// render in parallel; rendered content is set once by the build.
type Page struct {
	site *Site
	File *content.File // nil for pages without a content file

	Kind         string
	RelPermalink string
	Draft        bool
	Virtual      bool           // made by a feature, not by a content file
	Params       map[string]any // all front matter (Hugo's .Params)
	Layout       string         // front matter layout, or one a feature set

	title, description, typ, lang string
	weight                        int
	date, lastmod                 time.Time

	parent   *Page
	children []*Page
	store    *Store
	tax      *taxonomyInfo // taxonomy and term pages
	raw      string        // Markdown body of a page without a content file
	rawHTML  bool          // raw is HTML (an adapter's content with mediaType text/html)
	adapter  string        // the content adapter that made the page ("content/x/_content.gotmpl")

	// Set by the build after Markdown rendering.
	content   template.HTML
	fragments *markup.Fragments
	Calls     []*markup.Call // shortcodes used in the body, for features (checks of citations)
}

// newPage makes the page of a content file; nil (with the problem in d) when the file's name
// cannot make a URL.
func newPage(s *Site, f *content.File, d *diag.List) *Page {
	p := &Page{site: s, File: f, Params: f.Front, store: &Store{}}
	rel := strings.TrimSuffix(f.Rel, ".md")
	base := path.Base(rel)
	dir := path.Dir(rel)
	var urlPath string
	switch {
	case rel == "_index":
		p.Kind, urlPath = KindHome, "/"
	case base == "_index":
		p.Kind, urlPath = KindSection, "/"+dir+"/"
	case base == "index": // leaf bundle
		p.Kind, urlPath = KindPage, "/"+dir+"/"
	default:
		p.Kind, urlPath = KindPage, "/"+rel+"/"
	}
	if problem := checkURLPath(rel); problem != "" {
		d.Add(diag.Diagnostic{File: f.Path, Message: "the file name cannot be a web address: " + problem,
			Hint: "rename the file or folder: the path under content/ becomes the page's address (content/a/b.md is /a/b/)"})
		return nil
	}
	p.RelPermalink = EscapePath(NormalisePath(urlPath))

	var fm frontMatter
	if f.Doc != nil {
		for _, pr := range f.Doc.DecodeRoot(&fm, yamldoc.Open()) {
			d.Add(pr)
		}
	}
	p.title, p.description, p.typ, p.Layout = fm.Title, fm.Description, fm.Type, fm.Layout
	// The language a page is written in is params: {lang: da}, which Hugo gives templates as
	// .Params.lang. A top-level lang: is read too, but Hugo has deprecated it (v0.144: it names one
	// of the site's languages there) and will stop reading it.
	langLoc := fm.Sub("params").ValueLoc("lang")
	if extra, ok := f.Front["params"].(map[string]any); ok {
		if l, ok := extra["lang"]; ok {
			if p.lang, ok = l.(string); !ok {
				d.Add(langLoc.Errorf("use one of nb, nn, da, en", "params.lang is %s, not text", yamldoc.Describe(l)))
			}
		}
	}
	if fm.Lang != "" {
		d.Add(fm.KeyLoc("lang").Warnf("", "write the page's language as params:, on two lines: «params:» and «  lang: "+fm.Lang+"»",
			"lang: in front matter is deprecated in Hugo (v0.144) and will stop working there"))
		if p.lang == "" {
			p.lang, langLoc = fm.Lang, fm.ValueLoc("lang")
		}
	}
	if p.lang != "" && languageNames[p.lang] == "" {
		d.Add(langLoc.Errorf("use one of nb, nn, da, en", "unknown lang %q", p.lang))
		p.lang = ""
	}
	p.weight, p.Draft = fm.Weight, fm.Draft
	p.date = fm.date("date", d)
	p.lastmod = fm.date("lastmod", d)
	if p.lastmod.IsZero() {
		p.lastmod = p.date
	}
	if p.title == "" && p.Kind == KindPage {
		d.Add(diag.Diagnostic{File: f.Path, Line: 1, Message: "the page has no title",
			Hint: "add title: … to the front matter"})
	}
	// Hugo merges the params key into .Params.
	if extra, ok := f.Front["params"].(map[string]any); ok {
		for k, v := range extra {
			if _, exists := p.Params[k]; !exists {
				p.Params[k] = v
			}
		}
	}
	return p
}

// frontMatter is what the site model reads of every page's front matter: Hugo's page keys. Other
// keys are params for templates and features (.Params).
type frontMatter struct {
	yamldoc.Node
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	Type        string `yaml:"type"`
	Layout      string `yaml:"layout"`
	Lang        string `yaml:"lang"` // deprecated by Hugo: params.lang
	Weight      int    `yaml:"weight"`
	Draft       bool   `yaml:"draft"`
	Date        string `yaml:"date"`
	Lastmod     string `yaml:"lastmod"`
}

// date parses the date at key (YYYY-MM-DD, or a timestamp); zero when absent.
func (fm *frontMatter) date(key string, d *diag.List) time.Time {
	v := fm.Date
	if key == "lastmod" {
		v = fm.Lastmod
	}
	if v == "" {
		return time.Time{}
	}
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-1-2T15:4:5.999999999Z07:00", "2006-1-2 15:4:5.999999999", "2006-1-2"} {
		if tm, err := time.Parse(layout, v); err == nil {
			return tm
		}
	}
	d.Add(fm.ValueLoc(key).Errorf("write dates as YYYY-MM-DD", "%s %v is not a date", key, v))
	return time.Time{}
}

// NewPage makes a page without a content file, for features that add pages (AddPage links it).
func NewPage(kind, url, title, description, typ, lang, layout string, params map[string]any) *Page {
	return &Page{Kind: kind, RelPermalink: url, title: title, description: description, typ: typ,
		lang: lang, Layout: layout, Params: params, store: &Store{}}
}

// SourcePath is the content file's path relative to the site source ("content/a.md"), or a
// description of where a virtual page comes from.
func (p *Page) SourcePath() string {
	if p.File != nil {
		return p.File.Path
	}
	if p.adapter != "" {
		return p.adapter
	}
	if p.parent != nil && p.parent.File != nil {
		return p.parent.File.Path
	}
	return p.RelPermalink
}

func (p *Page) contentPath() string { return p.Path() }

// Site returns the site (Hugo's .Site).
func (p *Page) Site() *Site { return p.site }

// Title is the page title; a section without one gets its directory name, as in Hugo.
func (p *Page) Title() string {
	if p.title == "" && p.Kind == KindSection {
		return strings.Title(path.Base(p.Path())) //nolint:staticcheck // ASCII dir names
	}
	if p.title == "" && p.tax != nil {
		if p.Kind == KindTerm {
			return titleCase(p.tax.term)
		}
		return titleCase(p.tax.plural)
	}
	if p.title == "" && p.Kind == KindHome {
		return p.site.Config.Title
	}
	return p.title
}

func (p *Page) Description() string { return p.description }
func (p *Page) Weight() int         { return p.weight }
func (p *Page) Lastmod() time.Time  { return p.lastmod }

// Date is front matter date, else lastmod (Hugo's default [frontmatter] date: date, publishDate,
// lastmod).
func (p *Page) Date() time.Time {
	if p.date.IsZero() {
		return p.lastmod
	}
	return p.date
}

// LinkTitle is the title (samvirke has no linkTitle front matter).
func (p *Page) LinkTitle() string { return p.Title() }
func (p *Page) IsHome() bool      { return p.Kind == KindHome }
func (p *Page) IsPage() bool      { return p.Kind == KindPage }
func (p *Page) IsSection() bool   { return p.Kind == KindSection }
func (p *Page) IsNode() bool      { return p.Kind != KindPage }
func (p *Page) Parent() *Page     { return p.parent }
func (p *Page) Store() *Store     { return p.store }

// Section is the first path element (Hugo's .Section).
func (p *Page) Section() string {
	s := strings.Trim(p.Path(), "/")
	if i := strings.IndexByte(s, '/'); i >= 0 {
		return s[:i]
	}
	if p.Kind == KindPage && s != "" && !strings.Contains(s, "/") {
		return "" // a page directly under content/ has no section
	}
	return s
}

// Type is front matter type, else the section (Hugo's .Type); "page" for root pages.
func (p *Page) Type() string {
	if p.typ != "" {
		return p.typ
	}
	if s := p.Section(); s != "" {
		return s
	}
	return "page"
}

// Lang is the language of the page's site, as Hugo's .Lang: one site, one language. Front matter
// params.lang (a Danish page: params: {lang: da}) is .Params.lang, which the layouts read;
// ContentLang is it in Go.
func (p *Page) Lang() string { return p.site.language.Lang }

// Language is the site's language (Hugo's .Language).
func (p *Page) Language() *Language { return p.site.language }

// ContentLang is the language the page is written in: front matter params.lang, else the site's.
func (p *Page) ContentLang() string {
	if p.lang != "" {
		return p.lang
	}
	return p.site.language.Lang
}

// Permalink is the absolute URL.
func (p *Page) Permalink() string {
	base, err := url.Parse(p.site.Config.BaseURL)
	if err != nil || base.Host == "" {
		return p.RelPermalink
	}
	return strings.TrimSuffix(p.site.Config.BaseURL, "/") + p.RelPermalink
}

// Pages are the section's direct children (pages and subsections), by weight then title; a
// taxonomy's are its term pages, and a term's the pages that carry the term (as in Hugo).
func (p *Page) Pages() Pages {
	if p.tax != nil {
		return p.tax.pages
	}
	return p.children
}

// RegularPages are the section's direct children of kind page (a term's: its pages of kind
// page), including those a content adapter made, as in Hugo.
func (p *Page) RegularPages() Pages {
	var out []*Page
	for _, c := range p.Pages() {
		if c.Kind == KindPage {
			out = append(out, c)
		}
	}
	return out
}

// Sections are the section's direct subsections.
func (p *Page) Sections() Pages {
	var out []*Page
	for _, c := range p.children {
		if c.Kind == KindSection {
			out = append(out, c)
		}
	}
	return out
}

// Ancestors are the sections above the page, nearest first (Hugo's .Ancestors).
func (p *Page) Ancestors() Pages {
	var out []*Page
	for a := p.parent; a != nil; a = a.parent {
		out = append(out, a)
		if a.Kind == KindHome {
			break
		}
	}
	return out
}

// Content is the rendered body.
func (p *Page) Content() template.HTML { return p.content }

// TableOfContents is Hugo's <nav id="TableOfContents"> for the body's h2/h3.
func (p *Page) TableOfContents() template.HTML { return p.fragments.TableOfContents() }

// Fragments are the body's headings and identifiers (Hugo's .Fragments).
func (p *Page) Fragments() *markup.Fragments {
	if p.fragments == nil {
		return &markup.Fragments{HeadingsMap: map[string]*markup.Heading{}}
	}
	return p.fragments
}

// RawContent is the Markdown body, without front matter (Hugo's .RawContent).
func (p *Page) RawContent() string {
	if p.File == nil {
		return p.raw
	}
	return string(p.File.Body)
}

// Plain is the body as plain text (computed on demand: keeping it for every page would double
// the memory a large site needs).
func (p *Page) Plain() string { return markup.PlainText([]byte(p.content)) }

// Summary is the description, else the first sentences of the body up to about 70 words.
func (p *Page) Summary() template.HTML {
	if p.description != "" {
		return template.HTML(template.HTMLEscapeString(p.description))
	}
	words := strings.Fields(p.Plain())
	if len(words) > 70 {
		words = words[:70]
		s := strings.Join(words, " ")
		if i := strings.LastIndex(s, ". "); i > 100 {
			s = s[:i+1]
		} else {
			s += " …"
		}
		return template.HTML(template.HTMLEscapeString(s))
	}
	return template.HTML(template.HTMLEscapeString(strings.Join(words, " ")))
}

// Param returns a front matter value, else the site param (Hugo's .Param).
func (p *Page) Param(key string) any {
	if v, ok := p.Params[strings.ToLower(key)]; ok {
		return v
	}
	return p.site.Config.Params[key]
}

// SetContent stores the rendered body; called once per page by the build.
func (p *Page) SetContent(html string, fragments *markup.Fragments, calls []*markup.Call) {
	p.content = template.HTML(html)
	p.fragments = fragments
	p.Calls = calls
}

// AdapterContent is the body a content adapter gave the page, and whether it is HTML (else
// Markdown); ok is false for other pages.
func (p *Page) AdapterContent() (body string, isHTML, ok bool) {
	return p.raw, p.rawHTML, p.adapter != ""
}

// Sitemap is the page's sitemap settings (Hugo's .Sitemap): samvirke has no per-page settings,
// so no change frequency, no priority (-1) and not disabled.
func (p *Page) Sitemap() SitemapConfig { return SitemapConfig{Priority: -1} }

// SitemapConfig is Hugo's config.SitemapConfig.
type SitemapConfig struct {
	ChangeFreq string
	Priority   float64
	Filename   string
	Disable    bool
}

// IsTranslated is false: samvirke builds one language.
func (p *Page) IsTranslated() bool { return false }

// Translations are none: samvirke builds one language.
func (p *Page) Translations() Pages { return nil }

// Eq reports whether p and other are the same page (Hugo's .Eq).
func (p *Page) Eq(other *Page) bool { return p == other }

// IsAncestor reports whether p is an ancestor of other.
func (p *Page) IsAncestor(other *Page) bool {
	if other == nil {
		return false
	}
	for a := other.parent; a != nil; a = a.parent {
		if a == p {
			return true
		}
		if a.Kind == KindHome {
			break
		}
	}
	return false
}

// OutputPath is the file the page is written to, relative to the publish dir: the URL's path,
// unescaped (a web server unescapes a request's path before it looks for the file).
func (p *Page) OutputPath() string {
	out := p.RelPermalink
	if u, err := url.PathUnescape(out); err == nil {
		out = u
	}
	if strings.HasSuffix(out, ".html") {
		return strings.TrimPrefix(out, "/")
	}
	return strings.TrimPrefix(out, "/") + "index.html"
}

// Path is the page's logical path, unescaped and without a trailing slash ("/sær mappe/hva nå?",
// "/" for the home page), as Hugo's .Path.
func (p *Page) Path() string {
	u := p.RelPermalink
	if v, err := url.PathUnescape(u); err == nil {
		u = v
	}
	if u == "/" {
		return u
	}
	return strings.TrimSuffix(u, "/")
}

// NormalisePath is the form of a content path that becomes its URL, as Hugo makes it: lower-case,
// a run of spaces a hyphen, characters other than letters, digits, marks and . / \ _ # + ~ - @
// (and a valid %XX) dropped ("sær mappe/hva nå?" is "sær-mappe/hva-nå"), and in Unicode NFC, so
// that a name typed with a composed å and one with a + ring (macOS stores file names decomposed)
// make the same URL and the two files are reported as a clash.
func NormalisePath(p string) string { return norm.NFC.String(strings.ToLower(sanitize(p))) }

// sanitize is Hugo's paths.Sanitize (common/paths/path.go).
func sanitize(s string) string {
	allowed := func(i int, r rune) bool {
		if r == ' ' {
			return false
		}
		return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || strings.ContainsRune("./\\_#+~-@", r) ||
			r == '%' && i+2 < len(s) && ishex(s[i+1]) && ishex(s[i+2])
	}
	var b strings.Builder
	prependHyphen, wasHyphen := false, false
	for i, r := range s {
		switch {
		case allowed(i, r):
			wasHyphen = r == '-'
			if prependHyphen {
				if !wasHyphen {
					b.WriteByte('-')
				}
				prependHyphen = false
			}
			b.WriteRune(r)
		case b.Len() > 0 && !wasHyphen && unicode.IsSpace(r):
			prependHyphen = true
		}
	}
	return b.String()
}

func ishex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// EscapePath percent-encodes a URL path as Hugo's .RelPermalink does: letters outside ASCII
// (æ, ø, å: /s%C3%A6r-mappe/), # and what else a path cannot hold as it is; an escape that is
// already there (%20 in a file name) stays.
func EscapePath(p string) string {
	if u, err := url.PathUnescape(p); err == nil {
		p = u
	}
	return (&url.URL{Path: p}).EscapedPath()
}

// URI is an absolute or relative URL with every byte outside printable ASCII percent-encoded,
// as the sitemap protocol requires.
func URI(u string) string {
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		if c := u[i]; c <= 0x20 || c >= 0x7f {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// checkURLPath says why the content path rel (without .md) cannot make a URL, or "".
func checkURLPath(rel string) string {
	for _, seg := range strings.Split(rel, "/") {
		switch {
		case seg == "":
			return "it has an empty name (a file called .md)"
		case seg == "." || seg == "..":
			return fmt.Sprintf("%q would be the segment %q, which means this folder or the one above in an address", rel+".md", seg)
		case strings.ContainsRune(seg, '\\'):
			return fmt.Sprintf("%q contains a backslash, which is a folder separator on Windows", seg)
		case strings.IndexFunc(seg, unicode.IsControl) >= 0:
			return fmt.Sprintf("%q contains a control character", seg)
		case strings.HasSuffix(seg, ".") || strings.HasSuffix(seg, " ") || strings.HasPrefix(seg, " "):
			return fmt.Sprintf("%q begins or ends with a space or ends with a dot, which Windows cannot store", seg)
		}
	}
	return ""
}
