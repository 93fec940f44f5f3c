package main

import (
	"samvirke/generator/internal/feature"
)

// features are the domain features every build runs, in pipeline order.
func features(indexDir string) []feature.Feature {
	return []feature.Feature{}
}
