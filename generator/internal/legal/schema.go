package legal

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"
	"time"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/site"
	"samvirke/generator/internal/yamldoc"
)

// provisionFront is a provision page's front matter (docs/authoring.md, "Legal provisions"). Other
// keys (Hugo's, params) are allowed; a key close to one of these is reported as a misspelling,
// since it would silently drop a value (valid_form for valid_from).
type provisionFront struct {
	yamldoc.Node
	ID           string `yaml:"id"`
	Law          string `yaml:"law"`
	LawName      string `yaml:"law_name"`
	LawID        string `yaml:"law_id"`
	Section      string `yaml:"section"`
	Item         string `yaml:"item"`
	Lovdata      string `yaml:"lovdata"`
	Status       string `yaml:"status"`
	LastVerified string `yaml:"last_verified"`
	ValidFrom    string `yaml:"valid_from"`
	ValidTo      string `yaml:"valid_to"`
	SupersededBy string `yaml:"superseded_by"`
	// legal_review is read (and reported) by ParseReview.
	Review any `yaml:"legal_review"`
}

// required keys of a provision (title too; the site model reports a page without one).
var required = []string{"id", "law", "law_name", "law_id", "section", "lovdata", "status", "last_verified"}

// hugoKeys are keys every page may have (docs/authoring.md, Hugo's own): never misspellings.
var hugoKeys = []string{"title", "description", "weight", "date", "lastmod", "publishdate", "expirydate", "draft", "lang",
	"type", "layout", "tags", "sources", "aliases", "url", "slug", "summary", "keywords", "params",
	"linktitle", "outputs", "build", "cascade", "markup", "translationkey", "headless", "iscjklanguage"}

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

// parseProvision validates a provision page's front matter; problems go to d at file:line. It
// returns the provision (also when it has errors, so that citations of it do not add more errors).
func parseProvision(p *site.Page, today time.Time, d *diag.List) *Provision {
	f := p.File
	file := f.Path
	base := strings.TrimSuffix(path.Base(f.Rel), ".md")
	var fm provisionFront
	if f.Doc != nil {
		for _, pr := range f.Doc.DecodeRoot(&fm, yamldoc.Open(), yamldoc.NearMisses(), yamldoc.Allow(hugoKeys...)) {
			d.Add(pr)
		}
	}
	top := diag.Location{File: file, Line: 1} // where "missing key" messages point: the opening ---
	prov := &Provision{Page: p, File: file, front: fm, Title: p.Title(), Summary: p.Description(), Weight: p.Weight()}
	errf := func(loc diag.Location, hint, format string, args ...any) {
		d.Add(loc.Errorf(hint, format, args...))
	}
	for _, key := range required {
		if strings.TrimSpace(yamldoc.Text(fm.Value(key))) == "" {
			msg := "missing required field %s"
			if fm.Has(key) {
				msg = "required field %s is empty"
			}
			errf(top, "every provision needs "+strings.Join(required, ", ")+" (docs/authoring.md, «Legal provisions»)", msg, key)
		}
	}
	trim := strings.TrimSpace
	prov.ID = trim(fm.ID)
	switch {
	case prov.ID == "":
		prov.ID = base // keep going with the file name so that citations still resolve
	case prov.ID != base:
		errf(fm.KeyLoc("id"), fmt.Sprintf("rename the file to content/%s/%s.md or set id: %s", Section, prov.ID, base),
			"id %q does not match the file name %s.md", prov.ID, base)
		prov.ID = base // the lov shortcode finds the page by its file name
	case !idPattern.MatchString(prov.ID):
		errf(fm.KeyLoc("id"), "ids are lower-case ASCII letters, digits and hyphens, such as hol-7-2a", "id %q is not a valid id", prov.ID)
	}
	prov.Law, prov.LawName, prov.LawID = trim(fm.Law), trim(fm.LawName), trim(fm.LawID)
	if prov.LawID != "" && prov.LawID != UnknownLawID && !lawIDPattern.MatchString(prov.LawID) {
		errf(fm.KeyLoc("law_id"), fmt.Sprintf("write Lovdata's id such as LOV-2011-06-24-30, or %s when it is not confirmed", UnknownLawID),
			"law_id %q is not a Lovdata law id", prov.LawID)
	}
	prov.Section = trim(fm.Section)
	if prov.Section != "" && !strings.HasPrefix(prov.Section, "§") {
		errf(fm.KeyLoc("section"), "write the section as it is cited, such as § 7-2 a", "section %q does not start with §", prov.Section)
	}
	prov.Item, prov.Lovdata = trim(fm.Item), trim(fm.Lovdata)
	if prov.Lovdata != "" {
		if u, err := url.Parse(prov.Lovdata); err != nil || u.Scheme != "https" || u.Host == "" {
			errf(fm.KeyLoc("lovdata"), "write the full address, such as https://lovdata.no/lov/2011-06-24-30/§7-2a",
				"lovdata %q is not an https:// address", prov.Lovdata)
		}
	}
	prov.Status = trim(fm.Status)
	if prov.Status != "" && prov.Status != StatusConfirmed && prov.Status != StatusUnverified {
		errf(fm.KeyLoc("status"), "status is confirmed or unverified (anything a source does not confirm is unverified)",
			"unknown status %q", prov.Status)
	}
	prov.SupersededBy = trim(fm.SupersededBy)

	date := func(key, s string) time.Time {
		if s = trim(s); s == "" {
			return time.Time{}
		}
		t, err := ParseDate(s)
		if err != nil {
			errf(fm.KeyLoc(key), "write dates as YYYY-MM-DD, such as 2022-08-01", "%s %v", key, err)
		}
		return t
	}
	prov.ValidFrom = date("valid_from", fm.ValidFrom)
	prov.ValidTo = date("valid_to", fm.ValidTo)
	prov.LastVerified = date("last_verified", fm.LastVerified)
	if !prov.ValidFrom.IsZero() && !prov.ValidTo.IsZero() && prov.ValidTo.Before(prov.ValidFrom) {
		errf(fm.KeyLoc("valid_to"), "valid_to is the last day the provision applied; it cannot come before valid_from",
			"valid_to %s is before valid_from %s", prov.ValidTo.Format("2006-01-02"), prov.ValidFrom.Format("2006-01-02"))
	}
	if prov.LastVerified.After(today) {
		errf(fm.KeyLoc("last_verified"), "last_verified is the day someone last compared the page with the law; it cannot lie in the future",
			"last_verified %s is in the future", prov.LastVerified.Format("2006-01-02"))
	}
	if prov.Summary == "" {
		errf(top, "add description: one sentence that says what the provision means for staff (shown in popups and on /lovverk/)",
			"missing description")
	}
	return prov
}
