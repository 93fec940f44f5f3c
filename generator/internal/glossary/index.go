package glossary

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/site"
)

const (
	termsWhere = "terms are the file names in content/begreper/"
	lawSection = "lovverk"
)

// Index finds what knowledge-base front matter refers to: glossary entries by slug and legal
// provisions by id. The models feature checks its references with it too.
type Index struct {
	Terms      map[string]*site.Page // slug -> entry
	Provisions map[string]*site.Page // provision id -> provision page
	slugs      []string              // sorted, for suggestions
	byName     map[string]*site.Page // lower-cased slug and title -> entry
}

// NewIndex indexes the site's glossary entries and provision pages. A provision's id is its
// front matter id, else its file name.
func NewIndex(s *site.Site) *Index {
	ix := &Index{Terms: map[string]*site.Page{}, Provisions: map[string]*site.Page{}, byName: map[string]*site.Page{}}
	for _, p := range s.AllPages() {
		if p.Kind != site.KindPage || p.Virtual {
			continue
		}
		if IsEntry(p) {
			slug := slugOf(p)
			ix.Terms[slug] = p
			ix.slugs = append(ix.slugs, slug)
			ix.byName[strings.ToLower(slug)] = p
			continue
		}
		rest, ok := strings.CutPrefix(p.RelPermalink, "/"+lawSection+"/")
		if !ok || strings.Contains(strings.TrimSuffix(rest, "/"), "/") {
			continue
		}
		id, _ := p.Params["id"].(string)
		if id == "" {
			id = strings.TrimSuffix(rest, "/")
		}
		ix.Provisions[id] = p
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

// Describe names a YAML value's type for messages ("text", "a list" …).
func Describe(v any) string {
	switch t := v.(type) {
	case nil:
		return "empty"
	case string:
		return fmt.Sprintf("the text %q", t)
	case int, int64, float64:
		return fmt.Sprintf("the number %v", t)
	case bool:
		return fmt.Sprintf("%v", t)
	case time.Time:
		return "a date"
	case []any:
		return "a list"
	case map[string]any:
		return "a set of keys"
	}
	return fmt.Sprintf("%T", v)
}
