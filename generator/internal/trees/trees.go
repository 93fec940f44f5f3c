// Package trees checks the decision trees in content/beslutningstrer/.
//
// A tree is an ordinary content page; its front matter holds start: and nodes:. Prepare parses
// and validates every tree (messages point at the node: file:line): the graph, the duty-to-report
// rule, references to provisions, levels and contacts, the legal review. AfterContent checks the
// outcomes' links and the Markdown inside nodes (through ctx.Render, so the glossary and legal
// shortcode checks report unknown references at the line of the field).
//
// What the trees show is the layouts' and the content adapter's work, from the same front matter:
// content/beslutningstrer/_content.gotmpl adds a page per node at /beslutningstrer/TREE/NODE/
// (layout node or outcome); layouts/beslutningstrer/ and layouts/_partials/beslutningstrer/ draw
// the first question, the overview diagram with its text alternative and the widget's data.
package trees

import (
	"fmt"
	"net/url"
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

// checkTexts renders each node's Markdown (help, outcome body and next steps) and its legal
// citations as the layouts will, reporting problems at the field's line.
func checkTexts(t *Tree, ctx *feature.Context) {
	f, file := t.File, t.File.Path
	for _, id := range t.Order {
		n := t.Nodes[id]
		if n.Help != "" {
			ctx.Render(t.Page, file, textLine(f, "nodes", id, "help"), n.Help, true)
		}
		o := n.Outcome
		if o == nil {
			continue
		}
		if o.Body != "" {
			ctx.Render(t.Page, file, textLine(f, "nodes", id, "outcome", "body"), o.Body, true)
		}
		for i, step := range o.NextSteps {
			ctx.Render(t.Page, file, textLine(f, "nodes", id, "outcome", "next_steps", strconv.Itoa(i)), step, false)
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
					d.Add(diag.Diagnostic{File: t.File.Path, Line: l.Line, Message: fmt.Sprintf("link %q of outcome %q is neither a site path nor an http(s) address", l.URL, id),
						Hint: "write a path on this site such as /veiviser/, or a full address starting with https://"})
				}
				continue
			}
			u, err := url.Parse(l.URL)
			if err != nil {
				d.Errorf(t.File.Path, l.Line, "link %q of outcome %q is not a valid address: %v", l.URL, id, err)
				continue
			}
			p := u.Path
			if !strings.HasSuffix(p, "/") && !strings.Contains(p[strings.LastIndex(p, "/"):], ".") {
				p += "/"
			}
			if !urls[p] {
				d.Add(diag.Diagnostic{File: t.File.Path, Line: l.Line, Message: fmt.Sprintf("link %q of outcome %q leads to no page of the site", l.URL, id),
					Hint: didYouMean(p, urlList, "links lead to pages of this site (with a trailing slash) or to https:// addresses")})
			}
		}
	}
}
