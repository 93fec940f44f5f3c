package tpl

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"html/template"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/pelletier/go-toml/v2"
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
		"unmarshal":    ns.Unmarshal,
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

// Unmarshal decodes JSON, TOML, YAML or CSV text into maps and lists: transform.Unmarshal
// [OPTIONS] TEXT. The format is options' format ("yaml", "json", "toml", "csv"), else guessed
// from the text as Hugo guesses it (whichever of , { : = comes first); CSV takes delimiter,
// comment and lazyQuotes. YAML is read with goccy/go-yaml, as Hugo reads it.
func (*transformNS) Unmarshal(args ...any) (any, error) {
	if len(args) < 1 || len(args) > 2 {
		return nil, errors.New("unmarshal takes 1 or 2 arguments")
	}
	opts := unmarshalOptions{delimiter: ',', comment: '#'}
	data := args[0]
	if len(args) == 2 {
		m, ok := args[0].(map[string]any)
		if !ok {
			return nil, errors.New("first argument must be a map")
		}
		if err := opts.set(m); err != nil {
			return nil, fmt.Errorf("failed to decode options: %w", err)
		}
		data = args[1]
	}
	s, err := cast.ToStringE(unwrapHTML(data))
	if err != nil {
		return nil, fmt.Errorf("type %T not supported", data)
	}
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	format := opts.format
	if format == "" {
		if format = guessFormat(s, opts.delimiter); format == "" {
			return nil, errors.New("unknown format")
		}
	}
	var v any
	switch format {
	case "yaml", "yml":
		err = yaml.Unmarshal([]byte(s), &v)
	case "json":
		err = json.Unmarshal([]byte(s), &v)
	case "toml":
		err = toml.Unmarshal([]byte(s), &v)
	case "csv":
		r := csv.NewReader(strings.NewReader(s))
		r.Comma, r.Comment, r.LazyQuotes = opts.delimiter, opts.comment, opts.lazyQuotes
		v, err = r.ReadAll()
	default:
		return nil, fmt.Errorf("format %q not supported", format)
	}
	if err != nil {
		return nil, fmt.Errorf("unmarshal failed: %w", err)
	}
	return v, nil
}

type unmarshalOptions struct {
	format             string
	delimiter, comment rune
	lazyQuotes         bool
}

func (o *unmarshalOptions) set(m map[string]any) error {
	for k, v := range m {
		switch strings.ToLower(k) {
		case "format":
			o.format = strings.ToLower(cast.ToString(v))
		case "delimiter", "comment":
			s := cast.ToString(v)
			if utf8.RuneCountInString(s) != 1 {
				return fmt.Errorf("%s must be one character", k)
			}
			r, _ := utf8.DecodeRuneInString(s)
			if strings.EqualFold(k, "delimiter") {
				o.delimiter = r
			} else {
				o.comment = r
			}
		case "lazyquotes":
			o.lazyQuotes = cast.ToBool(v)
		case "targettype":
		default:
			return fmt.Errorf("unknown option %q", k)
		}
	}
	return nil
}

// guessFormat is Hugo's metadecoders.FormatFromContentString: the format whose mark comes first.
func guessFormat(s string, delimiter rune) string {
	idx := func(sub string) int { return strings.Index(s, sub) }
	csvIdx, jsonIdx, yamlIdx, xmlIdx, tomlIdx := strings.IndexRune(s, delimiter), idx("{"), idx(":"), idx("<"), idx("=")
	lowest := func(first int, others ...int) bool {
		if first == -1 {
			return false
		}
		for _, o := range others {
			if o != -1 && o < first {
				return false
			}
		}
		return true
	}
	switch {
	case lowest(csvIdx, jsonIdx, yamlIdx, xmlIdx, tomlIdx):
		return "csv"
	case lowest(jsonIdx, yamlIdx, xmlIdx, tomlIdx):
		return "json"
	case lowest(yamlIdx, xmlIdx, tomlIdx):
		return "yaml"
	case lowest(xmlIdx, tomlIdx):
		return "xml"
	case tomlIdx != -1:
		return "toml"
	}
	return ""
}
