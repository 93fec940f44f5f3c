package glossary

import (
	"fmt"
	"sort"
	"strings"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/site"
)

const termsWhere = "terms are the file names in content/begreper/"

// Index finds glossary entries by slug (the begrep shortcode, related:) and by name (a model's
// tools).
type Index struct {
	Terms  map[string]*site.Page // slug -> entry
	slugs  []string              // sorted, for suggestions
	byName map[string]*site.Page // lower-cased slug and title -> entry
}

// NewIndex indexes the site's glossary entries.
func NewIndex(s *site.Site) *Index {
	ix := &Index{Terms: map[string]*site.Page{}, byName: map[string]*site.Page{}}
	for _, p := range s.AllPages() {
		if p.Kind != site.KindPage || p.Virtual {
			continue
		}
		if IsEntry(p) {
			slug := slugOf(p)
			ix.Terms[slug] = p
			ix.slugs = append(ix.slugs, slug)
			ix.byName[strings.ToLower(slug)] = p
		}
	}
	for _, p := range ix.Terms {
		if k := strings.ToLower(p.Title()); ix.byName[k] == nil {
			ix.byName[k] = p
		}
	}
	sort.Strings(ix.slugs)
	return ix
}

// TermHint is the hint for an unknown term slug: a "did you mean" when one is close.
func (ix *Index) TermHint(slug string) string { return didYouMean(slug, ix.slugs, termsWhere) }

// TermNamed returns the entry whose slug or title is name (case-insensitively), or nil.
func (ix *Index) TermNamed(name string) *site.Page {
	return ix.byName[strings.ToLower(strings.TrimSpace(name))]
}

func didYouMean(s string, candidates []string, where string) string {
	if m := diag.Suggest(s, candidates); m != "" {
		return fmt.Sprintf("did you mean %q? (%s)", m, where)
	}
	return where
}
