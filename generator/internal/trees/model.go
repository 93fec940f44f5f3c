package trees

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"samvirke/generator/internal/content"
	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/site"
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

	depth     int      // questions on the longest path (after validation)
	deepest   []string // that path
	questions int
	outcomes  int
}

// Node is a question or an outcome.
type Node struct {
	ID   string
	Line int // line of the node's id in the file

	Question string
	Help     string
	Answers  []*Answer
	Checks   string // checks: what the question makes the user consider, e.g. ChecksDutyToReport
	Outcome  *Outcome

	asked bool // written as a question (question: key present)

}

// IsOutcome reports whether the node ends the tree.
func (n *Node) IsOutcome() bool { return n.Outcome != nil }

// Answer is one answer of a question.
type Answer struct {
	Label string
	Value string // used in the URL (?svar=node.value): front matter value, or a slug of the label
	Next  string
	Line  int // line of the answer's label
	NLine int // line of next
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
}

// Link is one "read more" link of an outcome.
type Link struct {
	Text string
	URL  string
	Line int
}

// Section is the content section that holds the trees.
const Section = "beslutningstrer"

var nodeIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
var valuePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

var (
	questionKeys = []string{"question", "help", "answers", "checks"}
	answerKeys   = []string{"label", "value", "next"}
	outcomeKeys  = []string{"kind", "title", "level", "body", "next_steps", "links", "legal"}
	linkKeys     = []string{"text", "url"}
)

// isTreePage reports whether p is a decision tree: a content page of the beslutningstrer section
// (its own type, so a page with another type: or layout: is left alone).
func isTreePage(p *site.Page) bool {
	return p.File != nil && p.Kind == site.KindPage && p.Section() == Section && p.Type() == Section && p.Layout == ""
}

// parse reads the tree in p's front matter. Problems go to d with the line of the node or field;
// the returned tree holds whatever could be read.
func parse(p *site.Page, d *diag.List) *Tree {
	f := p.File
	t := &Tree{Page: p, File: f, Slug: path.Base(strings.TrimSuffix(p.RelPermalink, "/")), Nodes: map[string]*Node{}, Lang: p.Lang()}
	file := f.Path
	errorf := func(line int, hint, format string, args ...any) {
		d.Add(diag.Diagnostic{File: file, Line: line, Message: fmt.Sprintf(format, args...), Hint: hint})
		t.broken = true
	}

	rawNodes, hasNodes := p.Params["nodes"]
	rawStart, hasStart := p.Params["start"]
	if !hasNodes && !hasStart {
		errorf(1, "a page in content/beslutningstrer/ is a decision tree: add start: and nodes: (see schema/decision-tree.schema.json), or give it type: page to publish it as an ordinary page",
			"%s has no decision tree (no start: and no nodes:)", file)
		return t
	}
	nodes, ok := rawNodes.(map[string]any)
	if !ok || len(nodes) == 0 {
		errorf(f.KeyLine("nodes"), "nodes: holds the tree's questions and outcomes, keyed by node id", "nodes must be a set of nodes keyed by id")
		return t
	}

	// Node ids in written order, with their original spelling (front matter keys are lower-cased).
	spelled := map[string]string{}
	if mn := mapping(f.Node, "nodes"); mn != nil {
		for i := 0; i+1 < len(mn.Content); i += 2 {
			raw := mn.Content[i].Value
			id := strings.ToLower(raw)
			if prev, dup := spelled[id]; dup {
				errorf(mn.Content[i].Line+1, "node ids are case-insensitive and must be unique: rename one of them",
					"duplicate node id %q: %q is already defined at line %d", raw, prev, f.KeyLine("nodes", prev))
				continue
			}
			spelled[id] = raw
			t.Order = append(t.Order, id)
		}
	} else {
		for id := range nodes {
			t.Order = append(t.Order, id)
		}
		sort.Strings(t.Order)
	}

	for _, id := range t.Order {
		raw := nodes[id]
		line := f.KeyLine("nodes", id)
		n := &Node{ID: id, Line: line}
		t.Nodes[id] = n
		if s := spelled[id]; !nodeIDPattern.MatchString(s) && s != "" {
			errorf(line, "node ids become URLs (/beslutningstrer/"+t.Slug+"/ID/): use lower-case a–z, digits and hyphens, e.g. "+suggestID(s),
				"node id %q is not lower-case ASCII with hyphens", s)
		}
		m, ok := raw.(map[string]any)
		if !ok {
			errorf(line, "a node has either question: and answers:, or outcome:", "node %q is empty or not a set of keys", id)
			continue
		}
		_, isQ := m["question"]
		oraw, isO := m["outcome"]
		switch {
		case isQ && isO:
			errorf(line, "split it into a question node and an outcome node", "node %q has both question: and outcome:", id)
			continue
		case !isQ && !isO:
			hint := "a question node has question: and answers:; an outcome node has outcome:"
			if _, ok := m["answers"]; ok {
				hint = "add question: (the text of the question) to the node"
			}
			errorf(line, hint, "node %q has neither question: nor outcome:", id)
			continue
		}
		allowed := questionKeys
		if isO {
			allowed = []string{"outcome"}
		}
		unknownKeys(d, file, f, m, allowed, func(k string) int { return f.KeyLine("nodes", id, k) }, "node "+strconv.Quote(id))
		if isO {
			n.Outcome = parseOutcome(t, d, id, oraw)
			continue
		}
		n.asked = true
		n.Question = text(d, file, f, m["question"], "nodes", id, "question")
		if strings.TrimSpace(n.Question) == "" {
			errorf(f.Line("nodes", id, "question"), "write the question the user answers", "question %q has no text", id)
		}
		n.Help = text(d, file, f, m["help"], "nodes", id, "help")
		if v, ok := m["checks"]; ok {
			n.Checks = text(d, file, f, v, "nodes", id, "checks")
			if !slices.Contains(checkValues, n.Checks) {
				errorf(f.Line("nodes", id, "checks"), didYouMean(n.Checks, checkValues, "checks: names what the question makes the user consider: "+strings.Join(checkValues, ", ")),
					"question %q has an unknown checks value %q", id, n.Checks)
			}
		}
		answers, ok := m["answers"].([]any)
		if m["answers"] != nil && !ok {
			errorf(f.Line("nodes", id, "answers"), "answers: is a list: - {label: …, next: …}", "answers of %q must be a list", id)
		}
		values := map[string]int{}
		for i, ra := range answers {
			idx := strconv.Itoa(i)
			am, ok := ra.(map[string]any)
			aline := f.Line("nodes", id, "answers", idx)
			if !ok {
				errorf(aline, "an answer is {label: …, next: …}", "answer %d of %q is not a set of keys", i+1, id)
				continue
			}
			unknownKeys(d, file, f, am, answerKeys, func(k string) int { return f.KeyLine("nodes", id, "answers", idx, k) }, fmt.Sprintf("answer %d of %q", i+1, id))
			a := &Answer{
				Label: text(d, file, f, am["label"], "nodes", id, "answers", idx, "label"),
				Next:  strings.ToLower(text(d, file, f, am["next"], "nodes", id, "answers", idx, "next")),
				Line:  f.Line("nodes", id, "answers", idx, "label"),
				NLine: f.Line("nodes", id, "answers", idx, "next"),
			}
			if _, ok := am["label"]; !ok {
				a.Line = aline
			}
			if _, ok := am["next"]; !ok {
				a.NLine = aline
			}
			if strings.TrimSpace(a.Label) == "" {
				errorf(a.Line, "every answer needs the text the user chooses", "answer %d of %q has an empty label", i+1, id)
			}
			if a.Next == "" {
				errorf(a.NLine, "next: names the node this answer leads to", "answer %d of %q has no next", i+1, id)
			}
			if v, ok := am["value"]; ok {
				a.Value = text(d, file, f, v, "nodes", id, "answers", idx, "value")
				if !valuePattern.MatchString(a.Value) {
					errorf(f.Line("nodes", id, "answers", idx, "value"), "value appears in the URL (?svar="+id+".VALUE): use lower-case a–z, digits and hyphens",
						"answer value %q of %q is not lower-case ASCII with hyphens", a.Value, id)
				}
			} else {
				a.Value = slug(a.Label)
				if a.Value == "" {
					a.Value = strconv.Itoa(i + 1)
				}
			}
			vline := f.Line("nodes", id, "answers", idx, "value")
			if _, ok := am["value"]; !ok {
				vline = a.Line
			}
			if prev, dup := values[a.Value]; dup {
				errorf(vline, "each answer of a question needs its own value (it identifies the answer in the URL); add value: to one of them",
					"answers %d and %d of %q have the same value %q", prev, i+1, id, a.Value)
			} else {
				values[a.Value] = i + 1
			}
			n.Answers = append(n.Answers, a)
		}
		switch len(answers) {
		case 0:
			// Reported with the dead end it causes (validate).
		case 1:
			errorf(f.KeyLine("nodes", id, "answers"), "a question needs at least two answers; if there is only one way on, merge the node into the next one",
				"question %q has only one answer", id)
		}
	}

	t.Audience = parseAudience(t, d)

	t.Start = strings.ToLower(fmt.Sprint(rawStart))
	if !hasStart || rawStart == nil || t.Start == "" {
		errorf(f.KeyLine("nodes"), "start: names the first node, e.g. start: "+first(t.Order), "the tree has no start")
		t.Start = ""
	}
	return t
}

func first(ids []string) string {
	if len(ids) > 0 {
		return ids[0]
	}
	return "NODE-ID"
}

func parseOutcome(t *Tree, d *diag.List, id string, raw any) *Outcome {
	f, file := t.File, t.File.Path
	o := &Outcome{}
	line := f.KeyLine("nodes", id, "outcome")
	m, ok := raw.(map[string]any)
	if !ok {
		d.Add(diag.Diagnostic{File: file, Line: line, Message: fmt.Sprintf("outcome of %q must be a set of keys (title:, body: …)", id)})
		t.broken = true
		return o
	}
	unknownKeys(d, file, f, m, outcomeKeys, func(k string) int { return f.KeyLine("nodes", id, "outcome", k) }, fmt.Sprintf("outcome %q", id))
	o.Kind = text(d, file, f, m["kind"], "nodes", id, "outcome", "kind")
	switch {
	case o.Kind == "":
		d.Add(diag.Diagnostic{File: file, Line: line, Message: fmt.Sprintf("outcome %q has no kind", id),
			Hint: "kind: says what the outcome advises: " + strings.Join(outcomeKinds, ", ") + " (docs/authoring.md, «The duty-to-report rule»)"})
	case !slices.Contains(outcomeKinds, o.Kind):
		d.Add(diag.Diagnostic{File: file, Line: f.Line("nodes", id, "outcome", "kind"), Message: fmt.Sprintf("outcome %q has an unknown kind %q", id, o.Kind),
			Hint: didYouMean(o.Kind, outcomeKinds, "kind is one of "+strings.Join(outcomeKinds, ", "))})
	}
	o.Title = text(d, file, f, m["title"], "nodes", id, "outcome", "title")
	if strings.TrimSpace(o.Title) == "" {
		d.Add(diag.Diagnostic{File: file, Line: line, Message: fmt.Sprintf("outcome %q has no title", id), Hint: "title: is the result in one line"})
	}
	o.Body = text(d, file, f, m["body"], "nodes", id, "outcome", "body")
	if strings.TrimSpace(o.Body) == "" {
		d.Add(diag.Diagnostic{File: file, Line: line, Message: fmt.Sprintf("outcome %q has no body", id), Hint: "body: explains the result (Markdown)"})
	}
	if v, ok := m["level"]; ok && v != nil {
		lv, ok := v.(int)
		if !ok {
			d.Errorf(file, f.Line("nodes", id, "outcome", "level"), "level of %q must be a whole number (a level id from hugo.toml [[params.levels]]), not %v", id, v)
		}
		o.Level, o.HasLevel = lv, ok
	}
	o.NextSteps = textList(d, file, f, m["next_steps"], "nodes", id, "outcome", "next_steps")
	o.Legal = textList(d, file, f, m["legal"], "nodes", id, "outcome", "legal")
	if v, ok := m["links"]; ok && v != nil {
		list, ok := v.([]any)
		if !ok {
			d.Errorf(file, f.Line("nodes", id, "outcome", "links"), "links of %q must be a list of {text: …, url: …}", id)
		}
		for i, rl := range list {
			idx := strconv.Itoa(i)
			lm, ok := rl.(map[string]any)
			if !ok {
				d.Errorf(file, f.Line("nodes", id, "outcome", "links", idx), "link %d of %q must be {text: …, url: …}", i+1, id)
				continue
			}
			unknownKeys(d, file, f, lm, linkKeys, func(k string) int { return f.KeyLine("nodes", id, "outcome", "links", idx, k) }, fmt.Sprintf("link %d of %q", i+1, id))
			l := Link{Text: text(d, file, f, lm["text"], "nodes", id, "outcome", "links", idx, "text"),
				URL:  text(d, file, f, lm["url"], "nodes", id, "outcome", "links", idx, "url"),
				Line: f.Line("nodes", id, "outcome", "links", idx, "url")}
			if l.Text == "" || l.URL == "" {
				d.Errorf(file, f.Line("nodes", id, "outcome", "links", idx), "link %d of %q needs both text: and url:", i+1, id)
				continue
			}
			o.Links = append(o.Links, l)
		}
	}
	return o
}

// text reads a scalar front-matter value as text; lists and maps are reported.
func text(d *diag.List, file string, f *content.File, v any, keys ...string) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int, int64, float64, bool:
		return fmt.Sprint(x)
	}
	d.Errorf(file, f.Line(keys...), "%s must be text, not a list or a set of keys", keys[len(keys)-1])
	return ""
}

func textList(d *diag.List, file string, f *content.File, v any, keys ...string) []string {
	if v == nil {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		d.Errorf(file, f.Line(keys...), "%s must be a list", keys[len(keys)-1])
		return nil
	}
	var out []string
	for i, x := range list {
		s := text(d, file, f, x, append(append([]string(nil), keys...), strconv.Itoa(i))...)
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

func unknownKeys(d *diag.List, file string, f *content.File, m map[string]any, allowed []string, line func(string) int, what string) {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		known := false
		for _, a := range allowed {
			if a == k {
				known = true
			}
		}
		if known {
			continue
		}
		hint := "allowed here: " + strings.Join(allowed, ", ")
		if s := diag.Suggest(k, allowed); s != "" {
			hint = fmt.Sprintf("did you mean %q? (%s)", s, hint)
		}
		d.Add(diag.Diagnostic{File: file, Line: line(k), Message: fmt.Sprintf("unknown key %q in %s", k, what), Hint: hint})
	}
}

// mapping returns the mapping node at key of the front matter root, or nil.
func mapping(root *yaml.Node, key string) *yaml.Node {
	if root == nil || root.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if strings.EqualFold(root.Content[i].Value, key) && root.Content[i+1].Kind == yaml.MappingNode {
			return root.Content[i+1]
		}
	}
	return nil
}

// valueNode returns the yaml node at a key path (map keys or list indexes), or nil.
func valueNode(root *yaml.Node, keys ...string) *yaml.Node {
	n := root
	for _, k := range keys {
		if n == nil {
			return nil
		}
		switch n.Kind {
		case yaml.MappingNode:
			var next *yaml.Node
			for i := 0; i+1 < len(n.Content); i += 2 {
				if strings.EqualFold(n.Content[i].Value, k) {
					next = n.Content[i+1]
					break
				}
			}
			n = next
		case yaml.SequenceNode:
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(n.Content) {
				return nil
			}
			n = n.Content[i]
		default:
			return nil
		}
	}
	return n
}

// textLine is the file line of the first line of a text value's content: for a block scalar
// (| or >) that is the line after the key, so shortcode positions inside it map to file lines.
func textLine(f *content.File, keys ...string) int {
	line := f.Line(keys...)
	if n := valueNode(f.Node, keys...); n != nil && (n.Style&(yaml.LiteralStyle|yaml.FoldedStyle)) != 0 {
		return line + 1
	}
	return line
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
