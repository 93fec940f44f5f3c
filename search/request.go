package search

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Request is one search.
type Request struct {
	Q    string // the user's text, 1–200 characters
	Type string // optional: only documents of this type
	Lang string // optional: only documents in this language
	Page int    // 1-based; 0 means 1; at most MaxPage
	Size int    // hits per page; 0 means DefaultSize; at most MaxSize
}

// Limits of a Request. Values outside them are rejected with a RequestError,
// never clamped, so a client learns about its mistake.
const (
	MaxQueryRunes = 200
	DefaultSize   = 10
	MaxSize       = 50
	MaxPage       = 100
	maxFilterLen  = 32
	maxQueryBytes = 4096 // raw q, white space included
)

// RequestError is a Request that cannot be searched. The endpoints show the
// user the text ID of their Messages, filled with Args (pairs of placeholder
// and value); it never repeats the input.
type RequestError struct {
	Param string   // "q", "page", "size", "type" or "lang"
	ID    string   // one of MessageIDs
	Args  []string // placeholder, value, …
}

func (e *RequestError) Error() string {
	return fmt.Sprintf("search: bad request parameter %s (%s %v)", e.Param, e.ID, e.Args)
}

func rangeError(param string, lo, hi int) *RequestError {
	return &RequestError{param, "searchErrRange", []string{"param", param, "min", strconv.Itoa(lo), "max", strconv.Itoa(hi)}}
}

// ParseRequest reads a Request from URL query parameters q, type, lang, page
// and size, and validates it. Missing page and size take their defaults. The
// query is trimmed, and runs of white space and control characters in it
// become one space. Every error is a *RequestError.
func ParseRequest(v url.Values) (Request, error) {
	r := Request{Q: v.Get("q"), Type: v.Get("type"), Lang: v.Get("lang")}
	var err error
	if r.Page, err = intParam(v, "page", 1, MaxPage); err != nil {
		return Request{}, err
	}
	if r.Size, err = intParam(v, "size", 1, MaxSize); err != nil {
		return Request{}, err
	}
	return r.normalize()
}

func intParam(v url.Values, name string, lo, hi int) (int, error) {
	s := v.Get(name)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, rangeError(name, lo, hi)
	}
	return n, nil
}

// normalize validates r and fills in defaults.
func (r Request) normalize() (Request, error) {
	if !utf8.ValidString(r.Q) {
		return Request{}, &RequestError{Param: "q", ID: "searchErrInvalid"}
	}
	tooLong := &RequestError{"q", "searchErrTooLong", []string{"max", strconv.Itoa(MaxQueryRunes)}}
	if len(r.Q) > maxQueryBytes {
		return Request{}, tooLong // before cleaning, to bound the work
	}
	r.Q = cleanQuery(r.Q)
	switch n := utf8.RuneCountInString(r.Q); {
	case n == 0:
		return Request{}, &RequestError{Param: "q", ID: "searchErrEmpty"}
	case n > MaxQueryRunes:
		return Request{}, tooLong
	}
	for _, f := range []struct{ name, val string }{{"type", r.Type}, {"lang", r.Lang}} {
		if !validFilter(f.val) {
			return Request{}, &RequestError{f.name, "searchErrFilter", []string{"param", f.name}}
		}
	}
	switch {
	case r.Page == 0:
		r.Page = 1
	case r.Page < 1 || r.Page > MaxPage:
		return Request{}, rangeError("page", 1, MaxPage)
	}
	switch {
	case r.Size == 0:
		r.Size = DefaultSize
	case r.Size < 1 || r.Size > MaxSize:
		return Request{}, rangeError("size", 1, MaxSize)
	}
	return r, nil
}

// cleanQuery trims s and turns each run of white space and control
// characters into one space.
func cleanQuery(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// validFilter reports whether s is empty or a safe filter value: a–z, 0–9
// and '-', at most maxFilterLen bytes.
func validFilter(s string) bool {
	if len(s) > maxFilterLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
