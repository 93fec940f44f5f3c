// Package features lists the domain features every build runs, in pipeline order. The command and
// the tests that build the bundled portal share this list.
package features

import (
	"samvirke/generator/internal/contacts"
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/glossary"
	"samvirke/generator/internal/legal"
	"samvirke/generator/internal/models"
	"samvirke/generator/internal/sitesearch"
	"samvirke/generator/internal/terms"
	"samvirke/generator/internal/trees"
)

// All returns fresh instances of every feature. indexDir is where the search index goes (empty:
// search.bleve beside the output directory).
func All(indexDir string) []feature.Feature {
	return []feature.Feature{
		contacts.New(), // first: the others render Markdown that may use the kontakt shortcode
		terms.New(),
		legal.New(),
		glossary.New(),
		models.New(),
		trees.New(),
		sitesearch.New(indexDir),
	}
}
