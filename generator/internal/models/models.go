// Package models validates the collaboration-model schema (front matter model:) and provides the
// data of the generated comparison page.
package models

// Feature is the models feature.
type Feature struct{}

// New returns the feature.
func New() *Feature { return &Feature{} }

// Name implements feature.Feature.
func (*Feature) Name() string { return "modeller" }
