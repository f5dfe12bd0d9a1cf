package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/london-anchors/tenders/internal/site"
	"github.com/london-anchors/tenders/internal/theme"
)

// copySite copies the repository's example site into a temporary folder.
func copySite(tb testing.TB) string {
	tb.Helper()
	dst := tb.TempDir()
	root := "../.."
	for _, top := range []string{"site.toml", "content", "static"} {
		err := filepath.Walk(filepath.Join(root, top), func(p string, info os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			if info.IsDir() {
				return os.MkdirAll(filepath.Join(dst, rel), 0o755)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
	return dst
}

func start(tb testing.TB, dir string) (base string, events *bufio.Scanner) {
	tb.Helper()
	base, events, _ = startIn(tb, dir, "")
	return base, events
}

// startIn starts a preview of dir that makes its folder in tmp; stop
// stops it and waits.
func startIn(tb testing.TB, dir, tmp string) (base string, events *bufio.Scanner, stop func()) {
	tb.Helper()
	l, err := Listen("127.0.0.1", 0)
	if err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{Dir: dir, Defaults: site.Defaults{Templates: theme.Templates(), Static: theme.Static()},
		Now: func() time.Time { return time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC) }, Log: io.Discard, TempDir: tmp}
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, l) }()
	var once sync.Once
	stop = func() { once.Do(func() { cancel(); <-done }) }
	tb.Cleanup(stop)
	base = "http://" + l.Addr().String() + "/"
	var resp *http.Response
	for range 100 {
		if resp, err = http.Get(base + eventsPath); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { resp.Body.Close() })
	return base, bufio.NewScanner(resp.Body), stop
}

// TestServeFolder: the preview builds into a folder of its own, which
// holds the site while it runs and is gone when it stops.
func TestServeFolder(t *testing.T) {
	tmp := t.TempDir()
	_, _, stop := startIn(t, copySite(t), tmp)
	made, err := filepath.Glob(filepath.Join(tmp, "tenders-preview-*", "opportunities", "*", "index.html"))
	if err != nil || len(made) < 5 {
		t.Fatalf("the preview's folder holds %d brief pages (%v)", len(made), err)
	}
	stop()
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("left after the preview stopped: %v", left)
	}
}

// nextEvent waits for the next event of the stream, or 20 seconds, when
// it gives "no event".
func nextEvent(sc *bufio.Scanner) string {
	got := make(chan string, 1)
	go func() {
		for sc.Scan() {
			if ev, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				got <- ev
				return
			}
		}
		got <- ""
	}()
	select {
	case ev := <-got:
		return ev
	case <-time.After(20 * time.Second):
		return "no event"
	}
}

// BenchmarkSaveToReload saves a brief of the example site and waits for
// the reload event: the time from saving to the browser being told to
// reload, debounce included.
func BenchmarkSaveToReload(b *testing.B) {
	dir := copySite(b)
	_, events := start(b, dir)
	name := filepath.Join(dir, "content/opportunities/cleaning-kentish-town-libraries.md")
	orig, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		i++
		data := append([]byte(nil), orig...)
		data = append(data, []byte(strings.Repeat("\nMore.", 1+i%3))...)
		if err := os.WriteFile(name, data, 0o644); err != nil {
			b.Fatal(err)
		}
		if ev := nextEvent(events); ev != "reload" {
			b.Fatalf("event %q", ev)
		}
	}
}

// TestServeExample serves the example site and checks a page, the 404
// page and that paths cannot leave the built site.
func TestServeExample(t *testing.T) {
	dir := copySite(t)
	base, _ := start(t, dir)
	for _, c := range []struct {
		path   string
		status int
		want   string
	}{
		{"", 200, "Open now"},
		{"opportunities/cleaning-kentish-town-libraries/", 200, "Kentish Town"},
		{"opportunities/cleaning-kentish-town-libraries", 200, "Kentish Town"}, // redirected
		{"feed.xml", 200, "<rss"},
		{"search/index.json", 200, `"version":1`},
		{"no/such/page/", 404, "Page not found"},
		{"../../etc/passwd", 404, "Page not found"},
		{"..%2f..%2fsite.toml", 404, "Page not found"},
	} {
		resp, err := http.Get(base + c.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.status || !strings.Contains(string(body), c.want) {
			t.Errorf("GET /%s: %d, want %d with %q", c.path, resp.StatusCode, c.status, c.want)
		}
	}
}

// TestServeSearchFollowsEdits: a word saved in a brief is in the search
// index the preview serves once the browser is told to reload.
func TestServeSearchFollowsEdits(t *testing.T) {
	dir := copySite(t)
	base, events := start(t, dir)
	has := func(word string) bool {
		t.Helper()
		var m struct{ Shards []string }
		if err := json.Unmarshal(get(t, base+"search/index.json"), &m); err != nil {
			t.Fatal(err)
		}
		for i := range m.Shards {
			if bytes.Contains(get(t, base+"search/t/"+strconv.Itoa(i)+".bin"), []byte(word)) {
				return true
			}
		}
		return false
	}
	if has("zanzibar") {
		t.Fatal("the word is in the index before it is written")
	}
	name := filepath.Join(dir, "content/opportunities/cleaning-kentish-town-libraries.md")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, append(data, "\nWe also clean the Zanzibar Room.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if ev := nextEvent(events); ev != "reload" {
		t.Fatalf("event %q", ev)
	}
	if !has("zanzibar") {
		t.Error("the saved word is not in the index")
	}
}

func get(t *testing.T, url string) []byte {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %v", url, resp.StatusCode, err)
	}
	return body
}

// TestServeRedirectStaysOnSite: a folder's address without its slash is
// redirected to the same address with it, never to another host, however
// the path starts.
func TestServeRedirectStaysOnSite(t *testing.T) {
	dir := copySite(t)
	base, _ := start(t, dir)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for path, want := range map[string]string{"/topics": "/topics/", "//topics": "/topics/", "///topics": "/topics/", "/opportunities//closed": "/opportunities/closed/"} {
		resp, err := client.Get(strings.TrimSuffix(base, "/") + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusMovedPermanently || loc != want {
			t.Errorf("GET %s: %d Location %q, want 301 %q", path, resp.StatusCode, loc, want)
		}
	}
}

// TestServePanelForAnyFileName: the warnings panel of a brief shows on its
// page whatever its file is called: Estate_Cleaning.md has the page
// opportunities/estate-cleaning/.
func TestServePanelForAnyFileName(t *testing.T) {
	dir := copySite(t)
	src := filepath.Join(dir, "content", "opportunities", "cleaning-kentish-town-libraries.md")
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	// A word the linter warns about, so the brief has a finding.
	data = []byte(strings.Replace(string(data), "## What we need\n", "## What we need\n\nWe will utilise the halls.\n", 1))
	if err := os.Remove(src); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "opportunities", "Cleaning_Kentish-Town_Libraries.md"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	base, _ := start(t, dir)
	resp, err := http.Get(base + "opportunities/cleaning-kentish-town-libraries/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `aria-label="Checks on this brief"`) || !strings.Contains(string(body), "utilise") {
		t.Errorf("GET the page of Cleaning_Kentish-Town_Libraries.md: %d, no panel with its warning", resp.StatusCode)
	}
}

// TestServeFollowsFiles: briefs made in a new folder and in the briefs'
// folder, and taken away, show and go as each rebuild reads only what the
// watcher saw; a link among the scratch files, which needs no rebuild of
// its own, stops the next build as a full read of the folder would.
func TestServeFollowsFiles(t *testing.T) {
	dir := copySite(t)
	base, events := start(t, dir)
	opps := filepath.Join(dir, "content", "opportunities")
	data, err := os.ReadFile(filepath.Join(opps, "cleaning-kentish-town-libraries.md"))
	if err != nil {
		t.Fatal(err)
	}
	data = regexp.MustCompile(`(?m)^aliases = .*\n`).ReplaceAll(data, nil) // the address is the copy's own
	brief := func(ref string) []byte {
		return []byte(strings.Replace(strings.Replace(string(data), `reference = "`, `reference = "`+ref, 1), `title = "`, `title = "`+ref+" ", 1))
	}
	status := func(path string) (int, string) {
		t.Helper()
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	step := func(what string, change func() error, path string, want int) {
		t.Helper()
		if err := change(); err != nil {
			t.Fatal(err)
		}
		if ev := nextEvent(events); ev != "reload" {
			t.Fatalf("%s: event %q", what, ev)
		}
		if got, body := status(path); got != want || strings.Contains(body, "broke the build") {
			t.Errorf("%s: GET /%s %d, want %d (the page shows the build broken: %v)", what, path, got, want, strings.Contains(body, "broke the build"))
		}
	}
	step("a brief in a new folder", func() error {
		if err := os.MkdirAll(filepath.Join(opps, "extra"), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(opps, "extra", "in-a-folder.md"), brief("X1-"), 0o644)
	}, "opportunities/in-a-folder/", 200)
	step("taken away", func() error { return os.Remove(filepath.Join(opps, "extra", "in-a-folder.md")) }, "opportunities/in-a-folder/", 404)
	step("a brief and a scratch file", func() error {
		if err := os.WriteFile(filepath.Join(opps, "beside.md~"), brief("X2-"), 0o644); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(opps, "beside.md"), brief("X2-"), 0o644)
	}, "opportunities/beside/", 200)
	// An editor's lock file that is a link: no rebuild of its own, but the
	// next one refuses it.
	if err := os.Symlink("beside.md", filepath.Join(opps, ".#beside.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(opps, "beside.md"), brief("X3-"), 0o644); err != nil {
		t.Fatal(err)
	}
	if ev := nextEvent(events); ev != "reload" {
		t.Fatalf("event %q", ev)
	}
	if _, body := status("opportunities/beside/"); !strings.Contains(body, "broke the build") || !strings.Contains(body, ".#beside.md") {
		t.Error("a link in the briefs' folder did not stop the build")
	}
	step("the link gone", func() error { return os.Remove(filepath.Join(opps, ".#beside.md")) }, "opportunities/beside/", 200)
}

// TestServeHiddenStaticFolder: a hidden folder of static/ that a build
// publishes (.well-known) is watched like any other, so a file taken away
// and another put there are seen at the next rebuild.
func TestServeHiddenStaticFolder(t *testing.T) {
	dir := copySite(t)
	known := filepath.Join(dir, "static", ".well-known")
	if err := os.MkdirAll(known, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(known, "a.txt"), []byte("a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	base, events := start(t, dir)
	code := func(path string) int {
		t.Helper()
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := code(".well-known/a.txt"); got != 200 {
		t.Fatalf("GET /.well-known/a.txt: %d", got)
	}
	if err := os.Remove(filepath.Join(known, "a.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(known, "b.txt"), []byte("b\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if ev := nextEvent(events); ev != "reload" {
		t.Fatalf("event %q", ev)
	}
	if a, b := code(".well-known/a.txt"), code(".well-known/b.txt"); a != 404 || b != 200 {
		t.Errorf("after the change: a.txt %d, b.txt %d; want 404 and 200", a, b)
	}
}
