// Package features lists the domain features every build runs, in pipeline order. The command and
// the tests that build the bundled portal share this list.
package features

import (
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/glossary"
	"samvirke/generator/internal/legal"
	"samvirke/generator/internal/models"
	"samvirke/generator/internal/sitesearch"
	"samvirke/generator/internal/trees"
)

// All returns fresh instances of every feature. indexDir is where the search index goes (empty:
// search.bleve beside the output directory).
func All(indexDir string) []feature.Feature {
	return []feature.Feature{
		legal.New(),
		glossary.New(),
		models.New(),
		trees.New(),
		sitesearch.New(indexDir),
	}
}
