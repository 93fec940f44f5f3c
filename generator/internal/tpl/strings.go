package tpl

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/transform"
	"github.com/spf13/cast"
)

// stringsNS is Hugo's strings namespace, as far as the layouts need it.
type stringsNS struct{ e *Engine }

func (e *Engine) stringsNamespace() namespace {
	ns := &stringsNS{e: e}
	return namespace{name: "strings", value: ns, aliases: map[string]any{
		"hasPrefix": ns.HasPrefix,
		"lower":     ns.ToLower,
		"replace":   ns.Replace,
		"split":     ns.Split,
		"substr":    ns.Substr,
		"title":     ns.Title,
		"upper":     ns.ToUpper,
	}}
}

func (*stringsNS) ToLower(s any) (string, error) {
	v, err := cast.ToStringE(s)
	return strings.ToLower(v), err
}

func (*stringsNS) ToUpper(s any) (string, error) {
	v, err := cast.ToStringE(s)
	return strings.ToUpper(v), err
}

func (*stringsNS) HasPrefix(s, prefix any) (bool, error) {
	v, err := cast.ToStringE(s)
	if err != nil {
		return false, err
	}
	p, err := cast.ToStringE(prefix)
	return strings.HasPrefix(v, p), err
}

// TrimPrefix removes prefix from the start of s: strings.TrimPrefix PREFIX S.
func (*stringsNS) TrimPrefix(prefix, s any) (string, error) {
	v, err := cast.ToStringE(s)
	if err != nil {
		return "", err
	}
	p, err := cast.ToStringE(prefix)
	return strings.TrimPrefix(v, p), err
}

// Replace replaces old by new in s, every time or limit times: replace S OLD NEW [LIMIT].
func (*stringsNS) Replace(s, old, new any, limit ...any) (string, error) {
	v, err := cast.ToStringE(s)
	if err != nil {
		return "", err
	}
	o, err := cast.ToStringE(old)
	if err != nil {
		return "", err
	}
	n, err := cast.ToStringE(new)
	if err != nil {
		return "", err
	}
	if len(limit) == 0 {
		return strings.ReplaceAll(v, o, n), nil
	}
	lim, err := cast.ToIntE(limit[0])
	if err != nil {
		return "", err
	}
	return strings.Replace(v, o, n, lim), nil
}

func (*stringsNS) Split(s any, sep string) ([]string, error) {
	v, err := cast.ToStringE(s)
	if err != nil {
		return []string{}, err
	}
	return strings.Split(v, sep), nil
}

// Substr is substr S START [LENGTH], counted in characters: a negative START counts from the
// end, a negative LENGTH leaves that many characters off the end.
func (*stringsNS) Substr(s any, nums ...any) (string, error) {
	v, err := cast.ToStringE(s)
	if err != nil {
		return "", err
	}
	rs := []rune(v)
	n := len(rs)
	var start, length int
	switch len(nums) {
	case 0:
		return "", errors.New("too few arguments")
	case 1:
		if start, err = cast.ToIntE(nums[0]); err != nil {
			return "", errors.New("start argument must be an integer")
		}
		length = n
	case 2:
		if start, err = cast.ToIntE(nums[0]); err != nil {
			return "", errors.New("start argument must be an integer")
		}
		if length, err = cast.ToIntE(nums[1]); err != nil {
			return "", errors.New("length argument must be an integer")
		}
	default:
		return "", errors.New("too many arguments")
	}
	if n == 0 {
		return "", nil
	}
	if start < 0 {
		start = max(start+n, 0)
	}
	if start > n-1 {
		return "", nil
	}
	end := n
	switch {
	case length == 0:
		return "", nil
	case length < 0:
		end += length
	default:
		end = start + length
	}
	if start >= end || end < 0 {
		return "", nil
	}
	return string(rs[start:min(end, n)]), nil
}

// Title capitalises s in hugo.toml's titleCaseStyle, as Hugo does: "ap" (the default) and
// "chicago" capitalise words by those style guides, "go" every word, "firstupper" only the first
// letter, "none" nothing.
func (ns *stringsNS) Title(s any) (string, error) {
	v, err := cast.ToStringE(s)
	if err != nil {
		return "", err
	}
	style := ""
	if ns.e != nil && ns.e.site != nil {
		style = ns.e.site.Config.TitleCaseStyle
	}
	return titleCase(style, v), nil
}

func titleCase(style, s string) string {
	switch strings.ToLower(style) {
	case "go":
		return strings.Title(s) //nolint:staticcheck // Hugo's "go" style is exactly this function
	case "chicago":
		return transform.NewTitleConverter(transform.ChicagoStyle).Title(s)
	case "none":
		return s
	case "firstupper":
		return firstUpper(s)
	}
	return transform.NewTitleConverter(transform.APStyle).Title(s)
}

func firstUpper(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
