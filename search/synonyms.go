package search

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Synonyms are groups of words or phrases that mean the same thing to a
// searcher, such as {"samhandling", "samarbeid"}. A query word (or run of
// words) that matches one member of a group also searches for the other
// members; a page that has only another member ranks below every page that
// has what was typed (see match.direct).
//
// Families are groups of word families: the same word in other word
// classes (koordinere, koordinering), and other words for the same idea
// (samordne, samordning). A member finds the other members of its family
// at weightFamily and those of the group's other families at
// weightRelated; unlike synonyms, these rank by their score among the pages
// with what was typed, so that "hvem koordinerer" finds a page about
// samordning as readily as one that mentions koordinering in passing.
//
// Members are compared after folding (case, diacritics, æ/ø/å spellings),
// so "Forvaltningsloven" and "forvaltningsloven" are the same member, and a
// query word matches a one-word member also in another inflection (by its
// Norwegian or Danish stem). A member may not appear twice in the file.
type Synonyms struct {
	Groups   [][]string   `json:"groups"`
	Families [][][]string `json:"families,omitempty"`
}

// FileError is a mistake at a line of a synonyms or abbreviations file.
type FileError struct {
	Path string
	Line int
	Msg  string // in Norwegian, for the editor
}

func (e *FileError) Error() string { return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg) }

// Limits on a synonyms file, so a typo cannot turn one query into hundreds.
const (
	maxGroupSize   = 8
	maxMemberWords = 6
	maxMemberRunes = 80
)

// LoadSynonyms reads a synonyms file such as data/synonymer.yaml: a YAML
// sequence of groups, each a sequence of at least two strings (synonyms) or
// of sequences of strings (a group of word families, at least two words in
// all). Errors name the file and line.
func LoadSynonyms(path string) (Synonyms, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return Synonyms{}, err
	}
	var root yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(src)).Decode(&root); err != nil {
		if errors.Is(err, io.EOF) || len(bytes.TrimSpace(src)) == 0 {
			return Synonyms{}, nil // an empty file has no groups
		}
		return Synonyms{}, fmt.Errorf("%s: %w", path, err) // yaml.v3 says "yaml: line N: …"
	}
	at := func(n *yaml.Node, format string, args ...any) error {
		return &FileError{Path: path, Line: n.Line, Msg: fmt.Sprintf(format, args...)}
	}
	doc := &root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		doc = doc.Content[0]
	}
	if doc.Kind != yaml.SequenceNode {
		return Synonyms{}, at(doc, "forventet en liste av synonymgrupper")
	}

	var syn Synonyms
	seen := make(map[string]int) // folded member -> line
	members := func(ns []*yaml.Node) ([]string, error) {
		out := make([]string, 0, len(ns))
		for _, m := range ns {
			if m.Kind != yaml.ScalarNode || m.Tag == "!!null" {
				return nil, at(m, "hvert ledd må være tekst")
			}
			member := strings.TrimSpace(m.Value)
			if err := checkMember(member); err != nil {
				return nil, at(m, "%v", err)
			}
			key := memberKey(member)
			if line, dup := seen[key]; dup {
				return nil, at(m, "«%s» står allerede på linje %d; et ord kan bare stå i én gruppe", member, line)
			}
			seen[key] = m.Line
			out = append(out, member)
		}
		return out, nil
	}
	for _, g := range doc.Content {
		if g.Kind != yaml.SequenceNode {
			return Synonyms{}, at(g, "en synonymgruppe må være en liste, som [samhandling, samarbeid]")
		}
		if len(g.Content) > 0 && g.Content[0].Kind == yaml.SequenceNode {
			var fams [][]string
			total := 0
			for _, f := range g.Content {
				if f.Kind != yaml.SequenceNode {
					return Synonyms{}, at(f, "en gruppe av ordfamilier er en liste av lister, som [[koordinere, koordinering], [samordne, samordning]]")
				}
				if len(f.Content) == 0 || len(f.Content) > maxGroupSize {
					return Synonyms{}, at(f, "en ordfamilie må ha fra 1 til %d ord, denne har %d", maxGroupSize, len(f.Content))
				}
				fam, err := members(f.Content)
				if err != nil {
					return Synonyms{}, err
				}
				total += len(fam)
				fams = append(fams, fam)
			}
			if len(fams) > maxGroupSize || total < 2 {
				return Synonyms{}, at(g, "en gruppe av ordfamilier må ha fra 1 til %d familier og minst 2 ord", maxGroupSize)
			}
			syn.Families = append(syn.Families, fams)
			continue
		}
		if len(g.Content) < 2 || len(g.Content) > maxGroupSize {
			return Synonyms{}, at(g, "en synonymgruppe må ha fra 2 til %d ledd, denne har %d", maxGroupSize, len(g.Content))
		}
		group, err := members(g.Content)
		if err != nil {
			return Synonyms{}, err
		}
		syn.Groups = append(syn.Groups, group)
	}
	return syn, nil
}

// validate checks synonyms built in code the way LoadSynonyms checks a file.
func (s Synonyms) validate() error {
	seen := make(map[string]bool)
	for i, g := range s.Groups {
		if len(g) < 2 || len(g) > maxGroupSize {
			return fmt.Errorf("synonymgruppe %d må ha fra 2 til %d ledd", i+1, maxGroupSize)
		}
		for _, m := range g {
			if err := checkMember(m); err != nil {
				return fmt.Errorf("synonymgruppe %d: %w", i+1, err)
			}
			key := memberKey(m)
			if seen[key] {
				return fmt.Errorf("synonymgruppe %d: «%s» står i mer enn én gruppe", i+1, m)
			}
			seen[key] = true
		}
	}
	for i, g := range s.Families {
		total := 0
		for _, f := range g {
			if len(f) == 0 || len(f) > maxGroupSize {
				return fmt.Errorf("ordfamiliegruppe %d: en ordfamilie må ha fra 1 til %d ord", i+1, maxGroupSize)
			}
			for _, m := range f {
				if err := checkMember(m); err != nil {
					return fmt.Errorf("ordfamiliegruppe %d: %w", i+1, err)
				}
				if key := memberKey(m); seen[key] {
					return fmt.Errorf("ordfamiliegruppe %d: «%s» står i mer enn én gruppe", i+1, m)
				} else {
					seen[key] = true
				}
			}
			total += len(f)
		}
		if len(g) > maxGroupSize || total < 2 {
			return fmt.Errorf("ordfamiliegruppe %d må ha fra 1 til %d familier og minst 2 ord", i+1, maxGroupSize)
		}
	}
	return nil
}

func checkMember(m string) error {
	switch {
	case m == "":
		return errors.New("tomt ledd")
	case !utf8.ValidString(m):
		return errors.New("ugyldig UTF-8")
	case utf8.RuneCountInString(m) > maxMemberRunes:
		return fmt.Errorf("«%s» er lengre enn %d tegn", m, maxMemberRunes)
	}
	words := foldWords(m)
	switch {
	case len(words) == 0:
		return fmt.Errorf("«%s» har ingen ord", m)
	case len(words) > maxMemberWords:
		return fmt.Errorf("«%s» har mer enn %d ord", m, maxMemberWords)
	}
	return nil
}

// memberKey is the folded form members are compared by.
func memberKey(m string) string { return strings.Join(foldWords(m), " ") }

// foldWords splits s into words folded the way the index folds them.
func foldWords(s string) []string {
	var words []string
	for i := 0; ; {
		start, end := nextWord(s, i)
		if start == len(s) {
			return words
		}
		words = append(words, string(foldToken(nil, s[start:end])))
		i = end
	}
}

// Abbreviations are short forms that staff type for longer names, such as
// IP for "individuell plan" or fvl for "forvaltningsloven". A query word
// that is an abbreviation also searches for each of its expansions, and an
// expansion in a query also searches for the abbreviation, both ranked below
// what was typed, as synonyms are. Unlike a synonym group, the expansions of
// one abbreviation are not searched for each other: NAV may stand for the
// agency and for the local office without those being the same thing.
type Abbreviations struct {
	Entries []Abbreviation `json:"entries"`
}

// Abbreviation is one abbreviation and what it stands for.
type Abbreviation struct {
	Short      string   `json:"short"`
	Expansions []string `json:"expansions"`
}

// Limits on an abbreviations file.
const (
	maxShortRunes = 12
	maxExpansions = 6
)

// LoadAbbreviations reads an abbreviations file such as
// data/forkortelser.yaml: a YAML mapping from an abbreviation (one word) to
// its expansion, or to a list of expansions. Errors name the file and line.
func LoadAbbreviations(path string) (Abbreviations, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return Abbreviations{}, err
	}
	var root yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(src)).Decode(&root); err != nil {
		if errors.Is(err, io.EOF) || len(bytes.TrimSpace(src)) == 0 {
			return Abbreviations{}, nil
		}
		return Abbreviations{}, fmt.Errorf("%s: %w", path, err)
	}
	at := func(n *yaml.Node, format string, args ...any) error {
		return &FileError{Path: path, Line: n.Line, Msg: fmt.Sprintf(format, args...)}
	}
	doc := &root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		doc = doc.Content[0]
	}
	if doc.Kind != yaml.MappingNode {
		return Abbreviations{}, at(doc, "forventet forkortelser med forklaring, som «IP: individuell plan»")
	}
	var out Abbreviations
	seen := make(map[string]int) // folded abbreviation -> line
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.Tag == "!!null" {
			return Abbreviations{}, at(k, "en forkortelse må være tekst")
		}
		a := Abbreviation{Short: strings.TrimSpace(k.Value)}
		if err := checkShort(a.Short); err != nil {
			return Abbreviations{}, at(k, "%v", err)
		}
		key := memberKey(a.Short)
		if line, dup := seen[key]; dup {
			return Abbreviations{}, at(k, "«%s» står allerede på linje %d", a.Short, line)
		}
		seen[key] = k.Line
		values := []*yaml.Node{v}
		if v.Kind == yaml.SequenceNode {
			values = v.Content
		}
		if len(values) == 0 || len(values) > maxExpansions {
			return Abbreviations{}, at(v, "«%s» må ha fra 1 til %d forklaringer", a.Short, maxExpansions)
		}
		for _, e := range values {
			if e.Kind != yaml.ScalarNode || e.Tag == "!!null" {
				return Abbreviations{}, at(e, "forklaringen av «%s» må være tekst, eller en liste av tekster", a.Short)
			}
			exp := strings.TrimSpace(e.Value)
			if err := checkExpansion(a, exp); err != nil {
				return Abbreviations{}, at(e, "%v", err)
			}
			a.Expansions = append(a.Expansions, exp)
		}
		out.Entries = append(out.Entries, a)
	}
	return out, nil
}

// validate checks abbreviations built in code the way LoadAbbreviations
// checks a file.
func (a Abbreviations) validate() error {
	seen := make(map[string]bool)
	for _, e := range a.Entries {
		if err := checkShort(e.Short); err != nil {
			return err
		}
		if k := memberKey(e.Short); seen[k] {
			return fmt.Errorf("forkortelsen «%s» står to ganger", e.Short)
		} else {
			seen[k] = true
		}
		if len(e.Expansions) == 0 || len(e.Expansions) > maxExpansions {
			return fmt.Errorf("«%s» må ha fra 1 til %d forklaringer", e.Short, maxExpansions)
		}
		for i, exp := range e.Expansions {
			if err := checkExpansion(Abbreviation{e.Short, e.Expansions[:i]}, exp); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkShort(s string) error {
	if err := checkMember(s); err != nil {
		return err
	}
	switch {
	case len(foldWords(s)) != 1:
		return fmt.Errorf("forkortelsen «%s» må være ett ord", s)
	case utf8.RuneCountInString(s) > maxShortRunes:
		return fmt.Errorf("forkortelsen «%s» er lengre enn %d tegn", s, maxShortRunes)
	}
	return nil
}

func checkExpansion(a Abbreviation, exp string) error {
	if err := checkMember(exp); err != nil {
		return err
	}
	if memberKey(exp) == memberKey(a.Short) {
		return fmt.Errorf("«%s» forklarer ikke seg selv", a.Short)
	}
	for _, e := range a.Expansions {
		if memberKey(e) == memberKey(exp) {
			return fmt.Errorf("«%s» står to ganger som forklaring av «%s»", exp, a.Short)
		}
	}
	return nil
}
