package legal

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/markup"
	"samvirke/generator/internal/site"
)

// TreeSection is the content section of the decision trees; their nodes are pages at
// /beslutningstrer/TREE/NODE/.
const TreeSection = "beslutningstrer"

// Citation is one place that cites a provision.
type Citation struct {
	ID   string // the provision
	File string // content file, for messages
	Line int
	Page *site.Page // the page the citation is on (the tree for node citations)
	Node string     // decision-tree node id, when the citation is in a node
	How  string     // "lov" (shortcode), "legal", "legal_basis", "provision"
}

// frontMatterRefs finds citations in front matter: lov shortcodes in any text (tree help and
// outcome bodies, step legal notes …) and the id lists features define: a tree node's legal, a
// model's legal_basis, a glossary entry's provision. Unknown ids in the lists are errors here;
// unknown ids in shortcodes are reported by CheckShortcode when the text is rendered.
func (f *Feature) frontMatterRefs(s *site.Site, d *diag.List) []Citation {
	var out []Citation
	for _, p := range s.AllPages() {
		if p.File == nil || p.File.Node == nil || p.Virtual {
			continue
		}
		isTree := p.Section() == TreeSection && p.Kind == site.KindPage
		walk(p.File.Node, nil, func(path []string, n *yaml.Node) {
			node := ""
			if isTree && len(path) >= 2 && path[0] == "nodes" {
				node = path[1]
			}
			line := n.Line + 1 // node lines count from the line after the opening ---
			if list := listKind(path, isTree, p.Section()); list != "" {
				id := strings.TrimSpace(n.Value)
				if f.provisions[id] == nil {
					d.Add(diag.Diagnostic{File: p.File.Path, Line: line,
						Message: fmt.Sprintf("%s: unknown provision %q", list, id), Hint: f.hint(id)})
					return
				}
				out = append(out, Citation{ID: id, File: p.File.Path, Line: line, Page: p, Node: node, How: list})
				return
			}
			if !strings.Contains(n.Value, "{{") {
				return
			}
			if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
				line++ // a block scalar's text starts on the line after | or >
			}
			calls, _ := markup.Syntax{}.Scan(n.Value, line) // syntax errors are reported when the text renders
			for _, c := range calls {
				if c.Name == "lov" && len(c.Positional) > 0 && f.provisions[c.Positional[0]] != nil {
					out = append(out, Citation{ID: c.Positional[0], File: p.File.Path, Line: c.Line, Page: p, Node: node, How: "lov"})
				}
			}
		})
	}
	return out
}

// listKind says whether the scalar at path is an item of a provision id list, and which.
func listKind(path []string, isTree bool, section string) string {
	n := len(path)
	isIndex := func(s string) bool { _, err := strconv.Atoi(s); return err == nil }
	switch {
	case isTree && n >= 4 && path[0] == "nodes" && path[n-2] == "legal" && isIndex(path[n-1]) &&
		(n == 4 || n == 5 && path[2] == "outcome"):
		return "legal"
	case n == 3 && path[0] == "model" && path[1] == "legal_basis" && isIndex(path[2]):
		return "legal_basis"
	case n == 1 && path[0] == "provision" && section == "begreper":
		return "provision"
	}
	return ""
}

// walk calls fn for every scalar under n with its key path (lower-cased keys, list indexes).
func walk(n *yaml.Node, path []string, fn func(path []string, n *yaml.Node)) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			walk(n.Content[i+1], append(path[:len(path):len(path)], strings.ToLower(n.Content[i].Value)), fn)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			walk(c, append(path[:len(path):len(path)], strconv.Itoa(i)), fn)
		}
	case yaml.ScalarNode:
		if n.Tag != "!!null" {
			fn(path, n)
		}
	}
}

// AfterContent implements feature.AfterContent: it collects the citations in rendered bodies and
// reports the registry's warnings.
func (f *Feature) AfterContent(ctx *feature.Context) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.provisions == nil {
		return
	}
	all := append([]Citation(nil), f.refs...)
	for _, p := range ctx.Site.AllPages() {
		if p.File == nil || p.Virtual {
			continue // pages a feature made (tree nodes) cite through their tree's front matter
		}
		for _, c := range p.Calls {
			if c.Name == "lov" && len(c.Positional) > 0 && f.provisions[c.Positional[0]] != nil {
				all = append(all, Citation{ID: c.Positional[0], File: p.File.Path, Line: c.Line, Page: p, How: "lov"})
			}
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].File != all[j].File {
			return all[i].File < all[j].File
		}
		return all[i].Line < all[j].Line
	})
	f.cites = map[string][]Citation{}
	for _, c := range all {
		if prov := f.provisions[c.ID]; prov != nil && c.Page == prov.Page && c.Node == "" {
			continue // a provision's page mentioning itself is no use of it
		}
		f.cites[c.ID] = append(f.cites[c.ID], c)
	}
	f.warn(ctx)
}

// Citations returns where the provision is cited (after AfterContent), by file and line.
func (f *Feature) Citations(id string) []Citation { return f.cites[id] }
