package search

import (
	"bytes"
	"html"
	"math"
	"math/bits"
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
// prefix, within the fuzzy edit distance, and by stem inside a long word
// (a compound the page was found by, through its parts).
const (
	snippetBytes = 220  // length of a snippet, roughly in characters
	snippetLead  = 60   // context kept before the first match
	maxMarks     = 64   // matches looked at in one text
	maxLookAhead = 4096 // bytes read past the first match for a better window
	minStemLen   = 4    // shorter stems do not match by prefix
	maxSuffixLen = 4    // bytes an inflected form may add to a stem
)

// matcher finds the words of a text that a query matched.
type matcher struct {
	exact  map[string]int // folded word -> slot
	prefix []rule         // folded stems
	fuzzy  []rule         // folded words with their edit distance
	first  [256]bool      // first bytes of all of the above
	minLen int            // bytes of the shortest word any of them matches
	slots  int
}

// A stem found inside a word of at least minCompoundLen bytes, after at
// least minPartLen bytes, is a compound's part: "koordinator" in
// "barnekoordinatoren".

type rule struct {
	s    []byte
	dist int
	slot int
}

func newMatcher(slots []slot) *matcher {
	m := &matcher{exact: make(map[string]int), slots: len(slots), minLen: math.MaxInt}
	add := func(i int, ws []word, fuzzy bool) {
		for _, w := range ws {
			if w.stop && len(ws) > 1 {
				continue // "og" in "helse- og omsorgstjenesteloven"
			}
			if f := w.folded; f != "" {
				m.exact[f] = i
				m.first[f[0]] = true
				m.minLen = min(m.minLen, len(f))
			}
			for _, s := range w.stems {
				if utf8.RuneCountInString(s) >= minStemLen {
					m.prefix = append(m.prefix, rule{[]byte(s), 0, i})
					m.first[s[0]] = true
					m.minLen = min(m.minLen, len(s))
				}
			}
			if fuzzy && w.fuzz > 0 && w.folded != "" {
				f := w.folded
				m.fuzzy = append(m.fuzzy, rule{[]byte(f), w.fuzz, i})
				m.first[f[0]] = true // fuzzy matches share the first byte
				m.minLen = min(m.minLen, len(f)-w.fuzz)
			}
		}
	}
	for i, s := range slots {
		add(i, s.words, s.lacks)
		for _, a := range s.alts {
			add(i, a.words, false)
		}
		add(i, s.parts, false)
	}
	return m
}

// match reports which slot a folded word of a text matches, if any.
func (m *matcher) match(f []byte) (int, bool) {
	if len(f) == 0 || !m.first[f[0]] {
		return 0, false
	}
	if i, ok := m.exact[string(f)]; ok {
		return i, true
	}
	for _, r := range m.prefix {
		if len(f)-len(r.s) <= maxSuffixLen && bytes.HasPrefix(f, r.s) {
			return r.slot, true
		}
	}
	for _, r := range m.fuzzy {
		if abs(len(f)-len(r.s)) > r.dist || f[0] != r.s[0] {
			continue
		}
		if _, exceeded := search.LevenshteinDistanceMax(string(f), string(r.s), r.dist); !exceeded {
			return r.slot, true
		}
	}
	return 0, false
}

// matchPart reports which slot's stem a long folded word has inside it.
func (m *matcher) matchPart(f []byte) (int, bool) {
	if len(f) < minCompoundLen {
		return 0, false
	}
	for _, r := range m.prefix {
		if i := bytes.Index(f[minPartLen:], r.s); i >= 0 && len(f)-(minPartLen+i+len(r.s)) <= maxSuffixLen {
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

// find returns the matched words of text, at most maxMarks; or, when no
// word matches, the words that have a match inside (compounds). It stops
// early once a window of a snippet's length holds a match for every slot
// (no later window can be better), and maxLookAhead bytes after the first
// match (a page that lacks one of the query's words would be read to its
// end).
func (m *matcher) find(text string) []span {
	var spans, parts []span
	var buf []byte
	complete := func() bool {
		var seen uint64
		last := spans[len(spans)-1]
		for i := len(spans) - 1; i >= 0 && last.end-spans[i].start <= snippetBytes-snippetLead; i-- {
			seen |= 1 << (spans[i].slot % 64)
		}
		return bits.OnesCount64(seen) >= min(m.slots, 64)
	}
	for i := 0; ; {
		start, end := nextWord(text, i)
		if start == len(text) || len(spans) > 0 && start > spans[0].start+maxLookAhead {
			if len(spans) == 0 {
				return parts
			}
			return spans
		}
		i = end
		tok := text[start:end]
		// Folding hardly ever lengthens a word, so a word shorter than any the query
		// matches is skipped unfolded; so is most of the rest: no query word
		// starts with its first letter.
		if len(tok) >= m.minLen && m.first[firstFolded(tok)] {
			buf = foldToken(buf[:0], tok)
			if slot, ok := m.match(buf); ok {
				spans = append(spans, span{start, end, slot})
				if len(spans) == maxMarks || complete() {
					return spans
				}
				continue
			}
		}
		// parts only as long as no word matched, and a few are enough
		if len(spans) == 0 && len(parts) < 8 && len(tok) >= minCompoundLen && len(m.prefix) > 0 {
			buf = foldToken(buf[:0], tok)
			if slot, ok := m.matchPart(buf); ok {
				parts = append(parts, span{start, end, slot})
			}
		}
	}
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

// latin1 holds, for U+00C0 to U+00FF (the Nordic and most Western European
// letters), what asciifolding and lower-casing make of them, so that the
// common case needs no call into asciifolding.
var latin1 = func() (t [0x40]string) {
	f := asciifolding.New()
	for r := rune(0xC0); r <= 0xFF; r++ {
		t[r-0xC0] = strings.ToLower(string(f.Filter([]byte(string(r)))))
	}
	return t
}()

var folder = asciifolding.New()

// foldToken appends tok to dst folded the way analyzerFolded folds a word:
// lower case, asciifolding, then the æ/ø/å digraphs.
func foldToken(dst []byte, tok string) []byte {
	start := len(dst)
	for i := 0; i < len(tok); {
		c := tok[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(tok[i:])
		switch {
		case 0xC0 <= r && r <= 0xFF && r != 0xD7 && r != 0xF7:
			dst = append(dst, latin1[r-0xC0]...)
		default:
			dst = append(dst, bytes.ToLower(folder.Filter([]byte(strings.ToLower(tok[i:i+n]))))...)
		}
		i += n
	}
	return dst[:start+len(foldDigraphs(dst[start:]))]
}

// firstFolded is the first byte of foldToken(tok), or 0.
func firstFolded(tok string) byte {
	c := tok[0]
	switch {
	case c < utf8.RuneSelf:
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		return c
	}
	var buf [16]byte
	r, n := utf8.DecodeRuneInString(tok)
	if f := foldToken(buf[:0], tok[:n]); len(f) > 0 && r != utf8.RuneError {
		return f[0]
	}
	return 0
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
