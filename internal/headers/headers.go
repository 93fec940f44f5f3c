// Package headers is the one source of the portal's security headers: the development server and
// the search server send them (generator/internal/serve), the quality gates serve the built portal
// with them (internal/qa), and a test checks that deploy/nginx.conf sends the same.
package headers

import "net/http"

// CSP allows nothing inline and nothing from elsewhere: the portal ships its scripts, styles and
// fonts as files of its own, and the live-reload client is one of them.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; " +
	"base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// Security are the headers set on every response, in order.
var Security = [...][2]string{
	{"Content-Security-Policy", CSP},
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", "no-referrer"},
	{"X-Frame-Options", "DENY"},
	{"Permissions-Policy", "camera=(), microphone=(), geolocation=()"},
}

// Set sets the security headers on h.
func Set(h http.Header) {
	for _, kv := range Security {
		h.Set(kv[0], kv[1])
	}
}
