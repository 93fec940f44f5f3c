package serve

import (
	"net/http"

	"samvirke/internal/headers"
)

// Headers sets the portal's security headers (internal/headers) on every response of h before h
// runs, so h may still override one it has a reason to. It sets no cookies and adds no caching
// policy.
func Headers(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		headers.Set(w.Header())
		h.ServeHTTP(w, r)
	})
}
