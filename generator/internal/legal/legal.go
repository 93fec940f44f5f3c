// Package legal is the legal reference registry: provisions in content/lovverk/, the lov
// shortcode's checks, backlinks, validity warnings and the JSON export.
//
// The features that cite provisions get the registry in their constructor (features.All): they
// look ids up (Provision, Hint), report an unknown id in their own front matter themselves and
// record what they cite (Cite; Claim when they record every citation of a page). The registry
// knows no other feature's front matter.
//
// Pipeline:
//   - Load reads and validates every provision page (typed front matter, errors at
//     file:line:column) and gives templates what they need through .Store, before any feature's
//     Prepare looks a provision up.
//   - CheckShortcode validates {{< lov "id" ["text"] >}} while bodies render (unknown id: a "did
//     you mean").
//   - AfterContent collects every citation (what features cited, body shortcodes from page.Calls,
//     lov shortcodes in the front-matter text of pages no feature claimed), stores the backlinks
//     ("citedBy") and adds the registry's warnings: unverified, superseded or expired but still
//     cited, not verified for too long, cited nowhere.
//   - Search gives the search index the provisions' citations, law names and demotion.
//   - Output writes /lovverk/index.json.
package legal

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/markup"
	"samvirke/generator/internal/site"
)

// Section is the content section (and URL prefix) of the registry.
const Section = "lovverk"

// Statuses a provision may have.
const (
	StatusConfirmed  = "confirmed"
	StatusUnverified = "unverified"
)

// UnknownLawID is the law_id an editor writes when the law's Lovdata id is not confirmed. It is
// exported as null.
const UnknownLawID = "ikke-verifisert"

// Feature is the legal registry feature. Use New; a Feature is used for one build at a time.
type Feature struct {
	// Now returns the current time; the build report's validity and staleness checks use its
	// date. Tests set a fixed day.
	Now func() time.Time

	mu         sync.Mutex
	provisions map[string]*Provision
	ordered    []*Provision // law order, then weight, then section
	ids        []string     // sorted, for suggestions
	refs       []Citation   // citations the citing features found in their front matter (Cite)
	claimed    map[*site.Page]bool
	cites      map[string][]Citation
	today      time.Time
	section    *site.Page
}

// New returns the feature.
func New() *Feature { return &Feature{Now: time.Now, claimed: map[*site.Page]bool{}} }

// Name implements feature.Feature.
func (*Feature) Name() string { return Section }

var (
	_ feature.Loader           = (*Feature)(nil)
	_ feature.ShortcodeChecker = (*Feature)(nil)
	_ feature.AfterContent     = (*Feature)(nil)
	_ feature.Outputter        = (*Feature)(nil)
)

// Provision is one entry of the registry, read from content/lovverk/ID.md.
type Provision struct {
	ID           string
	Law          string // short name as cited: "hol."
	LawName      string
	LawID        string // LOV-2011-06-24-30, or UnknownLawID
	Section      string // "§ 7-2 a"
	Item         string // "nr. 3", optional
	Title        string
	Summary      string // the description: one sentence, shown in popups and lists
	Lovdata      string
	ValidFrom    time.Time // zero when not given
	ValidTo      time.Time
	SupersededBy string
	Status       string
	LastVerified time.Time
	Weight       int

	Page  *site.Page
	File  string // content/lovverk/ID.md
	front provisionFront
}

// Citation is the short citation: law, section and item ("fvl. § 13 b nr. 3").
func (p *Provision) Citation() string {
	c := p.Law + " " + p.Section
	if p.Item != "" {
		c += " " + p.Item
	}
	return c
}

// Loc is the position of a front-matter key (the opening --- when the key is absent).
func (p *Provision) Loc(key string) diag.Location {
	if !p.front.Has(key) {
		return diag.Location{File: p.File, Line: 1}
	}
	return p.front.KeyLoc(key)
}

// Line is the file line of a front-matter key (1 when the key is absent).
func (p *Provision) Line(key string) int { return p.Loc(key).Line }

// Superseded reports whether another provision replaces this one.
func (p *Provision) Superseded() bool { return p.SupersededBy != "" }

// Expired reports whether the provision stopped applying before today.
func (p *Provision) Expired(today time.Time) bool {
	return !p.ValidTo.IsZero() && p.ValidTo.Before(today)
}

// Outdated reports whether the provision no longer applies: superseded or expired. An outdated
// provision never shows as confirmed law, and lists and search rank it below current law.
func (p *Provision) Outdated(today time.Time) bool { return p.Superseded() || p.Expired(today) }

// NotYetInForce reports whether the provision starts applying after today.
func (p *Provision) NotYetInForce(today time.Time) bool {
	return !p.ValidFrom.IsZero() && p.ValidFrom.After(today)
}

// Provisions returns the registry in law order (after Prepare).
func (f *Feature) Provisions() []*Provision { return f.ordered }

// Provision returns the provision with the id, or nil.
func (f *Feature) Provision(id string) *Provision { return f.provisions[id] }

// Info is what the provision page and the lov shortcode get through .Store.Get "provision".
type Info struct {
	ID                string
	Citation          string
	Unverified        bool
	Superseded        bool
	Successor         *site.Page // the provision that replaces this one, when superseded
	SuccessorCitation string
	Expired           bool // valid_to lies before the build day
	Outdated          bool // superseded or expired: the badge says it no longer applies
	NotYetInForce     bool
	Stale             bool // last_verified is older than params.legalStaleMonths
	StaleMonths       int  // params.legalStaleMonths
	LawIDKnown        bool
	LovdataSearch     bool // the Lovdata link is a search, not the provision itself
}

// LawGroup is one law on the index page (.Store.Get "lawGroups" of /lovverk/).
type LawGroup struct {
	Law     string // short name
	LawName string
	LawID   string // "" when unknown
	Anchor  string // heading id
	Pages   []*site.Page
}

// Backlink is one page or decision-tree node that cites a provision (.Store.Get "citedBy").
type Backlink struct {
	Title     string
	URL       string // relative permalink
	Permalink string // absolute when the site has a base URL with a host
	Context   string // the section or decision tree it belongs to
}

func (f *Feature) reset() {
	f.provisions = map[string]*Provision{}
	f.ordered = nil
	f.ids = nil
	f.refs = nil
	f.claimed = map[*site.Page]bool{}
	f.cites = map[string][]Citation{}
	f.section = nil
	now := time.Now
	if f.Now != nil {
		now = f.Now
	}
	t := now()
	f.today = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// isProvisionPage reports whether p is a provision: a page file directly in content/lovverk/.
func isProvisionPage(p *site.Page) bool {
	if p.File == nil || p.Kind != site.KindPage {
		return false
	}
	rest, ok := strings.CutPrefix(p.File.Rel, Section+"/")
	return ok && !strings.Contains(rest, "/")
}

// Load implements feature.Loader: it reads and validates every provision, before any feature's
// Prepare looks provisions up or cites them.
func (f *Feature) Load(ctx *feature.Context) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reset()
	s := ctx.Site
	for _, p := range s.AllPages() {
		if isProvisionPage(p) {
			if prov := parseProvision(p, f.today, ctx.Diag); prov != nil {
				f.provisions[prov.ID] = prov
			}
		}
		if p.Kind == site.KindSection && p.RelPermalink == "/"+Section+"/" {
			f.section = p
		}
	}
	for id := range f.provisions {
		f.ids = append(f.ids, id)
	}
	sort.Strings(f.ids)
	f.checkSuccessors(ctx.Diag)
	f.order()
	stale := ctx.Site.Config.Site.LegalStaleMonths
	if stale <= 0 {
		stale = 12
	}
	for _, p := range f.ordered {
		info := &Info{ID: p.ID, Citation: p.Citation(), Unverified: p.Status == StatusUnverified,
			Superseded: p.Superseded(), Expired: p.Expired(f.today), Outdated: p.Outdated(f.today), NotYetInForce: p.NotYetInForce(f.today),
			Stale: f.stale(p, stale), StaleMonths: stale, LawIDKnown: p.LawID != UnknownLawID,
			LovdataSearch: strings.Contains(p.Lovdata, "/sok?") || strings.Contains(p.Lovdata, "/sok/")}
		if succ := f.provisions[p.SupersededBy]; succ != nil {
			info.Successor, info.SuccessorCitation = succ.Page, succ.Citation()
		}
		p.Page.Store().Set("provision", info)
	}
	if f.section != nil {
		f.section.Store().Set("lawGroups", f.groups())
	}
	f.checkReviews(ctx)
}

// stale reports whether p's last_verified is more than months months before today.
func (f *Feature) stale(p *Provision, months int) bool {
	return !p.LastVerified.IsZero() && p.LastVerified.AddDate(0, months, 0).Before(f.today)
}

// checkSuccessors validates superseded_by: a known id, not itself, no cycles.
func (f *Feature) checkSuccessors(d *diag.List) {
	for _, id := range f.ids {
		p := f.provisions[id]
		if p.SupersededBy == "" {
			continue
		}
		loc := p.front.ValueLoc("superseded_by")
		switch succ := f.provisions[p.SupersededBy]; {
		case p.SupersededBy == p.ID:
			d.Add(loc.Errorf("superseded_by names the provision that replaces this one; leave it empty if there is none",
				"provision %q is superseded by itself", p.ID))
			p.SupersededBy = ""
		case succ == nil:
			d.Add(loc.Errorf(f.Hint(p.SupersededBy), "superseded_by: unknown provision %q", p.SupersededBy))
		}
	}
	// Cycles: a -> b -> a would leave no provision that applies.
	for _, id := range f.ids {
		seen := map[string]bool{}
		for cur := f.provisions[id]; cur != nil && cur.SupersededBy != ""; cur = f.provisions[cur.SupersededBy] {
			if seen[cur.ID] {
				p := f.provisions[id]
				d.Add(p.front.ValueLoc("superseded_by").Errorf("the newest provision must not have superseded_by",
					"superseded_by forms a cycle starting at %q", id))
				break
			}
			seen[cur.ID] = true
		}
	}
}

// Hint is the hint for an unknown provision id: the closest id, and where ids come from.
func (f *Feature) Hint(id string) string {
	const where = "ids are the file names in content/lovverk/"
	if s := diag.Suggest(id, f.ids); s != "" {
		return fmt.Sprintf("did you mean %q? (%s)", s, where)
	}
	return where
}

// lawKey groups provisions by law: the full name, which tells the 1967 and a later
// forvaltningslov apart even when both are cited "fvl.".
func lawKey(p *Provision) string { return p.LawName }

// order sorts the registry: laws by their lowest weight, then provisions by weight and section.
// Provisions that no longer apply (superseded or expired) come after those that do, within their
// law, and a law with nothing but outdated provisions comes after the laws that apply.
func (f *Feature) order() {
	outdated := func(p *Provision) bool { return p.Outdated(f.today) }
	type lawRank struct {
		outdated bool // every provision of the law is outdated
		weight   int
	}
	laws := map[string]lawRank{}
	for _, p := range f.provisions {
		k := lawKey(p)
		r, seen := laws[k]
		switch {
		case !seen:
			r = lawRank{outdated: outdated(p), weight: weightOf(p)}
		case r.outdated && !outdated(p):
			r = lawRank{weight: weightOf(p)}
		case r.outdated == outdated(p) && weightOf(p) < r.weight:
			r.weight = weightOf(p)
		}
		laws[k] = r
	}
	f.ordered = f.ordered[:0]
	for _, id := range f.ids {
		f.ordered = append(f.ordered, f.provisions[id])
	}
	sort.SliceStable(f.ordered, func(i, j int) bool {
		a, b := f.ordered[i], f.ordered[j]
		if ka, kb := lawKey(a), lawKey(b); ka != kb {
			ra, rb := laws[ka], laws[kb]
			if ra.outdated != rb.outdated {
				return !ra.outdated
			}
			if ra.weight != rb.weight {
				return ra.weight < rb.weight
			}
			return site.CompareNorwegian(ka, kb) < 0
		}
		if oa, ob := outdated(a), outdated(b); oa != ob {
			return !oa
		}
		if wa, wb := weightOf(a), weightOf(b); wa != wb {
			return wa < wb
		}
		return naturalLess(a.Section+" "+a.Item, b.Section+" "+b.Item)
	})
}

// weightOf treats a missing weight as "last", as SortPages does.
func weightOf(p *Provision) int {
	if p.Weight == 0 {
		return 1 << 30
	}
	return p.Weight
}

var digits = regexp.MustCompile(`\d+|\D+`)

// naturalLess compares "§ 13 b nr. 10" after "§ 13 b nr. 9".
func naturalLess(a, b string) bool {
	pa, pb := digits.FindAllString(a, -1), digits.FindAllString(b, -1)
	for i := 0; i < len(pa) && i < len(pb); i++ {
		if pa[i] == pb[i] {
			continue
		}
		na, ea := atoi(pa[i])
		nb, eb := atoi(pb[i])
		if ea && eb {
			return na < nb
		}
		return pa[i] < pb[i]
	}
	return len(pa) < len(pb)
}

func atoi(s string) (int, bool) {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + int(r-'0')
	}
	return n, s != ""
}

// groups are the laws in order, each with its provision pages.
func (f *Feature) groups() []*LawGroup {
	var out []*LawGroup
	byKey := map[string]*LawGroup{}
	anchors := map[string]bool{}
	for _, p := range f.ordered {
		g, ok := byKey[lawKey(p)]
		if !ok {
			anchor := "lov-" + markup.Anchor(strings.TrimSuffix(p.Law, "."))
			for i := 2; anchors[anchor]; i++ {
				anchor = fmt.Sprintf("lov-%s-%d", markup.Anchor(strings.TrimSuffix(p.Law, ".")), i)
			}
			anchors[anchor] = true
			g = &LawGroup{Law: p.Law, LawName: p.LawName, Anchor: anchor}
			if p.LawID != UnknownLawID {
				g.LawID = p.LawID
			}
			byKey[lawKey(p)] = g
			out = append(out, g)
		}
		if g.LawID == "" && p.LawID != UnknownLawID {
			g.LawID = p.LawID
		}
		g.Pages = append(g.Pages, p.Page)
	}
	return out
}

// CheckShortcode implements feature.ShortcodeChecker for {{< lov "id" ["link text"] >}}.
func (f *Feature) CheckShortcode(c *markup.Call) (bool, error) {
	if c.Name != "lov" {
		return false, nil
	}
	const usage = `write {{< lov "id" >}} or {{< lov "id" "link text" >}}`
	switch {
	case len(c.Named) > 0:
		return true, diag.Problemf(usage, "lov takes the provision id and optional link text, not named arguments")
	case len(c.Positional) == 0 || strings.TrimSpace(c.Positional[0]) == "":
		return true, diag.Problemf(usage+" (ids are the file names in content/lovverk/)", "lov needs a provision id")
	case len(c.Positional) > 2:
		return true, diag.Problemf(usage+"; quote link text that has spaces", "lov takes at most two arguments, got %d", len(c.Positional))
	case len(c.Positional) == 2 && strings.TrimSpace(c.Positional[1]) == "":
		return true, diag.Problemf("leave it out to show the citation, or write the text", "lov: the link text is empty")
	}
	id := c.Positional[0]
	if f.provisions[id] == nil {
		return true, diag.Problemf(f.Hint(id), "unknown provision %q", id)
	}
	return true, nil
}

// Search implements feature.Searchable: the registry's pages are "lov" results; a provision is
// found by its citation and its law's name; one that no longer applies, does not apply yet or is
// unverified says so in results and ranks after current law.
func (f *Feature) Search(p *site.Page) (feature.SearchInfo, bool) {
	if p.Section() != Section {
		return feature.SearchInfo{}, false
	}
	info := feature.SearchInfo{Type: "lov"}
	for _, prov := range f.ordered {
		if prov.Page == p {
			info.Terms = []string{prov.Citation()}
			if prov.LawName != "" {
				info.Terms = append(info.Terms, prov.LawName)
			}
			info.Outdated = prov.Outdated(f.today)
			info.NotYetInForce = prov.NotYetInForce(f.today)
			info.Unverified = prov.Status == StatusUnverified
		}
	}
	return info, true
}
