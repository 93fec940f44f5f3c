package qa

import (
	"encoding/xml"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// SitemapPages returns the URL paths of the <loc> entries of dir/sitemap.xml,
// in its order. The origin of the entries (the portal's public address) is
// dropped.
func SitemapPages(dir string) ([]string, error) {
	src, err := os.ReadFile(filepath.Join(dir, "sitemap.xml"))
	if err != nil {
		return nil, err
	}
	var set struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(src, &set); err != nil {
		return nil, fmt.Errorf("sitemap.xml: %w", err)
	}
	var out []string
	for _, u := range set.URLs {
		parsed, err := url.Parse(strings.TrimSpace(u.Loc))
		if err != nil {
			return nil, fmt.Errorf("sitemap.xml: %w", err)
		}
		p := parsed.EscapedPath()
		if p == "" {
			p = "/"
		}
		out = append(out, p)
	}
	return out, nil
}

// PageType names the kind of page at a URL path by its first segment and
// its depth: "/" is "/", "/tjenester/" is "/tjenester/", and
// "/tjenester/barnehage/" and "/tjenester/skole/" are both
// "/tjenester/*/".
func PageType(p string) string {
	segs := strings.Split(strings.Trim(p, "/"), "/")
	if segs[0] == "" {
		return "/"
	}
	t := "/" + segs[0] + strings.Repeat("/*", len(segs)-1)
	if strings.HasSuffix(p, "/") {
		t += "/"
	}
	return t
}

// OnePerType returns the first path of each page type, in order.
func OnePerType(paths []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range paths {
		if t := PageType(p); !seen[t] {
			seen[t] = true
			out = append(out, p)
		}
	}
	return out
}
