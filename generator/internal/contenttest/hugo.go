package contenttest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"samvirke/generator/internal/hugocli"
	"samvirke/internal/browser"
)

// Hugo returns the pinned Hugo CLI (hugocli.Version) for tests: $HUGO, else hugo on PATH, else
// the one go install puts in $(go env GOPATH)/bin (scripts/install-test-deps.sh installs it
// there). Without it, or with another version, the test is skipped, or fails when CI is set.
func Hugo(t testing.TB) *hugocli.CLI {
	t.Helper()
	candidates := []string{os.Getenv("HUGO"), "hugo"}
	if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		for _, dir := range filepath.SplitList(strings.TrimSpace(string(out))) {
			candidates = append(candidates, filepath.Join(dir, "bin", "hugo"))
		}
	}
	var firstErr error
	for _, c := range candidates {
		if c == "" {
			continue
		}
		cli, err := hugocli.Find(c)
		if err == nil {
			return cli
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	browser.Require(t, firstErr)
	return nil
}
