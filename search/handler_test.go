package search

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestParseRequest(t *testing.T) {
	tests := []struct {
		query string
		want  Request
		param string // of the RequestError, "" for none
	}{
		{"q=barn", Request{Q: "barn", Page: 1, Size: 10}, ""},
		{"q=++p%C3%A5%09%0Atvers++&page=2&size=50&type=lov&lang=nb", Request{Q: "på tvers", Type: "lov", Lang: "nb", Page: 2, Size: 50}, ""},
		{"q=a%00b", Request{Q: "a b", Page: 1, Size: 10}, ""},
		{"q=" + strings.Repeat("ø", 200), Request{Q: strings.Repeat("ø", 200), Page: 1, Size: 10}, ""},
		{"q=" + strings.Repeat("ø", 201), Request{}, "q"},
		{"", Request{}, "q"},
		{"q=+%09+", Request{}, "q"},
		{"q=%ff", Request{}, "q"},
		{"q=x&page=0", Request{}, "page"},
		{"q=x&page=101", Request{}, "page"},
		{"q=x&page=999999", Request{}, "page"},
		{"q=x&page=1e3", Request{}, "page"},
		{"q=x&size=0", Request{}, "size"},
		{"q=x&size=-1", Request{}, "size"},
		{"q=x&size=51", Request{}, "size"},
		{"q=x&type=Modell", Request{}, "type"},
		{"q=x&type=" + strings.Repeat("a", 33), Request{}, "type"},
		{"q=x&lang=nb%3Cscript", Request{}, "lang"},
	}
	for _, tt := range tests {
		v, err := url.ParseQuery(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ParseRequest(v)
		var re *RequestError
		switch {
		case tt.param == "" && err != nil:
			t.Errorf("%s: %v", tt.query, err)
		case tt.param == "" && got != tt.want:
			t.Errorf("%s: %+v, want %+v", tt.query, got, tt.want)
		case tt.param != "" && (!errors.As(err, &re) || re.Param != tt.param):
			t.Errorf("%s: %+v, %v; want a RequestError for %s", tt.query, got, err, tt.param)
		}
	}
}

// TestHandlerBadInput sends what a careless or hostile client might. Each
// request must get 400 with a JSON error, or 200 with a sane result; never a
// 500, never a panic.
func TestHandlerBadInput(t *testing.T) {
	ix := openTestIndex(t)
	h := Handler(ix)
	tests := []struct {
		method, target string
		status         int
	}{
		{"GET", "/api/search", 400},
		{"GET", "/api/search?q=", 400},
		{"GET", "/api/search?q=" + strings.Repeat("x", 10<<10), 400},
		{"GET", "/api/search?q=" + strings.Repeat("%20", 5000) + "x", 400},
		{"GET", "/api/search?q=%ff", 400},
		{"GET", "/api/search?q=%zz", 400},
		{"GET", "/api/search?q=*", 200},
		{"GET", "/api/search?q=/.*/", 200},
		{"GET", "/api/search?q=title:x", 200},
		{"GET", "/api/search?q=%22abc", 200},
		{"GET", "/api/search?q=%3Cscript%3Ealert(1)%3C/script%3E", 200},
		{"GET", "/api/search?q=a%00b", 200},
		{"GET", "/api/search?q=" + url.QueryEscape(strings.Repeat("stafettlogg ", 16)), 200},
		{"GET", "/api/search?q=" + url.QueryEscape(strings.Repeat("å", 200)), 200},
		{"GET", "/api/search?q=x&page=999999", 400},
		{"GET", "/api/search?q=x&page=-1", 400},
		{"GET", "/api/search?q=x&size=-1", 400},
		{"GET", "/api/search?q=x&size=51", 400},
		{"GET", "/api/search?q=x&size=abc", 400},
		{"GET", "/api/search?q=x&type=../../etc", 400},
		{"GET", "/api/search?q=barn&type=lov&lang=nb&page=100&size=50", 200},
		{"HEAD", "/api/search?q=barn", 200},
		{"POST", "/api/search?q=barn", 405},
		{"PUT", "/api/search?q=barn", 405},
		{"DELETE", "/api/search", 405},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.target, nil))
		name := tt.method + " " + tt.target[:min(len(tt.target), 60)]
		if rec.Code != tt.status {
			t.Errorf("%s: status %d, want %d: %s", name, rec.Code, tt.status, rec.Body)
		}
		checkAPIHeaders(t, name, rec.Result().Header)
		if tt.method == "HEAD" {
			continue
		}
		if rec.Code == 200 {
			var resp Response
			if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil || resp.Hits == nil || resp.Facets["type"] == nil || resp.Facets["lang"] == nil {
				t.Errorf("%s: body %s (%v)", name, rec.Body, err)
			}
		} else {
			var e apiError
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error == "" {
				t.Errorf("%s: error body %s (%v)", name, rec.Body, err)
			}
		}
	}
}

func checkAPIHeaders(t *testing.T, name string, h http.Header) {
	t.Helper()
	for k, v := range map[string]string{
		"Content-Type":           "application/json; charset=utf-8",
		"Cache-Control":          "no-store",
		"X-Content-Type-Options": "nosniff",
	} {
		if got := h.Get(k); got != v {
			t.Errorf("%s: %s: %q, want %q", name, k, got, v)
		}
	}
}

func TestHandlerResponse(t *testing.T) {
	ix := openTestIndex(t)
	rec := httptest.NewRecorder()
	Handler(ix).ServeHTTP(rec, httptest.NewRequest("GET", "/api/search?q=Pa+tvers&size=5", nil))
	var got map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got["query"] != "Pa tvers" || got["total"] != 1.0 {
		t.Errorf("response %s", rec.Body)
	}
	hits := got["hits"].([]any)
	hit := hits[0].(map[string]any)
	for _, k := range []string{"title", "url", "type", "lang", "snippet"} {
		if _, ok := hit[k]; !ok {
			t.Errorf("hit lacks %q: %v", k, hit)
		}
	}
	if rec.Header().Get("Allow") != "" {
		t.Error("Allow header on a GET")
	}
	rec = httptest.NewRecorder()
	Handler(ix).ServeHTTP(rec, httptest.NewRequest("POST", "/api/search?q=x", nil))
	if rec.Header().Get("Allow") != "GET, HEAD" {
		t.Errorf("405 without Allow: %v", rec.Header())
	}
}

func TestHandlerTimeout(t *testing.T) {
	ix := openTestIndex(t)
	ix.timeout = time.Nanosecond
	rec := httptest.NewRecorder()
	Handler(ix).ServeHTTP(rec, httptest.NewRequest("GET", "/api/search?q=barn", nil))
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), `"error"`) {
		t.Errorf("timeout: %d %s", rec.Code, rec.Body)
	}
	checkAPIHeaders(t, "timeout", rec.Result().Header)
}

func TestHandlerRecovers(t *testing.T) {
	// A nil index makes the search panic; the handler must answer 500 JSON.
	rec := httptest.NewRecorder()
	Handler(&Index{}).ServeHTTP(rec, httptest.NewRequest("GET", "/api/search?q=barn", nil))
	if rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Body.String(), `"error"`) {
		t.Errorf("panic: %d %s", rec.Code, rec.Body)
	}
}

func TestHandlerOverHTTP(t *testing.T) {
	// Through a real server too: raw bytes in the query string that
	// httptest.NewRequest would refuse.
	ix := openTestIndex(t)
	srv := httptest.NewServer(Handler(ix))
	defer srv.Close()
	for target, status := range map[string]int{
		"/?q=%ff%fe":                        400,
		"/?q=\xff":                          400,
		"/?q=p%C3%A5+tvers":                 200,
		"/?q=" + strings.Repeat("a", 20000): 400,
	} {
		resp, err := http.Get(srv.URL + target)
		if err != nil {
			t.Errorf("%.40s: %v", target, err)
			continue
		}
		resp.Body.Close()
		if resp.StatusCode != status {
			t.Errorf("%.40s: status %d, want %d", target, resp.StatusCode, status)
		}
	}
}
