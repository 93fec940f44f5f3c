package legal

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"samvirke/generator/internal/content"
	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/site"
)

// The provision schema (docs/authoring.md, "Legal provisions").
var (
	// title is required too; the site model reports a page without one.
	required = []string{"id", "law", "law_name", "law_id", "section", "lovdata", "status", "last_verified"}
	optional = []string{"item", "valid_from", "valid_to", "superseded_by", ReviewKey}
	// Keys every page may have (docs/authoring.md, Hugo's own). Only used to avoid mistaking them
	// for misspelt registry keys.
	common = []string{"title", "description", "weight", "date", "lastmod", "publishdate", "expirydate", "draft", "lang",
		"type", "layout", "tags", "sources", "aliases", "url", "slug", "summary", "keywords", "params",
		"linktitle", "outputs", "build", "cascade", "markup", "translationkey", "headless", "isCJKLanguage"}
)

var (
	idPattern    = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	lawIDPattern = regexp.MustCompile(`^LOV-\d{4}-\d{2}-\d{2}(-\d+)?$`)
	datePattern  = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

// ParseDate parses a registry date (YYYY-MM-DD, nothing else).
func ParseDate(s string) (time.Time, error) {
	if !datePattern.MatchString(s) {
		return time.Time{}, fmt.Errorf("%q is not a date", s)
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date", s)
	}
	return t, nil
}

// frontMatter gives the scalar values and lines of a content file's top-level keys.
type frontMatter struct {
	f    *content.File
	keys map[string]*yaml.Node // lower-cased key -> value
	line map[string]int        // lower-cased key -> line of the key
}

func newFrontMatter(f *content.File) *frontMatter {
	fm := &frontMatter{f: f, keys: map[string]*yaml.Node{}, line: map[string]int{}}
	if f.Node == nil {
		return fm
	}
	for i := 0; i+1 < len(f.Node.Content); i += 2 {
		k := strings.ToLower(f.Node.Content[i].Value)
		fm.keys[k] = f.Node.Content[i+1]
		fm.line[k] = f.KeyLine(k)
	}
	return fm
}

// firstLine is where "missing key" messages point: the front matter's opening ---.
func (fm *frontMatter) firstLine() int { return 1 }

// parseProvision validates a provision page's front matter; problems go to d with file:line.
// It returns the provision (also when it has errors, so that citations of it do not add more
// errors), or nil when it has no usable id.
func parseProvision(p *site.Page, today time.Time, d *diag.List) *Provision {
	f := p.File
	fm := newFrontMatter(f)
	file := f.Path
	base := strings.TrimSuffix(path.Base(f.Rel), ".md")
	prov := &Provision{Page: p, File: file, line: fm.line, Title: p.Title(), Summary: p.Description(), Weight: p.Weight()}
	errf := func(line int, hint, format string, args ...any) {
		d.Add(diag.Diagnostic{File: file, Line: line, Message: fmt.Sprintf(format, args...), Hint: hint})
	}

	text := func(key string) string {
		n, ok := fm.keys[key]
		if !ok || n == nil || n.Tag == "!!null" {
			return ""
		}
		if n.Kind != yaml.ScalarNode {
			errf(fm.line[key], "write it on one line: "+key+": …", "%s must be text", key)
			return ""
		}
		return strings.TrimSpace(n.Value)
	}
	for _, key := range required {
		if text(key) == "" {
			msg := "missing required field %s"
			if _, present := fm.keys[key]; present {
				msg = "required field %s is empty"
			}
			errf(fm.firstLine(), "every provision needs "+strings.Join(required, ", ")+" (docs/authoring.md, «Legal provisions»)", msg, key)
		}
	}

	prov.ID = text("id")
	switch {
	case prov.ID == "":
		prov.ID = base // keep going with the file name so that citations still resolve
	case prov.ID != base:
		errf(fm.line["id"], fmt.Sprintf("rename the file to content/%s/%s.md or set id: %s", Section, prov.ID, base),
			"id %q does not match the file name %s.md", prov.ID, base)
		prov.ID = base // the lov shortcode finds the page by its file name
	case !idPattern.MatchString(prov.ID):
		errf(fm.line["id"], "ids are lower-case ASCII letters, digits and hyphens, such as hol-7-2a", "id %q is not a valid id", prov.ID)
	}
	prov.Law = text("law")
	prov.LawName = text("law_name")
	prov.LawID = text("law_id")
	if prov.LawID != "" && prov.LawID != UnknownLawID && !lawIDPattern.MatchString(prov.LawID) {
		errf(fm.line["law_id"], fmt.Sprintf("write Lovdata's id such as LOV-2011-06-24-30, or %s when it is not confirmed", UnknownLawID),
			"law_id %q is not a Lovdata law id", prov.LawID)
	}
	prov.Section = text("section")
	if prov.Section != "" && !strings.HasPrefix(prov.Section, "§") {
		errf(fm.line["section"], "write the section as it is cited, such as § 7-2 a", "section %q does not start with §", prov.Section)
	}
	prov.Item = text("item")
	prov.Lovdata = text("lovdata")
	if prov.Lovdata != "" {
		if u, err := url.Parse(prov.Lovdata); err != nil || u.Scheme != "https" || u.Host == "" {
			errf(fm.line["lovdata"], "write the full address, such as https://lovdata.no/lov/2011-06-24-30/§7-2a",
				"lovdata %q is not an https:// address", prov.Lovdata)
		}
	}
	prov.Status = text("status")
	if prov.Status != "" && prov.Status != StatusConfirmed && prov.Status != StatusUnverified {
		errf(fm.line["status"], "status is confirmed or unverified (anything a source does not confirm is unverified)",
			"unknown status %q", prov.Status)
	}
	prov.SupersededBy = text("superseded_by")

	date := func(key string) time.Time {
		s := text(key)
		if s == "" {
			return time.Time{}
		}
		t, err := ParseDate(s)
		if err != nil {
			errf(fm.line[key], "write dates as YYYY-MM-DD, such as 2022-08-01", "%s %v", key, err)
		}
		return t
	}
	prov.ValidFrom = date("valid_from")
	prov.ValidTo = date("valid_to")
	prov.LastVerified = date("last_verified")
	if !prov.ValidFrom.IsZero() && !prov.ValidTo.IsZero() && prov.ValidTo.Before(prov.ValidFrom) {
		errf(fm.line["valid_to"], "valid_to is the last day the provision applied; it cannot come before valid_from",
			"valid_to %s is before valid_from %s", prov.ValidTo.Format("2006-01-02"), prov.ValidFrom.Format("2006-01-02"))
	}
	if prov.LastVerified.After(today) {
		errf(fm.line["last_verified"], "last_verified is the day someone last compared the page with the law; it cannot lie in the future",
			"last_verified %s is in the future", prov.LastVerified.Format("2006-01-02"))
	}
	if prov.Summary == "" {
		errf(fm.firstLine(), "add description: one sentence that says what the provision means for staff (shown in popups and on /lovverk/)",
			"missing description")
	}

	// A misspelt optional key (valid_form) would silently drop a date: name the likely key.
	known := map[string]bool{}
	for _, k := range append(append(append([]string{}, required...), optional...), common...) {
		known[strings.ToLower(k)] = true
	}
	var keys []string
	for k := range fm.keys {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if known[k] {
			continue
		}
		if s := closeKey(k, append(append([]string{}, required...), optional...)); s != "" {
			errf(fm.line[k], fmt.Sprintf("did you mean %q?", s), "unknown key %q in a provision", k)
		}
	}
	return prov
}

// closeKey returns the candidate k is probably a misspelling of, or "".
func closeKey(k string, candidates []string) string {
	if len(k) < 4 {
		return ""
	}
	for _, c := range candidates {
		if diag.Levenshtein(k, c) <= 2 || len(c) > len(k)+1 && strings.HasPrefix(c, k) {
			return c
		}
	}
	return ""
}
