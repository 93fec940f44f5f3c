package yamldoc

import (
	"strings"
	"testing"
)

// An unexpected key is reported at the key, with the key it probably stands for (or what the block
// allows); a required key that a misspelt one stands for is not reported again as missing.
func TestSchemaUnknownKeys(t *testing.T) {
	s, err := CompileSchema("tree.schema.json", []byte(`{
		"type": "object", "required": ["title", "nodes"], "additionalProperties": false,
		"properties": {"title": {"type": "string"}, "nodes": {"type": "object", "additionalProperties": {"$ref": "#/$defs/node"}}},
		"$defs": {"node": {"type": "object", "required": ["question"], "additionalProperties": false,
			"properties": {"question": {"type": "string"}, "help": {"type": "string"}}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ src, want string }{
		{"titel: x\nnodes: {}\n", `x.yaml:1:1: unknown key "titel"|did you mean "title"?`},
		{"title: x\nnodes:\n  a:\n    qestion: y\n", `x.yaml:4:5: unknown key "qestion" in nodes.a|did you mean "question"?`},
		{"title: x\nnodes:\n  a:\n    question: y\n    colour: red\n", `x.yaml:5:5: unknown key "colour" in nodes.a|allowed here: help, question`},
		{"title: x\n", `missing property 'nodes'`},
	} {
		d, problems := Parse("x.yaml", []byte(tt.src), Options{})
		if len(problems) > 0 {
			t.Fatal(problems)
		}
		got := s.Validate(d, d.Root, "see the schema")
		if len(got) != 1 {
			t.Errorf("%q: want one problem, got %v", tt.src, got)
			continue
		}
		for _, part := range strings.Split(tt.want, "|") {
			if !strings.Contains(got[0].String(), part) {
				t.Errorf("%q: %s\nlacks %q", tt.src, got[0], part)
			}
		}
	}
}
