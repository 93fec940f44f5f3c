package trees

import (
	"fmt"
	"strings"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/legal"
)

// MaxDepth is the number of questions on one path above which a tree gets a warning.
const MaxDepth = 12

// validate checks the tree's graph: start, dangling next, reachability, cycles, dead ends and
// depth. Messages point at the node or the answer at fault.
func validate(t *Tree, d *diag.List) {
	fail := func(loc diag.Location, hint, format string, args ...any) {
		d.Add(loc.Errorf(hint, format, args...))
		t.broken = true
	}
	if len(t.Nodes) == 0 {
		return
	}
	if t.Start != "" && t.Nodes[t.Start] == nil {
		fail(t.front.ValueLoc("start"), didYouMean(t.Start, t.Order, "start: must be the id of a node under nodes:"),
			"start %q is not a node of this tree", t.Start)
	}
	for _, id := range t.Order {
		for _, a := range t.Nodes[id].Answers {
			if a.Next != "" && t.Nodes[a.Next] == nil {
				fail(a.NextAt, didYouMean(a.Next, t.Order, "next: must be the id of a node under nodes:"),
					"answer %q of %q leads to %q, which is not a node of this tree", a.Label, id, a.Next)
			}
		}
	}
	start := t.Nodes[t.Start]
	if start == nil {
		return
	}

	// Reachability (breadth first, so the path in messages is the shortest one).
	parent := map[string]string{t.Start: ""}
	queue := []string{t.Start}
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		for _, a := range t.Nodes[id].Answers {
			if t.Nodes[a.Next] == nil {
				continue
			}
			if _, seen := parent[a.Next]; !seen {
				parent[a.Next] = id
				queue = append(queue, a.Next)
			}
		}
	}
	pathTo := func(id string) string {
		var p []string
		for n := id; n != ""; n = parent[n] {
			p = append(p, n)
		}
		for i, j := 0, len(p)-1; i < j; i, j = i+1, j-1 {
			p[i], p[j] = p[j], p[i]
		}
		return strings.Join(p, " → ")
	}
	for _, id := range t.Order {
		if _, ok := parent[id]; !ok {
			fail(t.Nodes[id].At, fmt.Sprintf("no answer leads to %q: add an answer with next: %s, or delete the node", id, id),
				"node %q cannot be reached from start %q", id, t.Start)
		}
	}

	// Dead ends: a reachable question without answers ends its path without an outcome.
	for _, id := range t.Order {
		n := t.Nodes[id]
		if _, ok := parent[id]; !ok || n.IsOutcome() || len(n.Answers) > 0 {
			continue
		}
		if !n.asked {
			continue // neither question nor outcome: reported by parse
		}
		fail(n.At, "every path must end in an outcome: give the question at least two answers: - {label: …, next: …}",
			"the path %s ends at question %q, which has no answers, without reaching an outcome", pathTo(id), id)
	}

	// Cycles (depth first from every node, so cycles in unreachable parts are found too).
	const (
		white = iota
		grey
		black
	)
	colour := map[string]int{}
	var stack []string
	var visit func(id string)
	visit = func(id string) {
		colour[id] = grey
		stack = append(stack, id)
		for _, a := range t.Nodes[id].Answers {
			if t.Nodes[a.Next] == nil {
				continue
			}
			switch colour[a.Next] {
			case grey:
				i := len(stack) - 1
				for i > 0 && stack[i] != a.Next {
					i--
				}
				cyc := append(append([]string(nil), stack[i:]...), a.Next)
				fail(a.NextAt, fmt.Sprintf("a tree only moves forward: point answer %q at a node that does not lead back to %q", a.Label, a.Next),
					"cycle: answer %q of %q leads back to %q (%s)", a.Label, id, a.Next, strings.Join(cyc, " → "))
			case white:
				visit(a.Next)
			}
		}
		stack = stack[:len(stack)-1]
		colour[id] = black
	}
	for _, id := range append([]string{t.Start}, t.Order...) {
		if colour[id] == white {
			visit(id)
		}
	}
	if t.broken {
		return
	}

	// Depth: the number of questions on the longest path.
	memo := map[string]int{}
	next := map[string]string{}
	var depth func(id string) int
	depth = func(id string) int {
		if v, ok := memo[id]; ok {
			return v
		}
		n := t.Nodes[id]
		best := 0
		for _, a := range n.Answers {
			if v := depth(a.Next); v >= best {
				if v > best || next[id] == "" {
					next[id] = a.Next
				}
				best = v
			}
		}
		if !n.IsOutcome() {
			best++
		}
		memo[id] = best
		return best
	}
	t.depth = depth(t.Start)
	t.deepest = nil
	for id := t.Start; id != ""; id = next[id] {
		t.deepest = append(t.deepest, id)
	}
	for _, n := range t.Nodes {
		if n.IsOutcome() {
			t.outcomes++
		} else {
			t.questions++
		}
	}
	if t.depth > MaxDepth {
		at := t.Nodes[t.deepest[MaxDepth]] // the 13th question
		d.Add(at.At.Warnf(GroupDeep, "long trees tire the reader: merge questions, or split the tree in two and link from an outcome to the second",
			"the tree is %d questions deep (more than %d): %s", t.depth, MaxDepth, pathSummary(t.deepest)))
	}
}

// pathSummary writes a path of node ids for a message; a very long one keeps its first and last
// ids, so a deep tree's warning stays one readable line.
func pathSummary(ids []string) string {
	const keep = 20
	if len(ids) <= 2*keep {
		return strings.Join(ids, " → ")
	}
	return fmt.Sprintf("%s → … (%d more) … → %s", strings.Join(ids[:keep], " → "), len(ids)-2*keep, strings.Join(ids[len(ids)-keep:], " → "))
}

// checkRefs validates the outcomes' legal: ids against the legal registry and their level:
// against hugo.toml's levels.
func checkRefs(t *Tree, d *diag.List, reg *legal.Feature, levelName func(int) string, levelIDs []string) {
	for _, id := range t.Order {
		o := t.Nodes[id].Outcome
		if o == nil || o.src == nil {
			continue
		}
		seen := map[string]bool{}
		for i, ref := range o.src.Legal {
			loc := o.src.ItemLoc("legal", i)
			switch {
			case strings.TrimSpace(ref) == "":
			case seen[ref]:
				d.Add(loc.Errorf("", "outcome %q lists the provision %q twice", id, ref))
			case reg.Provision(ref) == nil:
				d.Add(loc.Errorf(reg.Hint(ref), "outcome %q refers to the unknown provision %q", id, ref))
			}
			seen[ref] = true
		}
		if o.HasLevel && levelName(o.Level) == "" {
			d.Add(o.src.ValueLoc("level").Errorf("configured levels (hugo.toml [[params.levels]]): "+strings.Join(levelIDs, ", "),
				"outcome %q has level %d, which is not configured", id, o.Level))
		}
	}
}

func didYouMean(s string, candidates []string, hint string) string {
	if m := diag.Suggest(s, candidates); m != "" {
		return fmt.Sprintf("did you mean %q? (%s)", m, hint)
	}
	return hint
}
