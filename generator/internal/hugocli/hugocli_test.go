package hugocli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseVersion(t *testing.T) {
	for out, want := range map[string]string{
		"hugo v0.152.2 linux/amd64 BuildDate=unknown\n":                         "0.152.2",
		"hugo v0.152.2-6abdacad3f3fe944ea42177844469139e81feda6+extended linux": "0.152.2",
		"Hugo Static Site Generator v0.54.0/extended linux/amd64":               "0.54.0",
		"ls: unknown option": "",
	} {
		if got := ParseVersion(out); got != want {
			t.Errorf("ParseVersion(%q) = %q, want %q", out, got, want)
		}
	}
}

// The test dependencies install the version the code checks for.
func TestInstallScriptPinsTheVersion(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", "scripts", "install-test-deps.sh"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), "HUGO_VERSION="+Version+"\n") {
		t.Errorf("scripts/install-test-deps.sh does not install hugo %s", Version)
	}
}

func TestDiagnostics(t *testing.T) {
	src := "/site"
	out := `Start building sites …
WARN  deprecated: lang in front matter was deprecated in Hugo v0.144.0 and will be removed in a future release.
WARN  deprecated: lang in front matter was deprecated in Hugo v0.144.0 and will be removed in a future release.
ERROR render of "/x" failed: "/site/layouts/single.html:3:5": execute of template failed
Error: error building site: render: failed to render pages
Total in 12 ms`
	d := Diagnostics(out, src)
	all := d.All()
	if len(all) != 3 || len(d.Warnings()) != 1 || len(d.Errors()) != 2 {
		t.Fatalf("diagnostics %v", all)
	}
	var named bool
	for _, e := range d.Errors() {
		named = named || e.File == "layouts/single.html" && strings.HasPrefix(e.Message, "hugo: render of")
	}
	if !named {
		t.Errorf("no error names layouts/single.html: %v", d.Errors())
	}
}
