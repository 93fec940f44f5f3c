package search

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/evanw/esbuild/pkg/api"
)

// foldCase is one row of testdata/folding.json: a word and its folded form. The table is shared
// by the index (analyzerFolded, foldToken) and the script's fallback search (fold in
// assets/js/search.ts), so that the two cannot drift apart.
type foldCase struct {
	In     string `json:"in"`
	Folded string `json:"folded"`
}

func foldTable(t *testing.T) ([]foldCase, []byte) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "folding.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []foldCase
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	return cases, raw
}

func TestFoldingTable(t *testing.T) {
	cases, _ := foldTable(t)
	for _, c := range cases {
		if got := string(foldToken(nil, c.In)); got != c.Folded {
			t.Errorf("foldToken(%q) = %q, want %q", c.In, got, c.Folded)
		}
		if got := foldWords(c.In); !slices.Equal(got, []string{c.Folded}) {
			t.Errorf("analyzerFolded(%q) = %q, want [%q]", c.In, got, c.Folded)
		}
	}
}

// TestFoldingTableInTheScript runs fold of assets/js/search.ts in Node over the same table.
func TestFoldingTableInTheScript(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") != "" && os.Getenv("CI") != "0" && os.Getenv("CI") != "false" {
			t.Fatal("node is missing (scripts/install-test-deps.sh installs it)")
		}
		t.Skip("node is missing; run scripts/install-test-deps.sh")
	}
	cases, raw := foldTable(t)
	harness := `import { fold } from "./assets/js/search.ts";
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (d) => (input += d));
process.stdin.on("end", () => process.stdout.write(JSON.stringify(JSON.parse(input).map((c) => fold(c.in)))));
`
	res := api.Build(api.BuildOptions{
		Stdin:    &api.StdinOptions{Contents: harness, ResolveDir: "..", Sourcefile: "fold-harness.ts", Loader: api.LoaderTS},
		Bundle:   true,
		Platform: api.PlatformNode,
		Format:   api.FormatIIFE,
		Target:   api.ES2022,
		Write:    false,
		LogLevel: api.LogLevelSilent,
	})
	if len(res.Errors) > 0 || len(res.OutputFiles) != 1 {
		t.Fatalf("bundling the harness: %v", res.Errors)
	}
	script := filepath.Join(t.TempDir(), "fold.js")
	if err := os.WriteFile(script, res.OutputFiles[0].Contents, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, script)
	cmd.Stdin = bytes.NewReader(raw)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var got []string
	if err := json.Unmarshal(out, &got); err != nil || len(got) != len(cases) {
		t.Fatalf("node printed %q (%v)", out, err)
	}
	for i, c := range cases {
		if got[i] != c.Folded {
			t.Errorf("fold(%q) in search.ts = %q, want %q (as the index folds it)", c.In, got[i], c.Folded)
		}
	}
}
