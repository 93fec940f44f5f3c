package search

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
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

// Limits on synonyms, so a typo cannot turn one query into hundreds.
const (
	MaxGroupSize   = 8  // members of a synonym group, words of a family, families of a group
	MaxMemberWords = 6  // words of one member
	MaxMemberRunes = 80 // characters of one member
)

// validate checks synonyms the way the generator checks data/synonymer.yaml
// (which reports each problem at its place in the file).
func (s Synonyms) validate() error {
	seen := make(map[string]bool)
	for i, g := range s.Groups {
		if len(g) < 2 || len(g) > MaxGroupSize {
			return fmt.Errorf("synonym group %d: a group has 2 to %d members", i+1, MaxGroupSize)
		}
		for _, m := range g {
			if err := checkMember(m); err != nil {
				return fmt.Errorf("synonym group %d: %w", i+1, err)
			}
			key := memberKey(m)
			if seen[key] {
				return fmt.Errorf("synonym group %d: %q is in more than one group", i+1, m)
			}
			seen[key] = true
		}
	}
	for i, g := range s.Families {
		total := 0
		for _, f := range g {
			if len(f) == 0 || len(f) > MaxGroupSize {
				return fmt.Errorf("word-family group %d: a family has 1 to %d words", i+1, MaxGroupSize)
			}
			for _, m := range f {
				if err := checkMember(m); err != nil {
					return fmt.Errorf("word-family group %d: %w", i+1, err)
				}
				if key := memberKey(m); seen[key] {
					return fmt.Errorf("word-family group %d: %q is in more than one group", i+1, m)
				} else {
					seen[key] = true
				}
			}
			total += len(f)
		}
		if len(g) > MaxGroupSize || total < 2 {
			return fmt.Errorf("word-family group %d: a group has 1 to %d families and at least 2 words", i+1, MaxGroupSize)
		}
	}
	return nil
}

// CheckMember checks one member of a synonym group or word family: text of
// 1–MaxMemberWords words and at most MaxMemberRunes characters.
func CheckMember(m string) error { return checkMember(m) }

// MemberKey is the folded form members and abbreviations are compared by: two
// members with the same key are the same member.
func MemberKey(m string) string { return memberKey(m) }

// CheckAbbreviation checks an abbreviation: one word of at most
// MaxShortRunes characters.
func CheckAbbreviation(short string) error { return checkShort(short) }

// CheckExpansion checks exp as the next expansion of short after earlier.
func CheckExpansion(short string, earlier []string, exp string) error {
	return checkExpansion(Abbreviation{Short: short, Expansions: earlier}, exp)
}

func checkMember(m string) error {
	switch {
	case m == "":
		return errors.New("the member is empty")
	case !utf8.ValidString(m):
		return errors.New("the member is not valid UTF-8")
	case utf8.RuneCountInString(m) > MaxMemberRunes:
		return fmt.Errorf("%q is longer than %d characters", m, MaxMemberRunes)
	}
	words := foldWords(m)
	switch {
	case len(words) == 0:
		return fmt.Errorf("%q has no words", m)
	case len(words) > MaxMemberWords:
		return fmt.Errorf("%q has more than %d words", m, MaxMemberWords)
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
	MaxShortRunes = 12 // characters of an abbreviation
	MaxExpansions = 6  // expansions of one abbreviation
)

// validate checks abbreviations the way the generator checks
// data/forkortelser.yaml.
func (a Abbreviations) validate() error {
	seen := make(map[string]bool)
	for _, e := range a.Entries {
		if err := checkShort(e.Short); err != nil {
			return err
		}
		if k := memberKey(e.Short); seen[k] {
			return fmt.Errorf("the abbreviation %q is there twice", e.Short)
		} else {
			seen[k] = true
		}
		if len(e.Expansions) == 0 || len(e.Expansions) > MaxExpansions {
			return fmt.Errorf("%q has 1 to %d expansions", e.Short, MaxExpansions)
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
		return fmt.Errorf("the abbreviation %q is more than one word", s)
	case utf8.RuneCountInString(s) > MaxShortRunes:
		return fmt.Errorf("the abbreviation %q is longer than %d characters", s, MaxShortRunes)
	}
	return nil
}

func checkExpansion(a Abbreviation, exp string) error {
	if err := checkMember(exp); err != nil {
		return err
	}
	if memberKey(exp) == memberKey(a.Short) {
		return fmt.Errorf("%q cannot stand for itself", a.Short)
	}
	for _, e := range a.Expansions {
		if memberKey(e) == memberKey(exp) {
			return fmt.Errorf("%q stands twice as an expansion of %q", exp, a.Short)
		}
	}
	return nil
}
