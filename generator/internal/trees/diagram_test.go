package trees

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestIsotonic(t *testing.T) {
	for _, c := range []struct{ want, gaps, out []float64 }{
		{[]float64{0, 100, 200}, []float64{0, 50, 50}, []float64{0, 100, 200}}, // already apart
		{[]float64{100, 100}, []float64{0, 60}, []float64{70, 130}},            // pushed apart around the mean
		{[]float64{50, 0, 200}, []float64{0, 40, 40}, []float64{5, 45, 200}},   // pooled pair, free third
		{[]float64{10, 10, 10}, []float64{0, 10, 10}, []float64{0, 10, 20}},    // three in a row
	} {
		got := isotonic(c.want, c.gaps)
		for i := range got {
			if math.Abs(got[i]-c.out[i]) > 1e-9 {
				t.Errorf("isotonic(%v, %v) = %v, want %v", c.want, c.gaps, got, c.out)
				break
			}
		}
	}
}

func TestWrap(t *testing.T) {
	w := boxWidth
	limit := int((w - 2*padX) / charWidth)
	lines := wrap("Er barnevernet eller en annen sentral hjelpetjeneste med i saken?", boxWidth)
	if len(lines) < 2 || strings.Join(lines, " ") != "Er barnevernet eller en annen sentral hjelpetjeneste med i saken?" {
		t.Errorf("wrap = %q", lines)
	}
	for _, l := range append(lines, wrap("Samarbejdsmodellenbeslutningstræsspørgsmålsformuleringen", boxWidth)...) {
		if utf8.RuneCountInString(l) > limit {
			t.Errorf("line %q is longer than %d characters", l, limit)
		}
	}
	if got := wrap("", boxWidth); len(got) != 1 {
		t.Errorf("wrap of nothing = %q", got)
	}
}

// TestCrossCounter compares the accumulator tree with counting every pair of edges.
func TestCrossCounter(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var cc crossCounter
	for trial := 0; trial < 300; trial++ {
		upper := make([]*dnode, 1+rng.IntN(12))
		lower := make([]*dnode, 1+rng.IntN(12))
		for i := range lower {
			lower[i] = &dnode{pos: i}
		}
		type seg struct{ a, b int }
		var segs []seg
		for i := range upper {
			upper[i] = &dnode{pos: i}
			for k := rng.IntN(4); k > 0; k-- {
				m := lower[rng.IntN(len(lower))]
				upper[i].out = append(upper[i].out, m)
				segs = append(segs, seg{i, m.pos})
			}
		}
		want := 0
		for i := range segs {
			for j := i + 1; j < len(segs); j++ {
				if (segs[i].a-segs[j].a)*(segs[i].b-segs[j].b) < 0 {
					want++
				}
			}
		}
		if got := cc.between(upper, len(lower)); got != want {
			t.Fatalf("trial %d: %d crossings, want %d (%v)", trial, got, want, segs)
		}
	}
}

// Synthetic trees for the layout's tests and benchmarks.

func newTestTree(start string) *Tree { return &Tree{Start: start, Nodes: map[string]*Node{}} }

func (t *Tree) addQuestion(id string, next ...string) {
	n := &Node{ID: id, Question: "Gjelder dette spørsmål " + id + "?", asked: true}
	for i, nx := range next {
		n.Answers = append(n.Answers, &Answer{Label: []string{"Ja", "Nei", "Vet ikke"}[i%3], Next: nx})
	}
	t.Nodes[id] = n
	t.Order = append(t.Order, id)
}

func (t *Tree) addOutcome(id string) {
	t.Nodes[id] = &Node{ID: id, Outcome: &Outcome{Title: "Resultat " + id}}
	t.Order = append(t.Order, id)
}

// chainTree has n-1 questions in a row, each of which may also end at the one shared outcome:
// the shape whose edges to the outcome cross every layer below them.
func chainTree(n int) *Tree {
	t := newTestTree("q0")
	for i := 0; i < n-1; i++ {
		next := fmt.Sprintf("q%d", i+1)
		if i == n-2 {
			next = "slutt"
		}
		t.addQuestion(fmt.Sprintf("q%d", i), next, "slutt")
	}
	t.addOutcome("slutt")
	return t
}

// wideTree is a full binary tree of about n nodes.
func wideTree(n int) *Tree {
	t := newTestTree("n0")
	questions := (n - 1) / 2
	for i := 0; i < questions; i++ {
		t.addQuestion(fmt.Sprintf("n%d", i), fmt.Sprintf("n%d", 2*i+1), fmt.Sprintf("n%d", 2*i+2))
	}
	for i := questions; i < 2*questions+1; i++ {
		t.addOutcome(fmt.Sprintf("n%d", i))
	}
	return t
}

// diamondTree widens to about √n nodes per layer and narrows again; every question leads to two
// nodes of the next layer, so paths merge and cross.
func diamondTree(n int) *Tree {
	w := int(math.Sqrt(float64(n)))
	var widths []int
	for i := 1; i <= w; i++ {
		widths = append(widths, i)
	}
	for i := w - 1; i >= 1; i-- {
		widths = append(widths, i)
	}
	id := func(l, j int) string { return fmt.Sprintf("d%d-%d", l, j) }
	t := newTestTree(id(0, 0))
	for l, wd := range widths {
		if l == len(widths)-1 {
			t.addOutcome(id(l, 0))
			continue
		}
		next := widths[l+1]
		for j := 0; j < wd; j++ {
			a, b := min(j, next-1), min(j+1, next-1)
			if a == b {
				b = (a + 1) % next
			}
			if a == b {
				t.addQuestion(id(l, j), id(l+1, a), id(l+1, a))
			} else {
				t.addQuestion(id(l, j), id(l+1, a), id(l+1, b))
			}
		}
	}
	return t
}

var diagramStrings = stringsFor("nb")

// TestLayoutLinear: the diagram of a long chain whose every question may end at one shared
// outcome has a number of boxes and points linear in the tree (it was quadratic: one point per
// layer an edge to the outcome crossed), and it has no overlapping boxes.
func TestLayoutLinear(t *testing.T) {
	for _, n := range []int{50, 500, 2000} {
		tr := chainTree(n)
		dg := layout(tr, diagramStrings)
		points := 0
		for _, l := range dg.layers {
			points += len(l)
		}
		answers := 2 * (n - 1)
		if limit := n + answers + answers*(maxSpan+1); points > limit {
			t.Errorf("chain of %d: %d boxes and points, want at most %d", n, points, limit)
		}
		for _, l := range dg.layers {
			for i := 1; i < len(l); i++ {
				if l[i-1].x+l[i-1].w/2 > l[i].x-l[i].w/2 {
					t.Fatalf("chain of %d: boxes overlap in a layer", n)
				}
			}
		}
		svg := dg.SVG("x", nil)
		if refs := strings.Count(svg, `class="tree-svg-ref"`); n > maxSpan && refs == 0 {
			t.Errorf("chain of %d: no leads-to boxes", n)
		}
		if got := strings.Count(svg, `class="tree-svg-answer"`); got != answers {
			t.Errorf("chain of %d: %d answer boxes, want %d", n, got, answers)
		}
	}
	// A tree with only short edges is drawn without leads-to boxes.
	if svg := layout(wideTree(63), diagramStrings).SVG("x", nil); strings.Contains(svg, "tree-svg-ref") {
		t.Error("a binary tree got leads-to boxes")
	}
}

// BenchmarkLayout lays out chain, wide and diamond trees of 200 to 5,000 nodes (go test -bench
// Layout -benchmem ./generator/internal/trees/).
func BenchmarkLayout(b *testing.B) {
	for _, shape := range []struct {
		name string
		make func(int) *Tree
	}{{"chain", chainTree}, {"wide", wideTree}, {"diamond", diamondTree}} {
		for _, n := range []int{200, 2000, 5000} {
			tr := shape.make(n)
			b.Run(fmt.Sprintf("%s-%d", shape.name, n), func(b *testing.B) {
				for b.Loop() {
					layout(tr, diagramStrings).SVG("x", nil)
				}
				b.ReportMetric(float64(len(tr.Nodes)), "nodes")
			})
		}
	}
}

// stringsFor gives the diagram placeholder texts ("nb:leadsTo"): the layout only measures them.
func stringsFor(lang string) map[string]string {
	out := map[string]string{}
	for _, k := range uiKeys {
		out[k] = lang + ":" + k
	}
	return out
}
