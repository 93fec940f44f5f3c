package trees

import (
	"fmt"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/site"
)

// MaxNodes is how many nodes (questions and outcomes) a tree may have. The shipped trees have
// about 20; a tree this large is already unusable as one overview, and a limit keeps a generated
// or pasted tree from turning into thousands of pages and a diagram no one can read.
const MaxNodes = 2000

// tooLarge reports a tree with more than MaxNodes nodes, before anything is parsed or laid out,
// and returns the (broken) tree that stands for it.
func tooLarge(p *site.Page, d *diag.List) *Tree {
	nodes, ok := p.Params["nodes"].(map[string]any)
	if !ok || len(nodes) <= MaxNodes {
		return nil
	}
	loc := p.File.KeyLoc("nodes")
	d.Add(diag.Diagnostic{File: loc.File, Line: loc.Line, Column: loc.Column,
		Message: fmt.Sprintf("the tree has %d nodes; a tree may have at most %d", len(nodes), MaxNodes),
		Hint:    "split it into several trees and link from an outcome of the first to the next"})
	return &Tree{Page: p, File: p.File, Slug: slugOf(p), Nodes: map[string]*Node{}, Lang: p.Lang(), broken: true}
}
