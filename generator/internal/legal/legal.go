// Package legal is the legal reference registry: provisions in content/lovverk/, the lov
// shortcode's checks, backlinks, validity warnings and the JSON export.
package legal

// Feature is the legal registry feature.
type Feature struct{}

// New returns the feature.
func New() *Feature { return &Feature{} }

// Name implements feature.Feature.
func (*Feature) Name() string { return "lovverk" }
