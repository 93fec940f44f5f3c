package qa

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"samvirke/internal/browser"
)

const (
	goodDir   = "testdata/good"
	brokenDir = "testdata/broken"
)

// keys formats each finding as "page gate/rule severity element", for
// comparing with expectations.
func keys(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s %s/%s %s %s", f.Page, f.Gate, f.Rule, f.Severity, f.Element))
	}
	slices.Sort(out)
	return out
}

// expect fails the test unless the findings are exactly the wanted ones,
// each given as "page gate/rule severity" and optionally more text that
// must start the element.
func expect(t *testing.T, got []Finding, want ...string) {
	t.Helper()
	ks := keys(got)
	used := make([]bool, len(ks))
	var missing []string
	for _, w := range want {
		i := slices.IndexFunc(ks, func(k string) bool { return strings.HasPrefix(k, w) })
		for i >= 0 && used[i] {
			j := slices.IndexFunc(ks[i+1:], func(k string) bool { return strings.HasPrefix(k, w) })
			if j < 0 {
				i = -1
				break
			}
			i += j + 1
		}
		if i < 0 {
			missing = append(missing, w)
			continue
		}
		used[i] = true
	}
	var extra []string
	for i, k := range ks {
		if !used[i] {
			extra = append(extra, k)
		}
	}
	if len(missing) > 0 || len(extra) > 0 {
		t.Errorf("findings differ\nmissing:\n  %s\nunexpected:\n  %s\nall:\n  %s",
			strings.Join(missing, "\n  "), strings.Join(extra, "\n  "), strings.Join(ks, "\n  "))
	}
}

// requireTool skips (or in CI fails) a test whose tool is missing.
func requireTool(t *testing.T, err error) {
	t.Helper()
	if errors.Is(err, ErrMissingTool) {
		browser.Require(t, err)
	}
}
