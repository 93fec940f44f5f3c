package search

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"
)

// The vocabulary is every folded word of the indexed text (lower case,
// folded, not stemmed, stop words included) with the number of documents it
// is in. Build collects it before indexing, splits the compounds in it (see
// compound.go) and writes it beside the bleve index as vocabFile: one line
// per word, "word\tcount", in byte order, followed by "\tspelling" when the
// word is written otherwise in the pages ("mote\t12\tmøte"). Open reads it
// for fuzzy matching, query-time decompounding and "did you mean"
// suggestions, which show the pages' spelling.

// vocabFile is the vocabulary's file in an index directory.
const vocabFile = "vocabulary.tsv"

// vocabulary is what Build learns from the documents' words.
type vocabulary struct {
	df        map[string]uint32
	spelling  map[string]string // folded -> lower-case spelling in the pages, when they differ
	compounds []docCompounds    // by document
}

// docCompounds are a document's words of minCompoundLen or more, each once:
// all of them, and those in its title and terms.
type docCompounds struct {
	all, title []string
}

// wordCounter counts the documents each word is in, for one goroutine.
type wordCounter struct {
	id       map[string]int32
	words    []string
	df       []uint32
	last     []int32           // the last document counted, +1
	spelling map[string]string // the first spelling seen, when it differs
}

// count counts the words of document n and notes its words that may be
// compounds in *compounds.
func (c *wordCounter) count(d Document, n int, compounds *docCompounds) {
	var buf []byte
	mark := int32(n + 1)
	eachText(d, func(text string, title bool) {
		for i := 0; ; {
			start, end := nextWord(text, i)
			if start == len(text) {
				return
			}
			i = end
			buf = foldToken(buf[:0], text[start:end])
			k, ok := c.id[string(buf)]
			if !ok {
				k = int32(len(c.words))
				w := string(buf)
				if lower := strings.ToLower(text[start:end]); lower != w {
					c.spelling[w] = lower
				}
				c.id[w] = k
				c.words = append(c.words, w)
				c.df = append(c.df, 0)
				c.last = append(c.last, 0)
			}
			if c.last[k] != mark {
				c.last[k] = mark
				c.df[k]++
				if len(buf) >= minCompoundLen {
					compounds.all = append(compounds.all, c.words[k])
					if title {
						compounds.title = append(compounds.title, c.words[k])
					}
				}
			}
		}
	})
}

// collectVocabulary reads the words of docs, in buildWorkers goroutines.
func collectVocabulary(docs []Document) vocabulary {
	chunk := (len(docs) + buildWorkers - 1) / buildWorkers
	counters := make([]wordCounter, buildWorkers)
	v := vocabulary{compounds: make([]docCompounds, len(docs))}
	var wg sync.WaitGroup
	for w := range counters {
		lo, hi := min(w*chunk, len(docs)), min((w+1)*chunk, len(docs))
		c := &counters[w]
		c.id = make(map[string]int32)
		c.spelling = make(map[string]string)
		wg.Go(func() {
			for n := lo; n < hi; n++ {
				c.count(docs[n], n, &v.compounds[n])
			}
		})
	}
	wg.Wait()
	v.df = make(map[string]uint32, len(counters[0].words))
	v.spelling = make(map[string]string)
	for _, c := range counters {
		for i, w := range c.words {
			v.df[w] += c.df[i]
		}
		for w, sp := range c.spelling {
			if _, ok := v.spelling[w]; !ok {
				v.spelling[w] = sp
			}
		}
	}
	return v
}

// eachText calls f with each indexed text of d, the title and terms first
// (title true).
func eachText(d Document, f func(text string, title bool)) {
	f(d.Title, true)
	for _, t := range d.Terms {
		f(t, true)
	}
	f(d.Description, false)
	for _, h := range d.Headings {
		f(h, false)
	}
	f(d.Body, false)
}

// splits returns the parts of every compound in the vocabulary that splits.
func (v vocabulary) splits() map[string][]string {
	s := splitter{df: func(w string) uint32 { return v.df[w] }}
	out := make(map[string][]string)
	for w := range v.df {
		if len(w) >= minCompoundLen {
			if parts := s.split(w); parts != nil {
				out[w] = parts
			}
		}
	}
	return out
}

// write writes the vocabulary to dir/vocabFile.
func (v vocabulary) write(dir string) error {
	words := make([]string, 0, len(v.df))
	for w := range v.df {
		words = append(words, w)
	}
	slices.Sort(words)
	var b bytes.Buffer
	for _, w := range words {
		b.WriteString(w)
		b.WriteByte('\t')
		b.WriteString(strconv.FormatUint(uint64(v.df[w]), 10))
		if sp, ok := v.spelling[w]; ok && !strings.ContainsAny(sp, "\t\n") {
			b.WriteByte('\t')
			b.WriteString(sp)
		}
		b.WriteByte('\n')
	}
	return os.WriteFile(filepath.Join(dir, vocabFile), b.Bytes(), 0o644)
}

// readVocabulary reads dir/vocabFile into a termDict.
func readVocabulary(dir string, docs uint64) (*termDict, error) {
	path := filepath.Join(dir, vocabFile)
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	rest := string(src) // the terms are slices of it: one allocation
	d := &termDict{docs: docs}
	for line := 1; rest != ""; line++ {
		var l string
		l, rest, _ = strings.Cut(rest, "\n")
		w, n, ok := strings.Cut(l, "\t")
		n, sp, _ := strings.Cut(n, "\t")
		df, err := strconv.ParseUint(n, 10, 32)
		if !ok || w == "" || err != nil || len(d.terms) > 0 && d.terms[len(d.terms)-1] >= w {
			return nil, fmt.Errorf("%s:%d: not a vocabulary line", path, line)
		}
		if sp != "" {
			if d.spelling == nil {
				d.spelling = make(map[string]string)
			}
			d.spelling[w] = sp
		}
		d.terms = append(d.terms, w)
		d.df = append(d.df, uint32(df))
	}
	d.terms, d.df = slices.Clip(d.terms), slices.Clip(d.df)
	return d, nil
}

// nextWord returns the bounds of the first word of s at or after i, or
// start == len(s) when there is none. Words are what isWordRune says.
func nextWord(s string, i int) (start, end int) {
	// skip to the start of a word: ASCII separators in a tight loop
	for {
		for i < len(s) && s[i] < utf8.RuneSelf && !asciiWord[s[i]] {
			i++
		}
		if i == len(s) {
			return len(s), len(s)
		}
		if s[i] < utf8.RuneSelf {
			break
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) {
			break
		}
		i += n
	}
	start = i
	// to its end: ASCII letters and digits in a tight loop
	for {
		for i < len(s) && s[i] < utf8.RuneSelf && asciiWord[s[i]] {
			i++
		}
		if i == len(s) || s[i] < utf8.RuneSelf {
			return start, i
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			return start, i
		}
		i += n
	}
}

// bytesAsString views b as a string without copying; b must not change
// while the string is in use.
func bytesAsString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}
