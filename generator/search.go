package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
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
// the directory) is picked up within a few seconds, or at once on SIGHUP. GET /api/health says
// which index is served and whether the last reload failed.
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
	if *port < 0 || *port > 65535 {
		fmt.Fprintf(stderr, "samvirke search: --port %d is not a port number\n", *port)
		return exitUsage
	}
	// Check both folders before serving: a wrong path would otherwise only show as a 500 on
	// every search.
	if msg := checkSearchDirs(*index, *public); msg != "" {
		fmt.Fprintf(stderr, "samvirke search: %s\n", msg)
		return exitUsage
	}
	warnNoSearchPage(*public, stderr)
	// The index is most of the server's memory and nearly all of it lives as long as the index:
	// collect garbage at half the live heap rather than Go's default of all of it, which keeps the
	// process at about one and a half times the index (GOGC in the environment overrides this).
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(50)
	}
	h := &reloadingSearch{log: stderr}
	if err := h.load(*index, *public); err != nil {
		fmt.Fprintf(stderr, "samvirke search: --index %s is not an index this samvirke can read: %v\n\trun samvirke build (it writes the index beside public/), or give the right --index\n", *index, err)
		return exitUsage
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
		ReadHeaderTimeout: serve.ReadHeaderTimeout, ReadTimeout: serve.ReadTimeout, WriteTimeout: 10 * time.Second,
		IdleTimeout: serve.IdleTimeout}
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

// checkSearchDirs says what is wrong with the index and public folders given to samvirke search,
// or "".
func checkSearchDirs(index, public string) string {
	if st, err := os.Stat(index); err != nil || !st.IsDir() {
		return fmt.Sprintf("--index %s is not a folder\n\tgive the search index that samvirke build wrote (search.bleve beside public/)", index)
	}
	if st, err := os.Stat(public); err != nil || !st.IsDir() {
		return fmt.Sprintf("--public %s is not a folder\n\tgive the built site (the public/ folder samvirke build wrote), for the /sok/ page", public)
	}
	return ""
}

// warnNoSearchPage warns when the built site has no search page: /api/search works, /sok/ cannot.
func warnNoSearchPage(public string, stderr io.Writer) {
	if _, err := os.Stat(filepath.Join(public, "sok", "index.html")); errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(stderr, "samvirke search: warning: %s has no sok/index.html, so /sok/ cannot answer (the site has no content/sok.md); /api/search works\n", public)
	}
}

// reloadingSearch serves /api/search, /sok/ and /api/health from the newest index it was given:
// samvirke search reloads the same directory when a build replaced it, samvirke serve loads each
// new build's. A replaced index is closed a little later, once requests that still use it have
// finished. A reload that fails keeps the index being served, and is logged (once per distinct
// failure) and shown by /api/health.
type reloadingSearch struct {
	log io.Writer // where failed and successful reloads are reported; never a query

	mu            sync.RWMutex
	index, public string
	ix            *search.Index
	mux           http.Handler
	stamp         time.Time
	loadedAt      time.Time
	reloadErr     error
	reloadErrAt   time.Time
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
	mux.HandleFunc("/api/health", r.health)
	r.mu.Lock()
	old := r.ix
	r.index, r.public, r.ix, r.mux, r.stamp, r.loadedAt = index, public, ix, mux, stamp, time.Now()
	r.reloadErr, r.reloadErrAt = nil, time.Time{}
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

// reload opens the current index directory again (samvirke build has replaced it). On failure
// the index being served stays, and the failure is recorded, and logged unless it is the same as
// the last one (the watch retries every few seconds).
func (r *reloadingSearch) reload() error {
	r.mu.RLock()
	index, public, prev := r.index, r.public, r.reloadErr
	r.mu.RUnlock()
	err := r.load(index, public)
	if err == nil {
		if prev != nil && r.log != nil {
			fmt.Fprintf(r.log, "samvirke search: reloaded the index in %s\n", index)
		}
		return nil
	}
	r.mu.Lock()
	r.reloadErr, r.reloadErrAt = err, time.Now()
	docs, built := r.ix.Stats()
	r.mu.Unlock()
	if r.log != nil && (prev == nil || prev.Error() != err.Error()) {
		fmt.Fprintf(r.log, "samvirke search: reloading the index in %s failed; still serving the one built %s (%d documents): %v\n",
			index, built.Format(time.RFC3339), docs, err)
	}
	return err
}

func (r *reloadingSearch) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.RLock()
	mux := r.mux
	r.mu.RUnlock()
	mux.ServeHTTP(w, req)
}

// healthReport is the body of GET /api/health.
type healthReport struct {
	Status          string     `json:"status"` // "ok", or "stale" when the last reload failed
	Documents       int        `json:"documents"`
	IndexBuilt      time.Time  `json:"index_built"`
	Loaded          time.Time  `json:"loaded"`
	LastReloadError string     `json:"last_reload_error,omitempty"`
	LastReloadAt    *time.Time `json:"last_reload_error_at,omitempty"`
}

// health reports which index is served and whether the last reload failed, for nginx and
// monitoring. It says nothing about searches.
func (r *reloadingSearch) health(w http.ResponseWriter, req *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if req.Method != http.MethodGet && req.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "only GET and HEAD", http.StatusMethodNotAllowed)
		return
	}
	r.mu.RLock()
	rep := healthReport{Status: "ok", Loaded: r.loadedAt.UTC()}
	rep.Documents, rep.IndexBuilt = r.ix.Stats()
	rep.IndexBuilt = rep.IndexBuilt.UTC()
	if r.reloadErr != nil {
		at := r.reloadErrAt.UTC()
		rep.Status, rep.LastReloadError, rep.LastReloadAt = "stale", r.reloadErr.Error(), &at
	}
	r.mu.RUnlock()
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	json.NewEncoder(w).Encode(rep)
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
			r.reload()
		case <-t.C:
			r.mu.RLock()
			changed := !stampOf(r.index).Equal(r.stamp)
			r.mu.RUnlock()
			if changed {
				r.reload() // on failure the next tick tries again
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
