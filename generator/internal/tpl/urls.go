package tpl

import (
	"fmt"
	"net/url"
	"path"
	"strings"
	"unicode"

	"github.com/spf13/cast"
)

// urlsNS is Hugo's urls namespace. relURL and absURL follow Hugo's rules exactly, including the
// one that surprises: a path that begins with a slash is relative to the host, not to baseURL's
// path ({{ relURL "/a" }} is /a even when baseURL is https://example.org/docs/); write "a" to get
// /docs/a.
type urlsNS struct{ e *Engine }

func (e *Engine) urlsNamespace() namespace {
	ns := &urlsNS{e: e}
	return namespace{name: "urls", value: ns, aliases: map[string]any{
		"absURL":    ns.AbsURL,
		"anchorize": ns.Anchorize,
		"relURL":    ns.RelURL,
		"urlize":    ns.URLize,
	}}
}

// baseURL is what a site path in is resolved against, as in Hugo: hugo.toml's baseURL, or only its
// scheme and host when in starts with "/".
func (ns *urlsNS) baseURL(in string) (string, error) {
	u, err := url.Parse(ns.e.site.BaseURL())
	if err != nil {
		return "", fmt.Errorf("baseURL: %w", err)
	}
	if strings.HasPrefix(in, "/") {
		u.Path, u.RawPath = "", ""
	}
	return u.String(), nil
}

func isAbsURL(in string) (bool, error) {
	if strings.HasPrefix(in, "http://") || strings.HasPrefix(in, "https://") {
		return true, nil
	}
	u, err := url.Parse(in)
	if err != nil {
		return false, err
	}
	return u.IsAbs(), nil
}

// RelURL returns the URL of a path of the site without scheme and host.
func (ns *urlsNS) RelURL(s any) (string, error) {
	in, err := cast.ToStringE(s)
	if err != nil {
		return "", err
	}
	abs, err := isAbsURL(in)
	if err != nil {
		return in, nil
	}
	base, err := ns.baseURL(in)
	if err != nil {
		return "", err
	}
	if (!strings.HasPrefix(in, base) && abs) || strings.HasPrefix(in, "//") {
		return in, nil
	}
	u := strings.TrimPrefix(in, base)
	u, err = addContextRoot(base, u)
	if err != nil {
		return "", err
	}
	if in == "" && !strings.HasSuffix(u, "/") && strings.HasSuffix(base, "/") {
		u += "/"
	}
	if !strings.HasPrefix(u, "/") {
		u = "/" + u
	}
	return u, nil
}

// AbsURL returns the absolute URL of a path of the site.
func (ns *urlsNS) AbsURL(s any) (string, error) {
	in, err := cast.ToStringE(s)
	if err != nil {
		return "", err
	}
	abs, err := isAbsURL(in)
	if err != nil {
		return in, nil
	}
	if abs || strings.HasPrefix(in, "//") {
		return in, nil
	}
	base, err := ns.baseURL(in)
	if err != nil {
		return "", err
	}
	b, err := url.Parse(base)
	if err != nil {
		return "", err
	}
	p, err := url.Parse(in)
	if err != nil {
		return "", err
	}
	b.Path = path.Join(b.Path, p.Path)
	b.Fragment, b.RawQuery = p.Fragment, p.RawQuery
	if ((in == "" && strings.HasSuffix(base, "/")) || strings.HasSuffix(p.Path, "/")) && !strings.HasSuffix(b.Path, "/") {
		b.Path += "/"
	}
	return b.String(), nil
}

// addContextRoot is Hugo's paths.AddContextRoot: rel joined to the path of base.
func addContextRoot(base, rel string) (string, error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", err
	}
	p := path.Join(u.Path, rel)
	if p != "/" && strings.HasSuffix(rel, "/") {
		p += "/"
	}
	return p, nil
}

// URLize makes a URL path of text: lower case, spaces to hyphens, characters that do not belong
// in a path dropped, the rest percent-encoded ("Samarbeid på tvers" -> samarbeid-p%C3%A5-tvers).
func (*urlsNS) URLize(s any) (string, error) {
	in, err := cast.ToStringE(s)
	if err != nil {
		return "", err
	}
	u, err := url.Parse(strings.ToLower(sanitizePath(in)))
	if err != nil {
		return "", err
	}
	return u.String(), nil
}

// sanitizePath is Hugo's paths.Sanitize.
func sanitizePath(s string) string {
	allowed := func(i int, r rune) bool {
		switch {
		case r == ' ':
			return false
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || strings.ContainsRune("./\\_#+~-@", r):
			return true
		case r == '%':
			return i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])
		}
		return false
	}
	var b strings.Builder
	hyphen, wasHyphen := false, false
	for i, r := range s {
		if allowed(i, r) {
			wasHyphen = r == '-'
			if hyphen && !wasHyphen {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		} else if b.Len() > 0 && !wasHyphen && unicode.IsSpace(r) {
			hyphen = true
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// Anchorize makes an id the way headings get theirs (goldmark's GitHub style): trimmed, lower
// case, spaces and hyphens to hyphens, letters, digits and _ kept, the rest dropped.
func (*urlsNS) Anchorize(s any) (string, error) {
	in, err := cast.ToStringE(s)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, r := range strings.TrimSpace(in) {
		switch {
		case r == '-' || r == ' ':
			b.WriteByte('-')
		case r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String(), nil
}
