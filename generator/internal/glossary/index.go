package glossary

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

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

// Letter returns the index letter of a title and its anchor id, following Norwegian collation
// (site.CompareNorwegian): Æ, Ø and Å come after Z; Ä files under Æ, Ö under Ø, Ü under Y and a
// leading "Aa" under Å; other accents are dropped (É under E). Titles that do not start with a
// letter go under "#". IDs are ASCII: bokstav-a … bokstav-z, bokstav-ae (Æ), bokstav-oe (Ø),
// bokstav-aa (Å), bokstav-annet (#).
func Letter(title string) (letter, id string) {
	t := strings.TrimLeftFunc(title, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if t == "" {
		return "#", "bokstav-annet"
	}
	if len(t) >= 2 && strings.EqualFold(t[:2], "aa") {
		return "Å", "bokstav-aa"
	}
	r := unicode.ToUpper([]rune(t)[0])
	switch r {
	case 'Æ', 'Ä':
		return "Æ", "bokstav-ae"
	case 'Ø', 'Ö':
		return "Ø", "bokstav-oe"
	case 'Å':
		return "Å", "bokstav-aa"
	case 'Ü':
		return "Y", "bokstav-y"
	}
	base := []rune(norm.NFD.String(string(r)))[0]
	switch {
	case base >= 'A' && base <= 'Z':
		return string(base), "bokstav-" + strings.ToLower(string(base))
	case unicode.IsLetter(base):
		return string(r), fmt.Sprintf("bokstav-u%04x", base)
	}
	return "#", "bokstav-annet"
}

// Groups groups pages by the initial letter of their title: letters in Norwegian order ("#"
// first), pages within a letter by title in Norwegian order.
func Groups(pages []*site.Page) []Group {
	byLetter := map[string]*Group{}
	var out []*Group
	for _, p := range pages {
		letter, id := Letter(p.Title())
		g := byLetter[letter]
		if g == nil {
			g = &Group{Letter: letter, ID: id}
			byLetter[letter] = g
			out = append(out, g)
		}
		g.Pages = append(g.Pages, p)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Letter, out[j].Letter
		if (a == "#") != (b == "#") {
			return a == "#"
		}
		return site.CompareNorwegian(a, b) < 0
	})
	groups := make([]Group, len(out))
	for i, g := range out {
		sort.SliceStable(g.Pages, func(i, j int) bool {
			if c := site.CompareNorwegian(g.Pages[i].Title(), g.Pages[j].Title()); c != 0 {
				return c < 0
			}
			return g.Pages[i].RelPermalink < g.Pages[j].RelPermalink
		})
		groups[i] = *g
	}
	return groups
}
