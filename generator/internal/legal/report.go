package legal

import (
	"fmt"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/feature"
)

// Warning groups of the build report. samvirke check --strict turns them into errors.
const (
	GroupUnverified = "legal registry: unverified"
	GroupOutdated   = "legal registry: superseded or expired but still cited"
	GroupUncited    = "legal registry: cited nowhere"
)

// GroupStale is the group of provisions whose last_verified is older than the limit.
func GroupStale(months int) string {
	return fmt.Sprintf("legal registry: not verified for more than %d months", months)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// warn adds the registry's warnings; every one names the file and line to fix.
func (f *Feature) warn(ctx *feature.Context) {
	months := ctx.Site.Config.Site.LegalStaleMonths
	if months <= 0 {
		months = 12
	}
	d := ctx.Diag
	for _, p := range f.ordered {
		n := len(f.cites[p.ID])
		if p.Status == StatusUnverified {
			d.Add(p.Loc("status").Warnf(GroupUnverified, "compare it with the law on Lovdata and a source; then set status: confirmed and last_verified to that day",
				"%s (%s) is unverified and cited in %s", p.ID, p.Citation(), plural(n, "place", "places")))
		}
		if f.stale(p, months) {
			d.Add(p.Loc("last_verified").Warnf(GroupStale(months), "check it against Lovdata and update last_verified (the limit is params.legalStaleMonths in hugo.toml)",
				"%s (%s) was last verified on %s, more than %d months ago", p.ID, p.Citation(), p.LastVerified.Format("2006-01-02"), months))
		}
		if n == 0 && !p.Outdated(f.today) { // an outdated provision stays for old references, cited or not
			d.Add(p.Loc("id").Warnf(GroupUncited, fmt.Sprintf(`cite it with {{< lov %q >}}, a tree node's legal or a model's legal_basis, or remove it when the portal no longer needs it`, p.ID),
				"%s (%s) is not cited anywhere", p.ID, p.Citation()))
		}
		if !p.Superseded() && !p.Expired(f.today) {
			continue
		}
		why := fmt.Sprintf("which stopped applying after %s", p.ValidTo.Format("2006-01-02"))
		hint := "cite the provision that applies now, or keep the citation if the text is about the old rule"
		if succ := f.provisions[p.SupersededBy]; succ != nil {
			why = fmt.Sprintf("which is superseded by %s (%s)", succ.ID, succ.Citation())
			hint = fmt.Sprintf("cite %q instead, or keep the citation if the text is about the old rule", succ.ID)
		}
		for _, c := range f.cites[p.ID] {
			if f.historical(c, p) {
				continue
			}
			d.Add(diag.Diagnostic{File: c.File, Line: c.Line, Severity: diag.Warning, Group: GroupOutdated,
				Message: fmt.Sprintf("cites %s (%s), %s", p.ID, p.Citation(), why), Hint: hint})
		}
	}
}

// historical reports whether a citation of the outdated provision p is expected: it is on the
// page of p's successor (which says what it replaced) or on a provision page that is itself
// superseded or expired.
func (f *Feature) historical(c Citation, p *Provision) bool {
	for _, q := range f.provisions {
		if q.Page == c.Page {
			return q.ID == p.SupersededBy || q.Superseded() || q.Expired(f.today)
		}
	}
	return false
}
