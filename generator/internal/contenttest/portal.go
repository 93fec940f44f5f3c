package contenttest

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"samvirke/generator/internal/build"
	"samvirke/generator/internal/features"
)

var portal struct {
	once sync.Once
	dir  string
	res  *build.Result
	err  error
}

// Portal builds the bundled portal (the repository's own content, with every feature, the search
// index included) once per test binary. It returns the directory that holds public/ and
// search.bleve/, and the build's result. Call RemovePortal from TestMain.
func Portal(t testing.TB) (string, *build.Result) {
	t.Helper()
	root := RepoRoot(t)
	portal.once.Do(func() {
		portal.dir, portal.err = os.MkdirTemp("", "samvirke-portal-")
		if portal.err != nil {
			return
		}
		res, err := build.Build(build.Options{Source: root, Dest: filepath.Join(portal.dir, "public"),
			Features: features.All(filepath.Join(portal.dir, "search.bleve"))})
		portal.res = res
		if err != nil {
			portal.err = fmt.Errorf("building the bundled portal: %v\n%s", err, res.Diagnostics.Report())
		}
	})
	if portal.err != nil {
		t.Fatal(portal.err)
	}
	return portal.dir, portal.res
}

// RemovePortal deletes what Portal built.
func RemovePortal() {
	if portal.dir != "" {
		os.RemoveAll(portal.dir)
	}
}
