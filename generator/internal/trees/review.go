package trees

import (
	"fmt"
	"regexp"
	"time"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/legal"
)

// GroupReview is the warning group of trees whose legal content is not reviewed, or not lately.
const GroupReview = "decision trees: legal review"

// GroupDeep is the warning group of trees with more than MaxDepth questions on a path.
const GroupDeep = "decision trees: deep"

var lovShortcode = regexp.MustCompile(`\{\{<\s*lov\s`)

// citesProvisions reports whether the tree's advice rests on provisions: an outcome's legal: or a
// {{< lov >}} in a question's help or an outcome's text.
func (t *Tree) citesProvisions() bool {
	for _, n := range t.Nodes {
		if lovShortcode.MatchString(n.Help) {
			return true
		}
		if o := n.Outcome; o != nil {
			if len(o.Legal) > 0 || lovShortcode.MatchString(o.Body) {
				return true
			}
			for _, s := range o.NextSteps {
				if lovShortcode.MatchString(s) {
					return true
				}
			}
		}
	}
	return false
}

// checkReview warns when a tree that cites provisions has no legal_review, or one older than
// params.legalStaleMonths. The legal feature validates legal_review's format on every page.
func (f *Feature) checkReview(t *Tree, ctx *feature.Context) {
	if !t.citesProvisions() {
		return
	}
	now := time.Now
	if f.Now != nil {
		now = f.Now
	}
	y, m, dd := now().Date()
	today := time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)
	months := ctx.Site.Config.Site.LegalStaleMonths
	if months <= 0 {
		months = 12
	}
	r := legal.ParseReview(t.File, today, nil)
	switch {
	case r == nil || r.Date.IsZero():
		loc := t.File.KeyLoc("title")
		ctx.Diag.Add(diag.Diagnostic{File: loc.File, Line: loc.Line, Column: loc.Column, Severity: diag.Warning, Group: GroupReview,
			Message: fmt.Sprintf("the tree %q gives legal advice but has no legal review date", t.Slug),
			Hint:    "have its legal content reviewed, then add legal_review: {date: YYYY-MM-DD, by: kommuneadvokat} (by is a role, never a person's name)"})
	case r.Stale(today, months):
		ctx.Diag.Add(diag.Diagnostic{File: t.File.Path, Line: r.Line, Severity: diag.Warning, Group: GroupReview,
			Message: fmt.Sprintf("the tree %q was last legally reviewed on %s, more than %d months ago", t.Slug, r.Date.Format("2006-01-02"), months),
			Hint:    "have its outcomes checked against the law again and update legal_review.date (the limit is params.legalStaleMonths in hugo.toml)"})
	}
}
