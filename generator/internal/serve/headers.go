package serve

import "net/http"

// contentSecurityPolicy allows nothing inline and nothing from elsewhere: the portal ships its
// scripts, styles and fonts as files of its own, and the live-reload client is one of them.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; " +
	"base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders are set on every response.
var securityHeaders = [...][2]string{
	{"Content-Security-Policy", contentSecurityPolicy},
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", "no-referrer"},
	{"X-Frame-Options", "DENY"},
	{"Permissions-Policy", "camera=(), microphone=(), geolocation=()"},
}

// Headers sets the portal's security headers on every response of h before h runs, so h may
// still override one it has a reason to. It sets no cookies and adds no caching policy.
func Headers(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hdr := w.Header()
		for _, kv := range securityHeaders {
			hdr.Set(kv[0], kv[1])
		}
		h.ServeHTTP(w, r)
	})
}
