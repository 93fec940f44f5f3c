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
// with status 400 (bad input), 405 (method), 503 (timeout) or 500. The error
// text is in the language of the parameter ui ("da"), or in the site's
// default language when ui is missing or has no texts (see Messages).
//
// It never logs: queries may contain personal information.
func Handler(ix *Index) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "application/json; charset=utf-8")
		h.Set("Cache-Control", "no-store")
		h.Set("X-Content-Type-Options", "nosniff")
		lang := ix.messages.lang(r.URL.Query().Get("ui"))
		defer recoverWith(func() {
			writeJSON(w, http.StatusInternalServerError, apiError{ix.messages.get(lang, "searchErrInternal")})
		})

		if !allowMethod(w, r) {
			writeJSON(w, http.StatusMethodNotAllowed, apiError{ix.messages.get(lang, "searchErrMethod")})
			return
		}
		req, err := ParseRequest(r.URL.Query())
		if err != nil {
			status, msg := ix.failure(lang, err)
			writeJSON(w, status, apiError{msg})
			return
		}
		resp, err := ix.search(r.Context(), req)
		if err != nil {
			status, msg := ix.failure(lang, err)
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

// failure maps a ParseRequest or Search error to a status and a message for
// the user in lang.
func (ix *Index) failure(lang string, err error) (int, string) {
	var re *RequestError
	switch {
	case errors.As(err, &re):
		return http.StatusBadRequest, ix.messages.get(lang, re.ID, re.Args...)
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return http.StatusServiceUnavailable, ix.messages.get(lang, "searchErrTimeout")
	}
	return http.StatusInternalServerError, ix.messages.get(lang, "searchErrFailed")
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
		status, b = http.StatusInternalServerError, []byte(`{"error":"internal error"}`)
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
