// Package glossary is the glossary feature: entries in content/begreper/, the begrep shortcode's
// checks and the alphabetical index.
//
// Pipeline:
//   - Funcs gives templates glossaryGroups: pages grouped by initial letter in Norwegian order,
//     for the index at /begreper/.
//   - Prepare validates every entry's front matter (definition required; related, provision and
//     term_lang checked, with a "did you mean") and stores a *Term for the templates
//     (.Store.Get "term").
//   - CheckShortcode validates {{< begrep "slug" ["link text"] >}} while bodies render.
package glossary

import (
	"fmt"
	"html/template"
	"strings"
	"sync"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/legal"
	"samvirke/generator/internal/markup"
	"samvirke/generator/internal/site"
	"samvirke/generator/internal/yamldoc"
)

// Section is the content section (and URL prefix) of the glossary.
const Section = "begreper"

// Feature is the glossary feature. Use New; a Feature is used for one build at a time.
type Feature struct {
	legal *legal.Feature
	mu    sync.Mutex
	ix    *Index // built by Load, before any feature's Prepare renders front matter with begrep
	defs  map[*site.Page]string
}

// New returns the feature. It checks an entry's provision against the legal registry and cites
// it there.
func New(registry *legal.Feature) *Feature { return &Feature{legal: registry} }

// Name implements feature.Feature.
func (*Feature) Name() string { return Section }

var (
	_ feature.FuncProvider     = (*Feature)(nil)
	_ feature.Loader           = (*Feature)(nil)
	_ feature.Preparer         = (*Feature)(nil)
	_ feature.ShortcodeChecker = (*Feature)(nil)
)

// Term is what an entry's templates get through .Store.Get "term".
type Term struct {
	Slug       string
	Lang       string        // term_lang; "" when not given
	Definition template.HTML // rendered inline Markdown
	Origin     template.HTML // rendered inline Markdown; "" when not given
	Related    []*site.Page  // the related entries, in the order given
	Provision  *site.Page    // the provision that defines the term, or nil
	// ProvisionLink is the provision as the lov shortcode renders it (citation linked to its page).
	ProvisionLink template.HTML
}

// Group is one letter of the alphabetical index.
type Group struct {
	Letter string // "A" … "Å"; "#" for titles that do not start with a letter
	ID     string // anchor id: "bokstav-a", "bokstav-ae" (Æ), "bokstav-oe" (Ø), "bokstav-aa" (Å)
	Pages  site.Pages
}

// Funcs implements feature.FuncProvider.
func (f *Feature) Funcs(*site.Site) template.FuncMap {
	return template.FuncMap{
		// glossaryGroups PAGES: the pages grouped by initial letter, in Norwegian order.
		"glossaryGroups": func(pages any) ([]Group, error) {
			switch ps := pages.(type) {
			case site.Pages:
				return Groups(ps), nil
			case []*site.Page:
				return Groups(ps), nil
			case nil:
				return nil, nil
			}
			return nil, fmt.Errorf("glossaryGroups: want pages, got %T", pages)
		},
	}
}

// Load implements feature.Loader: it indexes the entries, which shortcode checks and other
// features (models' tools) look up.
func (f *Feature) Load(ctx *feature.Context) {
	ix := NewIndex(ctx.Site)
	f.mu.Lock()
	f.ix = ix
	f.mu.Unlock()
}

// Index returns the entries indexed by Load (nil before).
func (f *Feature) Index() *Index {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.ix
}

// IsEntry reports whether p is a glossary entry: a page directly under /begreper/ with a content file.
func IsEntry(p *site.Page) bool {
	return p.Kind == site.KindPage && !p.Virtual && p.File != nil && slugOf(p) != ""
}

// slugOf is the entry's slug from its URL (/begreper/SLUG/), or "" when p is not directly in the section.
func slugOf(p *site.Page) string {
	rest, ok := strings.CutPrefix(p.RelPermalink, "/"+Section+"/")
	if !ok {
		return ""
	}
	rest = strings.TrimSuffix(rest, "/")
	if rest == "" || strings.Contains(rest, "/") {
		return ""
	}
	return rest
}

// Prepare implements feature.Preparer.
func (f *Feature) Prepare(ctx *feature.Context) {
	ix := f.Index()
	defs := map[*site.Page]string{}
	for _, p := range ctx.Site.AllPages() {
		if IsEntry(p) {
			t, def := f.prepareEntry(ctx, ix, p)
			p.Store().Set("term", t)
			defs[p] = def
		}
	}
	f.mu.Lock()
	f.defs = defs
	f.mu.Unlock()
}

// Search implements feature.Searchable: the glossary's pages are "begrep" results; an entry is
// found by the words of its definition.
func (f *Feature) Search(p *site.Page) (feature.SearchInfo, bool) {
	if p.Section() != Section {
		return feature.SearchInfo{}, false
	}
	info := feature.SearchInfo{Type: "begrep"}
	f.mu.Lock()
	if def := f.defs[p]; def != "" {
		info.Terms = []string{def}
	}
	f.mu.Unlock()
	return info, true
}

// entryFront is what a glossary entry's front matter holds besides Hugo's keys.
type entryFront struct {
	yamldoc.Node
	Definition string   `yaml:"definition"`
	Origin     string   `yaml:"origin"`
	TermLang   string   `yaml:"term_lang"`
	Related    []string `yaml:"related"`
	Provision  string   `yaml:"provision"`
}

// prepareEntry validates an entry and returns its Term and its definition as written.
func (f *Feature) prepareEntry(ctx *feature.Context, ix *Index, p *site.Page) (*Term, string) {
	file := p.File
	d := ctx.Diag
	t := &Term{Slug: slugOf(p)}
	var fm entryFront
	if file.Doc != nil {
		for _, pr := range file.Doc.DecodeRoot(&fm, yamldoc.Open()) {
			d.Add(pr)
		}
	}
	switch {
	case !yamldoc.IsScalar(fm.Value("definition")):
		// A list or a block: yamldoc reported it.
	case strings.TrimSpace(fm.Definition) == "":
		d.Add(fm.KeyLoc("definition").Errorf("add definition: … to the front matter: one or two sentences, shown on the entry, in the index and in popups",
			"the glossary entry has no definition"))
	default:
		t.Definition = ctx.Render(p, file.Path, fm.TextLine("definition"), fm.Definition, false)
	}
	if fm.Origin != "" {
		t.Origin = ctx.Render(p, file.Path, fm.TextLine("origin"), fm.Origin, false)
	}
	if lang := fm.TermLang; lang != "" {
		if !isLanguage(lang) {
			hint := "use one of " + strings.Join(site.Languages, ", ")
			if s := diag.Suggest(lang, site.Languages); s != "" {
				hint = fmt.Sprintf("did you mean %q? (%s)", s, hint)
			}
			d.Add(fm.ValueLoc("term_lang").Errorf(hint, "unknown term_lang %q", lang))
		} else {
			t.Lang = lang
		}
	}
	for i, slug := range fm.Related {
		loc := fm.ItemLoc("related", i)
		switch {
		case slug == "": // empty, or not text (reported)
		case slug == t.Slug:
			d.Add(loc.Warnf(GroupSelfRelated, "remove it from related", "related lists the entry itself (%q)", slug))
		case ix.Terms[slug] == nil:
			d.Add(loc.Errorf(ix.TermHint(slug), "related: unknown glossary term %q", slug))
		default:
			t.Related = append(t.Related, ix.Terms[slug])
		}
	}
	if id := fm.Provision; id != "" {
		loc := fm.ValueLoc("provision")
		if prov := f.legal.Provision(id); prov == nil {
			d.Add(loc.Errorf(f.legal.Hint(id), "provision: unknown provision %q", id))
		} else {
			f.legal.Cite(legal.Citation{ID: id, File: file.Path, Line: loc.Line, Page: p, How: "provision"})
			t.Provision = prov.Page
			t.ProvisionLink = ctx.Render(p, file.Path, loc.Line, fmt.Sprintf("{{< lov %q >}}", id), false)
		}
	}
	return t, fm.Definition
}

// GroupSelfRelated is the warning group of entries that list themselves as related.
const GroupSelfRelated = "glossary: entries that list themselves as related"

func isLanguage(code string) bool {
	for _, l := range site.Languages {
		if l == code {
			return true
		}
	}
	return false
}

// CheckShortcode implements feature.ShortcodeChecker for {{< begrep "slug" ["link text"] >}}.
func (f *Feature) CheckShortcode(c *markup.Call) (bool, error) {
	if c.Name != "begrep" {
		return false, nil
	}
	const usage = `write {{< begrep "stafettlogg" >}} or {{< begrep "stafettlogg" "stafettloggen" >}}`
	switch {
	case len(c.Named) > 0:
		return true, diag.Problemf(usage, "begrep takes the term's slug and optional link text, not named arguments")
	case len(c.Positional) == 0 || strings.TrimSpace(c.Positional[0]) == "":
		return true, diag.Problemf(usage+" ("+termsWhere+")", "begrep needs the term's slug")
	case len(c.Positional) > 2:
		return true, diag.Problemf(usage+"; quote link text that has spaces", "begrep takes at most two arguments, got %d", len(c.Positional))
	case len(c.Positional) == 2 && strings.TrimSpace(c.Positional[1]) == "":
		return true, diag.Problemf("leave it out to show the term, or write the text", "begrep: the link text is empty")
	}
	ix := f.Index()
	if ix == nil {
		return true, nil // no site yet: nothing to check against
	}
	slug := c.Positional[0]
	if ix.Terms[slug] == nil {
		return true, diag.Problemf(ix.TermHint(slug), "unknown glossary term %q", slug)
	}
	return true, nil
}
