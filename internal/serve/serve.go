// Package serve is tenders' live preview: it builds a site into a folder
// of its own, which it keeps up to date build by build (publish.Live) and
// removes when it stops; serves it; watches the site folder and rebuilds
// on every change; and tells the browser to reload through Server-Sent
// Events. When a rebuild fails it keeps serving the last good site, with
// the problems laid over every page. Nothing it does reaches the output of
// tenders build.
package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net"
	"net/http"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/london-anchors/tenders/internal/build"
	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/mediatype"
	"github.com/london-anchors/tenders/internal/publish"
	"github.com/london-anchors/tenders/internal/safetext"
	"github.com/london-anchors/tenders/internal/site"
	"github.com/london-anchors/tenders/internal/sitefs"
)

// Server is a running preview.
type Server struct {
	Dir      string           // the site folder
	Defaults site.Defaults    // built-in templates and static files
	Now      func() time.Time // the build clock
	Log      io.Writer        // where rebuilds and problems are reported
	Quiet    time.Duration    // how long a burst of changes must pause before a rebuild
	BaseURL  string           // the address the preview is reached at, when not its own (behind a proxy)
	TempDir  string           // where the preview's folder is made and removed at the end; the system's when empty

	fsys    *sitefs.FS // the site folder, never read through a link
	session *build.Session
	mu      sync.RWMutex
	live    *publish.Live        // holds the last good site
	good    bool                 // a build has succeeded: live holds a site
	failed  diag.List            // the problems of the last rebuild, if it failed
	finds   map[string]diag.List // the last build's findings in each brief, by slug
	version int
	clients map[chan string]struct{}
	lost    atomic.Bool // the watcher may have missed changes
	watch   *watcher
}

// Listen opens the preview's address. A port in use gives an error that
// suggests the next one.
func Listen(bind string, port int) (net.Listener, error) {
	l, err := net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(port)))
	if err != nil && errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("port %d is in use, perhaps by another tenders serve; try --port %d", port, port+1)
	}
	return l, err
}

// Serve builds the site, serves it on l and rebuilds on every change until
// ctx is done, then shuts down cleanly.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	base := "http://" + l.Addr().String() + "/"
	if s.BaseURL != "" {
		base = s.BaseURL
	}
	fsys, err := sitefs.Open(s.Dir)
	if err != nil {
		return fmt.Errorf("cannot open the site folder %s: %w; give --site the folder that holds site.toml", s.Dir, err)
	}
	defer fsys.Close()
	s.fsys = fsys
	// The preview's own folder, not the site's: the site is not held in
	// memory, only what tells a change.
	live, err := publish.NewLive(s.TempDir)
	if err != nil {
		return fmt.Errorf("cannot make a folder for the preview: %w", err)
	}
	defer live.Close()
	s.live = live
	s.session = build.NewSession(fsys, s.Defaults, base)
	s.clients = map[chan string]struct{}{}
	if s.Quiet == 0 {
		s.Quiet = 60 * time.Millisecond
	}
	// The watcher starts before the first build, so a change made while
	// it runs is seen: a rebuild reads only what the watcher saw.
	w, err := newWatcher(s.Dir)
	if err != nil {
		return fmt.Errorf("cannot watch %s: %w", s.Dir, err)
	}
	s.watch = w
	s.rebuild(ctx, nil)
	deb := NewDebouncer(s.Quiet)
	go deb.Run(ctx)
	go w.run(ctx, deb.In, func(err error) {
		// Changes may have gone unseen: the next rebuild reads the
		// whole folder again.
		s.lost.Store(true)
		fmt.Fprintln(s.Log, "watch:", err)
	})
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case batch := <-deb.Out:
				s.rebuild(ctx, batch)
			}
		}
	}()
	srv := &http.Server{
		Handler:           s,
		ReadTimeout:       10 * time.Second,
		ReadHeaderTimeout: 5 * time.Second,
		WriteTimeout:      30 * time.Second, // lifted for the event stream
		IdleTimeout:       2 * time.Minute,
	}
	fmt.Fprintf(s.Log, "Serving %s at http://%s/ (Ctrl-C to stop)\n", s.Dir, l.Addr())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(l) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	s.mu.Lock()
	for c := range s.clients {
		close(c)
		delete(s.clients, c)
	}
	s.mu.Unlock()
	shutdown, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}

// rebuild builds the site again and tells the browsers. A rebuild that
// ctx stops part way (the server is stopping) changes nothing.
func (s *Server) rebuild(ctx context.Context, changed []string) {
	start := time.Now()
	if changed == nil || s.lost.Swap(false) || s.watch.unwatched.Load() {
		s.fsys.Forget() // read it all afresh
	} else {
		// Only what the watcher saw is looked at again: the listings of
		// folders of thousands of briefs are not read whole, and a
		// folder moved or made again is read afresh (sitefs.Refresh).
		rel := s.relative(changed)
		s.fsys.Refresh(rel)
		s.session.Touch(rel)
		s.mu.RLock()
		failed := s.failed != nil
		s.mu.RUnlock()
		if changed = slices.DeleteFunc(changed, ignored); len(changed) == 0 && !failed {
			return // scratch files only: nothing a build reads, unless a link among them stopped the last
		}
	}
	list, err := s.session.BuildInto(ctx, s.Now(), s.live)
	if ctx.Err() != nil {
		return
	}
	if err != nil {
		// Not a problem of the content, but it stops the build all the
		// same: show it where the content's problems go.
		list = diag.List{{File: "tenders", Severity: diag.Error, Rule: "failure", Message: err.Error()}}
	}
	s.mu.Lock()
	if list.Errors() > 0 {
		s.failed = list
	} else {
		s.good, s.failed = true, nil
	}
	s.finds = s.session.BriefFindings()
	s.version++
	kind := "reload"
	if len(changed) > 0 && list.Errors() == 0 && allCSS(changed) {
		kind = "css"
	}
	for c := range s.clients {
		select {
		case c <- kind:
		default:
		}
	}
	s.mu.Unlock()
	took := time.Since(start).Round(time.Millisecond)
	if list.Errors() > 0 {
		fmt.Fprintf(s.Log, "Rebuild failed in %s; still serving the last good site:\n", took)
		for _, d := range list {
			if d.Severity >= diag.Error {
				fmt.Fprintf(s.Log, "  %s\n", safetext.Line(d.String()))
			}
		}
		return
	}
	fmt.Fprintf(s.Log, "Rebuilt %d files in %s\n", s.live.Len(), took)
}

// relative gives the changed paths from the site folder, with slashes.
func (s *Server) relative(changed []string) []string {
	out := make([]string, 0, len(changed))
	for _, p := range changed {
		rel, err := filepath.Rel(s.Dir, p)
		if err != nil {
			rel = p // not in the site folder: Refresh reads it all again
		}
		out = append(out, filepath.ToSlash(rel))
	}
	return out
}

func allCSS(paths []string) bool {
	for _, p := range paths {
		if filepath.Ext(p) != ".css" {
			return false
		}
	}
	return true
}

// eventsPath is the event stream, relative to the site's root.
const eventsPath = "_tenders/events"

// ServeHTTP serves the last good site from the preview's folder. Paths
// are looked up among the files the last good build made only, and read
// through an os.Root, so nothing else on disk can be reached.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == eventsPath {
		s.events(w, r)
		return
	}
	s.mu.RLock()
	good, failed, finds := s.good, s.failed, s.finds
	s.mu.RUnlock()
	if strings.HasSuffix(r.URL.Path, "/") || name == "" {
		name = strings.TrimPrefix(name+"/index.html", "/")
	}
	data, status, name, err := s.file(good, name)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if status == http.StatusMovedPermanently {
		// A relative target: http.Redirect resolves it against the
		// request's path and cleans it. The raw path plus "/" would make
		// "//topics" a redirect to the host "topics".
		http.Redirect(w, r, path.Base(name)+"/", http.StatusMovedPermanently)
		return
	}
	ctype := mediatype.Of(name)
	if strings.HasPrefix(ctype, "text/html") {
		depth := strings.Count(strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/"), "/")
		if strings.HasSuffix(r.URL.Path, "/") && r.URL.Path != "/" {
			depth++
		}
		data = s.inject(data, depth, name, failed, finds)
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if r.Method == http.MethodGet {
		w.Write(data)
	}
}

// notBuilt is the page of every address while no build has succeeded.
const notBuilt = "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head><meta charset=\"utf-8\"><title>The site did not build</title></head>\n<body>\n<main><h1>The site did not build</h1></main>\n</body>\n</html>\n"

// file finds what to answer name with in the last good site: the file,
// a redirect to the folder name is (status 301), or the 404 page.
func (s *Server) file(good bool, name string) ([]byte, int, string, error) {
	if !good { // the first build failed: there is no good site yet
		return []byte(notBuilt), http.StatusNotFound, "404.html", nil
	}
	if s.live.Has(name) {
		data, err := s.live.ReadFile(name)
		if !errors.Is(err, fs.ErrNotExist) { // else a rebuild took it away just now
			return data, http.StatusOK, name, err
		}
	} else if s.live.Has(name + "/index.html") {
		return nil, http.StatusMovedPermanently, name, nil
	}
	data, err := s.live.ReadFile("404.html")
	if errors.Is(err, fs.ErrNotExist) {
		data, err = []byte(notBuilt), nil
	}
	return data, http.StatusNotFound, "404.html", err
}

// events is the Server-Sent Events stream: "reload" after every rebuild,
// or "css" when only style sheets changed.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	_ = rc.SetWriteDeadline(time.Time{}) // the stream stays open
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	c := make(chan string, 4)
	s.mu.Lock()
	if s.clients == nil {
		s.mu.Unlock()
		return
	}
	s.clients[c] = struct{}{}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	fmt.Fprint(w, "retry: 500\n: connected\n\n")
	rc.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case kind, ok := <-c:
			if !ok {
				return
			}
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", kind, kind)
			if rc.Flush() != nil {
				return
			}
		}
	}
}

// reloadScript listens to the event stream, at a URL relative to the page
// so the preview works behind a proxy and under a sub-path.
const reloadScript = `<script>
(function () {
  var es = new EventSource(%q + %q);
  es.addEventListener("reload", function () { location.reload(); });
  es.addEventListener("css", function () {
    // Style sheets are named after their content: take the new names from
    // the page as it is now, and swap them in without a reload.
    fetch(location.href).then(function (r) { return r.text(); }).then(function (text) {
      var fresh = new DOMParser().parseFromString(text, "text/html").querySelectorAll('link[rel="stylesheet"]');
      document.querySelectorAll('link[rel="stylesheet"]').forEach(function (l, i) {
        if (fresh[i]) { l.href = fresh[i].href; }
      });
    });
  });
})();
</script>
`

var overlay = template.Must(template.New("overlay").Parse(`
<div class="tenders-preview" role="alert" style="position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:9999;background:#fff;color:#0b0c0c;border-top:6px solid #d4351c;padding:1rem 1.5rem;font:1rem/1.4 system-ui,sans-serif;box-shadow:0 -4px 16px rgba(0,0,0,.3)">
<h2 style="margin:0 0 .5rem;font-size:1.25rem">The last change broke the build: this is the previous version</h2>
<p style="margin:0 0 .5rem">Fix these and save; the page will reload.</p>
<ol style="margin:0;padding-left:1.5rem">
{{- range .}}
<li style="margin:.5rem 0"><code style="font-weight:bold">{{.Where}}</code>: {{.Message}}{{with .Line}}<pre style="margin:.25rem 0 0;padding:.25rem .5rem;background:#f3f2f1;overflow:auto">{{.}}</pre>{{end}}</li>
{{- end}}
</ol>
</div>
`))

var panel = template.Must(template.New("panel").Parse(`
<aside class="tenders-preview" aria-label="Checks on this brief" style="position:fixed;top:1rem;right:1rem;max-width:28rem;max-height:70vh;overflow:auto;z-index:9998;background:#fff;color:#0b0c0c;border:3px solid #f47738;padding:.75rem 1rem;font:1rem/1.4 system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.3)">
<details open>
<summary style="cursor:pointer;font-weight:bold">{{len .}} check{{if ne (len .) 1}}s{{end}} on this brief (only you see this)</summary>
<ul style="padding-left:1.25rem">
{{- range .}}
<li style="margin:.5rem 0"><code>{{.Where}}</code> {{.Severity}}: {{.Message}} [{{.Rule}}]</li>
{{- end}}
</ul>
</details>
</aside>
`))

type shown struct {
	Where, Message, Line, Severity, Rule string
}

// inject adds the reload script, and the error overlay or the brief's
// lint panel, before </body>.
func (s *Server) inject(page []byte, depth int, name string, failed diag.List, finds map[string]diag.List) []byte {
	root := "./"
	if depth > 0 {
		root = strings.Repeat("../", depth)
	}
	var extra bytes.Buffer
	if failed != nil {
		var items []shown
		for _, d := range failed {
			if d.Severity >= diag.Error {
				where := fmt.Sprintf("%s:%d:%d", d.File, d.Line, d.Col)
				if d.Line == 0 {
					where = d.File
				}
				items = append(items, shown{Where: where, Message: d.Message, Line: s.sourceLine(d.File, d.Line)})
			}
		}
		_ = overlay.Execute(&extra, items)
	} else if strings.HasPrefix(name, "opportunities/") {
		slug := strings.TrimSuffix(strings.TrimPrefix(name, "opportunities/"), "/index.html")
		var items []shown
		for _, d := range finds[slug] {
			items = append(items, shown{Where: fmt.Sprintf("%s:%d:%d", d.File, d.Line, d.Col), Message: d.Message, Severity: d.Severity.String(), Rule: d.Rule})
		}
		if len(items) > 0 {
			_ = panel.Execute(&extra, items)
		}
	}
	fmt.Fprintf(&extra, reloadScript, root, eventsPath)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(page[:len(page):len(page)], extra.Bytes()...)
	}
	out := make([]byte, 0, len(page)+extra.Len())
	out = append(out, page[:i]...)
	out = append(out, extra.Bytes()...)
	return append(out, page[i:]...)
}

// sourceLine reads one line of a site file, for the overlay, never
// through a symbolic link.
func (s *Server) sourceLine(file string, line int) string {
	if line < 1 || !fs.ValidPath(file) {
		return ""
	}
	data, err := fs.ReadFile(s.fsys, file)
	if err != nil {
		return ""
	}
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	if line > len(lines) {
		return ""
	}
	return lines[line-1]
}
