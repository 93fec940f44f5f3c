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
	"github.com/goccy/go-yaml/ast"
	"path"

	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/legal"
	"samvirke/generator/internal/site"
	"samvirke/generator/internal/yamldoc"
)

// Feature is the decision-tree feature.
type Feature struct {
	// Now returns the current time; the legal-review warning compares legal_review.date with its
	// day. Tests set a fixed day.
	Now func() time.Time

	legal *legal.Feature
	trees []*Tree
}

// New returns the feature. It checks the outcomes' legal: ids against the registry and cites
// them there (for backlinks and the registry's warnings).
func New(registry *legal.Feature) *Feature { return &Feature{Now: time.Now, legal: registry} }

// Name implements feature.Feature.
func (*Feature) Name() string { return "beslutningstrær" }

// Trees returns the trees of the last Prepare, in URL order.
func (f *Feature) Trees() []*Tree { return f.trees }

// Prepare parses and validates every tree (its front matter is also checked against
// schema/decision-tree.schema.json), adds the node pages and cites the tree's provisions.
func (f *Feature) Prepare(ctx *feature.Context) {
	f.trees = nil
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
		var d diag.List
		t := parse(p, &d)
		validate(t, &d)
		checkRefs(t, &d, f.legal, ctx.Site.Config.Site.LevelName, levelIDs)
		checkDutyToReport(t, &d)
		if _, ok := ctx.Site.Data["kontakter"]; ok {
			checkDutyContacts(t, &d)
		}
		checkSchema(t, &d)
		ctx.Diag.Merge(&d)
		f.checkReview(t, ctx)
		f.trees = append(f.trees, t)
	}
	for _, t := range f.trees {
		if !t.broken {
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
		f.cite(t)
	}
}

// slugOf is a tree's URL segment: /beslutningstrer/SLUG/.
func slugOf(p *site.Page) string { return path.Base(strings.TrimSuffix(p.RelPermalink, "/")) }

// cite reports the tree's citations to the legal registry: every outcome's legal: and every lov
// shortcode in the tree's texts, each leading back to the node's page (the tree's, when the tree
// has errors and no node pages, or for texts outside nodes:).
func (f *Feature) cite(t *Tree) {
	f.legal.Claim(t.Page)
	if t.File.Doc == nil {
		return
	}
	file, doc := t.File.Path, t.File.Doc
	var cs []legal.Citation
	doc.Scalars(doc.Root, func(path []string, n ast.Node) {
		back, context := t.Page, ""
		if len(path) >= 2 && strings.EqualFold(path[0], "nodes") {
			if node := t.Nodes[strings.ToLower(path[1])]; node != nil && node.Page != nil {
				back, context = node.Page, t.Page.Title()
			}
		}
		if len(path) == 5 && strings.EqualFold(path[2], "outcome") && strings.EqualFold(path[3], "legal") {
			if id := strings.TrimSpace(yamldoc.Text(n)); f.legal.Provision(id) != nil {
				cs = append(cs, legal.Citation{ID: id, File: file, Line: doc.Line(n), Page: back, Context: context, How: "legal"})
			}
			return
		}
		cs = append(cs, f.legal.ShortcodeCitations(yamldoc.Text(n), file, doc.TextLine(n), back, context)...)
	})
	f.legal.Cite(cs...)
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
			v := render(t, ctx, f.legal, texts[t.Lang])
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

// Search implements feature.Searchable: the section's pages are "beslutningstre" results; a tree
// is found by its questions and its outcomes' titles.
func (f *Feature) Search(p *site.Page) (feature.SearchInfo, bool) {
	if p.Section() != Section {
		return feature.SearchInfo{}, false
	}
	info := feature.SearchInfo{Type: "beslutningstre"}
	for _, t := range f.trees {
		if t.Page != p {
			continue
		}
		for _, id := range t.Order {
			n := t.Nodes[id]
			if n.Question != "" {
				info.Terms = append(info.Terms, n.Question)
			}
			if n.Outcome != nil && n.Outcome.Title != "" {
				info.Terms = append(info.Terms, n.Outcome.Title)
			}
		}
	}
	return info, true
}
