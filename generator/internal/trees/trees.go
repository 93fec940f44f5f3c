// Package trees checks the decision trees in content/beslutningstrer/.
//
// A tree is an ordinary content page; its front matter holds start: and nodes:. Prepare parses
// and validates every tree (messages point at the node: file:line:column; the front matter is
// also checked against schema/decision-tree.schema.json): the graph, the duty-to-report rule,
// references to provisions, levels and contacts, the legal review; it cites the tree's provisions
// in the legal registry. AfterContent checks the outcomes' links and the Markdown inside nodes
// (through ctx.Render, so the glossary and legal shortcode checks report unknown references at
// the line of the field).
//
// What the trees show is the layouts' and the content adapter's work, from the same front matter:
// content/beslutningstrer/_content.gotmpl adds a page per node at /beslutningstrer/TREE/NODE/
// (layout node or outcome); layouts/beslutningstrer/ and layouts/_partials/beslutningstrer/ draw
// the first question, the overview diagram with its text alternative and the widget's data.
package trees

import (
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/goccy/go-yaml/ast"

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
// schema/decision-tree.schema.json) and cites the tree's provisions.
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
		f.cite(ctx.Site, t)
	}
}

// slugOf is a tree's URL segment: /beslutningstrer/SLUG/.
func slugOf(p *site.Page) string { return path.Base(strings.TrimSuffix(p.RelPermalink, "/")) }

// cite reports the tree's citations to the legal registry: every outcome's legal: and every lov
// shortcode in the tree's texts, each on the node's page that the content adapter made (the
// tree's page for texts outside nodes:, or when there is no such page).
func (f *Feature) cite(s *site.Site, t *Tree) {
	f.legal.Claim(t.Page)
	if t.File.Doc == nil {
		return
	}
	file, doc := t.File.Path, t.File.Doc
	var cs []legal.Citation
	doc.Scalars(doc.Root, func(path []string, n ast.Node) {
		back, context := t.Page, ""
		if len(path) >= 2 && strings.EqualFold(path[0], "nodes") {
			if np := s.ByURL(t.Page.RelPermalink + strings.ToLower(path[1]) + "/"); np != nil {
				back, context = np, t.Page.Title()
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

// AfterContent checks the outcomes' links and renders the Markdown inside the nodes, so that the
// shortcodes in them are checked at their lines (the output is the layouts' business).
func (f *Feature) AfterContent(ctx *feature.Context) {
	urls := map[string]bool{}
	var urlList []string
	for _, p := range ctx.Site.AllPages() {
		urls[p.RelPermalink] = true
		urlList = append(urlList, p.RelPermalink)
	}
	sort.Strings(urlList)
	// Trees are checked in parallel, as page bodies render (ctx.Render and the diagnostics are
	// safe for concurrent use).
	var wg sync.WaitGroup
	for _, t := range f.trees {
		wg.Go(func() {
			checkLinks(t, ctx.Diag, urls, urlList)
			checkTexts(t, ctx)
		})
	}
	wg.Wait()
}

// checkTexts renders each node's Markdown (help, outcome body and next steps) as the layouts
// will, reporting problems at the field's line.
func checkTexts(t *Tree, ctx *feature.Context) {
	file := t.File.Path
	for _, id := range t.Order {
		n := t.Nodes[id]
		if n.Help != "" {
			ctx.Render(t.Page, file, n.src.TextLine("help"), n.Help, true)
		}
		o := n.Outcome
		if o == nil {
			continue
		}
		if o.Body != "" {
			ctx.Render(t.Page, file, o.src.TextLine("body"), o.Body, true)
		}
		for i, step := range o.NextSteps {
			ctx.Render(t.Page, file, o.src.ItemTextLine("next_steps", i), step, false)
		}
	}
}

// checkLinks checks that the outcomes' internal links lead to pages of the site.
func checkLinks(t *Tree, d *diag.List, urls map[string]bool, urlList []string) {
	for _, id := range t.Order {
		o := t.Nodes[id].Outcome
		if o == nil {
			continue
		}
		for _, l := range o.Links {
			if !strings.HasPrefix(l.URL, "/") || strings.HasPrefix(l.URL, "//") {
				if u, err := url.Parse(l.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
					d.Add(l.At.Errorf("write a path on this site such as /veiviser/, or a full address starting with https://",
						"link %q of outcome %q is neither a site path nor an http(s) address", l.URL, id))
				}
				continue
			}
			u, err := url.Parse(l.URL)
			if err != nil {
				d.Add(l.At.Errorf("", "link %q of outcome %q is not a valid address: %v", l.URL, id, err))
				continue
			}
			p := u.Path
			if !strings.HasSuffix(p, "/") && !strings.Contains(p[strings.LastIndex(p, "/"):], ".") {
				p += "/"
			}
			if !urls[p] {
				d.Add(l.At.Errorf(didYouMean(p, urlList, "links lead to pages of this site (with a trailing slash) or to https:// addresses"),
					"link %q of outcome %q leads to no page of the site", l.URL, id))
			}
		}
	}
}
