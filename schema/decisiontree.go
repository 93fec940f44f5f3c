package schema

import _ "embed"

// DecisionTree is decision-tree.schema.json, the schema of a decision tree's front matter.
//
//go:embed decision-tree.schema.json
var DecisionTree []byte
