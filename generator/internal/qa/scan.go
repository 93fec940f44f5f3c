package qa

import (
	"bytes"
	"html"
	"strings"
)

// This file holds a small HTML tokenizer on the standard library. The module
// graph has golang.org/x/net, but go.sum has no hash for it, and go.mod must
// not change. The gates only need start tags, their attributes, the text of
// <script> and <style>, and line numbers, so a tokenizer is enough: no tree.

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

// rawText are the elements whose content is text up to their end tag.
// title and textarea are RCDATA, which is the same here: no tags inside.
var rawText = map[string]bool{
	"script": true, "style": true, "textarea": true, "title": true,
	"xmp": true, "iframe": true, "noembed": true, "noframes": true,
}

// scanTags returns the start tags of an HTML (or SVG) document in order.
func scanTags(src []byte) []tag {
	var tags []tag
	line := 1
	pos := 0 // line counts the newlines in src[:pos]
	advance := func(to int) {
		line += bytes.Count(src[pos:to], []byte("\n"))
		pos = to
	}
	skipPast := func(i int, end string) int {
		if j := bytes.Index(src[i:], []byte(end)); j >= 0 {
			return i + j + len(end)
		}
		return len(src)
	}

	i := 0
	for i < len(src) {
		lt := bytes.IndexByte(src[i:], '<')
		if lt < 0 {
			break
		}
		i += lt
		rest := src[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			i = skipPast(i+4, "-->")
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			i = skipPast(i, "]]>")
		case bytes.HasPrefix(rest, []byte("<!")), bytes.HasPrefix(rest, []byte("<?")):
			i = skipPast(i, ">")
		case bytes.HasPrefix(rest, []byte("</")):
			i = skipPast(i, ">")
		case len(rest) > 1 && isASCIILetter(rest[1]):
			advance(i)
			t, end := parseTag(src, i)
			t.Line = line
			i = end
			if rawText[t.Name] && !strings.HasSuffix(t.Raw, "/>") {
				textEnd, after := findEndTag(src, i, t.Name)
				t.Text = string(src[i:textEnd])
				i = after
			}
			tags = append(tags, t)
		default:
			i++
		}
	}
	return tags
}

// parseTag parses the start tag at src[start] ("<" and a letter), and
// returns it with the index after its ">".
func parseTag(src []byte, start int) (tag, int) {
	i := start + 1
	nameStart := i
	for i < len(src) && !isSpace(src[i]) && src[i] != '/' && src[i] != '>' {
		i++
	}
	t := tag{Name: strings.ToLower(string(src[nameStart:i]))}
	for i < len(src) {
		for i < len(src) && (isSpace(src[i]) || src[i] == '/') {
			i++
		}
		if i >= len(src) {
			break
		}
		if src[i] == '>' {
			i++
			break
		}
		ns := i
		i++ // an attribute name can start with "="
		for i < len(src) && !isSpace(src[i]) && src[i] != '/' && src[i] != '>' && src[i] != '=' {
			i++
		}
		name := strings.ToLower(string(src[ns:i]))
		j := i
		for j < len(src) && isSpace(src[j]) {
			j++
		}
		value := ""
		if j < len(src) && src[j] == '=' {
			j++
			for j < len(src) && isSpace(src[j]) {
				j++
			}
			if j < len(src) && (src[j] == '"' || src[j] == '\'') {
				q := src[j]
				vs := j + 1
				k := bytes.IndexByte(src[vs:], q)
				if k < 0 {
					k = len(src) - vs
				}
				value = string(src[vs : vs+k])
				j = min(vs+k+1, len(src))
			} else {
				vs := j
				for j < len(src) && !isSpace(src[j]) && src[j] != '>' {
					j++
				}
				value = string(src[vs:j])
			}
			i = j
		}
		if !t.Has(name) { // the first of duplicate attributes wins
			t.Attrs = append(t.Attrs, attr{Name: name, Value: html.UnescapeString(value)})
		}
	}
	t.Raw = string(src[start:i])
	return t, i
}

// findEndTag finds the end tag </name> from src[from], case-insensitively,
// and returns the index where it starts and the index after it.
func findEndTag(src []byte, from int, name string) (start, after int) {
	needle := []byte("</" + name)
	for i := from; i < len(src); {
		k := indexFold(src[i:], needle)
		if k < 0 {
			break
		}
		k += i
		e := k + len(needle)
		if e >= len(src) || isSpace(src[e]) || src[e] == '>' || src[e] == '/' {
			gt := bytes.IndexByte(src[e:], '>')
			if gt < 0 {
				return k, len(src)
			}
			return k, e + gt + 1
		}
		i = e
	}
	return len(src), len(src)
}

func indexFold(s, sub []byte) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if bytes.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

func isASCIILetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
