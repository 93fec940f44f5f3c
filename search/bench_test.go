package search

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// benchDir holds indexes shared by the benchmarks of one test binary run.
var benchDir string

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

type benchIndex struct {
	ix    *Index
	bytes int64
}

var (
	benchMu      sync.Mutex
	benchIndexes = map[int]benchIndex{}
)

// openBenchIndex builds (once per run) and opens an index of n synthetic docs.
func openBenchIndex(b *testing.B, n int) benchIndex {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	if bi, ok := benchIndexes[n]; ok {
		return bi
	}
	if benchDir == "" {
		d, err := os.MkdirTemp("", "samvirke-search-bench")
		if err != nil {
			b.Fatal(err)
		}
		benchDir = d
	}
	dir := filepath.Join(benchDir, fmt.Sprint(n))
	stats, err := Build(dir, synthDocs(n), BuildOptions{Messages: testMessages, Synonyms: testSynonyms})
	if err != nil {
		b.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	bi := benchIndex{ix, stats.Bytes}
	benchIndexes[n] = bi
	return bi
}

func BenchmarkBuild1000(b *testing.B)  { benchmarkBuild(b, 1000) }
func BenchmarkBuild10000(b *testing.B) { benchmarkBuild(b, 10000) }

func benchmarkBuild(b *testing.B, n int) {
	docs := synthDocs(n)
	var stats BuildStats
	var cpu time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		dir := filepath.Join(b.TempDir(), fmt.Sprint(i))
		c := cpuTime()
		var err error
		if stats, err = Build(dir, docs, BuildOptions{Messages: testMessages, Synonyms: testSynonyms}); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - c
	}
	b.ReportMetric(float64(stats.Bytes), "index-bytes")
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
}

// BenchmarkSearch runs benchQueries in turn in-process, one at a time.
func BenchmarkSearch(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			bi := openBenchIndex(b, n)
			ctx := context.Background()
			var lat []time.Duration
			b.ResetTimer()
			cpu := cpuTime()
			for i := 0; b.Loop(); i++ {
				t := time.Now()
				if _, err := bi.ix.Search(ctx, Request{Q: benchQueries[i%len(benchQueries)]}); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(t))
			}
			reportCPU(b, cpuTime()-cpu)
			reportLatency(b, lat)
			b.ReportMetric(float64(bi.bytes), "index-bytes")
		})
	}
}

// BenchmarkSearchByQuery shows what each of benchQueries costs at 10,000
// documents, and how many documents it matches.
func BenchmarkSearchByQuery(b *testing.B) {
	for _, q := range benchQueries {
		b.Run(strings.ReplaceAll(q, " ", "_"), func(b *testing.B) {
			bi := openBenchIndex(b, 10000)
			var total uint64
			cpu := cpuTime()
			for b.Loop() {
				resp, err := bi.ix.Search(context.Background(), Request{Q: q})
				if err != nil {
					b.Fatal(err)
				}
				total = resp.Total
			}
			reportCPU(b, cpuTime()-cpu)
			b.ReportMetric(float64(total), "hits")
		})
	}
}

// BenchmarkSearchHTTP sends benchQueries through Handler over loopback from
// concurrent clients (which share the machine's cores with the server).
func BenchmarkSearchHTTP(b *testing.B) {
	const clients = 8
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			bi := openBenchIndex(b, n)
			srv := httptest.NewServer(Handler(bi.ix))
			defer srv.Close()
			tr := &http.Transport{MaxIdleConnsPerHost: clients}
			defer tr.CloseIdleConnections()
			client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
			urls := make([]string, len(benchQueries))
			for i, q := range benchQueries {
				urls[i] = srv.URL + "/api/search?q=" + url.QueryEscape(q)
			}

			total := int64(b.N)
			var next atomic.Int64
			lats := make([][]time.Duration, clients)
			var wg sync.WaitGroup
			b.ResetTimer()
			start, cpu := time.Now(), cpuTime()
			for c := range clients {
				wg.Go(func() {
					for {
						i := next.Add(1) - 1
						if i >= total {
							return
						}
						t := time.Now()
						resp, err := client.Get(urls[i%int64(len(urls))])
						if err != nil {
							b.Error(err)
							return
						}
						io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
						if resp.StatusCode != http.StatusOK {
							b.Errorf("status %d", resp.StatusCode)
							return
						}
						lats[c] = append(lats[c], time.Since(t))
					}
				})
			}
			wg.Wait()
			elapsed := time.Since(start)
			b.StopTimer()
			reportCPU(b, cpuTime()-cpu) // server and clients
			reportLatency(b, slices.Concat(lats...))
			b.ReportMetric(float64(b.N)/elapsed.Seconds(), "qps")
		})
	}
}

func reportCPU(b *testing.B, cpu time.Duration) {
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

func reportLatency(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(float64(len(lat))*p))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}
