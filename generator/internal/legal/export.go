package legal

import (
	"bytes"
	"encoding/json"
	"time"

	"samvirke/generator/internal/feature"
)

// ExportPath is the registry export, relative to the published site.
const ExportPath = Section + "/index.json"

// Entry is one provision in /lovverk/index.json: exactly these keys, for other municipal
// systems. Optional values that are not set are null; cited_by is always a list.
type Entry struct {
	ID           string   `json:"id"`
	Citation     string   `json:"citation"`      // "hol. § 7-2 a"
	Title        string   `json:"title"`         // the portal's title for it
	LawID        *string  `json:"law_id"`        // LOV-2011-06-24-30; null when not confirmed
	Lovdata      string   `json:"lovdata"`       // the stored Lovdata address
	Status       string   `json:"status"`        // confirmed | unverified
	ValidFrom    *string  `json:"valid_from"`    // YYYY-MM-DD or null
	ValidTo      *string  `json:"valid_to"`      // YYYY-MM-DD or null
	SupersededBy *string  `json:"superseded_by"` // id or null
	LastVerified string   `json:"last_verified"` // YYYY-MM-DD
	CitedBy      []string `json:"cited_by"`      // absolute URLs of the pages and tree nodes citing it
}

func optDate(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format("2006-01-02")
	return &s
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// Export returns the registry as exported (after AfterContent).
func (f *Feature) Export() []Entry {
	out := make([]Entry, 0, len(f.ordered))
	for _, p := range f.ordered {
		e := Entry{ID: p.ID, Citation: p.Citation(), Title: p.Title, Lovdata: p.Lovdata, Status: p.Status,
			ValidFrom: optDate(p.ValidFrom), ValidTo: optDate(p.ValidTo), SupersededBy: optString(p.SupersededBy),
			LastVerified: p.LastVerified.Format("2006-01-02"), CitedBy: []string{}}
		if p.LawID != UnknownLawID {
			e.LawID = optString(p.LawID)
		}
		if p.LastVerified.IsZero() {
			e.LastVerified = ""
		}
		if links, ok := p.Page.Store().Get("citedBy").([]Backlink); ok {
			for _, b := range links {
				e.CitedBy = append(e.CitedBy, b.Permalink)
			}
		}
		out = append(out, e)
	}
	return out
}

// Output implements feature.Outputter: it writes /lovverk/index.json.
func (f *Feature) Output(ctx *feature.Context) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.provisions == nil {
		return
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(f.Export()); err != nil {
		ctx.Diag.Errorf(ExportPath, 0, "cannot encode the registry: %v", err)
		return
	}
	if err := ctx.Out.WriteFile(ExportPath, buf.Bytes()); err != nil {
		ctx.Diag.Errorf(ExportPath, 0, "cannot write: %v", err)
	}
}
