package search

import (
	"bytes"
	"encoding/json"
)

// fallbackDoc is one entry of search-fallback.json; the short keys keep the
// file small.
type fallbackDoc struct {
	Title       string   `json:"t"`
	URL         string   `json:"u"`
	Description string   `json:"d,omitempty"`
	Headings    []string `json:"h,omitempty"`
	Type        string   `json:"y"`
	Lang        string   `json:"l"`
	Status      []string `json:"s,omitempty"`
}

// Fallback returns the compact JSON array of every document's title (t), URL
// (u), description (d), headings (h), type (y), language (l) and status (s)
// that the site publishes as public/search-fallback.json, for client-side
// prefix matching where no search server runs. Empty descriptions, headings
// and statuses are left out.
func Fallback(docs []Document) ([]byte, error) {
	out := make([]fallbackDoc, len(docs))
	for i, d := range docs {
		out[i] = fallbackDoc{d.Title, d.URL, d.Description, d.Headings, d.Type, d.Lang, d.Status}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
