package main

import (
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/glossary"
	"samvirke/generator/internal/legal"
	"samvirke/generator/internal/models"
	"samvirke/generator/internal/trees"
)

// features are the domain features every build runs, in pipeline order.
func features(indexDir string) []feature.Feature {
	return []feature.Feature{
		legal.New(),
		glossary.New(),
		models.New(),
		trees.New(),
	}
}
