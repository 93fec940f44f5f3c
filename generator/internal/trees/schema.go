package trees

import (
	"sync"

	"samvirke/generator/internal/diag"
	"samvirke/generator/internal/yamldoc"
	"samvirke/schema"
)

// SchemaFile is the JSON Schema of a tree's front matter, which editors validate against as they
// type; the build validates with the same file.
const SchemaFile = "schema/decision-tree.schema.json"

var treeSchema = sync.OnceValues(func() (*yamldoc.Schema, error) {
	return yamldoc.CompileSchema(SchemaFile, schema.DecisionTree)
})

// checkSchema validates the tree's front matter against the schema, so the editors' schema and
// the build cannot disagree. A violation on a line that already has an error is not repeated:
// parse and validate say the same with a hint of their own.
func checkSchema(t *Tree, d *diag.List) {
	doc := t.File.Doc
	if doc == nil || doc.Root == nil || len(t.Nodes) == 0 {
		return // not a tree at all: parse said so
	}
	s, err := treeSchema()
	if err != nil {
		d.Add(diag.Diagnostic{File: SchemaFile, Message: err.Error(), Hint: "the schema is part of samvirke: rebuild it from a released version"})
		t.broken = true
		return
	}
	lines := map[int]bool{}
	for _, e := range d.Errors() {
		if e.File == t.File.Path {
			lines[e.Line] = true
		}
	}
	for _, e := range s.Validate(doc, doc.Root, "the tree does not match "+SchemaFile+", which editors check as they type (docs/authoring.md, «Decision trees»)") {
		if !lines[e.Line] {
			d.Add(e)
			t.broken = true
		}
	}
}
