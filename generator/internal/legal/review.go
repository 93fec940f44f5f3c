package legal

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"samvirke/generator/internal/content"
	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/feature"
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

var reviewKeys = []string{"date", "by"}

// personName matches what looks like a person's name ("Kari Nordmann"): two or more capitalised
// words and nothing else. Roles are written in lower case ("kommuneadvokat", "juridisk rådgiver").
var personName = regexp.MustCompile(`^\p{Lu}[\p{Ll}'-]+( \p{Lu}\.?)*( \p{Lu}[\p{Ll}'-]+)+$`)

// ParseReview reads legal_review from f's front matter. It returns nil when the key is absent.
// Problems (and, as a warning, a by that looks like a person's name) go to d at file:line; d may
// be nil to read without reporting. A review dated after today is an error.
func ParseReview(f *content.File, today time.Time, d *diag.List) *Review {
	if f == nil || f.Node == nil {
		return nil
	}
	var node *yaml.Node
	for i := 0; i+1 < len(f.Node.Content); i += 2 {
		if strings.EqualFold(f.Node.Content[i].Value, ReviewKey) {
			node = f.Node.Content[i+1]
		}
	}
	if node == nil {
		return nil
	}
	r := &Review{Line: f.KeyLine(ReviewKey)}
	report := func(sev diag.Severity, line int, hint, format string, args ...any) {
		if d != nil {
			d.Add(diag.Diagnostic{File: f.Path, Line: line, Severity: sev, Message: fmt.Sprintf(format, args...), Hint: hint})
		}
	}
	const shape = "write legal_review: {date: 2026-12-03, by: kommuneadvokat} (by is a role, never a person's name)"
	if node.Kind != yaml.MappingNode {
		report(diag.Error, r.Line, shape, "legal_review must be a set of keys: date and by")
		return r
	}
	for i := 0; i+1 < len(node.Content); i += 2 {
		k := strings.ToLower(node.Content[i].Value)
		v := node.Content[i+1]
		line := f.Line(ReviewKey, k)
		switch k {
		case "date":
			t, err := ParseDate(v.Value)
			switch {
			case v.Kind != yaml.ScalarNode || err != nil:
				report(diag.Error, line, "write the day of the review as YYYY-MM-DD, such as 2026-12-03", "legal_review.date %q is not a date", v.Value)
			case t.After(today):
				report(diag.Error, line, "the date is the day the review was done; it cannot lie in the future", "legal_review.date %s is in the future", v.Value)
			default:
				r.Date = t
			}
		case "by":
			if v.Kind != yaml.ScalarNode || strings.TrimSpace(v.Value) == "" {
				report(diag.Error, line, shape, "legal_review.by must name the role that did the review")
				continue
			}
			r.By = strings.TrimSpace(v.Value)
			if personName.MatchString(r.By) {
				report(diag.Warning, line, "write the role, such as kommuneadvokat or juridisk rådgiver: a name goes out of date, and the page is public",
					"legal_review.by %q looks like a person's name", r.By)
			}
		default:
			hint := "legal_review has the keys date and by"
			if s := diag.Suggest(k, reviewKeys); s != "" {
				hint = fmt.Sprintf("did you mean %q? (%s)", s, hint)
			}
			report(diag.Error, f.KeyLine(ReviewKey, k), hint, "unknown key %q in legal_review", k)
		}
	}
	if r.Date.IsZero() && !hasKey(node, "date") {
		report(diag.Error, r.Line, shape, "legal_review has no date")
	}
	if r.By == "" && !hasKey(node, "by") {
		report(diag.Error, r.Line, shape, "legal_review has no by (the role that did the review)")
	}
	return r
}

func hasKey(m *yaml.Node, key string) bool {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if strings.EqualFold(m.Content[i].Value, key) {
			return true
		}
	}
	return false
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
