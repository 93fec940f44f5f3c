// Command bench measures samvirke on synthetic sites (package corpus); make bench runs it.
//
//   - Build: `samvirke build` of 1,000 and 10,000 pages, wall time (median of several runs) and the
//     peak resident memory of the process, on the temporary directory's disk and, where present,
//     on tmpfs (/dev/shm): on slow virtual disks creating 10,000 files dominates the build, and the
//     two figures separate the generator's own cost from the file system's.
//   - Renderers: with -hugo (a path; by default looked up in PATH), the same corpora built by
//     samvirke build, by samvirke build --hugo and by the plain Hugo CLI, side by side; with
//     -pagefind also Hugo followed by Pagefind.
//   - Search: the load generator. `samvirke search` serves the index of the largest site, and
//     -clients concurrent clients on the same machine send synth.Queries in turn over HTTP for
//     -duration after a warm-up: queries per second, latency percentiles, and the server's resident
//     memory, then once more while the server reloads its index (SIGHUP), which holds two indexes
//     for a moment.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"samvirke/generator/internal/corpus"
	"samvirke/search/synth"
)

func main() {
	bin := flag.String("bin", "bin/samvirke", "samvirke binary")
	sizes := flag.String("pages", "1000,10000", "comma-separated corpus sizes")
	runs := flag.Int("runs", 3, "builds per size (the median is reported)")
	dirs := flag.String("dirs", defaultDirs(), "comma-separated directories to build in")
	hugo := flag.String("hugo", lookPath("hugo"), "Hugo binary for the side-by-side build (empty: skip)")
	pagefind := flag.String("pagefind", lookPath("pagefind"), "Pagefind binary for the side-by-side build (empty: skip)")
	compareRuns := flag.Int("compare-runs", 2, "builds per tool in the side-by-side comparison")
	clients := flag.Int("clients", 8, "concurrent search clients")
	duration := flag.Duration("duration", 10*time.Second, "how long the clients search")
	searchOnly := flag.Bool("search-only", false, "only the search load (on the largest size)")
	flag.Parse()
	root, _ := os.Getwd()
	if abs, err := filepath.Abs(*bin); err == nil {
		*bin = abs
	}
	var ns []int
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			fail(err)
		}
		ns = append(ns, n)
	}
	where := strings.Split(*dirs, ",")

	if !*searchOnly {
		fmt.Printf("samvirke build\n%-10s %-8s %12s %12s %12s %14s\n", "where", "pages", "median", "best", "CPU", "peak RSS")
		for _, w := range where {
			for _, n := range ns {
				measureBuild(*bin, root, w, n, *runs)
			}
		}
		if *hugo != "" {
			for _, n := range ns {
				compare(*bin, *hugo, *pagefind, root, where, n, *compareRuns)
			}
		} else {
			fmt.Println("\nthe Hugo CLI: skipped (pass -hugo, or put hugo in PATH)")
		}
	}
	loadTest(*bin, root, where[len(where)-1], slices.Max(ns), *clients, *duration)
}

func defaultDirs() string {
	dirs := os.TempDir()
	if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() {
		dirs += ",/dev/shm"
	}
	return dirs
}

func lookPath(name string) string {
	p, err := exec.LookPath(name)
	if err != nil {
		return ""
	}
	return p
}

// newCorpus writes an n-page corpus into a new directory under where.
func newCorpus(root, where string, n int) string {
	dir, err := os.MkdirTemp(where, "samvirke-bench-")
	if err != nil {
		fail(err)
	}
	if err := corpus.Write(dir, root, n); err != nil {
		fail(err)
	}
	return dir
}

// result is what a command cost: wall time, CPU time (user and system, which on a machine shared
// with other work varies far less than wall time) and peak resident memory in bytes.
type result struct {
	wall, cpu time.Duration
	peak      int64
}

// run runs cmd and returns what it cost.
func run(cmd *exec.Cmd) result {
	cmd.Stderr = os.Stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		fail(fmt.Errorf("%s: %w", strings.Join(cmd.Args, " "), err))
	}
	r := result{wall: time.Since(start)}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.peak = ru.Maxrss * 1024 // kilobytes on Linux
		r.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	return r
}

func median(ts []time.Duration) time.Duration {
	slices.Sort(ts)
	return ts[len(ts)/2]
}

func measureBuild(bin, root, where string, n, runs int) {
	dir := newCorpus(root, where, n)
	defer os.RemoveAll(dir)
	var times, cpus []time.Duration
	var peak int64
	for range runs {
		r := run(exec.Command(bin, "build", "--source", dir, "--dest", filepath.Join(dir, "public")))
		times, cpus = append(times, r.wall), append(cpus, r.cpu)
		peak = max(peak, r.peak)
	}
	fmt.Printf("%-10s %-8d %12s %12s %12s %11.1f MB\n", where, n, median(times).Round(time.Millisecond), slices.Min(times).Round(time.Millisecond),
		median(cpus).Round(time.Millisecond), mb(peak))
}

// compare builds the same n-page corpus, alternating so that all see the same load on a shared
// machine, with samvirke's own renderer (site and search index), with samvirke build --hugo (the
// Hugo CLI renders; samvirke checks, indexes and publishes), and with the plain Hugo CLI, followed
// by Pagefind when it is given. The theme's layouts are in Hugo's language, so every tool builds
// the same site from the same files.
func compare(bin, hugo, pagefind, root string, where []string, n, runs int) {
	fmt.Printf("\nrenderers, %d pages (median of %d; wall time, CPU time in brackets)\n%-10s %22s %22s %22s %22s\n",
		n, runs, "where", "samvirke build", "samvirke build --hugo", "hugo", "hugo + pagefind")
	for _, w := range where {
		dir := newCorpus(root, w, n)
		var ours, oursCPU, withHugo, withHugoCPU, hugos, hugosCPU, both, bothCPU []time.Duration
		for range runs {
			o := run(exec.Command(bin, "build", "--source", dir, "--dest", filepath.Join(dir, "public")))
			ours, oursCPU = append(ours, o.wall), append(oursCPU, o.cpu)
			o = run(exec.Command(bin, "build", "--source", dir, "--dest", filepath.Join(dir, "public"), "--hugo="+hugo))
			withHugo, withHugoCPU = append(withHugo, o.wall), append(withHugoCPU, o.cpu)
			out := filepath.Join(dir, "hugo-public")
			os.RemoveAll(out)
			h := run(exec.Command(hugo, "--quiet", "--noBuildLock", "--source", dir, "--destination", out))
			hugos, hugosCPU = append(hugos, h.wall), append(hugosCPU, h.cpu)
			if pagefind != "" {
				p := run(exec.Command(pagefind, "--site", out, "--silent"))
				both, bothCPU = append(both, h.wall+p.wall), append(bothCPU, h.cpu+p.cpu)
			}
		}
		cell := func(w, c []time.Duration) string {
			if len(w) == 0 {
				return "-"
			}
			return fmt.Sprintf("%s (%s)", median(w).Round(time.Millisecond), median(c).Round(time.Millisecond))
		}
		fmt.Printf("%-10s %22s %22s %22s %22s\n", w, cell(ours, oursCPU), cell(withHugo, withHugoCPU), cell(hugos, hugosCPU), cell(both, bothCPU))
		os.RemoveAll(dir)
	}
}

// loadTest builds an n-page site, serves its index with samvirke search and loads it.
func loadTest(bin, root, where string, n, clients int, duration time.Duration) {
	dir := newCorpus(root, where, n)
	defer os.RemoveAll(dir)
	run(exec.Command(bin, "build", "--source", dir, "--dest", filepath.Join(dir, "public")))
	port := freePort()
	srv := exec.Command(bin, "search", "--index", filepath.Join(dir, "search.bleve"), "--public", filepath.Join(dir, "public"),
		"--bind", "127.0.0.1", "--port", strconv.Itoa(port))
	srv.Stderr = os.Stderr
	if err := srv.Start(); err != nil {
		fail(err)
	}
	defer func() {
		srv.Process.Signal(syscall.SIGTERM)
		srv.Wait()
	}()
	base := fmt.Sprintf("http://127.0.0.1:%d/api/search?q=", port)
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxIdleConns: clients}
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	if err := waitReady(client, base+"barn"); err != nil {
		fail(err)
	}
	urls := make([]string, len(synth.Queries))
	for i, q := range synth.Queries {
		urls[i] = base + url.QueryEscape(q)
	}
	fmt.Printf("\nsearch: samvirke search on %d synthetic pages, %d clients over HTTP on this machine (%s, after %s warm-up)\n",
		n, clients, duration, 2*time.Second)
	fmt.Printf("%-16s %10s %9s %9s %9s %9s %7s %11s %11s %11s %11s\n", "", "queries/s", "p50", "p90", "p99", "max", "errors",
		"server CPU", "client CPU", "RSS", "peak RSS")
	pid := srv.Process.Pid
	load(client, urls, clients, 2*time.Second, nil)
	s0, c0 := processCPU(pid), selfCPU()
	r := load(client, urls, clients, duration, nil)
	s1, c1 := processCPU(pid), selfCPU()
	rss, hwm := memory(pid)
	r.print("steady", s1-s0, c1-c0, rss, hwm)
	// The same with a reload of the index half-way: two indexes in memory for a moment.
	r = load(client, urls, clients, duration, func() { srv.Process.Signal(syscall.SIGHUP) })
	s2, c2 := processCPU(pid), selfCPU()
	rss, hwm = memory(pid)
	r.print("during a reload", s2-s1, c2-c1, rss, hwm)
	fmt.Println("(CPU per query, in ms; RSS at the end, peak RSS since the server started)")
}

// processCPU is the CPU time a process has used (user and system), from /proc/PID/stat.
func processCPU(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:]) // after the command name
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * time.Second / 100 // clock ticks (USER_HZ, 100 on Linux)
}

// selfCPU is the CPU time this process (the clients) has used.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func freePort() int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func waitReady(c *http.Client, u string) error {
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := c.Get(u); err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return errors.New("samvirke search did not answer within 60 s")
}

type loadResult struct {
	n, errs int
	elapsed time.Duration
	lat     []time.Duration
}

// load sends urls in turn from clients goroutines for d; midway, if not nil, is called half-way.
func load(c *http.Client, urls []string, clients int, d time.Duration, midway func()) loadResult {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	if midway != nil {
		time.AfterFunc(d/2, midway)
	}
	var next atomic.Int64
	var errs atomic.Int64
	lats := make([][]time.Duration, clients)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range clients {
		wg.Go(func() {
			for ctx.Err() == nil {
				u := urls[int(next.Add(1)-1)%len(urls)]
				t := time.Now()
				resp, err := c.Get(u)
				if err != nil {
					errs.Add(1)
					continue
				}
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != http.StatusOK {
					errs.Add(1)
					continue
				}
				lats[i] = append(lats[i], time.Since(t))
			}
		})
	}
	wg.Wait()
	r := loadResult{elapsed: time.Since(start), errs: int(errs.Load()), lat: slices.Concat(lats...)}
	r.n = len(r.lat)
	slices.Sort(r.lat)
	return r
}

func (r loadResult) print(name string, server, client time.Duration, rss, hwm int64) {
	pct := func(p float64) string {
		if len(r.lat) == 0 {
			return "-"
		}
		return fmt.Sprintf("%.2f ms", float64(r.lat[min(len(r.lat)-1, int(float64(len(r.lat))*p))].Microseconds())/1000)
	}
	perQuery := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(max(r.n, 1)) }
	fmt.Printf("%-16s %10.0f %9s %9s %9s %9s %7d %11.3f %11.3f %8.1f MB %8.1f MB\n", name, float64(r.n)/r.elapsed.Seconds(),
		pct(0.50), pct(0.90), pct(0.99), pct(1), r.errs, perQuery(server), perQuery(client), mb(rss), mb(hwm))
}

// memory returns the resident memory of a process now and at its peak (VmRSS and VmHWM).
func memory(pid int) (rss, hwm int64) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		f := strings.Fields(v)
		if len(f) == 0 {
			continue
		}
		kb, _ := strconv.ParseInt(f[0], 10, 64)
		switch k {
		case "VmRSS":
			rss = kb * 1024
		case "VmHWM":
			hwm = kb * 1024
		}
	}
	return rss, hwm
}

func mb(b int64) float64 { return float64(b) / (1 << 20) }

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}
