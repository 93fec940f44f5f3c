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
// searcher, such as {"fvl", "forvaltningsloven"}. A query word (or run of
// words) that equals one member of a group also searches for the other
// members, with a lower boost than the words the user typed.
//
// Members are compared after folding (case, diacritics, æ/ø/å spellings),
// so "Forvaltningsloven" and "forvaltningsloven" are the same member. A
// member may not appear in two groups.
type Synonyms struct {
	Groups [][]string `json:"groups"`
}

// Limits on a synonyms file, so a typo cannot turn one query into hundreds.
const (
	maxGroupSize   = 8
	maxMemberWords = 6
	maxMemberRunes = 80
)

// LoadSynonyms reads a synonyms file such as data/synonymer.yaml: a YAML
// sequence of groups, each a sequence of at least two strings. Errors name
// the file and line.
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
		return fmt.Errorf("%s:%d: %s", path, n.Line, fmt.Sprintf(format, args...))
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
	for _, g := range doc.Content {
		if g.Kind != yaml.SequenceNode {
			return Synonyms{}, at(g, "en synonymgruppe må være en liste, som [fvl, forvaltningsloven]")
		}
		if len(g.Content) < 2 || len(g.Content) > maxGroupSize {
			return Synonyms{}, at(g, "en synonymgruppe må ha fra 2 til %d ledd, denne har %d", maxGroupSize, len(g.Content))
		}
		group := make([]string, 0, len(g.Content))
		for _, m := range g.Content {
			if m.Kind != yaml.ScalarNode || m.Tag == "!!null" {
				return Synonyms{}, at(m, "hvert ledd må være tekst")
			}
			member := strings.TrimSpace(m.Value)
			if err := checkMember(member); err != nil {
				return Synonyms{}, at(m, "%v", err)
			}
			key := memberKey(member)
			if line, dup := seen[key]; dup {
				return Synonyms{}, at(m, "«%s» står allerede på linje %d; et ord kan bare stå i én gruppe", member, line)
			}
			seen[key] = m.Line
			group = append(group, member)
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

// foldWords splits s into words folded the way analyzerFolded indexes them.
func foldWords(s string) []string {
	a := defaultAnalyzers().folded
	var words []string
	for _, t := range a.Analyze([]byte(s)) {
		words = append(words, string(t.Term))
	}
	return words
}
