package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"sync"
	"syscall"
	"time"

	"samvirke/generator/internal/serve"
	"samvirke/search"
)

// cmdSearch serves only /api/search and /sok/ from a built index, for deployments where a web
// server serves public/ and proxies those two paths here. A rebuilt index (samvirke build swaps
// the directory) is picked up within a few seconds, or at once on SIGHUP.
func cmdSearch(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("search", stderr)
	index := fs.String("index", "", "search index directory (written by samvirke build, e.g. search.bleve)")
	public := fs.String("public", "", "the built public/ directory, for the /sok/ page (default: public beside the index)")
	port := fs.Int("port", 1314, "port to listen on")
	bind := fs.String("bind", "127.0.0.1", "interface to listen on")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *index == "" {
		fmt.Fprintln(stderr, "samvirke search: --index is required")
		return exitUsage
	}
	if *public == "" {
		*public = filepath.Join(filepath.Dir(filepath.Clean(*index)), "public")
	}
	// The index is most of the server's memory and nearly all of it lives as long as the index:
	// collect garbage at half the live heap rather than Go's default of all of it, which keeps the
	// process at about one and a half times the index (GOGC in the environment overrides this).
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(50)
	}
	h := &reloadingSearch{}
	if err := h.load(*index, *public); err != nil {
		fmt.Fprintf(stderr, "samvirke search: %v\n", err)
		return exitContent
	}
	defer h.close()
	ctx, stop := signalContext()
	defer stop()
	// SIGHUP (systemctl reload) reloads the index; registered before anything can send it, since an
	// uncaught SIGHUP ends the process.
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go h.watch(ctx, hup)
	srv := &http.Server{Addr: net.JoinHostPort(*bind, strconv.Itoa(*port)), Handler: serve.Headers(h),
		ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second, WriteTimeout: 10 * time.Second,
		ErrorLog: nil}
	l, err := net.Listen("tcp", srv.Addr)
	if err != nil {
		fmt.Fprintf(stderr, "samvirke search: %v\n", err)
		return exitContent
	}
	fmt.Fprintf(stdout, "Search on http://%s/api/search (Ctrl+C stops)\n", l.Addr())
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shut)
	}()
	if err := srv.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "samvirke search: %v\n", err)
		return exitContent
	}
	return exitOK
}

// reloadingSearch serves /api/search and /sok/ from the newest index it was given: samvirke
// search reloads the same directory when a build replaced it, samvirke serve loads each new build's.
// A replaced index is closed a little later, once requests that still use it have finished.
type reloadingSearch struct {
	mu            sync.RWMutex
	index, public string
	ix            *search.Index
	mux           http.Handler
	stamp         time.Time
}

// stampOf identifies an index build: the directory is replaced as a whole, so its modification
// time changes with each build.
func stampOf(dir string) time.Time {
	st, err := os.Stat(dir)
	if err != nil {
		return time.Time{}
	}
	return st.ModTime()
}

// load opens the index in dir and serves it, with the search page of the built site public.
func (r *reloadingSearch) load(index, public string) error {
	stamp := stampOf(index)
	ix, err := search.Open(index)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle("/api/search", search.Handler(ix))
	mux.Handle("/sok/", search.PageHandler(ix, public))
	r.mu.Lock()
	old := r.ix
	r.index, r.public, r.ix, r.mux, r.stamp = index, public, ix, mux, stamp
	r.mu.Unlock()
	// Opening reads the whole index and leaves as much garbage, and the replaced index is free once
	// the requests that still use it are done (an Index holds nothing to close): give the memory
	// back to the system now rather than over the next minutes.
	debug.FreeOSMemory()
	if old != nil {
		old.Close()
		time.AfterFunc(2*time.Second, debug.FreeOSMemory)
	}
	return nil
}

// reload opens the current index directory again (samvirke build has replaced it).
func (r *reloadingSearch) reload() error {
	r.mu.RLock()
	index, public := r.index, r.public
	r.mu.RUnlock()
	return r.load(index, public)
}

func (r *reloadingSearch) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.RLock()
	mux := r.mux
	r.mu.RUnlock()
	mux.ServeHTTP(w, req)
}

// watch reloads the index when its directory was replaced (checked every few seconds) or on hup.
func (r *reloadingSearch) watch(ctx context.Context, hup <-chan os.Signal) {
	t := time.NewTicker(3 * time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-hup:
			r.reload() // on failure keep serving the old index
		case <-t.C:
			r.mu.RLock()
			changed := !stampOf(r.index).Equal(r.stamp)
			r.mu.RUnlock()
			if changed {
				r.reload() // on failure keep serving the old index; the next tick tries again
			}
		}
	}
}

func (r *reloadingSearch) close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.ix != nil {
		r.ix.Close()
	}
}
