package trees_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"samvirke/generator/internal/build"
	"samvirke/generator/internal/contenttest"
	"samvirke/generator/internal/trees"
)

// chainSource is a tree file of n nodes: n-1 questions in a row, each of which may also end at
// one shared outcome (the shape that took minutes and gigabytes to lay out).
func chainSource(n int) string {
	var b strings.Builder
	b.WriteString("---\ntitle: Lang kjede\nweight: 1\naudience: [adults]\nstart: q0\nnodes:\n")
	for i := 0; i < n-1; i++ {
		next := fmt.Sprintf("q%d", i+1)
		if i == n-2 {
			next = "slutt"
		}
		fmt.Fprintf(&b, "  q%d:\n    question: Spørsmål %d?\n    answers:\n      - {label: Ja, next: %s}\n      - {label: Nei, next: slutt}\n", i, i, next)
	}
	b.WriteString("  slutt:\n    outcome: {title: Ferdig, body: Slutt., kind: guidance}\n---\nIntroduksjon.\n")
	return b.String()
}

// TestTreeSizeLimit: a tree of MaxNodes nodes builds, with its diagram; one more node is an error
// at the nodes: line, reported before the tree is parsed (so nothing else is said about it); no
// page renders.
func TestTreeSizeLimit(t *testing.T) {
	res, err := buildFixture(t, chainSource(trees.MaxNodes), false)
	if err != nil {
		t.Fatalf("a tree of %d nodes: %v\n%s", trees.MaxNodes, err, res.Diagnostics.Report())
	}
	if res.Pages < trees.MaxNodes {
		t.Errorf("%d pages, want the tree's %d node pages among them", res.Pages, trees.MaxNodes)
	}

	res, err = buildFixture(t, chainSource(trees.MaxNodes+1), true)
	if err == nil {
		t.Fatal("a tree over the limit was accepted")
	}
	wantErrorAt(t, res, 6, fmt.Sprintf("the tree has %d nodes; a tree may have at most %d", trees.MaxNodes+1, trees.MaxNodes), "split it into several trees")
	if n := len(res.Diagnostics.Errors()); n != 1 {
		t.Errorf("%d errors, want only the size:\n%s", n, res.Diagnostics.Report())
	}
}

// TestLongTreeDiagram: in the built page of a long chain, answers far above the shared outcome
// lead to a "fører til" box instead of a line through hundreds of layers.
func TestLongTreeDiagram(t *testing.T) {
	dir := fixtureSite(t, chainSource(300))
	dest := filepath.Join(t.TempDir(), "public")
	res, err := build.Build(build.Options{Source: dir, Dest: dest, Features: contenttest.Features()})
	if err != nil {
		t.Fatalf("%v\n%s", err, res.Diagnostics.Report())
	}
	page, err := os.ReadFile(filepath.Join(dest, "beslutningstrer", "t", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	svg := string(page)
	if refs := strings.Count(svg, `class="tree-svg-ref"`); refs < 250 {
		t.Errorf("%d leads-to boxes, want one per answer far above the outcome", refs)
	}
	if !strings.Contains(svg, `<text class="tree-svg-caption"`) || !strings.Contains(svg, ">fører til<") {
		t.Error("the leads-to boxes are not captioned")
	}
	if len(svg) > 2<<20 {
		t.Errorf("the tree page is %d bytes", len(svg))
	}
}
