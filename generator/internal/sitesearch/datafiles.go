package sitesearch

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/goccy/go-yaml/ast"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/source"
	"samvirke/generator/internal/yamldoc"
	"samvirke/search"
)

// The hints of the two data files' messages.
const (
	synonymsHint      = "a group is a list of words that mean the same, [samhandling, samarbeid], or a list of word families, [[koordinere, koordinering], [samordne, samordning]]; see the comment at the top of the file"
	abbreviationsHint = "each line is an abbreviation and what it stands for, such as «IP: individuell plan», or a list of what it stands for; see the comment at the top of the file"
)

// readData reads and parses a data file of the site; a missing file is no file (nil, nil).
func readData(files *source.Site, file string) (*yamldoc.Doc, []diag.Diagnostic) {
	src, err := files.ReadText(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, []diag.Diagnostic{source.Diagnostic(file, err)}
	}
	return yamldoc.Parse(file, src, yamldoc.Options{})
}

// scalar is the text of a member or abbreviation node; ok is false for a list, a block of keys or
// nothing.
func scalar(n ast.Node) (string, bool) {
	if yamldoc.IsEmpty(n) || !yamldoc.IsScalar(n) {
		return "", false
	}
	return yamldoc.Text(n), true
}

// loadSynonyms reads data/synonymer.yaml (SynonymsFile): a list of groups, each a list of 2 to
// search.MaxGroupSize members (synonyms) or a list of lists (word families). Every problem is
// reported at its place, with the first place of a member that is there twice.
func loadSynonyms(files *source.Site) (search.Synonyms, []diag.Diagnostic) {
	var syn search.Synonyms
	doc, problems := readData(files, SynonymsFile)
	if doc == nil || doc.Root == nil {
		return syn, problems
	}
	errorf := func(n ast.Node, format string, args ...any) {
		problems = append(problems, doc.Loc(n).Errorf(synonymsHint, format, args...))
	}
	root, ok := doc.Root.(*ast.SequenceNode)
	if !ok {
		errorf(doc.Root, "expected a list of synonym groups")
		return syn, problems
	}
	seen := map[string]diag.Location{} // member key -> where it first stands
	members := func(ns []ast.Node) []string {
		var out []string
		for _, n := range ns {
			m, ok := scalar(n)
			if !ok {
				errorf(n, "a member is a word or phrase, found %s", describe(n))
				continue
			}
			if err := search.CheckMember(m); err != nil {
				errorf(n, "%v", err)
				continue
			}
			key := search.MemberKey(m)
			if first, dup := seen[key]; dup {
				d := doc.Loc(n).Errorf("a word can be in one group only: merge the groups or remove one", "%q is already in a group", m)
				d.Notes = append(d.Notes, diag.Note{Location: first, Text: "it stands here first"})
				problems = append(problems, d)
				continue
			}
			seen[key] = doc.Loc(n)
			out = append(out, m)
		}
		return out
	}
	for _, g := range root.Values {
		group, ok := g.(*ast.SequenceNode)
		if !ok {
			errorf(g, "a synonym group is a list, such as [samhandling, samarbeid]; found %s", describe(g))
			continue
		}
		if len(group.Values) > 0 {
			if _, families := group.Values[0].(*ast.SequenceNode); families {
				var fams [][]string
				total, before := 0, len(problems)
				for _, f := range group.Values {
					family, ok := f.(*ast.SequenceNode)
					if !ok {
						errorf(f, "a group of word families is a list of lists, such as [[koordinere, koordinering], [samordne, samordning]]; found %s", describe(f))
						continue
					}
					if n := len(family.Values); n == 0 || n > search.MaxGroupSize {
						errorf(f, "a word family has 1 to %d words, this one has %d", search.MaxGroupSize, n)
						continue
					}
					fam := members(family.Values)
					total += len(fam)
					fams = append(fams, fam)
				}
				if len(problems) > before {
					continue // the group's own count would only repeat its families' problems
				}
				if len(group.Values) > search.MaxGroupSize || total < 2 {
					errorf(g, "a group of word families has 1 to %d families and at least 2 words in all", search.MaxGroupSize)
					continue
				}
				syn.Families = append(syn.Families, fams)
				continue
			}
		}
		if n := len(group.Values); n < 2 || n > search.MaxGroupSize {
			errorf(g, "a synonym group has 2 to %d members, this one has %d", search.MaxGroupSize, n)
			continue
		}
		if ms := members(group.Values); len(ms) == len(group.Values) {
			syn.Groups = append(syn.Groups, ms)
		}
	}
	return syn, problems
}

// loadAbbreviations reads data/forkortelser.yaml (AbbreviationsFile): abbreviation: expansion, or
// abbreviation: [expansion, …].
func loadAbbreviations(files *source.Site) (search.Abbreviations, []diag.Diagnostic) {
	var out search.Abbreviations
	doc, problems := readData(files, AbbreviationsFile)
	if doc == nil || doc.Root == nil {
		return out, problems
	}
	errorf := func(n ast.Node, format string, args ...any) {
		problems = append(problems, doc.Loc(n).Errorf(abbreviationsHint, format, args...))
	}
	var pairs []*ast.MappingValueNode
	switch root := doc.Root.(type) {
	case *ast.MappingNode:
		pairs = root.Values
	case *ast.MappingValueNode: // a file of one line
		pairs = []*ast.MappingValueNode{root}
	default:
		errorf(doc.Root, "expected abbreviations with what they stand for, such as «IP: individuell plan»")
		return out, problems
	}
	// Keys that are the same after folding (IP and ip) are one abbreviation: yamldoc.Parse has
	// already refused keys that are written the same.
	seen := map[string]diag.Location{}
	for _, p := range pairs {
		short, ok := scalar(p.Key)
		if !ok {
			errorf(p.Key, "an abbreviation is a word, found %s", describe(p.Key))
			continue
		}
		if err := search.CheckAbbreviation(short); err != nil {
			errorf(p.Key, "%v", err)
			continue
		}
		key := search.MemberKey(short)
		if first, dup := seen[key]; dup {
			d := doc.Loc(p.Key).Errorf("give each abbreviation one line, with a list when it stands for several things: «NAV: [arbeids- og velferdsforvaltningen, NAV-kontoret]»", "the abbreviation %q is already in the file", short)
			d.Notes = append(d.Notes, diag.Note{Location: first, Text: "it stands here first"})
			problems = append(problems, d)
			continue
		}
		seen[key] = doc.Loc(p.Key)
		values := []ast.Node{p.Value}
		if list, ok := p.Value.(*ast.SequenceNode); ok {
			values = list.Values
		}
		if n := len(values); n == 0 || n > search.MaxExpansions {
			errorf(p.Value, "%q stands for 1 to %d things, here %d", short, search.MaxExpansions, n)
			continue
		}
		a := search.Abbreviation{Short: short}
		for _, v := range values {
			exp, ok := scalar(v)
			if !ok {
				errorf(v, "what %q stands for is text or a list of texts, found %s", short, describe(v))
				continue
			}
			if err := search.CheckExpansion(short, a.Expansions, exp); err != nil {
				errorf(v, "%v", err)
				continue
			}
			a.Expansions = append(a.Expansions, exp)
		}
		if len(a.Expansions) == len(values) {
			out.Entries = append(out.Entries, a)
		}
	}
	return out, problems
}

// describe names what was written instead of the expected text or list.
func describe(n ast.Node) string {
	switch n.(type) {
	case *ast.SequenceNode:
		return "a list"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a block of keys"
	}
	if yamldoc.IsEmpty(n) {
		return "nothing"
	}
	return fmt.Sprintf("%q", yamldoc.Text(n))
}
