package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"

	"samvirke/generator/internal/build"
	"samvirke/generator/internal/features"
	"samvirke/generator/internal/serve"
)

// watched are the parts of a site source that trigger a rebuild.
var watched = []string{"content", "layouts", "assets", "static", "i18n", "data", "hugo.toml"}

func cmdServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", stderr)
	src := fs.String("source", ".", "site source directory")
	port := fs.Int("port", 1313, "port to listen on")
	bind := fs.String("bind", "127.0.0.1", "interface to listen on")
	drafts := fs.Bool("drafts", false, "include pages with draft: true")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if _, ok := sourceDir(*src, stderr); !ok {
		return exitUsage
	}
	if *port < 0 || *port > 65535 {
		fmt.Fprintf(stderr, "samvirke serve: --port %d is not a port number\n", *port)
		return exitUsage
	}
	host := *bind
	if host == "0.0.0.0" || host == "" {
		host = "localhost"
	}
	baseURL := "http://" + net.JoinHostPort(host, strconv.Itoa(*port)) + "/"
	var watch []string
	for _, w := range watched {
		watch = append(watch, filepath.Join(*src, w))
	}
	// Each build goes to its own temporary directory; the served public/ of the source tree is
	// never touched, and the live-reload script is added by the server, not written to disk.
	root, err := os.MkdirTemp("", "samvirke-serve-")
	if err != nil {
		fmt.Fprintf(stderr, "samvirke serve: %v\n", err)
		return exitContent
	}
	defer os.RemoveAll(root)
	n := 0
	buildOnce := func() (string, error) {
		n++
		dest := filepath.Join(root, strconv.Itoa(n), "public")
		index := filepath.Join(root, strconv.Itoa(n), "search.bleve")
		res, err := build.Build(build.Options{Source: *src, Dest: dest, Drafts: *drafts, BaseURL: baseURL,
			Features: features.All(index)})
		fmt.Fprint(stderr, res.Diagnostics.Report())
		if err != nil {
			return "", fmt.Errorf("%d error(s); see above", len(res.Diagnostics.Errors()))
		}
		fmt.Fprintf(stdout, "built %d pages in %s\n", res.Pages, res.Duration.Round(1e6))
		return dest, nil
	}
	search := &reloadingSearch{log: stderr}
	defer search.close()
	ctx, stop := signalContext()
	defer stop()
	err = serve.Run(ctx, serve.Options{
		Bind: *bind, Port: *port, Watch: watch, Build: buildOnce, LiveReload: true, Cleanup: true, Log: stdout,
		Extra: func(dir string) map[string]http.Handler {
			if err := search.load(filepath.Join(filepath.Dir(dir), "search.bleve"), dir); err != nil {
				fmt.Fprintf(stderr, "search is unavailable for this build: %v\n", err)
				return nil
			}
			return map[string]http.Handler{"/api/search": search, "/sok/": search, "/api/health": search}
		},
	})
	if err != nil {
		fmt.Fprintf(stderr, "samvirke serve: %v\n", err)
		return exitContent
	}
	return exitOK
}
