package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/da"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/no"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
)

// Field names in the index.
//
// Every text field is analysed the same way: split into words (letters and
// digits), lower-cased, stop words dropped, folded (diacritics off, æ/ø/å
// spellings made equal, see foldDigraphs) and stemmed with the stemmer of the
// document's language. Folding before stemming means that one analysis serves
// both "netværksmøde" and "netvaerksmode", and that the text is analysed once
// instead of once stemmed and once folded.
//
// all holds every text of the document, so a document matches a word when
// all has one of the word's stems; the short fields (title, terms, headings,
// description) only add to the score, which is how a match in a title
// outranks one in the body. parts holds the parts of the document's compound
// words (see compound.go), ranked below whole words, and title_parts those
// of the compounds in its title and terms.
//
// Language is handled with one bleve document mapping per analyzer language
// ("no" for nb and nn, "da", "en", and a plain mapping without stop words and
// stemming for anything else), chosen through indexedDoc.BleveType. All
// mappings use the same field names, so a field such as all holds Norwegian
// stems for Norwegian pages and Danish stems for Danish pages. That is safe
// because queries are never analysed by bleve: the query builder runs the
// user's words through every language analyzer present in the index and
// searches the resulting terms.
const (
	fieldTitle       = "title"
	fieldTerms       = "terms"
	fieldHeadings    = "headings"
	fieldDescription = "description"
	fieldAll         = "all"
	fieldParts       = "parts"
	fieldTitleParts  = "title_parts"

	fieldBody   = "body"   // stored only: snippets are cut from it
	fieldURL    = "url"    // stored only
	fieldType   = "type"   // keyword
	fieldLang   = "lang"   // keyword
	fieldStatus = "status" // keyword, one value per status
)

// Names the mapping registers.
const (
	tokenizerWords = "samvirke_words"
	filterFold     = "samvirke_fold"
	analyzerPlain  = "samvirke_plain" // words, lower case, folded: no stop words, no stems
	analyzerLower  = "samvirke_lower" // words, lower case: how a query is split into words
)

// analyzerLangs are the analyzer languages the index knows, in the order the
// query builder tries them. "" is the plain mapping.
var analyzerLangs = []string{no.AnalyzerName, da.AnalyzerName, en.AnalyzerName, ""}

// analyzerLang maps a document language (BCP 47, e.g. "nb", "nn", "da-DK")
// to the analyzer language that indexes it.
func analyzerLang(lang string) string {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	switch base {
	case "nb", "nn", "no":
		return no.AnalyzerName
	case "da":
		return da.AnalyzerName
	case "en":
		return en.AnalyzerName
	}
	return ""
}

// analyzerFor names the analyzer of an analyzer language.
func analyzerFor(alang string) string {
	if alang == "" {
		return analyzerPlain
	}
	return "samvirke_" + alang
}

// languageFilters are the token filters of each language's analyzer, in
// order. Words are folded before the stop filter, whose stop words are
// folded too, so that "pa" is the stop word "på" like "på" is; and before
// the stemmer, so that stems are made of folded words.
var languageFilters = map[string][]string{
	no.AnalyzerName: {lowercase.Name, filterFold, stopFilterName(no.StopName), stemFilterName(no.AnalyzerName)},
	da.AnalyzerName: {lowercase.Name, filterFold, stopFilterName(da.StopName), stemFilterName(da.AnalyzerName)},
	en.AnalyzerName: {en.PossessiveName, lowercase.Name, filterFold, stopFilterName(en.StopName), stemFilterName(en.AnalyzerName)},
	"":              {lowercase.Name, filterFold},
}

// stopLists are bleve's stop word lists that the analyzers use, folded.
var stopLists = []string{no.StopName, da.StopName, en.StopName}

func stopFilterName(list string) string { return "samvirke_folded_" + list }

// foldedStopWords returns a stop word list of bleve's, folded.
func foldedStopWords(list string) (map[string]bool, error) {
	tm, err := registry.NewCache().TokenMapNamed(list)
	if err != nil {
		return nil, err
	}
	set := make(map[string]bool, len(tm))
	for w := range tm {
		set[string(foldToken(nil, w))] = true
	}
	return set, nil
}

// stopFilter drops the words of a folded stop word list.
type stopFilter map[string]bool

func (f stopFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	out := input[:0]
	for _, t := range input {
		if !f[string(t.Term)] {
			out = append(out, t)
		}
	}
	return out
}

// indexedDoc is what Build hands to bleve for one Document.
type indexedDoc struct {
	alang string

	Title       string   `json:"title"`
	Terms       string   `json:"terms"`
	Headings    string   `json:"headings"`
	Description string   `json:"description"`
	All         string   `json:"all"`
	Parts       string   `json:"parts"`
	TitleParts  string   `json:"title_parts"`
	Body        string   `json:"body"`
	URL         string   `json:"url"`
	Type        string   `json:"type"`
	Lang        string   `json:"lang"`
	Status      []string `json:"status"`
}

// BleveType selects the document mapping, and with it the analyzer.
func (d *indexedDoc) BleveType() string { return d.alang }

// docParts are the texts of a document's parts fields.
type docParts struct{ all, title string }

func newIndexedDoc(d Document, parts docParts) *indexedDoc {
	v := func(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
	title, description, body := v(d.Title), v(d.Description), v(d.Body)
	headings, terms := v(strings.Join(d.Headings, "\n")), v(strings.Join(d.Terms, "\n"))
	return &indexedDoc{
		alang:       analyzerLang(d.Lang),
		Title:       title,
		Terms:       terms,
		Headings:    headings,
		Description: description,
		All:         strings.Join([]string{title, terms, description, headings, body}, "\n"),
		Parts:       parts.all,
		TitleParts:  parts.title,
		Body:        body,
		URL:         d.URL,
		Type:        d.Type,
		Lang:        d.Lang,
		Status:      d.Status,
	}
}

// newIndexMapping returns the mapping described at the field constants.
func newIndexMapping() (*mapping.IndexMappingImpl, error) {
	im := mapping.NewIndexMapping()
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false

	analyzers := map[string][]string{analyzerLower: {lowercase.Name}}
	for _, alang := range analyzerLangs {
		analyzers[analyzerFor(alang)] = languageFilters[alang]
	}
	for name, filters := range analyzers {
		fs := make([]any, len(filters))
		for i, f := range filters {
			fs[i] = f
		}
		if err := im.AddCustomAnalyzer(name, map[string]any{
			"type":          custom.Name,
			"tokenizer":     tokenizerWords,
			"token_filters": fs,
		}); err != nil {
			return nil, err
		}
	}
	im.DefaultAnalyzer = analyzerPlain

	for _, alang := range analyzerLangs {
		dm := newDocumentMapping(analyzerFor(alang))
		if alang == "" {
			im.DefaultMapping = dm
		} else {
			im.AddDocumentMapping(alang, dm)
		}
	}
	return im, im.Validate()
}

func newDocumentMapping(analyzer string) *mapping.DocumentMapping {
	text := func(name, analyzer string, store bool) *mapping.FieldMapping {
		fm := mapping.NewTextFieldMapping()
		fm.Name = name
		fm.Analyzer = analyzer
		fm.Store = store
		fm.IncludeTermVectors = false
		fm.IncludeInAll = false
		fm.DocValues = false
		return fm
	}
	keywordField := func(name string) *mapping.FieldMapping {
		fm := text(name, keyword.Name, true)
		// no doc values: facets and filters come from keywordTable
		fm.SkipFreqNorm = true
		return fm
	}
	storedOnly := func(name string) *mapping.FieldMapping {
		fm := text(name, keyword.Name, true)
		fm.Index = false
		return fm
	}

	dm := mapping.NewDocumentStaticMapping()
	add := func(fm *mapping.FieldMapping) { dm.AddFieldMappingsAt(fm.Name, fm) }
	add(text(fieldTitle, analyzer, true))
	add(text(fieldTerms, analyzer, false))
	add(text(fieldHeadings, analyzer, false))
	add(text(fieldDescription, analyzer, true))
	add(text(fieldAll, analyzer, false))
	add(text(fieldParts, analyzer, false))
	add(text(fieldTitleParts, analyzer, false))
	add(storedOnly(fieldBody))
	add(storedOnly(fieldURL))
	add(keywordField(fieldType))
	add(keywordField(fieldLang))
	add(keywordField(fieldStatus))
	dm.AddSubDocumentMapping("_all", mapping.NewDocumentDisabledMapping())
	return dm
}

// isWordRune reports whether r belongs to a word: letters, digits and
// combining marks. Everything else separates words, as in the snippets.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// asciiWord tells which ASCII bytes are letters or digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// wordTokenizer splits text into words as isWordRune defines them. bleve's
// Unicode tokenizer (UAX #29 word boundaries) costs several times as much,
// and its extra rules (decimal numbers, apostrophes) mean nothing here.
type wordTokenizer struct{}

func (wordTokenizer) Tokenize(input []byte) analysis.TokenStream {
	rv := make(analysis.TokenStream, 0, len(input)/7+1)
	var slab []analysis.Token    // tokens are allocated in blocks
	text := bytesAsString(input) // read only while tokenizing
	pos := 0
	for i := 0; ; {
		start, end := nextWord(text, i)
		if start == len(input) {
			return rv
		}
		if len(slab) == cap(slab) {
			slab = make([]analysis.Token, 0, min(256, max(16, len(input)/7)))
		}
		pos++
		slab = append(slab, analysis.Token{
			Term: input[start:end:end], Start: start, End: end, Position: pos, Type: analysis.AlphaNumeric,
		})
		rv = append(rv, &slab[len(slab)-1])
		i = end
	}
}

// foldFilter folds each token: asciifolding, then the æ/ø/å digraphs (see
// foldDigraphs). Tokens are lower case already.
type foldFilter struct{}

func (foldFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		t.Term = foldTerm(t.Term)
	}
	return input
}

// foldTerm folds a lower-case word, in place when it is ASCII.
func foldTerm(b []byte) []byte {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return foldToken(nil, string(b))
		}
	}
	return foldDigraphs(b)
}

// foldDigraphs rewrites b in place: asciifolding turns æ into "ae", ø into
// "o" and å into "a", but people without a Nordic keyboard also write æ as
// "a", ø as "oe" and å as "aa". Dropping every a or e that follows an a, and
// every e that follows an o, makes all of those spellings meet:
//
//	netværksmøde   -> netvaerksmode -> netvarksmode
//	netvaerksmoede, netvarksmode    -> netvarksmode
//	tværgående     -> tvaergaende   -> tvargande
//	tvaergaaende, tvargaende        -> tvargande
//	samarbeidsnivå, samarbeidsnivaa -> samarbeidsniva
//
// The price is that a few unrelated words collide (poeng, pong).
func foldDigraphs(b []byte) []byte {
	w := 0
	for _, c := range b {
		if w > 0 {
			p, l := b[w-1]|0x20, c|0x20
			if (p == 'a' && (l == 'a' || l == 'e')) || (p == 'o' && l == 'e') {
				continue
			}
		}
		b[w] = c
		w++
	}
	return b[:w]
}

func init() {
	err := registry.RegisterTokenizer(tokenizerWords, func(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
		return wordTokenizer{}, nil
	})
	if err == nil {
		err = registry.RegisterTokenFilter(filterFold, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
			return foldFilter{}, nil
		})
	}
	for _, list := range stopLists {
		if err == nil {
			err = registry.RegisterTokenFilter(stopFilterName(list), func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
				words, err := foldedStopWords(list)
				return stopFilter(words), err
			})
		}
	}
	if err != nil {
		panic(err)
	}
}
