// Package glossary checks the glossary: entries in content/begreper/ and the begrep shortcode.
// The entry pages, the alphabetical index in Norwegian order and the popups are the layouts'
// (layouts/begreper/, layouts/_partials/begreper/letter.html).
//
// Pipeline:
//   - Prepare validates every entry's front matter (definition required; related, provision and
//     term_lang checked, with a "did you mean"; shortcodes in definition and origin checked at
//     their line).
//   - CheckShortcode validates {{< begrep "slug" ["link text"] >}} while bodies render.
package glossary

import (
	"fmt"
	"strings"
	"sync"

	"samvirke/generator/internal/content"
	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/markup"
	"samvirke/generator/internal/site"
)

// Section is the content section (and URL prefix) of the glossary.
const Section = "begreper"

// Feature is the glossary feature. Use New; a Feature is used for one build at a time.
type Feature struct {
	mu   sync.Mutex
	site *site.Site
	ix   *Index // built on first use: a feature's Prepare may render front matter with begrep before ours runs
}

// New returns the feature.
func New() *Feature { return &Feature{} }

// Name implements feature.Feature.
func (*Feature) Name() string { return Section }

var (
	_ feature.Preparer         = (*Feature)(nil)
	_ feature.ShortcodeChecker = (*Feature)(nil)
)

// index returns the reference index, building it on first use.
func (f *Feature) index() *Index {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.ix == nil && f.site != nil {
		f.ix = NewIndex(f.site)
	}
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
	f.mu.Lock()
	if f.site != ctx.Site {
		f.site, f.ix = ctx.Site, nil
	}
	f.mu.Unlock()
	ix := f.index()
	for _, p := range ctx.Site.AllPages() {
		if IsEntry(p) {
			checkEntry(ctx, ix, p)
		}
	}
}

// checkEntry validates one entry's front matter.
func checkEntry(ctx *feature.Context, ix *Index, p *site.Page) {
	file := p.File
	d := ctx.Diag
	self := slugOf(p)
	fm := file.Front

	def, ok := text(d, file, fm, "definition")
	switch {
	case !ok:
	case strings.TrimSpace(def) == "":
		d.Add(diag.Diagnostic{File: file.Path, Line: file.KeyLine("definition"),
			Message: "the glossary entry has no definition",
			Hint:    "add definition: … to the front matter: one or two sentences, shown on the entry, in the index and in popups"})
	default:
		ctx.Render(p, file.Path, file.Line("definition"), def, false) // checks its shortcodes at their line
	}
	if origin, ok := text(d, file, fm, "origin"); ok && origin != "" {
		ctx.Render(p, file.Path, file.Line("origin"), origin, false)
	}
	if lang, ok := text(d, file, fm, "term_lang"); ok && lang != "" {
		if !isLanguage(lang) {
			hint := "use one of " + strings.Join(site.Languages, ", ")
			if s := diag.Suggest(lang, site.Languages); s != "" {
				hint = fmt.Sprintf("did you mean %q? (%s)", s, hint)
			}
			d.Add(diag.Diagnostic{File: file.Path, Line: file.Line("term_lang"),
				Message: fmt.Sprintf("unknown term_lang %q", lang), Hint: hint})
		}
	}
	if v, ok := fm["related"]; ok && v != nil {
		list, isList := v.([]any)
		if !isList {
			d.Add(diag.Diagnostic{File: file.Path, Line: file.Line("related"),
				Message: fmt.Sprintf("related must be a list of entry slugs, not %s", Describe(v)),
				Hint:    "write related: [stafettholder, samarbeidsniva]"})
		}
		for i, item := range list {
			line := file.Line("related", fmt.Sprint(i))
			slug, isText := item.(string)
			switch {
			case !isText:
				d.Errorf(file.Path, line, "related: entry %d must be a slug (text), not %s", i+1, Describe(item))
			case slug == self:
				d.Add(diag.Diagnostic{File: file.Path, Line: line, Severity: diag.Warning, Group: "begreper: henviser til seg selv",
					Message: fmt.Sprintf("related lists the entry itself (%q)", slug), Hint: "remove it from related"})
			case ix.Terms[slug] == nil:
				d.Add(diag.Diagnostic{File: file.Path, Line: line,
					Message: fmt.Sprintf("related: unknown glossary term %q", slug), Hint: ix.TermHint(slug)})
			}
		}
	}
	// provision: the legal registry reports an unknown id (it checks every front-matter list).
}

// text reads an optional text key; a value of another type is an error at its line (ok false).
func text(d *diag.List, f *content.File, m map[string]any, key string) (string, bool) {
	v, present := m[key]
	if !present || v == nil {
		return "", true
	}
	s, isText := v.(string)
	if !isText {
		d.Add(diag.Diagnostic{File: f.Path, Line: f.Line(key),
			Message: fmt.Sprintf("%s must be text, not %s", key, Describe(v)),
			Hint:    "put the text in quotes if YAML reads it as something else"})
		return "", false
	}
	return s, true
}

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
		return true, fmt.Errorf("begrep takes the term's slug and optional link text, not named arguments\n%s", usage)
	case len(c.Positional) == 0 || strings.TrimSpace(c.Positional[0]) == "":
		return true, fmt.Errorf("begrep needs the term's slug\n%s (%s)", usage, termsWhere)
	case len(c.Positional) > 2:
		return true, fmt.Errorf("begrep takes at most two arguments, got %d\n%s; quote link text that has spaces", len(c.Positional), usage)
	case len(c.Positional) == 2 && strings.TrimSpace(c.Positional[1]) == "":
		return true, fmt.Errorf("begrep: the link text is empty\nleave it out to show the term, or write the text")
	}
	ix := f.index()
	if ix == nil {
		return true, nil // no site yet: nothing to check against
	}
	slug := c.Positional[0]
	if ix.Terms[slug] == nil {
		return true, fmt.Errorf("unknown glossary term %q\n%s", slug, ix.TermHint(slug))
	}
	return true, nil
}
