// Package trees is the decision-tree feature: it validates trees in content/beslutningstrer/,
// adds a static page per node, and provides the data the widget and the diagram need.
//
// A tree is an ordinary content page (the Hugo CLI sees one page); its front matter holds start:
// and nodes:. Prepare parses and validates every tree (messages point at the node: file:line)
// and adds a page per node at /beslutningstrer/TREE/NODE/ (layout node or outcome). AfterContent
// renders the Markdown inside nodes through ctx.Render, so the glossary and legal shortcode
// checks report unknown references at the line of the field, lays out the overview diagram and
// stores for the templates: "tree" (*TreeView) on the tree page and "node" (*NodeView) on each
// node page.
package trees

import (
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/site"
)

// Feature is the decision-tree feature.
type Feature struct {
	// Now returns the current time; the legal-review warning compares legal_review.date with its
	// day. Tests set a fixed day.
	Now func() time.Time

	trees []*Tree
}

// New returns the feature.
func New() *Feature { return &Feature{Now: time.Now} }

// Name implements feature.Feature.
func (*Feature) Name() string { return "beslutningstrær" }

// Trees returns the trees of the last Prepare, in URL order.
func (f *Feature) Trees() []*Tree { return f.trees }

// Prepare parses and validates every tree and adds the node pages.
func (f *Feature) Prepare(ctx *feature.Context) {
	f.trees = nil
	provisions := map[string]bool{}
	for _, p := range ctx.Site.AllPages() {
		if p.Kind == site.KindPage && p.Section() == "lovverk" {
			provisions[provisionID(p)] = true
		}
	}
	provisionIDs := sortedKeys(provisions)
	var levelIDs []string
	for _, l := range ctx.Site.Config.Site.Levels {
		levelIDs = append(levelIDs, strconv.Itoa(l.ID)+" ("+l.Name+")")
	}
	for _, p := range ctx.Site.AllPages() {
		if !isTreePage(p) {
			continue
		}
		if t := tooLarge(p, ctx.Diag); t != nil {
			f.trees = append(f.trees, t)
			continue
		}
		t := parse(p, ctx.Diag)
		validate(t, ctx.Diag)
		checkRefs(t, ctx.Diag, provisions, provisionIDs, ctx.Site.Config.Site.LevelName, levelIDs)
		checkDutyToReport(t, ctx.Diag)
		if _, ok := ctx.Site.Data["kontakter"]; ok {
			checkDutyContacts(t, ctx.Diag)
		}
		f.checkReview(t, ctx)
		f.trees = append(f.trees, t)
	}
	for _, t := range f.trees {
		if t.broken {
			continue
		}
		for _, id := range t.Order {
			n := t.Nodes[id]
			title, layout := n.Question, "node"
			if n.IsOutcome() {
				title, layout = n.Outcome.Title, "outcome"
			}
			params := map[string]any{"lang": t.Page.Lang(), "tree": t.Slug, "node": id}
			if src, ok := t.Page.Params["sources"]; ok {
				params["sources"] = src
			}
			n.Page = site.NewPage(site.KindPage, t.Page.RelPermalink+id+"/", title, t.Page.Description(), Section, t.Page.Lang(), layout, params)
			ctx.Site.AddPage(n.Page, t.Page, ctx.Diag)
		}
	}
}

// slugOf is a tree's URL segment: /beslutningstrer/SLUG/.
func slugOf(p *site.Page) string { return path.Base(strings.TrimSuffix(p.RelPermalink, "/")) }

// provisionID is the id a provision page is cited by: its id: key, else its file name.
func provisionID(p *site.Page) string {
	if id, ok := p.Params["id"].(string); ok && id != "" {
		return id
	}
	return path.Base(strings.TrimSuffix(p.RelPermalink, "/"))
}

// AfterContent renders the Markdown inside the nodes, checks the outcomes' links, and stores the
// views, the widget's data and the diagram for the templates.
func (f *Feature) AfterContent(ctx *feature.Context) {
	urls := map[string]bool{}
	var urlList []string
	for _, p := range ctx.Site.AllPages() {
		urls[p.RelPermalink] = true
		urlList = append(urlList, p.RelPermalink)
	}
	sort.Strings(urlList)
	provisions := map[string]*site.Page{}
	for _, p := range ctx.Site.AllPages() {
		if p.Kind == site.KindPage && p.Section() == "lovverk" {
			provisions[provisionID(p)] = p
		}
	}
	texts := map[string]map[string]string{} // lang -> the widget's and pages' texts
	for _, t := range f.trees {
		if _, done := texts[t.Lang]; done {
			continue
		}
		s, err := uiStrings(ctx.I18n, t.Lang)
		if err != nil {
			ctx.Diag.Add(diag.Diagnostic{File: "i18n/" + ctx.Site.Language().Lang + ".yaml", Message: err.Error(),
				Hint: "the decision trees' labels are the tree… strings of i18n/; add the missing one"})
			return
		}
		texts[t.Lang] = s
	}
	// Trees render in parallel, as page bodies do (ctx.Render and the diagnostics are safe for
	// concurrent use; each tree writes only its own pages' stores).
	var wg sync.WaitGroup
	for _, t := range f.trees {
		wg.Add(1)
		go func() {
			defer wg.Done()
			checkLinks(t, ctx.Diag, urls, urlList)
			v := render(t, ctx, provisions, texts[t.Lang])
			t.Page.Store().Set("tree", v)
			for _, nv := range v.Nodes {
				if nv.page != nil {
					nv.page.Store().Set("node", nv)
				}
			}
		}()
	}
	wg.Wait()
}
