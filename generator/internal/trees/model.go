package trees

import (
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"samvirke/generator/internal/content"
	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/site"
	"samvirke/generator/internal/yamldoc"
)

// Tree is one decision tree: a content page in content/beslutningstrer/ whose front matter holds
// start and nodes.
type Tree struct {
	Page  *site.Page
	File  *content.File
	Slug  string   // the tree's URL segment: /beslutningstrer/SLUG/
	Start string   // id of the first node
	Order []string // node ids in the order they are written
	Nodes map[string]*Node
	Lang  string
	// Audience is who the tree is about (audience:); see childAudiences for the duty-to-report rule.
	Audience []string
	broken   bool // structural errors: no node pages, no diagram

	front     *treeFront
	depth     int      // questions on the longest path (after validation)
	deepest   []string // that path
	questions int
	outcomes  int
}

// Node is a question or an outcome.
type Node struct {
	ID string
	At diag.Location // the node's id under nodes:

	Question string
	Help     string
	Answers  []*Answer
	Checks   string // checks: what the question makes the user consider, e.g. ChecksDutyToReport
	Outcome  *Outcome

	asked bool // written as a question (question: key present)
	src   *nodeFront

	Page *site.Page // the node's own page, /beslutningstrer/TREE/NODE/
	view *NodeView  // rendered fields, after AfterContent
}

// IsOutcome reports whether the node ends the tree.
func (n *Node) IsOutcome() bool { return n.Outcome != nil }

// Answer is one answer of a question.
type Answer struct {
	Label  string
	Value  string // used in the URL (?svar=node.value): front matter value, or a slug of the label
	Next   string
	At     diag.Location // the label (the answer when it has none)
	NextAt diag.Location // next: (the answer when it has none)
}

// Outcome is the result at the end of a path.
type Outcome struct {
	Kind      string // kind: KindDutyToReport, KindDoNotShare, KindMayShare or KindGuidance
	Title     string
	Level     int
	HasLevel  bool
	Body      string
	NextSteps []string
	Links     []Link
	Legal     []string
	src       *outcomeFront
}

// Link is one "read more" link of an outcome.
type Link struct {
	Text string
	URL  string
	At   diag.Location
}

// The front matter of a tree as written (schema/decision-tree.schema.json). yamldoc decodes it,
// reporting unknown keys and mistyped values at their position; parse then checks what a type
// cannot say (both question and outcome, answer values, ids) and validate the graph.
type (
	treeFront struct {
		yamldoc.Node
		Start    string                `yaml:"start"`
		Nodes    map[string]*nodeFront `yaml:"nodes"`
		Audience []string              `yaml:"audience"`
	}
	nodeFront struct {
		yamldoc.Node
		Question string         `yaml:"question"`
		Help     string         `yaml:"help"`
		Answers  []*answerFront `yaml:"answers"`
		Checks   string         `yaml:"checks"`
		Outcome  *outcomeFront  `yaml:"outcome"`
	}
	answerFront struct {
		yamldoc.Node
		Label string `yaml:"label"`
		Value string `yaml:"value"`
		Next  string `yaml:"next"`
	}
	outcomeFront struct {
		yamldoc.Node
		Kind      string       `yaml:"kind"`
		Title     string       `yaml:"title"`
		Level     *int         `yaml:"level"`
		Body      string       `yaml:"body"`
		NextSteps []string     `yaml:"next_steps"`
		Links     []*linkFront `yaml:"links"`
		Legal     []string     `yaml:"legal"`
	}
	linkFront struct {
		yamldoc.Node
		Text string `yaml:"text"`
		URL  string `yaml:"url"`
	}
)

// Section is the content section that holds the trees.
const Section = "beslutningstrer"

var nodeIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
var valuePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// isTreePage reports whether p is a decision tree: a content page of the beslutningstrer section
// (its own type, so a page with another type: or layout: is left alone).
func isTreePage(p *site.Page) bool {
	return p.File != nil && p.Kind == site.KindPage && p.Section() == Section && p.Type() == Section && p.Layout == ""
}

// parse reads the tree in p's front matter. Problems go to d at the node or field; the returned
// tree holds whatever could be read.
func parse(p *site.Page, d *diag.List) *Tree {
	f := p.File
	t := &Tree{Page: p, File: f, Slug: path.Base(strings.TrimSuffix(p.RelPermalink, "/")), Nodes: map[string]*Node{}, Lang: p.Lang(), front: &treeFront{}}
	fail := func(loc diag.Location, hint, format string, args ...any) {
		d.Add(loc.Errorf(hint, format, args...))
		t.broken = true
	}
	if f.Doc == nil || !hasKey(f, "nodes") && !hasKey(f, "start") {
		fail(diag.Location{File: f.Path, Line: 1}, "a page in content/beslutningstrer/ is a decision tree: add start: and nodes: (see schema/decision-tree.schema.json), or give it type: page to publish it as an ordinary page",
			"%s has no decision tree (no start: and no nodes:)", f.Path)
		return t
	}
	for _, pr := range f.Doc.DecodeRoot(t.front, yamldoc.Open()) {
		d.Add(pr)
		t.broken = true
	}
	front := t.front
	if len(front.Nodes) == 0 {
		fail(front.KeyLoc("nodes"), "nodes: holds the tree's questions and outcomes, keyed by node id", "nodes must be a set of nodes keyed by id")
		return t
	}

	// Node ids in written order; their spelling is checked as written (front matter keys are
	// lower-cased, and ids become URLs).
	spelled := map[string]string{}
	for _, k := range front.Sub("nodes").Keys() {
		id := strings.ToLower(k.Name)
		spelled[id] = k.Name
		t.Order = append(t.Order, id)
	}
	nodes := front.Sub("nodes")
	for _, id := range t.Order {
		src := front.Nodes[id]
		n := &Node{ID: id, At: nodes.KeyLoc(id), src: src}
		t.Nodes[id] = n
		if s := spelled[id]; !nodeIDPattern.MatchString(s) {
			fail(n.At, "node ids become URLs (/beslutningstrer/"+t.Slug+"/ID/): use lower-case a–z, digits and hyphens, e.g. "+suggestID(s),
				"node id %q is not lower-case ASCII with hyphens", s)
		}
		if src == nil || !src.Written() {
			fail(n.At, "a node has either question: and answers:, or outcome:", "node %q is empty or not a set of keys", id)
			continue
		}
		isQ, isO := src.Has("question"), src.Has("outcome")
		switch {
		case isQ && isO:
			fail(n.At, "split it into a question node and an outcome node", "node %q has both question: and outcome:", id)
			continue
		case !isQ && !isO:
			hint := "a question node has question: and answers:; an outcome node has outcome:"
			if src.Has("answers") {
				hint = "add question: (the text of the question) to the node"
			}
			fail(n.At, hint, "node %q has neither question: nor outcome:", id)
			continue
		}
		if isO {
			for _, k := range src.Keys() {
				if !strings.EqualFold(k.Name, "outcome") {
					fail(src.KeyLoc(k.Name), "an outcome node has only outcome:, with title:, body: … under it", "unknown key %q in outcome node %q", k.Name, id)
				}
			}
			n.Outcome = parseOutcome(t, d, id, src.Outcome)
			continue
		}
		n.asked = true
		n.Question, n.Help = src.Question, src.Help
		if strings.TrimSpace(n.Question) == "" {
			fail(src.ValueLoc("question"), "write the question the user answers", "question %q has no text", id)
		}
		if src.Has("checks") {
			n.Checks = src.Checks
			if !slices.Contains(checkValues, n.Checks) {
				fail(src.ValueLoc("checks"), didYouMean(n.Checks, checkValues, "checks: names what the question makes the user consider: "+strings.Join(checkValues, ", ")),
					"question %q has an unknown checks value %q", id, n.Checks)
			}
		}
		values := map[string]int{}
		for i, af := range src.Answers {
			if af == nil || !af.Written() {
				fail(src.ItemLoc("answers", i), "an answer is {label: …, next: …}", "answer %d of %q is not a set of keys", i+1, id)
				continue
			}
			a := &Answer{Label: af.Label, Next: strings.ToLower(af.Next), At: af.ValueLoc("label"), NextAt: af.ValueLoc("next")}
			if strings.TrimSpace(a.Label) == "" {
				fail(a.At, "every answer needs the text the user chooses", "answer %d of %q has an empty label", i+1, id)
			}
			if a.Next == "" {
				fail(a.NextAt, "next: names the node this answer leads to", "answer %d of %q has no next", i+1, id)
			}
			vloc := a.At
			if af.Has("value") {
				a.Value, vloc = af.Value, af.ValueLoc("value")
				if !valuePattern.MatchString(a.Value) {
					fail(vloc, "value appears in the URL (?svar="+id+".VALUE): use lower-case a–z, digits and hyphens",
						"answer value %q of %q is not lower-case ASCII with hyphens", a.Value, id)
				}
			} else if a.Value = slug(a.Label); a.Value == "" {
				a.Value = strconv.Itoa(i + 1)
			}
			if prev, dup := values[a.Value]; dup {
				fail(vloc, "each answer of a question needs its own value (it identifies the answer in the URL); add value: to one of them",
					"answers %d and %d of %q have the same value %q", prev, i+1, id, a.Value)
			} else {
				values[a.Value] = i + 1
			}
			n.Answers = append(n.Answers, a)
		}
		if len(src.Answers) == 1 {
			// None is reported with the dead end it causes (validate).
			fail(src.KeyLoc("answers"), "a question needs at least two answers; if there is only one way on, merge the node into the next one",
				"question %q has only one answer", id)
		}
	}

	t.Audience = parseAudience(t, d)

	t.Start = strings.ToLower(front.Start)
	if t.Start == "" {
		fail(front.KeyLoc("nodes"), "start: names the first node, e.g. start: "+first(t.Order), "the tree has no start")
	}
	return t
}

func hasKey(f *content.File, key string) bool {
	_, ok := f.Front[key]
	return ok
}

func first(ids []string) string {
	if len(ids) > 0 {
		return ids[0]
	}
	return "NODE-ID"
}

func parseOutcome(t *Tree, d *diag.List, id string, src *outcomeFront) *Outcome {
	o := &Outcome{src: src}
	nodeLoc := t.front.Sub("nodes").Sub(id).KeyLoc("outcome")
	if src == nil || !src.Written() {
		d.Add(nodeLoc.Errorf("", "outcome of %q must be a set of keys (title:, body: …)", id))
		t.broken = true
		return o
	}
	o.Kind, o.Title, o.Body, o.Legal = src.Kind, src.Title, src.Body, nonEmpty(src.Legal)
	switch {
	case o.Kind == "":
		d.Add(nodeLoc.Errorf("kind: says what the outcome advises: "+strings.Join(outcomeKinds, ", ")+" (docs/authoring.md, «The duty-to-report rule»)",
			"outcome %q has no kind", id))
	case !slices.Contains(outcomeKinds, o.Kind):
		d.Add(src.ValueLoc("kind").Errorf(didYouMean(o.Kind, outcomeKinds, "kind is one of "+strings.Join(outcomeKinds, ", ")),
			"outcome %q has an unknown kind %q", id, o.Kind))
	}
	if strings.TrimSpace(o.Title) == "" {
		d.Add(nodeLoc.Errorf("title: is the result in one line", "outcome %q has no title", id))
	}
	if strings.TrimSpace(o.Body) == "" {
		d.Add(nodeLoc.Errorf("body: explains the result (Markdown)", "outcome %q has no body", id))
	}
	if src.Level != nil {
		o.Level, o.HasLevel = *src.Level, true
	}
	o.NextSteps = nonEmpty(src.NextSteps)
	for i, l := range src.Links {
		if l == nil || !l.Written() {
			d.Add(src.ItemLoc("links", i).Errorf("", "link %d of %q must be {text: …, url: …}", i+1, id))
			continue
		}
		if l.Text == "" || l.URL == "" {
			d.Add(l.Loc().Errorf("", "link %d of %q needs both text: and url:", i+1, id))
			continue
		}
		o.Links = append(o.Links, Link{Text: l.Text, URL: l.URL, At: l.ValueLoc("url")})
	}
	return o
}

// nonEmpty drops blank entries of a list of texts.
func nonEmpty(list []string) []string {
	var out []string
	for _, s := range list {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

var fold = strings.NewReplacer("æ", "ae", "ø", "o", "å", "a", "Æ", "ae", "Ø", "o", "Å", "a", "é", "e", "ä", "a", "ö", "o", "ü", "u")

// slug turns an answer label into a short URL value: "Nei, eller jeg har ikke spurt ennå" ->
// "nei-eller-jeg-har-ikke-spurt-enna" (at most 40 characters, cut at a hyphen).
func slug(s string) string {
	s = fold.Replace(strings.ToLower(s))
	var b strings.Builder
	dash := false
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimSuffix(b.String(), "-")
	if len(out) > 40 {
		out = out[:40]
		if i := strings.LastIndexByte(out, '-'); i > 0 {
			out = out[:i]
		}
	}
	return out
}

func suggestID(s string) string {
	if v := slug(s); v != "" {
		return v
	}
	return "my-node"
}
