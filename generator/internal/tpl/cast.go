package tpl

import (
	"html/template"

	"github.com/spf13/cast"
)

// castNS is Hugo's cast namespace: conversions with spf13/cast, as Hugo converts.
type castNS struct{}

func (e *Engine) castNamespace() namespace {
	ns := castNS{}
	return namespace{name: "cast", value: ns, aliases: map[string]any{
		"string": ns.ToString,
		"int":    ns.ToInt,
	}}
}

// ToString converts v to a string; template.HTML and friends keep their text.
func (castNS) ToString(v any) (string, error) { return cast.ToStringE(unwrapHTML(v)) }

// ToInt converts v to an int: "42" -> 42, 3.9 -> 3, true -> 1; text that is no number is an
// error. Text is read with Go's prefixes, as Hugo reads it ("0x10" -> 16, "010" -> 8).
func (castNS) ToInt(v any) (int, error) { return cast.ToIntE(unwrapHTML(v)) }

// unwrapHTML turns the html/template string types into plain strings, as Hugo's types.Unwrapv.
func unwrapHTML(v any) any {
	switch s := v.(type) {
	case template.HTML:
		return string(s)
	case template.HTMLAttr:
		return string(s)
	case template.URL:
		return string(s)
	case template.JS:
		return string(s)
	case template.CSS:
		return string(s)
	}
	return v
}

// toString is cast.ToString for the functions' own use: values that are no text give "".
func toString(v any) string { return cast.ToString(v) }

// toInt is the lenient int of internal callers (a level id from front matter).
func toInt(v any) int { n, _ := castNS{}.ToInt(v); return n }
