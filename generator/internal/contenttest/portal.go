package contenttest

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"samvirke/generator/internal/build"
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/features"
	"samvirke/generator/internal/sitesearch"
	"samvirke/search"
)

var portal struct {
	once     sync.Once
	dir      string
	res      *build.Result
	features []feature.Feature
	err      error
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
		portal.features = features.All(filepath.Join(portal.dir, "search.bleve"))
		res, err := build.Build(build.Options{Source: root, Dest: filepath.Join(portal.dir, "public"), Features: portal.features})
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

// PortalDocuments returns the search documents the bundled portal's build indexed.
func PortalDocuments(t testing.TB) []search.Document {
	Portal(t)
	for _, f := range portal.features {
		if s, ok := f.(*sitesearch.Feature); ok {
			return s.Indexed()
		}
	}
	t.Fatal("the portal was built without search")
	return nil
}

// RemovePortal deletes what Portal built.
func RemovePortal() {
	if portal.dir != "" {
		os.RemoveAll(portal.dir)
	}
}
