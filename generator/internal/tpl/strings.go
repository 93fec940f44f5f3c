package tpl

import (
	"errors"
	"regexp"
	"strings"
	"sync"
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
		"findRE":         ns.FindRE,
		"findRESubmatch": ns.FindRESubmatch,
		"hasPrefix":      ns.HasPrefix,
		"lower":          ns.ToLower,
		"replaceRE":      ns.ReplaceRE,
		"replace":        ns.Replace,
		"split":          ns.Split,
		"substr":         ns.Substr,
		"title":          ns.Title,
		"upper":          ns.ToUpper,
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
	v, p, err := twoStrings(s, prefix)
	if err != nil {
		return false, err
	}
	return strings.HasPrefix(v, p), nil
}

// TrimPrefix removes prefix from the start of s: strings.TrimPrefix PREFIX S.
func (*stringsNS) TrimPrefix(prefix, s any) (string, error) {
	v, p, err := twoStrings(s, prefix)
	if err != nil {
		return "", err
	}
	return strings.TrimPrefix(v, p), nil
}

// Replace replaces old by new in s, every time or limit times: replace S OLD NEW [LIMIT].
func (*stringsNS) Replace(s, old, new any, limit ...any) (string, error) {
	t, err := texts(s, old, new)
	if err != nil {
		return "", err
	}
	v, o, n := t[0], t[1], t[2]
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

// HasSuffix reports whether s ends with suffix: strings.HasSuffix S SUFFIX.
func (*stringsNS) HasSuffix(s, suffix any) (bool, error) {
	v, x, err := twoStrings(s, suffix)
	if err != nil {
		return false, err
	}
	return strings.HasSuffix(v, x), nil
}

// TrimSuffix removes suffix from the end of s: strings.TrimSuffix SUFFIX S.
func (*stringsNS) TrimSuffix(suffix, s any) (string, error) {
	v, x, err := twoStrings(s, suffix)
	if err != nil {
		return "", err
	}
	return strings.TrimSuffix(v, x), nil
}

// Trim removes the characters of cutset from both ends of s: strings.Trim S CUTSET.
func (*stringsNS) Trim(s, cutset any) (string, error) {
	v, c, err := twoStrings(s, cutset)
	if err != nil {
		return "", err
	}
	return strings.Trim(v, c), nil
}

// TrimSpace removes white space from both ends of s.
func (*stringsNS) TrimSpace(s any) (string, error) {
	v, err := cast.ToStringE(s)
	return strings.TrimSpace(v), err
}

// Contains reports whether s contains substr: strings.Contains S SUBSTR.
func (*stringsNS) Contains(s, substr any) (bool, error) {
	v, x, err := twoStrings(s, substr)
	if err != nil {
		return false, err
	}
	return strings.Contains(v, x), nil
}

// RuneCount is the number of characters (runes) in s.
func (*stringsNS) RuneCount(s any) (int, error) {
	v, err := cast.ToStringE(s)
	return utf8.RuneCountInString(v), err
}

// regexps caches compiled patterns, as Hugo's hstrings.GetOrCompileRegexp.
var regexps sync.Map

func compileRE(expr string) (*regexp.Regexp, error) {
	if re, ok := regexps.Load(expr); ok {
		return re.(*regexp.Regexp), nil
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, err
	}
	regexps.Store(expr, re)
	return re, nil
}

// FindRE returns the matches of the regular expression expr in content, at most limit:
// findRE EXPR CONTENT [LIMIT].
func (*stringsNS) FindRE(expr string, content any, limit ...any) ([]string, error) {
	re, err := compileRE(expr)
	if err != nil {
		return nil, err
	}
	s, err := cast.ToStringE(content)
	if err != nil {
		return nil, err
	}
	n := -1
	if len(limit) > 0 {
		if n, err = cast.ToIntE(limit[0]); err != nil {
			return nil, err
		}
	}
	return re.FindAllString(s, n), nil
}

// FindRESubmatch returns the matches of expr in content, each with its submatches:
// findRESubmatch EXPR CONTENT [LIMIT].
func (*stringsNS) FindRESubmatch(expr string, content any, limit ...any) ([][]string, error) {
	re, err := compileRE(expr)
	if err != nil {
		return nil, err
	}
	s, err := cast.ToStringE(content)
	if err != nil {
		return nil, err
	}
	n := -1
	if len(limit) > 0 {
		if n, err = cast.ToIntE(limit[0]); err != nil {
			return nil, err
		}
	}
	return re.FindAllStringSubmatch(s, n), nil
}

// ReplaceRE replaces the matches of pattern in s by repl ($1 for a submatch), at most n times:
// replaceRE PATTERN REPL S [N]. As in Hugo each match is replaced on its own, so ^ and $ in the
// pattern match at the start and end of the match.
func (*stringsNS) ReplaceRE(pattern, repl, s any, n ...any) (string, error) {
	t, err := texts(pattern, repl, s)
	if err != nil {
		return "", err
	}
	p, r, v := t[0], t[1], t[2]
	left := -1
	if len(n) > 0 {
		if left, err = cast.ToIntE(n[0]); err != nil {
			return "", err
		}
	}
	re, err := compileRE(p)
	if err != nil {
		return "", err
	}
	return re.ReplaceAllStringFunc(v, func(m string) string {
		if left == 0 {
			return m
		}
		left--
		return re.ReplaceAllString(m, r)
	}), nil
}

// twoStrings casts the two text arguments most strings functions take, as Hugo's cast does.
func twoStrings(a, b any) (string, string, error) {
	t, err := texts(a, b)
	if err != nil {
		return "", "", err
	}
	return t[0], t[1], nil
}

// texts casts text arguments, as Hugo's cast does; the first that is not text is the error.
func texts(args ...any) ([]string, error) {
	out := make([]string, len(args))
	for i, a := range args {
		var err error
		if out[i], err = cast.ToStringE(a); err != nil {
			return nil, err
		}
	}
	return out, nil
}
