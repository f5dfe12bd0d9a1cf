// Package publish writes a built site to its output folder: atomically,
// only inside that folder, and never over anything a build did not make.
// It is the only code that writes the output folder.
package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// Publisher writes a site atomically: files go into a new folder beside the
// output folder as they are rendered, and only Commit swaps it in. Abort, or
// any failure, leaves the output folder as it was. Files of an earlier build
// that this one does not write do not survive. Every write goes through an
// os.Root, so nothing can land outside the new folder whatever the paths
// say.
//
// Since the output folder is replaced whole, a Publisher takes only a
// folder that does not exist yet, an empty one, or one that a Publisher
// made: every build holds the Marker file. The new folder holds it from
// the start, locked while the build runs, so that a later build can tell
// a folder left by a killed build (which it removes) from a live one.
//
// One goroutine does all the writing, fed through a queue: renderers hand
// over a file and go on, and the file system never sees two writers at
// once in the same folder, which on ext4 costs more than it gains.
type Publisher struct {
	dir   string // the output folder, absolute
	shown string // the output folder as the caller named it, for messages
	tmp   string // the new folder being written
	root  *os.Root
	dirs  *folders // writes the files: folders_linux.go, folders_other.go
	lock  *os.File // the new folder's marker, locked until the end
	mu    sync.Mutex
	err   error // the first failure
	queue chan file
	done  chan struct{}

	// The bytes handed over and not yet written, at most queueBytes
	// unless one file alone is larger: a renderer that gets ahead of the
	// disk with large files (every feed set's feeds and calendars, one
	// after another) waits instead of holding them all in memory.
	queued     int
	queuedCond *sync.Cond
	queuedMu   sync.Mutex
}

// queueBytes bounds the bytes waiting in the queue.
const queueBytes = 16 << 20

type file struct {
	name    string
	data    []byte
	release func() // when data is written or thrown away; may be nil
}

// Marker is the file every build holds, so that the next build knows the
// folder is one it may replace.
const Marker = ".tenders-build"

const markerText = "tenders build made this folder, and replaces all of it on every build: keep nothing else here.\n"

// NewPublisher starts a build of the output folder dir. dir must not exist
// yet, or be an empty folder, or a folder an earlier build made (holding
// Marker). sites are the site folders being built: dir may not be one of
// them, nor a folder above one, nor inside one's content/, templates/ or
// static/. Paths are compared as the file system resolves them, through
// links, and with its own sense of case. It also removes the folders that
// killed builds of dir left beside it.
func NewPublisher(dir string, sites ...string) (*Publisher, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if err := checkOutput(dir, sites); err != nil {
		return nil, err
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	removeStale(parent, filepath.Base(abs))
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+".new-")
	if err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(tmp)
	if err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	lock, err := root.OpenFile(Marker, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err == nil {
		if err = lockFile(lock); err == nil {
			_, err = lock.WriteString(markerText)
		}
		if err != nil {
			lock.Close()
		}
	}
	if err != nil {
		root.Close()
		os.RemoveAll(tmp)
		return nil, err
	}
	dirs, err := newFolders(root, tmp)
	if err != nil {
		lock.Close()
		root.Close()
		os.RemoveAll(tmp)
		return nil, err
	}
	p := &Publisher{dir: abs, shown: dir, tmp: tmp, root: root, dirs: dirs, lock: lock,
		queue: make(chan file, 256), done: make(chan struct{})}
	p.queuedCond = sync.NewCond(&p.queuedMu)
	go p.writer()
	return p, nil
}

// checkOutput refuses an output folder that a build must not replace.
func checkOutput(dir string, sites []string) error {
	const replaces = "a build replaces the whole --out folder"
	out, err := realPath(dir)
	if err != nil {
		return fmt.Errorf("--out %s: %w; give a folder that does not exist yet, such as public", dir, err)
	}
	info, err := os.Stat(out)
	exists := err == nil
	if exists && !info.IsDir() {
		return fmt.Errorf("--out %s is a file, not a folder; %s, so give a folder that does not exist yet, such as public", dir, replaces)
	}
	for _, s := range sites {
		site, err := realPath(s)
		if err != nil {
			continue
		}
		if exists {
			for a := site; ; a = filepath.Dir(a) {
				if ai, err := os.Stat(a); err == nil && os.SameFile(ai, info) {
					if a == site {
						return fmt.Errorf("--out %s is the site folder; %s, so give a folder for the site to go in, such as public", dir, replaces)
					}
					return fmt.Errorf("--out %s holds the site folder %s; %s, so give a folder of its own, such as %s", dir, s, replaces, filepath.Join(s, "public"))
				}
				if filepath.Dir(a) == a {
					break
				}
			}
		}
		// Inside an input: the input folder itself as the file system
		// finds it (through a link, say), or a name just below the site
		// folder that is an input's in any case, whether it exists or not.
		siteInfo, err := os.Stat(site)
		if err != nil {
			continue
		}
		inputs := []string{"content", "templates", "static"}
		infos := make([]fs.FileInfo, len(inputs))
		for i, input := range inputs {
			infos[i], _ = os.Stat(filepath.Join(site, input))
		}
		inside := func(input string) error {
			return fmt.Errorf("--out %s is inside the site's %s/ folder, which the build reads; give a folder outside content/, templates/ and static/, such as public", dir, input)
		}
		below := "" // the name in out just below a
		for a := out; ; a = filepath.Dir(a) {
			if ai, err := os.Stat(a); err == nil {
				for i, ii := range infos {
					if ii != nil && os.SameFile(ai, ii) {
						return inside(inputs[i])
					}
				}
				if below != "" && os.SameFile(ai, siteInfo) {
					for _, input := range inputs {
						if strings.EqualFold(below, input) {
							return inside(input)
						}
					}
				}
			}
			if filepath.Dir(a) == a {
				break
			}
			below = filepath.Base(a)
		}
	}
	if !exists {
		return nil
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return fmt.Errorf("--out %s cannot be read (%w); give a folder that does not exist yet, such as public", dir, err)
	}
	if len(entries) > 0 && !hasMarker(out) {
		return fmt.Errorf("--out %s is a folder that tenders build did not make (it has no %s file), and a build replaces the whole folder: give a new or empty folder, such as public, or empty this one yourself first", dir, Marker)
	}
	return nil
}

// realPath is the absolute path of p with every link resolved, as far as
// p exists; the rest is added as written.
func realPath(p string) (string, error) {
	if !filepath.IsAbs(p) {
		wd, err := os.Getwd()
		if err != nil {
			return "", err
		}
		p = wd + string(filepath.Separator) + p
	}
	vol := filepath.VolumeName(p)
	real := vol + string(filepath.Separator)
	missing := false
	for _, part := range strings.FieldsFunc(p[len(vol):], func(r rune) bool { return os.IsPathSeparator(uint8(r)) }) {
		switch {
		case part == ".":
		case part == "..":
			real = filepath.Dir(real)
		case missing:
			real = filepath.Join(real, part)
		default:
			next := filepath.Join(real, part)
			r, err := filepath.EvalSymlinks(next)
			switch {
			case err == nil:
				real = r
			case errors.Is(err, fs.ErrNotExist):
				real, missing = next, true
			default:
				return "", err
			}
		}
	}
	return real, nil
}

// hasMarker reports whether dir holds a build's marker file.
func hasMarker(dir string) bool {
	f, err := os.Open(filepath.Join(dir, Marker))
	if err != nil {
		return false
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return false
	}
	// A build killed between making its marker and writing it leaves the
	// marker with the start of its text, or none of it.
	head := make([]byte, len("tenders build "))
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return false
	}
	return strings.HasPrefix("tenders build ", string(head[:n]))
}

// removeStale removes the folders beside the output folder named base
// that a killed build left: named as NewPublisher names its new folders
// (or as Commit names the old one while swapping), and either empty (the
// build was killed before it wrote its marker) or holding the marker and
// not locked by a build still running. Nothing else is touched.
func removeStale(parent, base string) {
	if !canLock {
		return // without locks a live build cannot be told from a dead one
	}
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	prefix := "." + base + ".new-"
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		rest = strings.TrimSuffix(rest, ".old")
		if !ok || !e.IsDir() || rest == "" || strings.Trim(rest, "0123456789") != "" {
			continue
		}
		dir := filepath.Join(parent, e.Name())
		// A build killed before it wrote its marker leaves the folder
		// empty: os.Remove takes only an empty folder, so nothing is lost.
		if os.Remove(dir) == nil {
			continue
		}
		if !hasMarker(dir) || locked(filepath.Join(dir, Marker)) {
			continue
		}
		os.RemoveAll(dir)
	}
}

// writer writes the queued files in order.
func (p *Publisher) writer() {
	defer close(p.done)
	for f := range p.queue {
		if !p.failed() {
			if err := p.dirs.writeFile(f.name, f.data); err != nil {
				p.fail(p.writeErr(f.name, err))
			}
		}
		p.queuedMu.Lock()
		p.queued -= len(f.data)
		p.queuedMu.Unlock()
		p.queuedCond.Broadcast()
		if f.release != nil {
			f.release()
		}
	}
}

func (p *Publisher) failed() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err != nil
}

// Put queues one file for the new folder. It is safe to call from several
// goroutines at once; a failure to write shows at Commit. data must not
// change until the Publisher has written it: PutRelease says when.
func (p *Publisher) Put(name string, data []byte) error {
	return p.PutRelease(name, data, nil)
}

// PutRelease is Put, and calls release (when not nil) once data is
// written or thrown away, and no longer read (site.ReleaseSink).
func (p *Publisher) PutRelease(name string, data []byte, release func()) error {
	if !fs.ValidPath(name) || name == "." || name == Marker {
		if release != nil {
			release()
		}
		return p.fail(fmt.Errorf("refusing to write %q: not a plain path inside the output folder", name))
	}
	p.queuedMu.Lock()
	for p.queued > 0 && p.queued+len(data) > queueBytes {
		p.queuedCond.Wait()
	}
	p.queued += len(data)
	p.queuedMu.Unlock()
	p.queue <- file{name, data, release}
	return nil
}

// wait stops the queue and waits until every file is written.
func (p *Publisher) wait() {
	select {
	case <-p.done:
		return
	default:
	}
	close(p.queue)
	<-p.done
}

// PutStream writes one file piece by piece into the new folder.
func (p *Publisher) PutStream(name string, write func(io.Writer) error) error {
	if !fs.ValidPath(name) || name == "." || name == Marker {
		return p.fail(fmt.Errorf("refusing to write %q: not a plain path inside the output folder", name))
	}
	f, err := p.dirs.openFile(name)
	if err != nil {
		return p.fail(p.writeErr(name, err))
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return p.fail(p.writeErr(name, err))
	}
	return nil
}

// writeErr names the file of the site that could not be written, where it
// will be once published, and the cause: "cannot write public/feed.xml: no
// space left on device".
func (p *Publisher) writeErr(name string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		if fs.ValidPath(pe.Path) {
			name = pe.Path // the folder, when it could not be made
		}
		err = pe.Err
	}
	return fmt.Errorf("cannot write %s: %w", filepath.Join(p.shown, filepath.FromSlash(name)), err)
}

func (p *Publisher) fail(err error) error {
	p.mu.Lock()
	if p.err == nil {
		p.err = err
	}
	p.mu.Unlock()
	return err
}

// Commit swaps the new folder in for the output folder. If any Put failed,
// it aborts instead and returns that failure.
func (p *Publisher) Commit() error {
	p.wait()
	if p.err != nil {
		p.Abort()
		return p.err
	}
	p.dirs.close()
	p.root.Close()
	defer p.lock.Close()
	if err := os.Chmod(p.tmp, 0o755); err != nil {
		os.RemoveAll(p.tmp)
		return err
	}
	old := ""
	if _, err := os.Stat(p.dir); err == nil {
		// The old site goes aside under a name removeStale knows: lock its
		// marker first, so that no other build takes it for a dead one's.
		if f, err := os.Open(filepath.Join(p.dir, Marker)); err == nil {
			defer f.Close()
			if err := lockFile(f); err != nil {
				os.RemoveAll(p.tmp)
				return fmt.Errorf("another tenders build is publishing to %s right now; run this one again when it has finished", p.dir)
			}
		}
		old = p.tmp + ".old"
		if err := os.Rename(p.dir, old); err != nil {
			os.RemoveAll(p.tmp)
			return err
		}
	}
	if err := os.Rename(p.tmp, p.dir); err != nil {
		if old != "" {
			err = errors.Join(err, os.Rename(old, p.dir))
		}
		os.RemoveAll(p.tmp)
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// Abort throws the new folder away. Files still queued are not written.
func (p *Publisher) Abort() {
	p.fail(errAborted)
	p.wait()
	p.dirs.close()
	p.root.Close()
	os.RemoveAll(p.tmp)
	p.lock.Close()
}

var errAborted = errors.New("the build was abandoned")

// Files writes a rendered site, path to bytes, to dir atomically (see
// Publisher).
func Files(dir string, files map[string][]byte) error {
	p, err := NewPublisher(dir)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if err := p.Put(name, files[name]); err != nil {
			p.Abort()
			return err
		}
	}
	return p.Commit()
}
