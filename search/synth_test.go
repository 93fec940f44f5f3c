package search

import "samvirke/search/synth"

// synthDocs returns n deterministic synthetic documents (see package synth).
func synthDocs(n int) []Document {
	pages := synth.Pages(n)
	docs := make([]Document, n)
	for i, p := range pages {
		docs[i] = Document{
			URL:         "/" + p.Type + "/" + p.Slug + "/",
			Title:       p.Title,
			Description: p.Description,
			Headings:    p.Headings(),
			Body:        p.Body(),
			Type:        p.Type,
			Lang:        p.Lang,
			Terms:       p.Terms,
		}
	}
	return docs
}

// benchQueries are what people type (synth.Queries).
var benchQueries = synth.Queries
