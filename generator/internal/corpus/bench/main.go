// Command bench measures samvirke's build on synthetic sites of 1,000 and 10,000 pages: wall time
// (median of several runs) and the peak resident memory of the samvirke process. make bench runs it.
// It measures on the temporary directory's disk and, where present, on tmpfs (/dev/shm): on slow
// virtual disks creating 10,000 files dominates the build, and the two figures separate the
// generator's own cost from the file system's.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"samvirke/generator/internal/corpus"
)

func main() {
	bin := flag.String("bin", "bin/samvirke", "samvirke binary")
	sizes := flag.String("pages", "1000,10000", "comma-separated corpus sizes")
	runs := flag.Int("runs", 3, "builds per size (the median is reported)")
	dirs := flag.String("dirs", defaultDirs(), "comma-separated directories to build in")
	flag.Parse()
	root, _ := os.Getwd()
	fmt.Printf("%-10s %-8s %12s %12s %14s\n", "where", "pages", "median", "best", "peak RSS")
	for _, where := range strings.Split(*dirs, ",") {
		for _, s := range strings.Split(*sizes, ",") {
			measure(*bin, root, where, s, *runs)
		}
	}
}

func defaultDirs() string {
	dirs := os.TempDir()
	if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() {
		dirs += ",/dev/shm"
	}
	return dirs
}

func measure(bin, root, where, s string, runs int) {
	{
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			fail(err)
		}
		dir, err := os.MkdirTemp(where, "samvirke-bench-")
		if err != nil {
			fail(err)
		}
		if err := corpus.Write(dir, root, n); err != nil {
			fail(err)
		}
		var times []time.Duration
		var peak int64
		for range runs {
			cmd := exec.Command(bin, "build", "--source", dir, "--dest", filepath.Join(dir, "public"))
			cmd.Stderr = os.Stderr
			start := time.Now()
			if err := cmd.Run(); err != nil {
				fail(fmt.Errorf("build of %d pages: %w", n, err))
			}
			times = append(times, time.Since(start))
			if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
				peak = max(peak, ru.Maxrss) // kilobytes on Linux
			}
		}
		slices.Sort(times)
		fmt.Printf("%-10s %-8d %12s %12s %11.1f MB\n", where, n, times[len(times)/2].Round(time.Millisecond), times[0].Round(time.Millisecond), float64(peak)/1024)
		os.RemoveAll(dir)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}
