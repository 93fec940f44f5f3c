// Package glossary is the glossary feature: entries in content/begreper/, the begrep shortcode's
// checks and the alphabetical index.
package glossary

// Feature is the glossary feature.
type Feature struct{}

// New returns the feature.
func New() *Feature { return &Feature{} }

// Name implements feature.Feature.
func (*Feature) Name() string { return "begreper" }
