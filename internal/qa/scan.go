package qa

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// The gates read start tags, their attributes, the text of <script> and <style> and line
// numbers, with golang.org/x/net/html's tokenizer (the HTML5 tokenization rules, so raw text,
// comments, CDATA and entities are read as a browser reads them).

// tag is a start tag of an HTML document.
type tag struct {
	Name  string // lower case
	Attrs []attr
	Line  int    // 1-based line of the "<"
	Raw   string // the source of the tag
	Text  string // the content of a raw text element: script, style
}

// attr is an attribute with its value decoded (entities replaced).
type attr struct {
	Name  string // lower case
	Value string
}

// Attr returns the value of the attribute name and whether the tag has it.
func (t *tag) Attr(name string) (string, bool) {
	for _, a := range t.Attrs {
		if a.Name == name {
			return a.Value, true
		}
	}
	return "", false
}

// Has reports whether the tag has the attribute name.
func (t *tag) Has(name string) bool {
	_, ok := t.Attr(name)
	return ok
}

// Snippet returns the source of the tag, shortened for a report.
func (t *tag) Snippet() string {
	return shorten(strings.Join(strings.Fields(t.Raw), " "), 120)
}

func shorten(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// scanTags returns the start tags of an HTML (or SVG) document in order, each with its line and,
// for script, style and the other raw-text elements, the text up to the end tag.
func scanTags(src []byte) []tag {
	z := html.NewTokenizer(bytes.NewReader(src))
	z.AllowCDATA(true)
	var tags []tag
	line := 1
	textOf := -1 // index of the raw-text element whose text comes next
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return tags
		}
		raw := z.Raw()
		at := line
		line += bytes.Count(raw, []byte("\n"))
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			t := tag{Raw: string(raw), Line: at}
			name, more := z.TagName()
			t.Name = string(name)
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				if !t.Has(string(k)) { // the first of duplicate attributes wins
					t.Attrs = append(t.Attrs, attr{Name: string(k), Value: string(v)})
				}
			}
			tags = append(tags, t)
			textOf = -1
			if tt == html.StartTagToken {
				textOf = len(tags) - 1
			}
		case html.TextToken:
			if textOf >= 0 && rawText[tags[textOf].Name] {
				tags[textOf].Text += string(raw)
				continue
			}
			textOf = -1
		default:
			textOf = -1
		}
	}
}

// rawText are the elements whose content is text up to their end tag.
var rawText = map[string]bool{
	"script": true, "style": true, "textarea": true, "title": true,
	"xmp": true, "iframe": true, "noembed": true, "noframes": true,
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}
