// Package site is the site model: pages with Hugo's names (.Title, .RelPermalink, .Pages …), the
// section tree, and lookups. It is built from content files and config, then enriched by features
// (trees, legal registry, glossary) and rendered; nothing in here reads or writes files.
package site

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"samvirke/generator/internal/config"
	"samvirke/generator/internal/content"
	"samvirke/generator/internal/diag"
)

// Kinds, as Hugo names them.
const (
	KindHome    = "home"
	KindSection = "section"
	KindPage    = "page"
)

// Language is a content language (Hugo's .Language).
type Language struct {
	Lang         string
	LanguageName string
	LanguageCode string
}

var languageNames = map[string]string{"nb": "Norsk bokmål", "nn": "Norsk nynorsk", "da": "Dansk", "en": "English"}

// Languages are the content languages samvirke supports (each has an i18n file).
var Languages = []string{"nb", "nn", "da", "en"}

// NewLanguage returns the Language for a code.
func NewLanguage(code string) *Language {
	return &Language{Lang: code, LanguageName: languageNames[code], LanguageCode: code}
}

// Site is the whole site: its pages, config and lookups.
type Site struct {
	Config      *config.Config
	Home        *Page
	pages       []*Page // every page, including home and sections
	byURL       map[string]*Page
	byPath      map[string]*Page // "/a/b" (content path without extension), as GetPage takes it
	language    *Language
	Data        map[string]any // data/ files, Hugo's .Site.Data
	BuildDrafts bool
	render      StringRenderer
	taxonomies  map[string]Taxonomy
}

// New assembles the site from content files. URL clashes and malformed known keys go to d.
func New(cfg *config.Config, files []*content.File, drafts bool, d *diag.List) *Site {
	s := &Site{Config: cfg, byURL: map[string]*Page{}, byPath: map[string]*Page{},
		language: NewLanguage(cfg.DefaultContentLanguage), Data: map[string]any{}, BuildDrafts: drafts}
	for _, f := range files {
		p := newPage(s, f, d)
		if p == nil || p.Draft && !drafts {
			continue
		}
		s.add(p, d)
	}
	if s.Home == nil {
		s.add(&Page{site: s, Kind: KindHome, RelPermalink: "/", Params: map[string]any{}, title: cfg.Title, store: &Store{}}, d)
	}
	s.buildTaxonomies(d)
	s.link(d)
	return s
}

// add registers p by URL and path; two pages on one URL are an error naming both files.
func (s *Site) add(p *Page, d *diag.List) {
	if other, ok := s.byURL[p.RelPermalink]; ok {
		a, b := other.SourcePath(), p.SourcePath()
		if b < a {
			a, b = b, a
		}
		msg := fmt.Sprintf("%s and %s both publish to %s", a, b, p.Path())
		hint := "rename or remove one of them"
		if NormalisePath(a) == NormalisePath(b) {
			hint = "addresses are lower-case and Unicode-normalised, so names that differ only in case or in how a letter is encoded make the same address: " + hint
		}
		d.Add(diag.Diagnostic{File: b, Line: 1, Message: msg, Hint: hint})
		return
	}
	s.byURL[p.RelPermalink] = p
	s.byPath[p.contentPath()] = p
	s.pages = append(s.pages, p)
	if p.Kind == KindHome {
		s.Home = p
	}
}

// AddPage adds a page that has no content file (a decision-tree node page, say). It is linked to
// parent and rendered like any other page.
func (s *Site) AddPage(p *Page, parent *Page, d *diag.List) {
	p.site = s
	if p.Params == nil {
		p.Params = map[string]any{}
	}
	if p.store == nil {
		p.store = &Store{}
	}
	if p.Kind == "" {
		p.Kind = KindPage
	}
	p.parent = parent
	p.Virtual = true
	s.add(p, d)
}

// link builds the section tree: each page's parent is the nearest section above it.
func (s *Site) link(d *diag.List) {
	for _, p := range s.pages {
		if p.Kind == KindHome {
			continue
		}
		dir := path.Dir(strings.TrimSuffix(p.RelPermalink, "/"))
		for {
			if parent, ok := s.byURL[strings.TrimSuffix(dir, "/")+"/"]; ok && parent.Kind != KindPage {
				p.parent = parent
				break
			}
			if dir == "/" || dir == "." {
				p.parent = s.Home
				break
			}
			dir = path.Dir(dir)
		}
		if p.parent != nil && p.parent != p {
			p.parent.children = append(p.parent.children, p)
		}
	}
	for _, p := range s.pages {
		SortPages(p.children)
	}
}

// Pages returns every page in a stable order (by URL).
func (s *Site) AllPages() []*Page {
	out := append([]*Page(nil), s.pages...)
	sort.Slice(out, func(i, j int) bool { return out[i].RelPermalink < out[j].RelPermalink })
	return out
}

// RegularPages returns every page of kind "page", by weight then title (Hugo's .Site.RegularPages).
func (s *Site) RegularPages() Pages {
	var out []*Page
	for _, p := range s.pages {
		if p.Kind == KindPage {
			out = append(out, p)
		}
	}
	SortPages(out)
	return out
}

// Pages is Hugo's .Site.Pages: every page.
func (s *Site) Pages() Pages {
	out := append([]*Page(nil), s.pages...)
	SortPages(out)
	return out
}

// Sections returns the top-level sections (Hugo's .Site.Sections).
func (s *Site) Sections() Pages {
	var out []*Page
	for _, p := range s.Home.children {
		if p.Kind == KindSection {
			out = append(out, p)
		}
	}
	return out
}

// GetPage finds a page by content path ("/modeller/lagmodellen", "modeller", "/") or URL.
func (s *Site) GetPage(ref string) *Page {
	if ref == "" || ref == "/" {
		return s.Home
	}
	key := NormalisePath("/" + strings.Trim(strings.TrimSuffix(ref, ".md"), "/"))
	if p, ok := s.byPath[key]; ok {
		return p
	}
	if p, ok := s.byURL[key+"/"]; ok {
		return p
	}
	if p, ok := s.byURL[EscapePath(key)+"/"]; ok {
		return p
	}
	return nil
}

// ByURL returns the page published at url ("/a/b/").
func (s *Site) ByURL(url string) *Page { return s.byURL[url] }

// Title is the site title.
func (s *Site) Title() string { return s.Config.Title }

// BaseURL is the configured base URL with a trailing slash.
func (s *Site) BaseURL() string { return s.Config.BaseURL }

// Params are the site's [params].
func (s *Site) Params() map[string]any { return s.Config.Params }

// Language is the site's default content language.
func (s *Site) Language() *Language { return s.language }

// LanguageCode is the site's languageCode.
func (s *Site) LanguageCode() string { return s.Config.LanguageCode }

// Store is Hugo's .Store: a per-page scratchpad that features fill (backlinks, tree data).
type Store struct {
	mu sync.RWMutex
	m  map[string]any
}

// Get returns the value for key, or nil.
func (s *Store) Get(key string) any {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.m[key]
}

// Set sets key to v and returns "" so it can be called from templates.
func (s *Store) Set(key string, v any) string {
	s.mu.Lock()
	if s.m == nil {
		s.m = map[string]any{}
	}
	s.m[key] = v
	s.mu.Unlock()
	return ""
}

// norwegian collates with Æ, Ø, Å after Z. golang.org/x/text has no tailoring for "no"/"nb" (it
// falls back to the root order, which puts Æ with A), but its Nynorsk tailoring is the Norwegian
// alphabet, the same for Bokmål.
var norwegian = collate.New(language.MustParse("nn"), collate.IgnoreCase)
var collatorMu sync.Mutex

// CompareNorwegian orders strings in Norwegian alphabetical order (æ, ø, å after z).
func CompareNorwegian(a, b string) int {
	collatorMu.Lock()
	defer collatorMu.Unlock()
	return norwegian.CompareString(a, b)
}

// SortPages sorts by weight (pages without a weight last), then title in Norwegian order, then URL.
func SortPages(ps []*Page) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		wa, wb := a.Weight(), b.Weight()
		if (wa == 0) != (wb == 0) {
			return wa != 0
		}
		if wa != wb {
			return wa < wb
		}
		if c := CompareNorwegian(a.Title(), b.Title()); c != 0 {
			return c < 0
		}
		return a.RelPermalink < b.RelPermalink
	})
}

// AddOrphan attaches a page to the site without listing it (the 404 page).
func (s *Site) AddOrphan(p *Page) {
	p.site = s
	if p.store == nil {
		p.store = &Store{}
	}
}

// Pages is a page collection with Hugo's methods.
type Pages []*Page

// Reverse returns the pages in reverse order.
func (ps Pages) Reverse() Pages {
	out := make(Pages, len(ps))
	for i, p := range ps {
		out[len(ps)-1-i] = p
	}
	return out
}

// Len is the number of pages.
func (ps Pages) Len() int { return len(ps) }
