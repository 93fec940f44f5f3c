// Package serve is the preview server of `samvirke serve`: it serves the last good build of the
// site, rebuilds it when the source changes and, with live reload, makes open pages reload after
// each successful rebuild.
//
// It logs no request URLs at all: the query strings of the search pages may carry the names of
// citizens.
package serve

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

const (
	defaultBind     = "127.0.0.1"
	defaultPort     = 1313
	shutdownTimeout = 5 * time.Second
)

// Timeouts of samvirke's servers (serve and search): a client that sends its headers or body too
// slowly, or keeps an idle connection open, is disconnected, so that a handful of them cannot
// use up the server.
const (
	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 10 * time.Second
	IdleTimeout       = 60 * time.Second
)

// Options configure Run.
type Options struct {
	Bind string // address to listen on; "127.0.0.1" if empty
	Port int    // port to listen on; 1313 if 0

	// Listener, if set, is used instead of Bind and Port (tests pass one on port 0). Run closes
	// it.
	Listener net.Listener

	// Watch lists the files and directories of the site's source; directories are watched with
	// all their subdirectories, and paths that do not exist are skipped.
	Watch []string

	// Build builds the site into a fresh directory and returns that directory. Run calls it once
	// at the start and again after every change to the source. The directory of a build that is
	// no longer served is removed; Build cleans up after itself when it fails.
	Build func() (dir string, err error)

	// Extra returns handlers to mount beside the files of the build in dir, keyed by
	// http.ServeMux pattern, e.g. "/api/search" and "/sok/". It is called after every successful
	// Build and its handlers replace the previous ones together with the files, so they can
	// serve the new build's data. It may be nil, and may return nil.
	Extra func(dir string) map[string]http.Handler

	// Log receives the terminal output: the address, each rebuild and its duration, and errors.
	// It is never given a request URL. Nil discards the output.
	Log io.Writer

	// LiveReload adds the live-reload client to HTML pages and serves it under /_samvirke/.
	LiveReload bool

	// Cleanup removes the directory of the last build when Run returns.
	Cleanup bool

	// ReadTimeout and IdleTimeout override the package's defaults (tests use short ones). The
	// read timeout also bounds reading the request's headers.
	ReadTimeout, IdleTimeout time.Duration
}

// Run builds the site, serves it and rebuilds it on changes until ctx is done, then shuts down
// gracefully (waiting for a rebuild in progress) and returns nil. It returns an error when the
// first build fails or the server cannot listen.
func Run(ctx context.Context, o Options) error {
	if o.Build == nil {
		return errors.New("serve: Options.Build is nil")
	}
	s := newServer(o)

	ln := o.Listener
	if ln == nil {
		addr := net.JoinHostPort(cmp.Or(o.Bind, defaultBind), strconv.Itoa(cmp.Or(o.Port, defaultPort)))
		var err error
		if ln, err = net.Listen("tcp", addr); err != nil {
			return fmt.Errorf("serve: %w", err)
		}
	}
	defer ln.Close()

	// Watch before the first build, so that a change made while it runs is not missed.
	w, err := newWatcher(o.Watch, s.log)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer w.Close()

	took, err := s.rebuild()
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	fmt.Fprintf(s.log, "Built in %v\n", took)

	// No WriteTimeout: it would cut the live-reload stream, which stays open. (The read deadline
	// ends with the request: net/http clears it once the handler runs.)
	read, idle := cmp.Or(o.ReadTimeout, ReadTimeout), cmp.Or(o.IdleTimeout, IdleTimeout)
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: min(read, ReadHeaderTimeout),
		ReadTimeout:       read,
		IdleTimeout:       idle,
		ErrorLog:          log.New(s.log, "serve: ", 0),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(s.log, "Serving on http://%s/ (Ctrl+C stops)\n", ln.Addr())

	watchCtx, stopWatching := context.WithCancel(ctx)
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		w.run(watchCtx, s.rebuildAfterChange)
	}()

	select {
	case <-ctx.Done():
	case err = <-served:
		err = fmt.Errorf("serve: %w", err)
	}

	stopWatching()
	<-watched
	if s.hub != nil {
		s.hub.close()
	}
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	defer cancel()
	if e := srv.Shutdown(shutdownCtx); e != nil {
		srv.Close()
		err = errors.Join(err, fmt.Errorf("serve: shutting down: %w", e))
	}
	if o.Cleanup {
		if e := os.RemoveAll(s.current.Load().dir); e != nil {
			err = errors.Join(err, fmt.Errorf("serve: removing the build: %w", e))
		}
	}
	return err
}

// server holds the build being served and the handler that serves it.
type server struct {
	opts    Options
	log     io.Writer
	current atomic.Pointer[build]
	hub     *reloadHub // nil without live reload
	handler http.Handler
}

// build is a successful build: its directory, an id that tells it from every other build, and
// the handler of its files and Extra handlers.
type build struct {
	dir     string
	id      string
	handler http.Handler
}

func newServer(o Options) *server {
	s := &server{opts: o, log: io.Discard}
	if o.Log != nil {
		s.log = &lockedWriter{w: o.Log}
	}
	mux := http.NewServeMux()
	if o.LiveReload {
		s.hub = newReloadHub()
		mux.HandleFunc("GET "+liveReloadScriptPath, serveLiveReloadScript)
		mux.Handle("GET "+liveReloadEventsPath, s.hub)
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		b := s.current.Load()
		if b == nil {
			http.Error(w, "the site is not built yet", http.StatusServiceUnavailable)
			return
		}
		b.handler.ServeHTTP(w, r)
	})
	s.handler = Headers(mux)
	return s
}

// rebuild runs Build and serves its result.
func (s *server) rebuild() (time.Duration, error) {
	start := time.Now()
	dir, err := s.opts.Build()
	if err != nil {
		return 0, err
	}
	if err := s.install(dir); err != nil {
		return 0, err
	}
	return time.Since(start).Round(time.Millisecond), nil
}

func (s *server) rebuildAfterChange() {
	fmt.Fprintln(s.log, "Change detected, rebuilding")
	took, err := s.rebuild()
	if err != nil {
		fmt.Fprintf(s.log, "Rebuild failed, still serving the last good build:\n%v\n", err)
		return
	}
	fmt.Fprintf(s.log, "Rebuilt in %v\n", took)
}

// install serves the build in dir from now on, removes the build it replaces and tells open
// pages to reload. A build it cannot serve is removed instead.
func (s *server) install(dir string) error {
	if dir == "" {
		return errors.New("Options.Build returned no directory")
	}
	var extra map[string]http.Handler
	if s.opts.Extra != nil {
		extra = s.opts.Extra(dir)
	}
	handler, err := buildHandler(siteFiles{dir: dir, liveReload: s.opts.LiveReload}, extra)
	if err != nil {
		s.remove(dir)
		return err
	}
	b := &build{dir: dir, id: strconv.FormatInt(time.Now().UnixNano(), 36), handler: handler}
	if old := s.current.Swap(b); old != nil {
		s.remove(old.dir)
	}
	if s.hub != nil {
		s.hub.publish(b.id)
	}
	return nil
}

// remove deletes the build directory dir unless it is the one being served (a Build that reuses
// its directory).
func (s *server) remove(dir string) {
	if b := s.current.Load(); b != nil && sameDir(b.dir, dir) {
		return
	}
	if err := os.RemoveAll(dir); err != nil {
		fmt.Fprintf(s.log, "Removing an old build: %v\n", err)
	}
}

func sameDir(a, b string) bool {
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	return errA == nil && errB == nil && absA == absB
}

// buildHandler routes to the Extra handlers by their patterns and to files for everything else.
func buildHandler(files http.Handler, extra map[string]http.Handler) (_ http.Handler, err error) {
	mux := http.NewServeMux()
	// ServeMux panics on an invalid or conflicting pattern; a rebuild must not take the server
	// down with it.
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("mounting the Extra handlers: %v", p)
		}
	}()
	for pattern, h := range extra {
		mux.Handle(pattern, h)
	}
	mux.Handle("/", files)
	return mux, nil
}

// lockedWriter serialises writes to the log, which comes from rebuilds and the HTTP server at
// once.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
