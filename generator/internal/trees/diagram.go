package trees

import (
	"fmt"
	"html"
	"math"
	"sort"
	"strings"
	"unicode/utf8"
)

// The overview diagram is a layered drawing (after Sugiyama): every answer becomes a small box of
// its own between its question and the node it leads to, so answer labels sit on the edges and
// take part in the layout like any box; edges that span layers run through invisible points;
// the order in each layer comes from barycenter sweeps, and the x positions from an isotonic fit
// to the neighbours' mean. It is plain SVG, styled by classes from tree.css (the CSP forbids
// style attributes), and sized in CSS pixels so that it scrolls sideways on a phone instead of
// shrinking to an unreadable size.
//
// Work and memory grow linearly with the tree: an edge longer than maxSpan layers (an answer deep
// in a long tree that leads to a shared outcome at the bottom) is drawn as a short arrow to a
// "leads to …" box instead of a line through every layer between, which would need one point per
// layer it crosses (quadratic in a long chain); crossings are counted in O(E log V) per pair of
// layers (Barth, Jünger and Mutzel's accumulator tree) instead of comparing every pair of edges.

const (
	boxWidth    = 224.0 // question and outcome boxes
	chipMax     = 176.0 // answer boxes at most
	charWidth   = 7.6   // average advance of a 14px sans-serif character, with a margin
	lineHeight  = 18.0
	padX        = 12.0
	padY        = 9.0
	gapX        = 24.0 // between neighbours in a layer
	gapDummy    = 12.0
	gapY        = 26.0 // between layers
	margin      = 16.0
	captionLine = 16.0
	maxSpan     = 16 // layers an edge may cross as a line (8 questions); longer ones lead to a box
	refLines    = 2  // lines of the target's text in such a box
)

type dkind int

const (
	dQuestion dkind = iota
	dOutcome
	dAnswer
	dDummy
	dRef // "leads to …": the end of an edge too long to draw
)

type dnode struct {
	id      string
	kind    dkind
	caption string   // "Start", "Resultat"
	lines   []string // wrapped text
	w, h    float64
	layer   int
	pos     int     // index in its layer
	x, y    float64 // x: centre; y: top
	in, out []*dnode
}

type dedge struct {
	from, to *dnode
	path     []*dnode // from, dummies…, to
	arrow    bool
}

// Diagram is a laid-out tree.
type Diagram struct {
	nodes  []*dnode
	edges  []*dedge
	layers [][]*dnode
	Width  float64
	Height float64
}

// layout lays out the tree (which must be valid: no cycles, no dangling next).
func layout(t *Tree, s map[string]string) *Diagram {
	dg := &Diagram{}
	byID := map[string]*dnode{}
	var order []string // breadth-first from start: a stable initial order
	seen := map[string]bool{t.Start: true}
	queue := []string{t.Start}
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		order = append(order, id)
		for _, a := range t.Nodes[id].Answers {
			if !seen[a.Next] && t.Nodes[a.Next] != nil {
				seen[a.Next] = true
				queue = append(queue, a.Next)
			}
		}
	}
	add := func(n *dnode) *dnode {
		dg.nodes = append(dg.nodes, n)
		byID[n.id] = n
		return n
	}
	for _, id := range order {
		n := t.Nodes[id]
		if n.IsOutcome() {
			add(&dnode{id: id, kind: dOutcome, caption: s["outcome"], lines: wrap(n.Outcome.Title, boxWidth)})
		} else {
			dn := add(&dnode{id: id, kind: dQuestion, lines: wrap(n.Question, boxWidth)})
			if id == t.Start {
				dn.caption = s["start"]
			}
		}
	}
	link := func(a, b *dnode, arrow bool) {
		a.out = append(a.out, b)
		b.in = append(b.in, a)
		dg.edges = append(dg.edges, &dedge{from: a, to: b, arrow: arrow})
	}
	for _, id := range order {
		n := t.Nodes[id]
		for i, a := range n.Answers {
			chip := add(&dnode{id: fmt.Sprintf("%s#%d", id, i), kind: dAnswer, lines: wrap(a.Label, chipMax)})
			link(byID[id], chip, false)
			link(chip, byID[a.Next], true)
		}
	}
	for _, n := range dg.nodes {
		n.size()
	}

	// Layers: longest path from the start, so every edge points down.
	indeg := map[*dnode]int{}
	for _, n := range dg.nodes {
		indeg[n] = len(n.in)
	}
	ready := []*dnode{byID[t.Start]}
	for len(ready) > 0 {
		n := ready[0]
		ready = ready[1:]
		for _, m := range n.out {
			if n.layer+1 > m.layer {
				m.layer = n.layer + 1
			}
			if indeg[m]--; indeg[m] == 0 {
				ready = append(ready, m)
			}
		}
	}
	maxLayer := 0
	for _, n := range dg.nodes {
		maxLayer = max(maxLayer, n.layer)
	}
	dg.layers = make([][]*dnode, maxLayer+1)
	for _, n := range dg.nodes { // nodes are in breadth-first order: a sensible first order
		dg.layers[n.layer] = append(dg.layers[n.layer], n)
	}
	// An edge longer than maxSpan leads to a box that names its target, one layer down.
	for _, e := range dg.edges {
		if e.to.layer-e.from.layer <= maxSpan {
			continue
		}
		target := e.to
		text := target.lines
		if len(text) > refLines {
			text = append(append([]string(nil), text[:refLines-1]...), text[refLines-1]+" …")
		}
		ref := &dnode{id: e.from.id + ">" + target.id, kind: dRef, caption: s["leadsTo"], lines: text, layer: e.from.layer + 1}
		ref.size()
		dg.nodes = append(dg.nodes, ref)
		dg.layers[ref.layer] = append(dg.layers[ref.layer], ref)
		replace(e.from.out, target, ref)
		remove(&target.in, e.from)
		ref.in = []*dnode{e.from}
		e.to = ref
	}
	// Other long edges run through one invisible point per layer they cross.
	for _, e := range dg.edges {
		e.path = []*dnode{e.from}
		prev := e.from
		for l := e.from.layer + 1; l < e.to.layer; l++ {
			dm := &dnode{kind: dDummy, layer: l}
			dg.layers[l] = append(dg.layers[l], dm)
			if prev == e.from {
				replace(prev.out, e.to, dm)
			} else {
				prev.out = []*dnode{dm}
			}
			dm.in = []*dnode{prev}
			prev = dm
			e.path = append(e.path, dm)
		}
		if prev != e.from {
			prev.out = []*dnode{e.to}
			replace(e.to.in, e.from, prev)
		}
		e.path = append(e.path, e.to)
	}
	dg.order()
	dg.place()
	return dg
}

func replace(list []*dnode, old, new *dnode) {
	for i, n := range list {
		if n == old {
			list[i] = new
			return
		}
	}
}

// remove deletes the first n from *list.
func remove(list *[]*dnode, n *dnode) {
	for i, m := range *list {
		if m == n {
			*list = append((*list)[:i], (*list)[i+1:]...)
			return
		}
	}
}

func (n *dnode) size() {
	longest := 0
	for _, l := range n.lines {
		longest = max(longest, utf8.RuneCountInString(l))
	}
	switch n.kind {
	case dAnswer, dRef:
		n.w = math.Min(chipMax, math.Max(56, float64(longest)*charWidth+2*padX))
	case dDummy:
		n.w = 0
	default:
		n.w = boxWidth
	}
	n.h = float64(len(n.lines))*lineHeight + 2*padY
	if n.caption != "" {
		n.h += captionLine
	}
}

// wrap breaks text into lines that fit a box of width w.
func wrap(text string, w float64) []string {
	limit := int((w - 2*padX) / charWidth)
	var lines []string
	var cur string
	for _, word := range strings.Fields(text) {
		switch {
		case cur == "":
			cur = word
		case utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(word) <= limit:
			cur += " " + word
		default:
			lines = append(lines, cur)
			cur = word
		}
		for utf8.RuneCountInString(cur) > limit { // a word longer than a line
			r := []rune(cur)
			lines = append(lines, string(r[:limit-1])+"-")
			cur = string(r[limit-1:])
		}
	}
	if cur != "" || len(lines) == 0 {
		lines = append(lines, cur)
	}
	return lines
}

// order reduces edge crossings with barycenter sweeps, keeping the best order seen.
func (dg *Diagram) order() {
	renumber := func() {
		for _, l := range dg.layers {
			for i, n := range l {
				n.pos = i
			}
		}
	}
	renumber()
	var cc crossCounter
	best := cc.total(dg.layers)
	saved := dg.snapshot()
	bary := func(n *dnode, nbrs []*dnode) float64 {
		if len(nbrs) == 0 {
			return float64(n.pos)
		}
		sum := 0.0
		for _, m := range nbrs {
			sum += float64(m.pos)
		}
		return sum / float64(len(nbrs))
	}
	type keyed struct {
		n   *dnode
		key float64
	}
	var keys []keyed
	for iter := 0; iter < 12 && best > 0; iter++ {
		down := iter%2 == 0
		for k := 1; k < len(dg.layers); k++ {
			li := k
			if !down {
				li = len(dg.layers) - 1 - k
			}
			layer := dg.layers[li]
			keys = keys[:0]
			for _, n := range layer {
				if down {
					keys = append(keys, keyed{n, bary(n, n.in)})
				} else {
					keys = append(keys, keyed{n, bary(n, n.out)})
				}
			}
			sort.SliceStable(keys, func(i, j int) bool { return keys[i].key < keys[j].key })
			for i, kn := range keys {
				layer[i] = kn.n
				kn.n.pos = i
			}
		}
		if c := cc.total(dg.layers); c < best {
			best, saved = c, dg.snapshot()
		}
	}
	for i := range dg.layers {
		dg.layers[i] = saved[i]
	}
	renumber()
}

func (dg *Diagram) snapshot() [][]*dnode {
	out := make([][]*dnode, len(dg.layers))
	for i, l := range dg.layers {
		out[i] = append([]*dnode(nil), l...)
	}
	return out
}

// crossings counts pairs of crossing edge segments between adjacent layers.
func (dg *Diagram) crossings() int {
	var cc crossCounter
	return cc.total(dg.layers)
}

// crossCounter counts crossings between two layers with an accumulator tree (Barth, Jünger and
// Mutzel, "Simple and efficient bilayer cross counting", 2004): with the edges sorted by their
// upper end, every pair that crosses is an inversion of their lower ends, counted in O(log V)
// per edge. Its buffers are reused from one pair of layers to the next.
type crossCounter struct {
	ends []int // lower ends, ordered by upper end then lower end
	tree []int
}

func (cc *crossCounter) total(layers [][]*dnode) int {
	c := 0
	for i := 0; i+1 < len(layers); i++ {
		c += cc.between(layers[i], len(layers[i+1]))
	}
	return c
}

// between counts the crossings of the edges from upper to a layer of width lower.
func (cc *crossCounter) between(upper []*dnode, lower int) int {
	cc.ends = cc.ends[:0]
	for _, n := range upper { // upper is in position order
		start := len(cc.ends)
		for _, m := range n.out {
			cc.ends = append(cc.ends, m.pos)
		}
		sort.Ints(cc.ends[start:])
	}
	first := 1
	for first < lower {
		first *= 2
	}
	size := 2*first - 1
	if cap(cc.tree) < size {
		cc.tree = make([]int, size)
	}
	tree := cc.tree[:size]
	clear(tree)
	first--
	crossings := 0
	for _, end := range cc.ends {
		i := end + first
		tree[i]++
		for i > 0 {
			if i%2 == 1 { // a left child: the right sibling's edges end further right, and cross
				crossings += tree[i+1]
			}
			i = (i - 1) / 2
			tree[i]++
		}
	}
	return crossings
}

// place sets coordinates: x by repeated isotonic fits to the neighbours' mean, y by layer.
func (dg *Diagram) place() {
	sep := func(a, b *dnode) float64 {
		g := gapX
		if a.kind == dDummy || b.kind == dDummy {
			g = gapDummy
		}
		return a.w/2 + g + b.w/2
	}
	for _, l := range dg.layers {
		x := 0.0
		for i, n := range l {
			if i > 0 {
				x += sep(l[i-1], n)
			}
			n.x = x
		}
	}
	mean := func(ns []*dnode, fallback float64) float64 {
		if len(ns) == 0 {
			return fallback
		}
		s := 0.0
		for _, m := range ns {
			s += m.x
		}
		return s / float64(len(ns))
	}
	for iter := 0; iter < 24; iter++ {
		down := iter%2 == 0
		for k := range dg.layers {
			li := k
			if !down {
				li = len(dg.layers) - 1 - k
			}
			l := dg.layers[li]
			want := make([]float64, len(l))
			for i, n := range l {
				switch {
				case down && len(n.in) > 0:
					want[i] = mean(n.in, n.x)
				case !down && len(n.out) > 0:
					want[i] = mean(n.out, n.x)
				case len(n.in)+len(n.out) > 0: // a start or an end: the mean of all its neighbours
					want[i] = (mean(n.in, 0)*float64(len(n.in)) + mean(n.out, 0)*float64(len(n.out))) / float64(len(n.in)+len(n.out))
				default:
					want[i] = n.x
				}
			}
			gaps := make([]float64, len(l))
			for i := 1; i < len(l); i++ {
				gaps[i] = sep(l[i-1], l[i])
			}
			for i, x := range isotonic(want, gaps) {
				l[i].x = x
			}
		}
	}
	minX := math.Inf(1)
	maxX := math.Inf(-1)
	for _, n := range dg.nodes {
		minX = math.Min(minX, n.x-n.w/2)
		maxX = math.Max(maxX, n.x+n.w/2)
	}
	for _, l := range dg.layers {
		for _, n := range l {
			n.x = math.Round(n.x - minX + margin)
		}
	}
	y := margin
	for _, l := range dg.layers {
		h := 0.0
		for _, n := range l {
			h = math.Max(h, n.h)
		}
		for _, n := range l {
			n.y = math.Round(y + (h-n.h)/2)
			if n.kind == dDummy {
				n.y, n.h = y, h
			}
		}
		y += h + gapY
	}
	dg.Width = math.Round(maxX - minX + 2*margin)
	dg.Height = math.Round(y - gapY + margin)
}

// isotonic returns x closest (least squares) to want with x[i] >= x[i-1] + gaps[i]: pool adjacent
// violators on want shifted by the running sum of the gaps.
func isotonic(want, gaps []float64) []float64 {
	n := len(want)
	shift := make([]float64, n)
	for i := 1; i < n; i++ {
		shift[i] = shift[i-1] + gaps[i]
	}
	type block struct {
		sum   float64
		count int
	}
	var blocks []block
	for i := 0; i < n; i++ {
		blocks = append(blocks, block{want[i] - shift[i], 1})
		for len(blocks) > 1 {
			a, b := blocks[len(blocks)-2], blocks[len(blocks)-1]
			if a.sum/float64(a.count) <= b.sum/float64(b.count) {
				break
			}
			blocks = append(blocks[:len(blocks)-2], block{a.sum + b.sum, a.count + b.count})
		}
	}
	out := make([]float64, 0, n)
	for _, b := range blocks {
		v := b.sum / float64(b.count)
		for j := 0; j < b.count; j++ {
			out = append(out, v+shift[len(out)])
		}
	}
	return out
}

// SVG draws the diagram. title is its text alternative's short form (the list under the
// diagram is the long one). href gives the page of a question or outcome: its box links there
// (for pointer users; keyboard and screen-reader users have the same links in the list). Boxes
// carry data-tree-node (question and outcome ids, answer boxes "node#i") and edges
// data-tree-edge ("from>to"), for tree.ts to highlight the path the user has taken.
func (dg *Diagram) SVG(title string, href func(id string) string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="tree-svg" xmlns="http://www.w3.org/2000/svg" width="%g" height="%g" viewBox="0 0 %g %g" role="img" aria-labelledby="tree-svg-title">`,
		dg.Width, dg.Height, dg.Width, dg.Height)
	fmt.Fprintf(&b, `<title id="tree-svg-title">%s</title>`, html.EscapeString(title))
	b.WriteString(`<defs><marker id="tree-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path class="tree-svg-arrow" d="M0 0L10 5L0 10z"/></marker></defs>`)
	b.WriteString(`<g class="tree-svg-edges">`)
	for _, e := range dg.edges {
		var d strings.Builder
		p0 := e.path[0]
		x, y := p0.x, p0.y+p0.h
		fmt.Fprintf(&d, "M%g %g", x, y)
		for _, q := range e.path[1:] {
			ty := q.y
			if q == e.to && e.arrow {
				ty -= 2 // leave room for the arrow head
			}
			my := (y + ty) / 2
			fmt.Fprintf(&d, "C%g %g %g %g %g %g", x, my, q.x, my, q.x, ty)
			x, y = q.x, ty
			if q.kind == dDummy {
				y = q.y + q.h
				fmt.Fprintf(&d, "L%g %g", x, y)
			}
		}
		edge := html.EscapeString(e.from.id + ">" + e.to.id)
		if e.arrow {
			fmt.Fprintf(&b, `<path class="tree-svg-edge" data-tree-edge="%s" d="%s" marker-end="url(#tree-arrow)"/>`, edge, d.String())
		} else {
			fmt.Fprintf(&b, `<path class="tree-svg-edge" data-tree-edge="%s" d="%s"/>`, edge, d.String())
		}
	}
	b.WriteString(`</g>`)
	for _, n := range dg.nodes {
		if n.kind == dDummy {
			continue
		}
		cls := map[dkind]string{dQuestion: "tree-svg-question", dOutcome: "tree-svg-outcome", dAnswer: "tree-svg-answer", dRef: "tree-svg-ref"}[n.kind]
		if n.caption != "" && n.kind == dQuestion {
			cls += " tree-svg-start"
		}
		left, top := n.x-n.w/2, n.y
		rx := 4.0
		if n.kind == dAnswer || n.kind == dRef {
			rx = math.Min(n.h/2, 14)
		} else if n.kind == dOutcome {
			rx = 12
		}
		link := ""
		if n.kind != dAnswer && href != nil {
			link = href(n.id)
		}
		if link != "" {
			fmt.Fprintf(&b, `<a href="%s" tabindex="-1">`, html.EscapeString(link))
		}
		fmt.Fprintf(&b, `<g class="%s" data-tree-node="%s"><rect x="%g" y="%g" width="%g" height="%g" rx="%g"/>`, cls, html.EscapeString(n.id), left, top, n.w, n.h, rx)
		ty := top + padY + 13
		if n.caption != "" {
			fmt.Fprintf(&b, `<text class="tree-svg-caption" x="%g" y="%g">%s</text>`, n.x, ty-1, html.EscapeString(n.caption))
			ty += captionLine
		}
		b.WriteString(`<text>`)
		for _, l := range n.lines {
			fmt.Fprintf(&b, `<tspan x="%g" y="%g">%s</tspan>`, n.x, ty, html.EscapeString(l))
			ty += lineHeight
		}
		b.WriteString(`</text></g>`)
		if link != "" {
			b.WriteString(`</a>`)
		}
	}
	b.WriteString(`</svg>`)
	return b.String()
}
