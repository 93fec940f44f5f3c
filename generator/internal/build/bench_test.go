package build

import (
	"fmt"
	"path/filepath"
	"testing"

	"samvirke/generator/internal/corpus"
)

// BenchmarkBuild builds synthetic sites of 1,000 and 10,000 pages with the real theme.
// make bench reports the same builds as wall time and peak RSS of the samvirke process.
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
				res, err := Build(Options{Source: src, Dest: filepath.Join(b.TempDir(), "public")})
				if err != nil {
					b.Fatalf("%v\n%s", err, res.Diagnostics.Report())
				}
			}
			b.ReportMetric(float64(n), "pages")
		})
	}
}
