// Package schema holds the JSON Schemas that editors validate content against as they type (the
// YAML language server reads them from this directory) and that the build validates with, so
// both use the same file.
package schema

import _ "embed"

// Contacts is contacts.schema.json, the schema of data/kontakter.yaml.
//
//go:embed contacts.schema.json
var Contacts []byte
