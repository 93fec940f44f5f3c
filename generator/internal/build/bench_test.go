package build

import (
	"fmt"
	"path/filepath"
	"testing"

	"samvirke/generator/internal/corpus"
	"samvirke/generator/internal/feature"
	"samvirke/generator/internal/features"
)

// siteFeatures are the domain features of the portal without the search index.
func siteFeatures() []feature.Feature {
	return features.Site(nil)
}

// BenchmarkBuild builds synthetic sites of 1,000 and 10,000 pages with the real theme and every
// feature except the search index (BenchmarkBuild in search/ measures that); make bench reports the
// whole samvirke build, index included, as wall time and peak RSS of the process.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			src := b.TempDir()
			if err := corpus.Write(src, repoRoot(b), n); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				res, err := Build(Options{Source: src, Dest: filepath.Join(b.TempDir(), "public"), Features: siteFeatures()})
				if err != nil {
					b.Fatalf("%v\n%s", err, res.Diagnostics.Report())
				}
			}
			b.ReportMetric(float64(n), "pages")
		})
	}
}
