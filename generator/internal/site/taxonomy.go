package site

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/markup"
)

// Taxonomies, with Hugo's semantics: hugo.toml's [taxonomies] maps a singular name to a plural
// (rolle = "roller"); a page lists its terms under the plural in front matter (roller: [skole]);
// every taxonomy has a list page of kind "taxonomy" at /PLURAL/ whose .Pages are its term pages,
// and every term a page of kind "term" at /PLURAL/TERM/ whose .Pages are the pages that carry the
// term. content/PLURAL/_index.md and content/PLURAL/TERM/_index.md, when they exist, give these
// pages their title, description, weight and body.

// Kinds of taxonomy pages, as Hugo names them.
const (
	KindTaxonomy = "taxonomy"
	KindTerm     = "term"
)

// WeightedPage is one page in a taxonomy (Hugo's taxonomy entry: .Weight and .Page).
type WeightedPage struct {
	Weight int
	Page   *Page
}

// WeightedPages are the pages of one term.
type WeightedPages []WeightedPage

// Pages returns the pages in order.
func (wp WeightedPages) Pages() Pages {
	out := make(Pages, len(wp))
	for i, w := range wp {
		out[i] = w.Page
	}
	return out
}

// Len is the number of pages.
func (wp WeightedPages) Len() int { return len(wp) }

// Taxonomy maps a term (lower case, as Hugo keys it) to its pages.
type Taxonomy map[string]WeightedPages

// taxonomyInfo is what a taxonomy or term page knows about its taxonomy.
type taxonomyInfo struct {
	singular, plural string
	term             string // the term as first written in front matter (term pages)
	pages            []*Page
}

// TermKey is the URL segment and identity of a term, as Hugo's urlize makes it: "Skole og SFO"
// and "skole-og-sfo" are the same term, /roller/skole-og-sfo/.
func TermKey(term string) string { return markup.Anchor(strings.TrimSpace(term)) }

// buildTaxonomies turns content pages at /PLURAL/ and /PLURAL/TERM/ into taxonomy and term pages,
// adds the ones no content file defines, and fills their page lists from front matter. It runs
// before link, so the pages take part in the section tree like any other.
func (s *Site) buildTaxonomies(d *diag.List) {
	s.taxonomies = map[string]Taxonomy{}
	plurals := make([]string, 0, len(s.Config.Taxonomies))
	singular := map[string]string{}
	for sing, plural := range s.Config.Taxonomies {
		plurals = append(plurals, plural)
		singular[plural] = sing
	}
	sort.Strings(plurals)
	content := append([]*Page(nil), s.pages...)
	for _, plural := range plurals {
		tax := s.byURL["/"+plural+"/"]
		if tax == nil {
			tax = NewPage(KindTaxonomy, "/"+plural+"/", titleCase(plural), "", "", "", "", map[string]any{})
			tax.site = s
			tax.Virtual = true
			s.add(tax, d)
		}
		tax.Kind = KindTaxonomy
		tax.tax = &taxonomyInfo{singular: singular[plural], plural: plural}
		terms := map[string]*Page{}
		// Term pages written as content (content/roller/skole/_index.md), even when no page uses them.
		for _, p := range content {
			rest, ok := strings.CutPrefix(p.RelPermalink, "/"+plural+"/")
			if !ok || p.Kind != KindSection || strings.Count(rest, "/") != 1 {
				continue
			}
			key := strings.TrimSuffix(rest, "/")
			p.Kind = KindTerm
			p.tax = &taxonomyInfo{singular: singular[plural], plural: plural, term: key}
			terms[key] = p
		}
		byTerm := Taxonomy{}
		for _, p := range content {
			for _, term := range p.termsOf(plural, d) {
				key := TermKey(term)
				if key == "" {
					continue
				}
				tp := terms[key]
				if tp == nil {
					tp = NewPage(KindTerm, "/"+plural+"/"+key+"/", titleCase(term), "", "", "", "", map[string]any{})
					tp.site = s
					tp.Virtual = true
					tp.tax = &taxonomyInfo{singular: singular[plural], plural: plural, term: term}
					s.add(tp, d)
					terms[key] = tp
				}
				tp.tax.pages = append(tp.tax.pages, p)
				lower := strings.ToLower(strings.TrimSpace(term))
				byTerm[lower] = append(byTerm[lower], WeightedPage{Weight: p.weight, Page: p})
			}
		}
		for _, tp := range terms {
			SortPages(tp.tax.pages)
			tax.tax.pages = append(tax.tax.pages, tp)
		}
		SortPages(tax.tax.pages)
		for k, wp := range byTerm {
			ps := wp.Pages()
			SortPages(ps)
			out := make(WeightedPages, len(ps))
			for i, p := range ps {
				out[i] = WeightedPage{Weight: p.weight, Page: p}
			}
			byTerm[k] = out
		}
		s.taxonomies[plural] = byTerm
	}
}

// termsOf reads the page's terms of a taxonomy from front matter: a list of text, or one text.
func (p *Page) termsOf(plural string, d *diag.List) []string {
	if p.File == nil {
		return nil
	}
	v, ok := p.Params[plural]
	if !ok || v == nil {
		return nil
	}
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		out := make([]string, 0, len(t))
		for i, x := range t {
			s, ok := x.(string)
			if !ok {
				d.Add(diag.Diagnostic{File: p.File.Path, Line: p.File.Line(plural, strconv.Itoa(i)),
					Message: fmt.Sprintf("%s: %v is not a term", plural, x), Hint: fmt.Sprintf("write the terms as a list of words: %s: [skole, barnehage]", plural)})
				continue
			}
			out = append(out, s)
		}
		return out
	}
	d.Add(diag.Diagnostic{File: p.File.Path, Line: p.File.Line(plural), Message: fmt.Sprintf("%s must be a list of terms, not %v", plural, v),
		Hint: fmt.Sprintf("write %s: [skole, barnehage]", plural)})
	return nil
}

// titleCase is Hugo's title for a term or taxonomy without a content file ("skole og SFO" ->
// "Skole Og SFO").
func titleCase(s string) string {
	words := strings.Fields(strings.ReplaceAll(s, "-", " "))
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

// Taxonomies is Hugo's .Site.Taxonomies: plural -> term -> pages.
func (s *Site) Taxonomies() map[string]Taxonomy { return s.taxonomies }

// TaxonomyPlurals lists the configured taxonomies' plurals, sorted.
func (s *Site) TaxonomyPlurals() []string {
	out := make([]string, 0, len(s.Config.Taxonomies))
	for _, p := range s.Config.Taxonomies {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// GetTerms is Hugo's .GetTerms TAXONOMY: the term pages of the page's terms, in the order the
// front matter lists them.
func (p *Page) GetTerms(plural string) Pages {
	if p.site == nil || p.File == nil {
		return nil
	}
	v, ok := p.Params[plural]
	if !ok {
		return nil
	}
	var terms []string
	switch t := v.(type) {
	case string:
		terms = []string{t}
	case []any:
		for _, x := range t {
			if s, ok := x.(string); ok {
				terms = append(terms, s)
			}
		}
	}
	var out Pages
	seen := map[*Page]bool{}
	for _, term := range terms {
		if tp := p.site.byURL["/"+plural+"/"+TermKey(term)+"/"]; tp != nil && tp.Kind == KindTerm && !seen[tp] {
			seen[tp] = true
			out = append(out, tp)
		}
	}
	return out
}

// Data is Hugo's .Data of taxonomy and term pages: Singular, Plural, and Term (term pages) or
// Terms (taxonomy pages). Other pages have an empty map.
func (p *Page) Data() map[string]any {
	if p.tax == nil {
		return map[string]any{}
	}
	m := map[string]any{"Singular": p.tax.singular, "Plural": p.tax.plural}
	if p.Kind == KindTerm {
		m["Term"] = p.tax.term
		m["Pages"] = Pages(p.tax.pages)
	} else if p.site != nil {
		m["Terms"] = p.site.taxonomies[p.tax.plural]
	}
	return m
}

// TermPages returns a taxonomy's term pages by key (the URL segment), for features that validate
// which terms a site allows.
func (s *Site) TermPages(plural string) map[string]*Page {
	out := map[string]*Page{}
	for _, p := range s.pages {
		if p.Kind == KindTerm && p.tax != nil && p.tax.plural == plural {
			out[strings.TrimSuffix(strings.TrimPrefix(p.RelPermalink, "/"+plural+"/"), "/")] = p
		}
	}
	return out
}
