package trees

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net/url"
	"strings"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/legal"
	"samvirke/generator/internal/site"
)

// TreeView is what the tree page's template gets (.Store.Get "tree").
type TreeView struct {
	Slug, Title, URL, Lang string
	Start                  *NodeView
	Nodes                  []*NodeView // in written order
	Questions, Outcomes    int
	Depth                  int           // questions on the longest path
	SVG                    template.HTML // the overview diagram; empty when the tree has errors
	Outline                *OutlineItem  // the diagram's text alternative
	Data                   template.JS   // the widget's JSON
	S                      map[string]string
	Broken                 bool
}

// NodeView is one node, rendered (.Store.Get "node" on a node page).
type NodeView struct {
	ID, URL  string
	Tree     *TreeView
	Question string
	Help     template.HTML
	Answers  []*AnswerView
	Outcome  *OutcomeView
	page     *site.Page
}

// AnswerView is one answer with the URL of the page it leads to.
type AnswerView struct {
	Label, Value, Next, URL string
}

// OutcomeView is a rendered outcome.
type OutcomeView struct {
	Title     string
	Level     int
	LevelName string // from hugo.toml; empty when the outcome has no level
	Body      template.HTML
	NextSteps []template.HTML
	Links     []Link
	Legal     []LegalView
}

// LegalView is one provision an outcome rests on: the citation link (the lov shortcode's output)
// and the provision's title.
type LegalView struct {
	ID    string
	Link  template.HTML
	Title string
}

// OutlineItem is one node in the nested-list text alternative of the diagram. A node reached by
// more than one path is written out once; later mentions (Repeat) point back to it.
type OutlineItem struct {
	Node    *NodeView
	Anchor  string
	Repeat  bool
	Answers []OutlineAnswer
}

// OutlineAnswer is an answer and the node it leads to.
type OutlineAnswer struct {
	Label string
	Next  *OutlineItem
}

// render renders every node's Markdown (reporting problems at the field's line) and builds the
// views, the diagram and the widget's data.
func render(t *Tree, ctx *feature.Context, reg *legal.Feature, s map[string]string) *TreeView {
	v := &TreeView{Slug: t.Slug, Title: t.Page.Title(), URL: t.Page.RelPermalink, Lang: t.Lang, S: s, Broken: t.broken,
		Questions: t.questions, Outcomes: t.outcomes, Depth: t.depth}
	file := t.File.Path
	views := map[string]*NodeView{}
	for _, id := range t.Order {
		n := t.Nodes[id]
		p := n.Page
		if p == nil {
			p = t.Page
		}
		nv := &NodeView{ID: id, Tree: v, Question: n.Question, page: n.Page}
		if n.Page != nil {
			nv.URL = n.Page.RelPermalink
		}
		if n.Help != "" {
			nv.Help = ctx.Render(p, file, n.src.TextLine("help"), n.Help, true)
		}
		for _, a := range n.Answers {
			nv.Answers = append(nv.Answers, &AnswerView{Label: a.Label, Value: a.Value, Next: a.Next})
		}
		if o := n.Outcome; o != nil {
			ov := &OutcomeView{Title: o.Title, Links: o.Links}
			if o.HasLevel {
				ov.Level, ov.LevelName = o.Level, ctx.Site.Config.Site.LevelName(o.Level)
			}
			if o.Body != "" {
				ov.Body = ctx.Render(p, file, o.src.TextLine("body"), o.Body, true)
			}
			for i, step := range o.NextSteps {
				ov.NextSteps = append(ov.NextSteps, ctx.Render(p, file, o.src.ItemTextLine("next_steps", i), step, false))
			}
			for i, ref := range o.Legal {
				prov := reg.Provision(ref)
				if prov == nil {
					continue // reported by checkRefs
				}
				ov.Legal = append(ov.Legal, LegalView{ID: ref, Title: prov.Page.Title(),
					Link: ctx.Render(p, file, o.src.ItemLoc("legal", i).Line, fmt.Sprintf("{{< lov %q >}}", ref), false)})
			}
			nv.Outcome = ov
		}
		if n.Page != nil {
			body := nv.Help
			if nv.Outcome != nil {
				body = nv.Outcome.Body
			}
			n.Page.SetContent(string(body), nil, nil)
		}
		views[id] = nv
		v.Nodes = append(v.Nodes, nv)
	}
	for _, nv := range v.Nodes {
		for _, a := range nv.Answers {
			if next := views[a.Next]; next != nil {
				a.URL = next.URL
			}
		}
	}
	v.Start = views[t.Start]
	if t.broken || v.Start == nil {
		return v
	}
	v.Outline = outline(t, views)
	v.SVG = template.HTML(layout(t, s).SVG(fmt.Sprintf(s["diagramTitle"], v.Title, t.questions, t.outcomes), func(id string) string {
		if nv := views[id]; nv != nil {
			return nv.URL
		}
		return ""
	}))
	v.Data = widgetData(v)
	return v
}

// outline builds the nested list: depth first from the start, each node written out once.
func outline(t *Tree, views map[string]*NodeView) *OutlineItem {
	done := map[string]bool{}
	var walk func(id string) *OutlineItem
	walk = func(id string) *OutlineItem {
		it := &OutlineItem{Node: views[id], Anchor: "liste-" + id}
		if done[id] {
			it.Repeat = true
			return it
		}
		done[id] = true
		for _, a := range t.Nodes[id].Answers {
			it.Answers = append(it.Answers, OutlineAnswer{Label: a.Label, Next: walk(a.Next)})
		}
		return it
	}
	return walk(t.Start)
}

// widget is the JSON the script reads from <script type="application/json" id="tree-data">.
type widget struct {
	Title string            `json:"title"`
	URL   string            `json:"url"`
	Lang  string            `json:"lang"`
	Start string            `json:"start"`
	Nodes map[string]wnode  `json:"nodes"`
	S     map[string]string `json:"s"`
}

type wnode struct {
	URL      string    `json:"url"`
	Question string    `json:"q,omitempty"`
	Help     string    `json:"help,omitempty"`
	Answers  []wanswer `json:"answers,omitempty"`
	Outcome  *woutcome `json:"outcome,omitempty"`
}

type wanswer struct {
	Label string `json:"label"`
	Value string `json:"value"`
	Next  string `json:"next"`
}

type woutcome struct {
	Title string     `json:"title"`
	Level string     `json:"level,omitempty"`
	Body  string     `json:"body"`
	Steps []string   `json:"steps,omitempty"`
	Links []wlinkOut `json:"links,omitempty"`
	Legal []wlegal   `json:"legal,omitempty"`
}

type wlinkOut struct {
	Text string `json:"text"`
	URL  string `json:"url"`
}

type wlegal struct {
	Link  string `json:"link"`
	Title string `json:"title"`
}

func widgetData(v *TreeView) template.JS {
	w := widget{Title: v.Title, URL: v.URL, Lang: v.Lang, Start: v.Start.ID, Nodes: map[string]wnode{}, S: v.S}
	for _, n := range v.Nodes {
		wn := wnode{URL: n.URL, Question: n.Question, Help: string(n.Help)}
		for _, a := range n.Answers {
			wn.Answers = append(wn.Answers, wanswer{Label: a.Label, Value: a.Value, Next: a.Next})
		}
		if o := n.Outcome; o != nil {
			wo := &woutcome{Title: o.Title, Level: o.LevelName, Body: string(o.Body)}
			for _, s := range o.NextSteps {
				wo.Steps = append(wo.Steps, string(s))
			}
			for _, l := range o.Links {
				wo.Links = append(wo.Links, wlinkOut{Text: l.Text, URL: l.URL})
			}
			for _, l := range o.Legal {
				wo.Legal = append(wo.Legal, wlegal{Link: string(l.Link), Title: l.Title})
			}
			wn.Outcome = wo
		}
		w.Nodes[n.ID] = wn
	}
	// encoding/json escapes <, > and & as \u003c …, so the block cannot end the <script> early.
	b, err := json.Marshal(w)
	if err != nil {
		panic(err) // only strings and slices: cannot fail
	}
	return template.JS(b)
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
