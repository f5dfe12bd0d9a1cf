package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/rogpeppe/go-internal/testscript"
)

// replay NAME DIR starts a local server that answers each request with
// the next file of DIR, in name order, and sets $NAME to its address.
// A file may start with a line "HTTP 429" (a status) and lines
// "Header: value" before a blank line; the rest is the body. Each request
// (path and query) is appended to DIR.asked. The server stops with the
// script.
func cmdReplay(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: replay NAME DIR")
	}
	dir := ts.MkAbs(args[1])
	entries, err := os.ReadDir(dir)
	ts.Check(err)
	var files []string
	for _, e := range entries {
		files = append(files, filepath.Join(dir, e.Name()))
	}
	sort.Strings(files)
	var mu sync.Mutex
	asked := dir + ".asked"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		f, err := os.OpenFile(asked, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err == nil {
			fmt.Fprintln(f, r.URL.RequestURI())
			f.Close()
		}
		if len(files) == 0 {
			http.Error(w, "the replay has no more answers", http.StatusTeapot)
			return
		}
		b, err := os.ReadFile(files[0])
		files = files[1:]
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		status, body := replayAnswer(w, string(b))
		w.WriteHeader(status)
		w.Write([]byte(body))
	}))
	ts.Defer(srv.Close)
	ts.Setenv(args[0], srv.URL)
}

func replayAnswer(w http.ResponseWriter, s string) (int, string) {
	if !strings.HasPrefix(s, "HTTP ") {
		return http.StatusOK, s
	}
	head, body, _ := strings.Cut(s, "\n\n")
	lines := strings.Split(head, "\n")
	status, _ := strconv.Atoi(strings.TrimPrefix(lines[0], "HTTP "))
	for _, l := range lines[1:] {
		if k, v, ok := strings.Cut(l, ":"); ok {
			w.Header().Set(strings.TrimSpace(k), strings.TrimSpace(v))
		}
	}
	return status, body
}
