package legal

import (
	"regexp"
	"strings"
	"time"

	"samvirke/generator/internal/content"
	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/yamldoc"
)

// ReviewKey is the front-matter key of a page's legal review: legal_review: {date, by}. Decision
// trees and provision pages carry it; any page with legal content may (docs/authoring.md).
const ReviewKey = "legal_review"

// Review is when a page's legal content was last reviewed, and by whom (a role, such as
// "kommuneadvokat" — never a person's name).
type Review struct {
	Date time.Time
	By   string
	Line int // line of the legal_review key
}

type reviewFront struct {
	yamldoc.Node
	Date string `yaml:"date"`
	By   string `yaml:"by"`
}

// personName matches what looks like a person's name ("Kari Nordmann"): two or more capitalised
// words and nothing else. Roles are written in lower case ("kommuneadvokat", "juridisk rådgiver").
var personName = regexp.MustCompile(`^\p{Lu}[\p{Ll}'-]+( \p{Lu}\.?)*( \p{Lu}[\p{Ll}'-]+)+$`)

// ParseReview reads legal_review from f's front matter. It returns nil when the key is absent.
// Problems (and, as a warning, a by that looks like a person's name) go to d at file:line; d may
// be nil to read without reporting. A review dated after today is an error.
func ParseReview(f *content.File, today time.Time, d *diag.List) *Review {
	if f == nil || f.Doc == nil {
		return nil
	}
	node, _ := f.Doc.Lookup(ReviewKey)
	if node == nil {
		return nil
	}
	keyLoc := f.KeyLoc(ReviewKey)
	r := &Review{Line: keyLoc.Line}
	report := func(dg diag.Diagnostic) {
		if d != nil {
			d.Add(dg)
		}
	}
	const shape = "write legal_review: {date: 2026-12-03, by: kommuneadvokat} (by is a role, never a person's name)"
	var rf reviewFront
	problems := f.Doc.Decode(node, &rf, yamldoc.At(ReviewKey))
	for _, pr := range problems {
		if pr.Hint == "" {
			pr.Hint = shape
		}
		report(pr)
	}
	if !rf.Written() {
		if len(problems) == 0 {
			report(keyLoc.Errorf(shape, "legal_review must be a set of keys: date and by"))
		}
		return r
	}
	if rf.Has("date") {
		t, err := ParseDate(strings.TrimSpace(rf.Date))
		switch {
		case err != nil:
			report(rf.ValueLoc("date").Errorf("write the day of the review as YYYY-MM-DD, such as 2026-12-03", "legal_review.date %q is not a date", rf.Date))
		case t.After(today):
			report(rf.ValueLoc("date").Errorf("the date is the day the review was done; it cannot lie in the future", "legal_review.date %s is in the future", rf.Date))
		default:
			r.Date = t
		}
	} else {
		report(keyLoc.Errorf(shape, "legal_review has no date"))
	}
	switch r.By = strings.TrimSpace(rf.By); {
	case !rf.Has("by"):
		report(keyLoc.Errorf(shape, "legal_review has no by (the role that did the review)"))
	case r.By == "":
		report(rf.ValueLoc("by").Errorf(shape, "legal_review.by must name the role that did the review"))
	case personName.MatchString(r.By):
		report(rf.ValueLoc("by").Warnf("", "write the role, such as kommuneadvokat or juridisk rådgiver: a name goes out of date, and the page is public",
			"legal_review.by %q looks like a person's name", r.By))
	}
	return r
}

// Stale reports whether the review is more than months months before today.
func (r *Review) Stale(today time.Time, months int) bool {
	return r != nil && !r.Date.IsZero() && r.Date.AddDate(0, months, 0).Before(today)
}

// checkReviews validates legal_review on every page that has one (trees and provision pages
// included), so that the format is checked in one place.
func (f *Feature) checkReviews(ctx *feature.Context) {
	for _, p := range ctx.Site.AllPages() {
		if p.File != nil {
			ParseReview(p.File, f.today, ctx.Diag)
		}
	}
}
