package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// builtSite builds the fixture site and returns the folder holding public/ and search.bleve/.
func builtSite(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "--source", filepath.Join("internal", "build", "testdata", "site"), "--dest", filepath.Join(root, "public")}, &stdout, &stderr); code != exitOK {
		t.Fatalf("build: exit %d\n%s", code, stderr.String())
	}
	return root
}

// TestSearchChecksItsFolders: samvirke search refuses, with exit 2 and a message, folders that
// are not a built site and index, instead of starting and answering every search with a 500.
func TestSearchChecksItsFolders(t *testing.T) {
	root := builtSite(t)
	index, public := filepath.Join(root, "search.bleve"), filepath.Join(root, "public")
	empty := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--index", filepath.Join(root, "nowhere")}, "--index " + filepath.Join(root, "nowhere") + " is not a folder"},
		{[]string{"--index", index, "--public", "/nonexistent"}, "--public /nonexistent is not a folder"},
		{[]string{"--index", empty, "--public", public}, "is not an index this samvirke can read"},
		{[]string{"--index", index, "--port", "70000"}, "is not a port number"},
		{[]string{}, "--index is required"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(append([]string{"search"}, c.args...), &stdout, &stderr)
		if code != exitUsage || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("search %v: exit %d, want %d with %q:\n%s", c.args, code, exitUsage, c.want, stderr.String())
		}
	}
}

type health struct {
	Status          string `json:"status"`
	Documents       int    `json:"documents"`
	IndexBuilt      string `json:"index_built"`
	LastReloadError string `json:"last_reload_error"`
}

func getHealth(t *testing.T, url string) health {
	t.Helper()
	resp, err := http.Get(url + "/api/health")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var h health
	if err := json.NewDecoder(resp.Body).Decode(&h); err != nil || resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("GET /api/health: %d %v %v", resp.StatusCode, resp.Header, err)
	}
	return h
}

// TestFailedReloadIsReported: a reload that fails keeps the old index, is logged once (without
// any query) and shows on /api/health; a good index after it is picked up again.
func TestFailedReloadIsReported(t *testing.T) {
	root := builtSite(t)
	index, public := filepath.Join(root, "search.bleve"), filepath.Join(root, "public")
	var log bytes.Buffer
	h := &reloadingSearch{log: &log}
	if err := h.load(index, public); err != nil {
		t.Fatal(err)
	}
	defer h.close()
	srv := httptest.NewServer(h)
	defer srv.Close()

	first := getHealth(t, srv.URL)
	if first.Status != "ok" || first.Documents < 3 || first.IndexBuilt == "" || first.LastReloadError != "" {
		t.Fatalf("health of a good index: %+v", first)
	}

	// The index is deleted and replaced by something that is not one.
	saved := filepath.Join(root, "saved.bleve")
	if err := os.Rename(index, saved); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(index, 0o755)
	os.WriteFile(filepath.Join(index, "samvirke.json"), []byte("{ikke json"), 0o644)
	for i := 0; i < 2; i++ {
		if err := h.reload(); err == nil {
			t.Fatal("reloading a broken index succeeded")
		}
	}
	if n := strings.Count(log.String(), "reloading the index in "+index+" failed; still serving the one built"); n != 1 {
		t.Errorf("the failure was logged %d times, want once:\n%s", n, log.String())
	}
	got := getHealth(t, srv.URL)
	if got.Status != "stale" || !strings.Contains(got.LastReloadError, "samvirke.json") || got.Documents != first.Documents {
		t.Errorf("health after a failed reload: %+v", got)
	}
	resp, err := http.Get(srv.URL + "/api/search?q=hemmeligsøk")
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("search while the reload fails: %d", resp.StatusCode)
	}

	// The index comes back.
	os.RemoveAll(index)
	if err := os.Rename(saved, index); err != nil {
		t.Fatal(err)
	}
	if err := h.reload(); err != nil {
		t.Fatal(err)
	}
	if got := getHealth(t, srv.URL); got.Status != "ok" || got.LastReloadError != "" {
		t.Errorf("health after a good reload: %+v", got)
	}
	if !strings.Contains(log.String(), "reloaded the index in "+index) {
		t.Errorf("the recovery was not logged:\n%s", log.String())
	}
	if strings.Contains(log.String(), "hemmelig") {
		t.Errorf("a query reached the log:\n%s", log.String())
	}
}
