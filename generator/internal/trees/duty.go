package trees

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"samvirke/generator/internal/diag"
)

// The duty-to-report rule (docs/authoring.md, «The duty-to-report rule»).
//
// Everyone who works in a public service must report to the child welfare service when there is
// reason to believe a child is seriously neglected or abused (barnevernsloven § 13-2), whatever
// their duty of confidentiality. A tree that ends in "do not share" can therefore send a worker
// the wrong way when the person is a child at serious risk. The rule makes the build keep every
// such tree safe, also after a municipality has edited it:
//
//   - every outcome declares its kind (what it advises);
//   - in a tree whose audience includes children, every path from the start to a do-not-share
//     outcome passes a question that declares checks: duty-to-report;
//   - such a question has an answer that leads straight to a duty-to-report outcome, and its
//     "Jeg er usikker" answer (value: usikker) leads to one too: in doubt, the worker is told about
//     the duty, not sent on towards "do not share";
//   - every duty-to-report outcome cites barnevernsloven § 13-2 (DutyToReportProvision);
//   - on a site with contacts (data/kontakter.yaml), every duty-to-report outcome names whom to
//     contact with the kontakt shortcode, so the worker reads the number where the outcome says
//     «ring» or «kontakt» (checkDutyContacts).

// Outcome kinds: what an outcome advises.
const (
	KindDutyToReport = "duty-to-report" // report to the child welfare service (or check with it) now
	KindDoNotShare   = "do-not-share"   // do not share, or wait with sharing, information that identifies the person
	KindMayShare     = "may-share"      // the worker may share, on a basis the outcome names
	KindGuidance     = "guidance"       // other advice: next steps, who coordinates, rights
)

// ChecksDutyToReport marks a question that asks whether the concern is about a child at serious
// risk (the grounds of barnevernsloven § 13-2).
const ChecksDutyToReport = "duty-to-report"

// DutyToReportProvision is the provision every duty-to-report outcome cites: barnevernsloven
// § 13-2, the duty to report to the child welfare service.
const DutyToReportProvision = "bvl-13-2"

// UnsureValue is the answer value of "Jeg er usikker" on a question that checks the duty to report.
const UnsureValue = "usikker"

var (
	outcomeKinds   = []string{KindDutyToReport, KindDoNotShare, KindMayShare, KindGuidance}
	checkValues    = []string{ChecksDutyToReport}
	audienceValues = []string{"children", "young-people", "families", "adults"}
	// childAudiences are the audiences that include people under 18: the rule applies to them.
	childAudiences = []string{"children", "young-people", "families"}
)

// IncludesChildren reports whether the tree's audience includes children (people under 18).
func (t *Tree) IncludesChildren() bool {
	for _, a := range t.Audience {
		if slices.Contains(childAudiences, a) {
			return true
		}
	}
	return false
}

// parseAudience reads audience: (required): a list of audienceValues.
func parseAudience(t *Tree, d *diag.List) []string {
	const hint = "audience: lists who the tree is about: children, young-people, families, adults; with any of the first three, every path to a do-not-share outcome must check the duty to report"
	front := t.front
	switch {
	case !front.Has("audience") || front.Value("audience") == nil:
		d.Add(front.KeyLoc("title").Errorf(hint, "the tree has no audience"))
		return nil
	case len(front.Audience) == 0:
		d.Add(front.ValueLoc("audience").Errorf(hint, "audience must be a list with at least one of %s", strings.Join(audienceValues, ", ")))
		return nil
	}
	var out []string
	for i, a := range front.Audience {
		loc := front.ItemLoc("audience", i)
		switch {
		case !slices.Contains(audienceValues, a):
			d.Add(loc.Errorf(didYouMean(a, audienceValues, "audience is a list of "+strings.Join(audienceValues, ", ")), "unknown audience %v", a))
		case slices.Contains(out, a):
			d.Add(loc.Errorf("", "audience lists %q twice", a))
		default:
			out = append(out, a)
		}
	}
	return out
}

// checkDutyToReport enforces the duty-to-report rule on a tree whose graph is valid. Every
// message names the node or answer to fix.
func checkDutyToReport(t *Tree, d *diag.List) {
	if t.broken || t.Nodes[t.Start] == nil {
		return
	}
	isKind := func(id, kind string) bool {
		n := t.Nodes[id]
		return n != nil && n.Outcome != nil && n.Outcome.Kind == kind
	}

	// Duty-to-report outcomes cite the duty.
	for _, id := range t.Order {
		o := t.Nodes[id].Outcome
		if o == nil || o.Kind != KindDutyToReport || slices.Contains(o.Legal, DutyToReportProvision) {
			continue
		}
		loc := o.src.KeyLoc("kind")
		if len(o.Legal) > 0 {
			loc = o.src.KeyLoc("legal")
		}
		d.Add(loc.Errorf(fmt.Sprintf("add %s (barnevernsloven § 13-2, the duty to report) to its legal:, beside the provision of the user's own sector where there is one", DutyToReportProvision),
			"outcome %q tells the user to report to the child welfare service (kind: duty-to-report) but does not cite %s", id, DutyToReportProvision))
	}

	// Questions that check the duty lead to it: from a yes, and from "Jeg er usikker".
	var checkers []string
	for _, id := range t.Order {
		n := t.Nodes[id]
		if n.Checks != ChecksDutyToReport {
			continue
		}
		checkers = append(checkers, id)
		toDuty := false
		var unsure *Answer
		for _, a := range n.Answers {
			toDuty = toDuty || isKind(a.Next, KindDutyToReport)
			if a.Value == UnsureValue {
				unsure = a
			}
		}
		if !toDuty {
			d.Add(n.src.KeyLoc("checks").Errorf("point its yes answer (and «Jeg er usikker») at an outcome with kind: duty-to-report that says what to do now and whom to contact",
				"question %q checks the duty to report (checks: duty-to-report), but none of its answers leads to a duty-to-report outcome", id))
		}
		switch {
		case unsure == nil:
			d.Add(n.src.KeyLoc("answers").Errorf(fmt.Sprintf("add - {label: Jeg er usikker, value: %s, next: …} leading to a duty-to-report outcome: in doubt, a worker must be told about the duty", UnsureValue),
				"question %q checks the duty to report, but has no answer for someone who is unsure (value: %s)", id, UnsureValue))
		case !isKind(unsure.Next, KindDutyToReport):
			d.Add(unsure.NextAt.Errorf("someone unsure whether the duty to report applies must be told to contact the child welfare service: point this answer at an outcome with kind: duty-to-report",
				"answer %q of %q leads to %q, which is not a duty-to-report outcome", unsure.Label, id, unsure.Next))
		}
	}

	if !t.IncludesChildren() {
		return
	}
	// Every path to a do-not-share outcome passes a checking question: search from the start
	// without going past one, and every do-not-share outcome found is reachable around the check.
	type step struct {
		from string
		a    *Answer
	}
	via := map[string]step{t.Start: {}}
	queue := []string{t.Start}
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		if t.Nodes[id].Checks == ChecksDutyToReport {
			continue
		}
		for _, a := range t.Nodes[id].Answers {
			if _, seen := via[a.Next]; !seen && t.Nodes[a.Next] != nil {
				via[a.Next] = step{id, a}
				queue = append(queue, a.Next)
			}
		}
	}
	route := func(id string) string {
		var parts []string
		for cur := id; cur != t.Start; cur = via[cur].from {
			s := via[cur]
			parts = append(parts, fmt.Sprintf("%s «%s» (line %d)", s.from, s.a.Label, s.a.NextAt.Line))
		}
		slices.Reverse(parts)
		return strings.Join(append(parts, id), " → ")
	}
	advice := "add a question with checks: duty-to-report before it (see docs/authoring.md, «The duty-to-report rule»)"
	if len(checkers) > 0 {
		advice = fmt.Sprintf("route this path through %s (checks: duty-to-report), or change the answer on it that goes around", quoteAll(checkers))
	}
	for _, id := range t.Order {
		if _, reached := via[id]; !reached || !isKind(id, KindDoNotShare) {
			continue
		}
		d.Add(t.Nodes[id].At.Errorf(fmt.Sprintf("the tree's audience includes children (audience: %s), and a worker concerned about a child must be told about the duty to report before «do not share»: %s",
			strings.Join(t.Audience, ", "), advice),
			"outcome %q advises not to share (kind: do-not-share), but a path reaches it without a question that checks the duty to report: %s", id, route(id)))
	}
}

// kontaktCall matches the kontakt shortcode in Markdown: {{< kontakt "id" … >}}.
var kontaktCall = regexp.MustCompile(`\{\{[<%]\s*kontakt\s`)

// checkDutyContacts requires every duty-to-report outcome to name a contact with the kontakt
// shortcode in its body or next steps: the worker is told to call now, and must see the number.
// The ids themselves are checked where the shortcode is rendered (unknown id: did you mean …).
func checkDutyContacts(t *Tree, d *diag.List) {
	for _, id := range t.Order {
		o := t.Nodes[id].Outcome
		if o == nil || o.Kind != KindDutyToReport {
			continue
		}
		found := kontaktCall.MatchString(o.Body)
		for _, s := range o.NextSteps {
			found = found || kontaktCall.MatchString(s)
		}
		if !found {
			loc := o.src.KeyLoc("kind")
			d.Add(diag.Diagnostic{File: loc.File, Line: loc.Line, Column: loc.Column,
				Message: fmt.Sprintf("outcome %q tells the user to report to the child welfare service (kind: duty-to-report) but names no contact", id),
				Hint:    `name whom to call with the kontakt shortcode, so the number shows: Kontakt {{< kontakt "barnevernstjeneste" "barnevernstjenesten" >}} i dag, utenfor kontortid {{< kontakt "barnevernvakt" "barnevernvakten" >}}`})
		}
	}
}

func quoteAll(ids []string) string {
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = strconv.Quote(id)
	}
	return strings.Join(q, " or ")
}
