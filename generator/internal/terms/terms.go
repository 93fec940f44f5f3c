// Package terms checks the roles and target groups pages are tagged with (Hugo taxonomies,
// hugo.toml [taxonomies]). Hugo accepts any term and makes a page for it; in a portal a misspelt
// term (roller: [skloe]) would make an empty landing page and leave the page off the right one. So
// once a taxonomy has term pages written in content/ (content/roller/skole/_index.md), every term
// used in front matter must be one of them: anything else is an error at file:line with a
// did-you-mean.
package terms

import (
	"fmt"
	"sort"
	"strconv"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/site"
)

// Feature validates taxonomy terms in front matter.
type Feature struct{}

// New returns the feature.
func New() *Feature { return &Feature{} }

// Name implements feature.Feature.
func (*Feature) Name() string { return "roller og målgrupper" }

// Prepare implements feature.Preparer.
func (*Feature) Prepare(ctx *feature.Context) {
	s := ctx.Site
	for _, plural := range s.TaxonomyPlurals() {
		defined := map[string]bool{}
		var keys []string
		for k, p := range s.TermPages(plural) {
			if p.File != nil {
				defined[k] = true
				keys = append(keys, k)
			}
		}
		if len(keys) == 0 {
			continue // terms are free until the site defines its own
		}
		sort.Strings(keys)
		for _, p := range s.AllPages() {
			if p.File == nil {
				continue
			}
			list, _ := p.Params[plural].([]any)
			if s, ok := p.Params[plural].(string); ok {
				list = []any{s}
			}
			for i, x := range list {
				term, _ := x.(string)
				if defined[site.TermKey(term)] {
					continue
				}
				hint := fmt.Sprintf("the %s are the folders in content/%s/ (each with an _index.md): %v", plural, plural, keys)
				if m := diag.Suggest(term, keys); m != "" {
					hint = fmt.Sprintf("did you mean %q? (%s)", m, hint)
				}
				ctx.Diag.Add(p.File.Loc(plural, strconv.Itoa(i)).Errorf(hint, "unknown %s term %q", plural, term))
			}
		}
	}
}
