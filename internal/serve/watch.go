package serve

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Debouncer turns a burst of file events into one rebuild: it sends the
// paths of a burst once no event has come for Quiet, or once the burst has
// lasted MaxWait, whichever is first.
type Debouncer struct {
	Quiet   time.Duration
	MaxWait time.Duration
	In      chan string   // changed paths
	Out     chan []string // one batch a burst
}

// NewDebouncer makes a debouncer with the given quiet time and a maximum
// wait of ten times that.
func NewDebouncer(quiet time.Duration) *Debouncer {
	return &Debouncer{Quiet: quiet, MaxWait: 10 * quiet, In: make(chan string, 64), Out: make(chan []string, 1)}
}

// Run debounces until ctx is done.
func (d *Debouncer) Run(ctx context.Context) {
	var batch []string
	var quiet, deadline <-chan time.Time
	var quietTimer *time.Timer
	flush := func() {
		if len(batch) > 0 {
			select {
			case d.Out <- batch:
			case <-ctx.Done():
			}
		}
		batch, quiet, deadline = nil, nil, nil
	}
	for {
		select {
		case <-ctx.Done():
			return
		case p := <-d.In:
			if len(batch) == 0 {
				deadline = time.After(d.MaxWait)
			}
			batch = append(batch, p)
			if quietTimer == nil {
				quietTimer = time.NewTimer(d.Quiet)
			} else {
				quietTimer.Reset(d.Quiet)
			}
			quiet = quietTimer.C
		case <-quiet:
			flush()
		case <-deadline:
			flush()
		}
	}
}

// ignored reports whether a changed file is an editor's scratch file:
// swap files, backups, lock files.
func ignored(name string) bool {
	base := filepath.Base(name)
	return strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, ".swx") || strings.HasSuffix(base, ".swo") ||
		strings.HasSuffix(base, "~") || strings.HasPrefix(base, ".#") || strings.HasPrefix(base, "#") ||
		base == "4913" || base == ".DS_Store" || strings.HasSuffix(base, ".tmp")
}

// watcher follows the parts of a site folder that a build reads: site.toml,
// content/, templates/ and static/, with every folder under them, adding
// folders as they appear.
type watcher struct {
	dir       string
	w         *fsnotify.Watcher
	unwatched atomic.Bool // a folder could not be watched
}

// watched are the top-level names a build reads.
var watched = []string{"site.toml", "content", "templates", "static"}

func newWatcher(dir string) (*watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	wt := &watcher{dir: dir, w: w}
	// The site folder itself, to see site.toml and the top folders appear.
	if err := w.Add(dir); err != nil {
		w.Close()
		return nil, err
	}
	for _, top := range watched[1:] {
		wt.addTree(filepath.Join(dir, top))
	}
	return wt, nil
}

// addTree watches a folder and every folder under it, hidden ones too:
// a build reads them (static/.well-known/ is published, and the link
// check looks everywhere), and a rebuild lists only what the watcher saw
// change.
func (wt *watcher) addTree(root string) {
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && wt.w.Add(p) != nil {
			wt.unwatched.Store(true) // out of watches, say: read it all each time
		}
		return nil
	})
}

// relevant reports whether a path is in what a build reads: the site's
// own files, and the scratch files among them (ignored), which change
// the folders' listings but need no rebuild.
func (wt *watcher) relevant(p string) bool {
	rel, err := filepath.Rel(wt.dir, p)
	if err != nil {
		return false
	}
	rel = filepath.ToSlash(rel)
	for _, top := range watched {
		if rel == top || strings.HasPrefix(rel, top+"/") {
			return true
		}
	}
	return false
}

// run sends the relevant changed paths to out until ctx is done, and the
// watcher's errors (events lost among them) to errs.
func (wt *watcher) run(ctx context.Context, out chan<- string, errs func(error)) {
	defer wt.w.Close()
	for {
		select {
		case <-ctx.Done():
			return
		case err, ok := <-wt.w.Errors:
			if !ok {
				return
			}
			errs(err)
		case ev, ok := <-wt.w.Events:
			if !ok {
				return
			}
			if !wt.relevant(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					wt.addTree(ev.Name)
				}
			}
			select {
			case out <- ev.Name:
			case <-ctx.Done():
				return
			}
		}
	}
}
