package search

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/search"
)

// Snippets are cut from the stored body (or description) of each hit
// rather than with bleve's highlighter: that needs term vectors for every
// text field, which make the index larger and every search slower, while
// re-reading ten stored bodies costs little. The words of the text are
// compared with the query the way the index compares them: folded, by stem
// prefix, and within the fuzzy edit distance.
const (
	snippetBytes = 220 // length of a snippet, roughly in characters
	snippetLead  = 60  // context kept before the first match
	maxMarks     = 64  // matches looked at in one text
	minStemLen   = 4   // shorter stems do not match by prefix
	maxSuffixLen = 4   // bytes an inflected form may add to a stem
)

// matcher finds the words of a text that a query matched.
type matcher struct {
	exact  map[string]int // folded word -> slot
	prefix []rule         // folded stems
	fuzzy  []rule         // folded words with their edit distance
	slots  int
}

type rule struct {
	s    string
	dist int
	slot int
}

func newMatcher(slots []slot, content bool) *matcher {
	m := &matcher{exact: make(map[string]int), slots: len(slots)}
	add := func(i int, ws []word, fuzzy bool) {
		for _, w := range ws {
			if w.stop && content {
				continue
			}
			for _, f := range w.folded {
				m.exact[f] = i
			}
			for _, s := range w.stems {
				if f := foldToken(s); utf8.RuneCountInString(f) >= minStemLen {
					m.prefix = append(m.prefix, rule{f, 0, i})
				}
			}
			if fuzzy && w.fuzz > 0 {
				m.fuzzy = append(m.fuzzy, rule{w.folded[0], w.fuzz, i})
			}
		}
	}
	for i, s := range slots {
		add(i, s.words, true)
		for _, alt := range s.alts {
			add(i, alt, false)
		}
	}
	return m
}

// match reports which slot a folded word of a text matches, if any.
func (m *matcher) match(f string) (int, bool) {
	if i, ok := m.exact[f]; ok {
		return i, true
	}
	for _, r := range m.prefix {
		if len(f)-len(r.s) <= maxSuffixLen && strings.HasPrefix(f, r.s) {
			return r.slot, true
		}
	}
	for _, r := range m.fuzzy {
		if abs(len(f)-len(r.s)) > r.dist || f[:prefixEnd(f, fuzzyPrefix)] != r.s[:prefixEnd(r.s, fuzzyPrefix)] {
			continue
		}
		if _, exceeded := search.LevenshteinDistanceMax(f, r.s, r.dist); !exceeded {
			return r.slot, true
		}
	}
	return 0, false
}

// span is a matched word of a text.
type span struct{ start, end, slot int }

// snippet returns an HTML snippet of body, or of description when the body
// has no match, with the matched words in <mark>.
func (m *matcher) snippet(body, description string) string {
	for _, text := range []string{body, description} {
		if spans := m.find(text); len(spans) > 0 {
			return render(text, spans)
		}
	}
	if description != "" {
		return render(description, nil)
	}
	return render(body, nil)
}

// find returns the matched words of text, at most maxMarks.
func (m *matcher) find(text string) []span {
	var spans []span
	start := -1
	for i, r := range text {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			if slot, ok := m.match(foldToken(text[start:i])); ok {
				spans = append(spans, span{start, i, slot})
				if len(spans) == maxMarks {
					return spans
				}
			}
			start = -1
		}
	}
	if start >= 0 {
		if slot, ok := m.match(foldToken(text[start:])); ok {
			spans = append(spans, span{start, len(text), slot})
		}
	}
	return spans
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// render cuts a window of about snippetBytes out of text, around the spans
// that cover the most distinct query words, and returns it as HTML.
func render(text string, spans []span) string {
	from, to := 0, len(text)
	if len(spans) > 0 {
		first := bestWindow(spans)
		from = max(0, spans[first].start-snippetLead)
		if from > 0 {
			// start at a word: after the next space, if that is before the match
			if i := strings.IndexFunc(text[from:spans[first].start], unicode.IsSpace); i >= 0 {
				from += i + 1
			} else {
				from = spans[first].start
			}
		}
	}
	if to-from > snippetBytes {
		to = from + snippetBytes
		for to > from && !utf8.RuneStart(text[to]) {
			to--
		}
		if i := strings.LastIndexFunc(text[from:to], unicode.IsSpace); i > 0 {
			to = from + i
		}
	}

	var b strings.Builder
	if from > 0 {
		b.WriteString("… ")
	}
	pos := from
	for _, s := range spans {
		if s.start < from || s.end > to {
			continue
		}
		writeText(&b, text[pos:s.start])
		b.WriteString("<mark>")
		writeText(&b, text[s.start:s.end])
		b.WriteString("</mark>")
		pos = s.end
	}
	writeText(&b, text[pos:to])
	if to < len(text) {
		b.WriteString(" …")
	}
	return strings.TrimSpace(b.String())
}

// bestWindow returns the index of the span that starts the window of
// snippetBytes covering the most distinct slots (the first such window).
func bestWindow(spans []span) int {
	best, bestCount := 0, 0
	for i := range spans {
		var seen uint64 // slots < 64; more slots only lowers precision
		count := 0
		for j := i; j < len(spans) && spans[j].end-spans[i].start <= snippetBytes-snippetLead; j++ {
			bit := uint64(1) << (spans[j].slot % 64)
			if seen&bit == 0 {
				seen |= bit
				count++
			}
		}
		if count > bestCount {
			best, bestCount = i, count
		}
	}
	return best
}

// writeText writes s HTML-escaped, with each run of white space as one space.
func writeText(b *strings.Builder, s string) {
	space := false
	last := 0
	flush := func(end int) { b.WriteString(html.EscapeString(s[last:end])) }
	for i, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			if !space {
				flush(i)
				b.WriteByte(' ')
			}
			space = true
			last = i + utf8.RuneLen(r)
			continue
		}
		space = false
	}
	flush(len(s))
}

var folder = asciifolding.New()

// foldToken folds one word the way analyzerFolded does: lower case,
// asciifolding, then the æ/ø/å digraphs.
func foldToken(tok string) string {
	b := []byte(tok)
	ascii := true
	for i, c := range b {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	if !ascii {
		b = folder.Filter([]byte(strings.ToLower(tok)))
		for i, c := range b {
			if 'A' <= c && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
		}
	}
	return string(foldDigraphs(b))
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
