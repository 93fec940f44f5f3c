package site

import (
	"errors"
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/spf13/cast"

	"samvirke/generator/internal/diag"
)

// Content adapters (Hugo ≥ 0.126): a content/DIR/_content.gotmpl template adds pages that have no
// file of their own with .AddPage (dict "path" "…" "title" "…" …). The build executes each one
// (package tpl) with an AdapterContext; this file gives it Hugo's semantics as far as samvirke
// implements them: kind page or section, path relative to the adapter's folder, title,
// description, layout, type, weight, draft, dates, params and content (Markdown, or HTML with
// mediaType text/html); other keys are ignored, as Hugo ignores them. The site's page collections
// cannot be used while adapters run (Hugo: "this method cannot be called before the site is
// fully initialized").

// AdapterContext is the context of a _content.gotmpl template: .AddPage, .AddResource, .Site,
// .Store and .EnableAllLanguages.
type AdapterContext struct {
	site  *Site
	dir   string // the adapter's folder under content/, e.g. "beslutningstrer"
	file  string // "content/beslutningstrer/_content.gotmpl", for messages
	store *Store
	d     *diag.List
}

// NewAdapterContext returns the context for the adapter file (a path under content/).
func NewAdapterContext(s *Site, file string, d *diag.List) *AdapterContext {
	dir := path.Dir(strings.TrimPrefix(file, "content/"))
	if dir == "." {
		dir = ""
	}
	return &AdapterContext{site: s, dir: dir, file: file, store: NewScratch(), d: d}
}

// AddPage adds a page; the first return value is always "".
func (c *AdapterContext) AddPage(v any) (string, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return "", fmt.Errorf("AddPage takes a dict, not %T", v)
	}
	return "", c.site.addAdapterPage(c, m)
}

// AddResource is not supported by samvirke: pages made by adapters have no resources.
func (c *AdapterContext) AddResource(v any) (string, error) {
	return "", errors.New("AddResource is not supported by samvirke; give the page its text with AddPage's content")
}

// Site is the site, with its page collections not ready (as in Hugo).
func (c *AdapterContext) Site() *AdapterSite { return &AdapterSite{s: c.site} }

// Store keeps values between the template's runs (samvirke runs it once).
func (c *AdapterContext) Store() *Store { return c.store }

// EnableAllLanguages does nothing: samvirke builds one language.
func (c *AdapterContext) EnableAllLanguages() string { return "" }

// AdapterSite is .Site (and site) while content adapters run: the site's data, params and title,
// but no pages yet.
type AdapterSite struct{ s *Site }

var errNotReady = errors.New("this method cannot be called before the site is fully initialized")

func (a *AdapterSite) Title() string                   { return a.s.Title() }
func (a *AdapterSite) BaseURL() string                 { return a.s.BaseURL() }
func (a *AdapterSite) Params() map[string]any          { return a.s.Params() }
func (a *AdapterSite) Language() *Language             { return a.s.Language() }
func (a *AdapterSite) LanguageCode() string            { return a.s.LanguageCode() }
func (a *AdapterSite) Data() map[string]any            { return a.s.Data }
func (a *AdapterSite) RegularPages() (Pages, error)    { return nil, errNotReady }
func (a *AdapterSite) Pages() (Pages, error)           { return nil, errNotReady }
func (a *AdapterSite) AllPages() (Pages, error)        { return nil, errNotReady }
func (a *AdapterSite) AllRegularPages() (Pages, error) { return nil, errNotReady }
func (a *AdapterSite) Home() (*Page, error)            { return nil, errNotReady }
func (a *AdapterSite) Sections() (Pages, error)        { return nil, errNotReady }
func (a *AdapterSite) GetPage(...any) (*Page, error)   { return nil, errNotReady }
func (a *AdapterSite) Menus() (any, error)             { return nil, errNotReady }
func (a *AdapterSite) MainSections() (any, error)      { return nil, errNotReady }
func (a *AdapterSite) Taxonomies() (any, error)        { return nil, errNotReady }

// addAdapterPage makes the page a content adapter describes.
func (s *Site) addAdapterPage(c *AdapterContext, m map[string]any) error {
	get := func(k string) (any, bool) {
		for key, v := range m {
			if strings.EqualFold(key, k) {
				return v, true
			}
		}
		return nil, false
	}
	str := func(k string) string { v, _ := get(k); return cast.ToString(v) }
	if v, ok := get("lang"); ok && v != nil {
		return errors.New("lang must not be set")
	}
	rel := strings.Trim(str("path"), "/")
	if rel == "" {
		return errors.New("empty path is reserved for the home page")
	}
	if problem := checkURLPath(rel); problem != "" {
		return fmt.Errorf("path %q cannot be a web address: %s", rel, problem)
	}
	kind := strings.ToLower(str("kind"))
	switch kind {
	case "", KindPage:
		kind = KindPage
	case KindSection:
	default:
		return fmt.Errorf("kind %q: a content adapter adds pages of kind page or section", kind)
	}
	draft := false
	if v, ok := get("draft"); ok {
		draft = cast.ToBool(v)
	}
	if draft && !s.BuildDrafts {
		return nil
	}
	full := path.Join(c.dir, rel)
	p := &Page{site: s, Kind: kind, RelPermalink: EscapePath(NormalisePath("/" + full + "/")), Draft: draft, Virtual: true,
		Params: map[string]any{}, store: NewScratch(), title: str("title"), description: str("description"),
		typ: str("type"), Layout: str("layout"), adapter: c.file}
	if v, ok := get("weight"); ok {
		p.weight = cast.ToInt(v)
	}
	if v, ok := get("params"); ok && v != nil {
		params, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("params must be a dict, not %T", v)
		}
		for k, v := range params {
			p.Params[strings.ToLower(k)] = v
		}
	}
	if l, ok := p.Params["lang"].(string); ok {
		p.lang = l
	}
	if v, ok := get("dates"); ok && v != nil {
		dates, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("dates must be a dict, not %T", v)
		}
		for k, dv := range dates {
			t, err := cast.ToTimeInDefaultLocationE(dv, time.UTC)
			if err != nil {
				return fmt.Errorf("dates.%s: %w", k, err)
			}
			switch strings.ToLower(k) {
			case "date":
				p.date = t
			case "lastmod":
				p.lastmod = t
			}
		}
		if p.lastmod.IsZero() {
			p.lastmod = p.date
		}
	}
	if v, ok := get("content"); ok && v != nil {
		cm, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("content must be a dict with value and mediaType, not %T", v)
		}
		mt := strings.ToLower(cast.ToString(cm["mediaType"]))
		value := cast.ToString(cm["value"])
		switch mt {
		case "", "text/markdown":
			p.raw = value
		case "text/html":
			p.raw, p.rawHTML = value, true
		default:
			return fmt.Errorf("content mediaType %q is not supported by samvirke (text/markdown, text/html)", mt)
		}
	}
	s.add(p, c.d)
	return nil
}
