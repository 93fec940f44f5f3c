package trees

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"samvirke/generator/internal/config"
	"samvirke/generator/internal/content"
	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/site"
)

// FuzzTreeValidation feeds arbitrary decision-tree files to the tree parser and validator. They
// must not panic or hang; every message points at a line of the file; and a tree they accept
// without errors must really be sound — checked here independently: the start exists, every
// next exists, every node is reachable, there is no cycle and every question has at least two
// answers, so every path ends in an outcome — and must lay out into a well-formed diagram with
// a box per question, outcome and answer.
func FuzzTreeValidation(f *testing.F) {
	shipped, _ := filepath.Glob(filepath.Join("..", "..", "..", "content", Section, "*.md"))
	for _, p := range shipped {
		if b, err := os.ReadFile(p); err == nil && !strings.HasSuffix(p, "_index.md") {
			f.Add(b)
		}
	}
	for _, seed := range []string{
		"---\ntitle: T\nstart: q1\nnodes:\n  q1:\n    question: Ja?\n    answers:\n      - {label: Ja, next: o1}\n      - {label: Nei, next: o2}\n  o1:\n    outcome: {title: A, body: a}\n  o2:\n    outcome: {title: B, body: b}\n---\n",
		"---\ntitle: Syklus\nstart: a\nnodes:\n  a:\n    question: A?\n    answers: [{label: x, next: b}, {label: y, next: o}]\n  b:\n    question: B?\n    answers: [{label: x, next: a}, {label: y, next: o}]\n  o:\n    outcome: {title: O, body: o}\n---\n",
		"---\ntitle: Dingler\nstart: a\nnodes:\n  a:\n    question: A?\n    answers: [{label: x, next: finnes-ikke}, {label: y, next: o}]\n  o:\n    outcome: {title: O, body: o}\n  ensom:\n    outcome: {title: E, body: e}\n---\n",
		"---\ntitle: Tom\nstart: a\nnodes:\n  a:\n    question: A?\n---\n",
		"---\ntitle: Dobbel\nstart: a\nnodes:\n  a: {question: A?, answers: [{label: x, next: o, value: v}, {label: y, next: o, value: v}]}\n  A: {outcome: {title: O}}\n  o: {outcome: {title: O, body: o, level: x, links: [{text: t}]}}\n---\n",
		"---\ntitle: Rart\nstart: [a]\nnodes: [1, 2]\n---\n",
	} {
		f.Add([]byte(seed))
	}
	cfg := &config.Config{BaseURL: "/", Title: "T", DefaultContentLanguage: "nb", Params: map[string]any{}}
	f.Fuzz(func(t *testing.T, src []byte) {
		const path = "content/beslutningstrer/t.md"
		file, problems := content.Parse(path, src)
		if len(problems) > 0 {
			return
		}
		d := &diag.List{}
		s := site.New(cfg, []*content.File{file}, false, d)
		p := s.ByURL("/beslutningstrer/t/")
		if p == nil || !isTreePage(p) {
			return
		}
		if tooLarge(p, d) != nil {
			return
		}
		tr := parse(p, d)
		validate(tr, d)
		lines := bytes.Count(src, []byte("\n")) + bytes.Count(src, []byte("\r")) + 1
		for _, dg := range d.All() {
			if dg.File == path && (dg.Line < 0 || dg.Line > lines) {
				t.Fatalf("message at line %d of %d: %s", dg.Line, lines, dg.Message)
			}
		}
		if d.HasErrors() || tr.broken {
			return
		}
		sound(t, tr)
		dg := layout(tr, stringsFor(tr.Lang))
		questions, outcomes, answers := 0, 0, 0
		for _, n := range tr.Nodes {
			if n.IsOutcome() {
				outcomes++
			} else {
				questions++
				answers += len(n.Answers)
			}
		}
		groups := map[string]int{}
		dec := xml.NewDecoder(strings.NewReader(dg.SVG("t", nil)))
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("the diagram is not well-formed: %v", err)
			}
			if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "g" {
				for _, a := range se.Attr {
					if a.Name.Local == "class" {
						groups[strings.Fields(a.Value)[0]]++
					}
				}
			}
		}
		if groups["tree-svg-question"] != questions || groups["tree-svg-outcome"] != outcomes || groups["tree-svg-answer"] != answers {
			t.Fatalf("diagram %v for %d questions, %d outcomes, %d answers", groups, questions, outcomes, answers)
		}
	})
}

// sound checks a tree the validator accepted, without the validator's code.
func sound(t *testing.T, tr *Tree) {
	t.Helper()
	if tr.Nodes[tr.Start] == nil {
		t.Fatalf("accepted with start %q, which is not a node", tr.Start)
	}
	indeg := map[string]int{}
	for id, n := range tr.Nodes {
		if n.IsOutcome() == (len(n.Answers) > 0) {
			t.Fatalf("accepted node %q: outcome %v with %d answers", id, n.IsOutcome(), len(n.Answers))
		}
		if !n.IsOutcome() && len(n.Answers) < 2 {
			t.Fatalf("accepted question %q with %d answers", id, len(n.Answers))
		}
		for _, a := range n.Answers {
			if tr.Nodes[a.Next] == nil {
				t.Fatalf("accepted answer of %q leading to %q, which is not a node", id, a.Next)
			}
			indeg[a.Next]++
		}
	}
	seen := map[string]bool{tr.Start: true}
	queue := []string{tr.Start}
	for len(queue) > 0 {
		n := tr.Nodes[queue[0]]
		queue = queue[1:]
		for _, a := range n.Answers {
			if !seen[a.Next] {
				seen[a.Next] = true
				queue = append(queue, a.Next)
			}
		}
	}
	if len(seen) != len(tr.Nodes) {
		t.Fatalf("accepted with %d of %d nodes reachable", len(seen), len(tr.Nodes))
	}
	// Kahn: a tree without cycles can be taken apart from the nodes nothing leads to.
	var free []string
	for id := range tr.Nodes {
		if indeg[id] == 0 {
			free = append(free, id)
		}
	}
	removed := 0
	for len(free) > 0 {
		id := free[len(free)-1]
		free = free[:len(free)-1]
		removed++
		for _, a := range tr.Nodes[id].Answers {
			if indeg[a.Next]--; indeg[a.Next] == 0 {
				free = append(free, a.Next)
			}
		}
	}
	if removed != len(tr.Nodes) {
		t.Fatalf("accepted with a cycle")
	}
}
