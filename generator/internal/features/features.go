// Package features wires the domain features every build runs. The command and the tests that
// build the bundled portal share this list.
//
// The wiring is explicit: a feature that uses another's data gets it in its constructor, and the
// build's phases (feature.Loader before every Preparer) make the order of the list irrelevant.
//
//	contacts   Load: reads data/kontakter.yaml (schema/contacts.schema.json); Prepare: contacts: lists
//	terms      Prepare: checks the roles and target groups pages are tagged with
//	legal      Load: reads the provisions (the registry)
//	glossary   Load: indexes the entries; Prepare: checks provision against legal and cites it
//	models     Prepare: checks legal_basis against legal (cites it) and tools against glossary
//	trees      Prepare: checks outcomes' legal against legal and cites every provision in a tree
//	guide      Prepare: checks the guide's steps (their contacts: against contacts) and the
//	           relational-capacity page
//	sitesearch Output: indexes every page, with the search terms each feature gives for its pages
package features

import (
	"samvirke/generator/internal/contacts"
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/glossary"
	"samvirke/generator/internal/guide"
	"samvirke/generator/internal/legal"
	"samvirke/generator/internal/models"
	"samvirke/generator/internal/sitesearch"
	"samvirke/generator/internal/terms"
	"samvirke/generator/internal/trees"
)

// All returns fresh instances of every feature. indexDir is where the search index goes (empty:
// search.bleve beside the output directory).
func All(indexDir string) []feature.Feature { return With(nil, indexDir) }

// With is All with the given legal registry (nil: a new one; tests pass one with a fixed day).
func With(registry *legal.Feature, indexDir string) []feature.Feature {
	all := Site(registry)
	var sources []feature.Searchable
	for _, f := range all {
		if s, ok := f.(feature.Searchable); ok {
			sources = append(sources, s)
		}
	}
	return append(all, sitesearch.New(indexDir, sources...))
}

// Site returns fresh instances of every feature except search: what a page needs to render (the
// theme's layouts use their template functions).
func Site(registry *legal.Feature) []feature.Feature {
	if registry == nil {
		registry = legal.New()
	}
	glossary := glossary.New(registry)
	contacts := contacts.New()
	return []feature.Feature{contacts, terms.New(), registry, glossary, models.New(registry, glossary), trees.New(registry), guide.New(contacts)}
}
