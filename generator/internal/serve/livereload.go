package serve

import (
	"bytes"
	_ "embed"
	"fmt"
	"net/http"
	"sync"
	"time"
)

const (
	liveReloadScriptPath = "/_samvirke/livereload.js"
	liveReloadEventsPath = "/_samvirke/events"
)

//go:embed livereload.js
var liveReloadScript []byte

func serveLiveReloadScript(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", contentTypes[".js"])
	w.Header().Set("Cache-Control", cacheRevalidate)
	http.ServeContent(w, r, "livereload.js", time.Time{}, bytes.NewReader(liveReloadScript))
}

// reloadHub is the Server-Sent Events endpoint of live reload. Each stream starts with a "hello"
// event carrying the id of the build being served, and gets a "reload" event with the new id
// after every successful rebuild.
type reloadHub struct {
	mu      sync.Mutex
	build   string
	streams map[chan string]struct{}
	closed  bool
	done    chan struct{} // closed by close: every stream ends
}

func newReloadHub() *reloadHub {
	return &reloadHub{streams: make(map[chan string]struct{}), done: make(chan struct{})}
}

// publish makes build the one announced to new streams and tells the open ones to reload.
func (h *reloadHub) publish(build string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.build = build
	for stream := range h.streams {
		select {
		case stream <- build:
		default: // a reload is already pending on this stream
		}
	}
}

// close ends every stream, open or yet to come, so that http.Server.Shutdown is not kept waiting.
func (h *reloadHub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.closed {
		h.closed = true
		close(h.done)
	}
}

func (h *reloadHub) subscribe() (stream chan string, build string, ok bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, "", false
	}
	stream = make(chan string, 1)
	h.streams[stream] = struct{}{}
	return stream, h.build, true
}

func (h *reloadHub) unsubscribe(stream chan string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.streams, stream)
}

func (h *reloadHub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr.Set("Content-Type", "text/event-stream")
	hdr.Set("Cache-Control", cacheRevalidate)
	if r.Method == http.MethodHead {
		return
	}
	stream, build, ok := h.subscribe()
	if !ok {
		http.Error(w, "the server is stopping", http.StatusServiceUnavailable)
		return
	}
	defer h.unsubscribe(stream)

	rc := http.NewResponseController(w)
	// retry: reconnect a second after the stream breaks, e.g. when the server restarts.
	fmt.Fprintf(w, "retry: 1000\nevent: hello\ndata: %s\n\n", build)
	if rc.Flush() != nil {
		return
	}
	for {
		select {
		case <-r.Context().Done():
			return
		case <-h.done:
			return
		case build := <-stream:
			fmt.Fprintf(w, "event: reload\ndata: %s\n\n", build)
			if rc.Flush() != nil {
				return
			}
		}
	}
}
