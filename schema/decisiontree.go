// Package schema holds the JSON Schemas that editors validate content against as they type (the
// YAML language server reads them from this directory) and that the build validates with, so
// both use the same file.
package schema

import _ "embed"

// DecisionTree is decision-tree.schema.json, the schema of a decision tree's front matter.
//
//go:embed decision-tree.schema.json
var DecisionTree []byte
