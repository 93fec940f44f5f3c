package trees

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// TestSchemaInSync checks that schema/decision-tree.schema.json, which editors validate against,
// describes the same node format as the generator reads: the same keys, required keys and
// patterns.
func TestSchemaInSync(t *testing.T) {
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		dir = filepath.Dir(dir)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "schema", "decision-tree.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	type def struct {
		Properties map[string]json.RawMessage `json:"properties"`
		Required   []string                   `json:"required"`
		Pattern    string                     `json:"pattern"`
	}
	var schema struct {
		Required []string       `json:"required"`
		Defs     map[string]def `json:"$defs"`
	}
	if err := json.Unmarshal(raw, &schema); err != nil {
		t.Fatal(err)
	}
	keys := func(d def) string {
		var out []string
		for k := range d.Properties {
			out = append(out, k)
		}
		sort.Strings(out)
		return strings.Join(out, ",")
	}
	sorted := func(s []string) string {
		s = append([]string(nil), s...)
		sort.Strings(s)
		return strings.Join(s, ",")
	}
	for name, want := range map[string][]string{
		"questionNode": without(yamlKeys(nodeFront{}), "outcome"),
		"answer":       yamlKeys(answerFront{}),
		"outcome":      yamlKeys(outcomeFront{}),
		"outcomeNode":  {"outcome"},
	} {
		if got := keys(schema.Defs[name]); got != sorted(want) {
			t.Errorf("schema %s has keys %s, the generator reads %s", name, got, sorted(want))
		}
	}
	for name, want := range map[string]string{
		"questionNode": "answers,question",
		"answer":       "label,next",
		"outcome":      "body,kind,title",
	} {
		if got := sorted(schema.Defs[name].Required); got != want {
			t.Errorf("schema %s requires %s, the generator %s", name, got, want)
		}
	}
	if got := sorted(schema.Required); got != "audience,nodes,start,title" {
		t.Errorf("schema requires %s at the top", got)
	}
	if p := schema.Defs["nodeId"].Pattern; p != nodeIDPattern.String() {
		t.Errorf("schema node id pattern %q, generator %q", p, nodeIDPattern)
	}
	var answer struct {
		Properties struct {
			Value struct {
				Pattern string `json:"pattern"`
			} `json:"value"`
		} `json:"properties"`
	}
	var top struct {
		Defs map[string]json.RawMessage `json:"$defs"`
	}
	if err := json.Unmarshal(raw, &top); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(top.Defs["answer"], &answer); err != nil {
		t.Fatal(err)
	}
	if p := answer.Properties.Value.Pattern; p != valuePattern.String() {
		t.Errorf("schema answer value pattern %q, generator %q", p, valuePattern)
	}

	// The enums of the duty-to-report rule.
	var enums struct {
		Properties struct {
			Audience struct {
				Items struct {
					Enum []string `json:"enum"`
				} `json:"items"`
			} `json:"audience"`
		} `json:"properties"`
		Defs struct {
			Outcome struct {
				Properties struct {
					Kind struct {
						Enum []string `json:"enum"`
					} `json:"kind"`
				} `json:"properties"`
			} `json:"outcome"`
			QuestionNode struct {
				Properties struct {
					Checks struct {
						Enum []string `json:"enum"`
					} `json:"checks"`
				} `json:"properties"`
				Then struct {
					Properties struct {
						Answers struct {
							Contains struct {
								Properties struct {
									Value struct {
										Const string `json:"const"`
									} `json:"value"`
								} `json:"properties"`
							} `json:"contains"`
						} `json:"answers"`
					} `json:"properties"`
				} `json:"then"`
			} `json:"questionNode"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(raw, &enums); err != nil {
		t.Fatal(err)
	}
	for name, pair := range map[string][2][]string{
		"audience":     {enums.Properties.Audience.Items.Enum, audienceValues},
		"outcome kind": {enums.Defs.Outcome.Properties.Kind.Enum, outcomeKinds},
		"checks":       {enums.Defs.QuestionNode.Properties.Checks.Enum, checkValues},
	} {
		if got, want := sorted(pair[0]), sorted(pair[1]); got != want {
			t.Errorf("schema %s enum %s, the generator accepts %s", name, got, want)
		}
	}
	if c := enums.Defs.QuestionNode.Then.Properties.Answers.Contains.Properties.Value.Const; c != UnsureValue {
		t.Errorf("schema: a checking question must contain an answer with value %q, the generator wants %q", c, UnsureValue)
	}
}

// yamlKeys are the keys the generator decodes into v's type (its yaml tags).
func yamlKeys(v any) []string {
	var out []string
	t := reflect.TypeOf(v)
	for i := 0; i < t.NumField(); i++ {
		if tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); tag != "" && tag != "-" {
			out = append(out, tag)
		}
	}
	return out
}

func without(list []string, s string) []string {
	var out []string
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}
