package search

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"time"
)

// searchTimeout bounds one search made through Handler or PageHandler.
const searchTimeout = 2 * time.Second

// Handler serves the search API: GET (or HEAD) with the parameters that
// ParseRequest reads, answering with a Response as JSON, or {"error": "…"}
// with status 400 (bad input), 405 (method), 503 (timeout) or 500.
//
// It never logs: queries may contain personal information.
func Handler(ix *Index) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "application/json; charset=utf-8")
		h.Set("Cache-Control", "no-store")
		h.Set("X-Content-Type-Options", "nosniff")
		defer recoverWith(func() {
			writeJSON(w, http.StatusInternalServerError, apiError{"Intern feil i søket."})
		})

		if !allowMethod(w, r) {
			writeJSON(w, http.StatusMethodNotAllowed, apiError{"Bare GET og HEAD er tillatt."})
			return
		}
		req, err := ParseRequest(r.URL.Query())
		if err != nil {
			writeJSON(w, http.StatusBadRequest, apiError{err.Error()})
			return
		}
		resp, err := ix.search(r.Context(), req)
		if err != nil {
			status, msg := failure(err)
			writeJSON(w, status, apiError{msg})
			return
		}
		writeJSON(w, http.StatusOK, resp)
	})
}

type apiError struct {
	Error string `json:"error"`
}

// search is Search with the handlers' timeout.
func (ix *Index) search(ctx context.Context, r Request) (Response, error) {
	timeout := ix.timeout
	if timeout == 0 {
		timeout = searchTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	return ix.Search(ctx, r)
}

// failure maps a Search error to a status and a message for the user.
func failure(err error) (int, string) {
	var re *RequestError
	switch {
	case errors.As(err, &re):
		return http.StatusBadRequest, re.Msg
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return http.StatusServiceUnavailable, "Søket tok for lang tid. Prøv igjen, gjerne med færre ord."
	}
	return http.StatusInternalServerError, "Søket feilet. Prøv igjen senere."
}

func allowMethod(w http.ResponseWriter, r *http.Request) bool {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return true
	}
	w.Header().Set("Allow", "GET, HEAD")
	return false
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"error":"Intern feil i søket."}`)
	}
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

// recoverWith turns a panic into a last-resort response written by fail. It
// must be deferred directly.
func recoverWith(fail func()) {
	if p := recover(); p != nil {
		if p == http.ErrAbortHandler {
			panic(p)
		}
		fail()
	}
}
