// Package trees is the decision-tree feature: it validates trees in content/beslutningstrer/,
// adds a static page per node, and provides the data the widget and the diagram need.
package trees

// Feature is the decision-tree feature.
type Feature struct{}

// New returns the feature.
func New() *Feature { return &Feature{} }

// Name implements feature.Feature.
func (*Feature) Name() string { return "beslutningstrær" }
