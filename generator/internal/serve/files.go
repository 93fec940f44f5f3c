package serve

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

const (
	cacheImmutable  = "public, max-age=31536000, immutable"
	cacheRevalidate = "no-cache"
)

// contentTypes are the types of the files a build holds. They are listed here rather than taken
// from the mime package because that reads /etc/mime.types, which differs between machines and
// lacks some of these (woff2, ico, txt) on others.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".htm":         "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json",
	".map":         "application/json",
	".webmanifest": "application/manifest+json",
	".xml":         "application/xml",
	".txt":         "text/plain; charset=utf-8",
	".svg":         "image/svg+xml",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".ico":         "image/x-icon",
	".woff2":       "font/woff2",
	".woff":        "font/woff",
	".pdf":         "application/pdf",
}

// contentType is the type of the file name, or "" to let http.ServeContent sniff it.
func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	return mime.TypeByExtension(ext)
}

// hashedName matches the names the generator gives fingerprinted assets, main.3f9a1c2b.js: a
// segment of at least 8 hex digits between dots just before the extension. Such a file never
// changes, so browsers may keep it for a year.
var hashedName = regexp.MustCompile(`\.[0-9a-fA-F]{8,}\.[^./]+$`)

func isHashed(name string) bool { return hashedName.MatchString(path.Base(name)) }

func isHTML(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".html" || ext == ".htm"
}

// siteFiles serves the files of one build directory: /a/b/ is /a/b/index.html, /a/b redirects to
// /a/b/ when that is a directory, anything missing gets the build's 404.html with status 404, and
// directories are never listed. Files are read through an os.Root, so neither ".." nor a symbolic
// link reaches outside the build.
type siteFiles struct {
	dir        string
	liveReload bool // add the live-reload script to HTML pages
}

func (f siteFiles) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Cache-Control", cacheRevalidate)

	root, err := os.OpenRoot(f.dir)
	if err != nil { // removed between a rebuild's swap and this request
		http.Error(w, "the site is being rebuilt; reload the page", http.StatusServiceUnavailable)
		return
	}
	defer root.Close()

	urlPath := path.Clean("/" + r.URL.Path)
	name := strings.TrimPrefix(urlPath, "/")
	if name == "" {
		name = "."
	}
	wantDir := strings.HasSuffix(r.URL.Path, "/")

	info, err := root.Stat(name)
	switch {
	case err != nil:
		f.notFound(w, r, root)
	case info.IsDir() && !wantDir:
		target := (&url.URL{Path: urlPath + "/"}).EscapedPath() // a ? or # in a name stays in the path
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
	case info.IsDir():
		f.serveFile(w, r, root, path.Join(name, "index.html"))
	case wantDir: // a file asked for as if it were a directory
		f.notFound(w, r, root)
	default:
		f.serveFile(w, r, root, name)
	}
}

// serveFile serves the regular file name, or the 404 page when there is none.
func (f siteFiles) serveFile(w http.ResponseWriter, r *http.Request, root *os.Root, name string) {
	file, err := root.Open(name)
	if err != nil {
		f.notFound(w, r, root)
		return
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil || !info.Mode().IsRegular() {
		f.notFound(w, r, root)
		return
	}

	hdr := w.Header()
	if t := contentType(name); t != "" {
		hdr.Set("Content-Type", t)
	}
	if isHashed(name) {
		hdr.Set("Cache-Control", cacheImmutable)
	}
	// An ETag from the modification time in nanoseconds rather than Last-Modified, whose whole
	// seconds would let a browser keep a page that was rebuilt within the same second.
	inject := f.liveReload && isHTML(name)
	etag := fmt.Sprintf("%x-%x", info.ModTime().UnixNano(), info.Size())
	if inject {
		etag += "-lr"
	}
	hdr.Set("ETag", strconv.Quote(etag))

	var content io.ReadSeeker = file
	if inject {
		page, err := io.ReadAll(file)
		if err != nil {
			http.Error(w, "reading "+name+" failed", http.StatusInternalServerError)
			return
		}
		content = bytes.NewReader(injectLiveReload(page))
	}
	http.ServeContent(w, r, name, time.Time{}, content)
}

// notFound answers 404 with the build's 404.html, or a plain message when the build has none.
func (f siteFiles) notFound(w http.ResponseWriter, r *http.Request, root *os.Root) {
	hdr := w.Header()
	hdr.Del("ETag")
	hdr.Set("Cache-Control", cacheRevalidate)
	page, err := root.ReadFile("404.html")
	if err != nil {
		http.NotFound(w, r)
		return
	}
	if f.liveReload {
		page = injectLiveReload(page)
	}
	hdr.Set("Content-Type", contentTypes[".html"])
	hdr.Set("Content-Length", strconv.Itoa(len(page)))
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		w.Write(page)
	}
}

// liveReloadTag loads the live-reload client. It is added to pages as they are served, never to
// the build output on disk.
const liveReloadTag = `<script src="` + liveReloadScriptPath + `" defer></script>`

// injectLiveReload puts liveReloadTag just before the page's last </body>, or at its end when it
// has none.
func injectLiveReload(page []byte) []byte {
	i := lastIndexASCIIFold(page, "</body>")
	if i < 0 {
		i = len(page)
	}
	return slices.Concat(page[:i], []byte(liveReloadTag), page[i:])
}

// lastIndexASCIIFold is bytes.LastIndex ignoring ASCII case. (Lower-casing the page first would
// shift the indexes of any character whose lower case has another UTF-8 length.)
func lastIndexASCIIFold(s []byte, substr string) int {
	for i := len(s) - len(substr); i >= 0; i-- {
		if asciiEqualFold(s[i:i+len(substr)], substr) {
			return i
		}
	}
	return -1
}

func asciiEqualFold(b []byte, s string) bool {
	for i := range len(s) {
		if lowerASCII(b[i]) != lowerASCII(s[i]) {
			return false
		}
	}
	return true
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + ('a' - 'A')
	}
	return c
}
