package tpl

import (
	"bytes"
	"html"
	"html/template"
	"strings"
	"unicode"

	"github.com/spf13/cast"
)

// transformNS is Hugo's transform namespace, as far as the layouts need it.
type transformNS struct{ e *Engine }

func (e *Engine) transformNamespace() namespace {
	ns := &transformNS{e: e}
	return namespace{name: "transform", value: ns, aliases: map[string]any{
		"htmlEscape":   ns.HTMLEscape,
		"htmlUnescape": ns.HTMLUnescape,
		"markdownify":  ns.Markdownify,
		"plainify":     ns.Plainify,
	}}
}

// Markdownify renders Markdown (with shortcodes); a single paragraph loses its <p>, as in Hugo.
func (ns *transformNS) Markdownify(s any) (template.HTML, error) {
	v, err := cast.ToStringE(s)
	if err != nil {
		return "", err
	}
	h, err := ns.e.site.RenderString(nil, map[string]any{"display": "block"}, v)
	if err != nil {
		return "", err
	}
	return template.HTML(trimShortHTML([]byte(h))), nil
}

// trimShortHTML is Hugo's ContentSpec.TrimShortHTML: one paragraph is unwrapped.
func trimShortHTML(in []byte) []byte {
	open, closing := []byte("<p>"), []byte("</p>")
	if bytes.Count(in, open) == 1 {
		in = bytes.TrimSpace(in)
		if bytes.HasPrefix(in, open) && bytes.HasSuffix(in, closing) {
			in = bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimPrefix(in, open), closing))
		}
	}
	return in
}

// HTMLEscape escapes <, >, &, ' and ".
func (*transformNS) HTMLEscape(s any) (string, error) {
	v, err := cast.ToStringE(s)
	return html.EscapeString(v), err
}

// HTMLUnescape turns entities back into characters.
func (*transformNS) HTMLUnescape(s any) (string, error) {
	v, err := cast.ToStringE(s)
	return html.UnescapeString(v), err
}

// Plainify strips HTML tags (Hugo's tpl.StripHTML): paragraph ends and <br> become line breaks,
// runs of white space become one.
func (*transformNS) Plainify(s any) (template.HTML, error) {
	v, err := cast.ToStringE(s)
	if err != nil {
		return "", err
	}
	return template.HTML(stripHTML(v)), nil
}

const newlinePlaceholder = "\x00nl\x00"

var stripHTMLPre = strings.NewReplacer("\n", " ", "</p>", newlinePlaceholder, "<br>", newlinePlaceholder, "<br />", newlinePlaceholder)

func stripHTML(s string) string {
	if !strings.ContainsAny(s, "<>") {
		return s
	}
	s = stripTags(stripHTMLPre.Replace(s))
	s = strings.ReplaceAll(s, newlinePlaceholder, "\n")
	var b strings.Builder
	wasSpace := false
	for _, r := range s {
		isSpace := unicode.IsSpace(r)
		if !(isSpace && wasSpace) {
			b.WriteRune(r)
		}
		wasSpace = isSpace
	}
	return b.String()
}

// stripTags removes tags and comments, keeping the text between them as written.
func stripTags(s string) string {
	var b strings.Builder
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		s = s[i:]
		if strings.HasPrefix(s, "<!--") {
			end := strings.Index(s, "-->")
			if end < 0 {
				break
			}
			s = s[end+3:]
			continue
		}
		if len(s) < 2 || !(s[1] == '/' || s[1] == '!' || unicode.IsLetter(rune(s[1]))) {
			b.WriteByte('<') // a lone "<" is text
			s = s[1:]
			continue
		}
		end := strings.IndexByte(s, '>')
		if end < 0 {
			break
		}
		s = s[end+1:]
	}
	return b.String()
}
