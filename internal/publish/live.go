package publish

import (
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Live keeps a folder of a site up to date in place, build after build, as
// tenders serve does: it is what the preview answers from, so that it need
// not hold the site in memory. It is a site.KeepSink.
//
// A build's files are written to a staging folder inside it as they come
// and moved to their places only by Commit, so a reader sees each file
// whole and the last good build until then (the first build's files are
// written in their places, since nothing is served before a build is
// committed, and Has is false for them till then); Abort throws a failed build's
// files away and leaves the folder as it was. A file given with the bytes
// the folder holds is not written again, and Keep says a file is as the
// folder holds it. Commit removes the files the build neither put nor
// kept. Every path goes through an os.Root: nothing lands outside dir.
type Live struct {
	dir  string
	root *os.Root
	lock *os.File // the marker, locked while the preview runs
	seed maphash.Seed

	mu     sync.Mutex
	have   map[string]*held  // what the folder holds, by path
	staged map[string]staged // this build's new files, by path
	build  uint64            // the build under way, counting from 1
	count  int               // staged names made so far

	dirsMu sync.Mutex
	dirs   map[string]bool // folders made this build
}

// sum stands for a file's bytes: a build tells files apart by it, and a
// file given again with the same sum is not written again.
type sum struct {
	hash uint64
	size int
}

// held is a file the folder holds, and the last build that put or kept it.
type held struct {
	sum   sum
	build uint64
}

// staged is a file of this build, written to tmp in the staging folder.
type staged struct {
	tmp string
	sum sum
}

// staging is the folder inside the live folder that a build's files are
// written to first. A build may not make a file of its own under it.
const staging = ".tenders-next"

// liveMarker is the file every live folder holds, locked while its
// preview runs, so that the next preview can tell the folder of one that
// was killed (which it removes) from a running one's.
const liveMarker = ".tenders-preview"

// livePrefix begins the name of every live folder.
const livePrefix = "tenders-preview-"

// NewLive makes an empty folder under parent (os.TempDir when empty) for
// a preview to keep up to date. It removes the folders that killed
// previews left there.
func NewLive(parent string) (*Live, error) {
	if parent == "" {
		parent = os.TempDir()
	}
	removeStaleLive(parent)
	dir, err := os.MkdirTemp(parent, livePrefix)
	if err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(dir)
	var lock *os.File
	if err == nil {
		if lock, err = root.OpenFile(liveMarker, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644); err == nil {
			if err = lockFile(lock); err != nil {
				lock.Close()
			}
		}
		if err == nil {
			if err = root.Mkdir(staging, 0o755); err != nil {
				lock.Close()
			}
		}
		if err != nil {
			root.Close()
		}
	}
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return &Live{dir: dir, root: root, lock: lock, seed: maphash.MakeSeed(), have: map[string]*held{}, staged: map[string]staged{}, build: 1, dirs: map[string]bool{}}, nil
}

// removeStaleLive removes the live folders under parent whose marker no
// running preview holds locked. A folder without the marker is removed
// only when it is empty, so nothing else named like one is lost.
func removeStaleLive(parent string) {
	if !canLock {
		return // a running preview's folder cannot be told from a dead one's
	}
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), livePrefix)
		if !ok || !e.IsDir() || rest == "" || strings.Trim(rest, "0123456789") != "" {
			continue
		}
		dir := filepath.Join(parent, e.Name())
		if info, err := e.Info(); err != nil || time.Since(info.ModTime()) < time.Minute {
			continue // perhaps another preview's, made a moment ago and not locked yet
		}
		if os.Remove(dir) == nil {
			continue
		}
		marker := filepath.Join(dir, liveMarker)
		if _, err := os.Lstat(marker); err != nil || locked(marker) {
			continue
		}
		os.RemoveAll(dir)
	}
}

// Dir is the folder.
func (l *Live) Dir() string { return l.dir }

// Close removes the folder.
func (l *Live) Close() error {
	l.root.Close()
	err := os.RemoveAll(l.dir)
	l.lock.Close()
	return err
}

func (l *Live) check(name string) error {
	if !fs.ValidPath(name) || name == "." || name == liveMarker || name == staging || strings.HasPrefix(name, staging+"/") {
		return fmt.Errorf("%s: not a file a site may make", name)
	}
	return nil
}

// Put stages data as the file at name, unless the folder holds those
// bytes there already.
func (l *Live) Put(name string, data []byte) error {
	if err := l.check(name); err != nil {
		return err
	}
	s := sum{maphash.Bytes(l.seed, data), len(data)}
	l.mu.Lock()
	if h := l.have[name]; h != nil && h.sum == s {
		h.build = l.build
		if st, ok := l.staged[name]; ok { // put twice in one build
			_ = l.root.Remove(st.tmp)
			delete(l.staged, name)
		}
		l.mu.Unlock()
		return nil
	}
	l.count++
	tmp := staging + "/" + strconv.Itoa(l.count)
	first := len(l.have) == 0
	l.mu.Unlock()
	if first {
		// No build has been committed, so none is served: write the
		// file in its place, where Abort takes it away again.
		tmp = name
		if err := l.mkdirs(path.Dir(name)); err != nil {
			return l.failed(path.Dir(name), err)
		}
	}
	if err := l.root.WriteFile(tmp, data, 0o644); err != nil {
		return l.failed(tmp, err)
	}
	l.mu.Lock()
	l.staged[name] = staged{tmp, s}
	l.mu.Unlock()
	return nil
}

// Keep says that the file at name is as the folder holds it, and reports
// whether it holds one there.
func (l *Live) Keep(name string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	h := l.have[name]
	if h == nil {
		return false
	}
	h.build = l.build
	return true
}

// failed names a write that failed by the folder and the file.
func (l *Live) failed(name string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("cannot write %s: %w", path.Join(l.dir, name), err)
}

// Commit removes the files the build did not make, then moves its new
// files to their places (so a file may take the place of a folder, and a
// folder of a file). Then the folder holds the build. A Commit that fails
// part way (the disk) leaves some of each build until the next Commit,
// which puts every file right.
func (l *Live) Commit() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	for name, h := range l.have {
		if _, ok := l.staged[name]; ok || h.build == l.build {
			continue
		}
		if err := l.root.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return l.failed(name, err)
		}
		delete(l.have, name)
		// Folders left empty go too, so an address that is gone is not
		// taken for a folder; one that still holds a file stays.
		for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
			if l.root.Remove(dir) != nil {
				break
			}
		}
	}
	for name, st := range l.staged {
		if st.tmp != name {
			if err := l.mkdirs(path.Dir(name)); err != nil {
				return l.failed(path.Dir(name), err)
			}
			if err := l.root.Rename(st.tmp, name); err != nil {
				return l.failed(name, err)
			}
		}
		delete(l.staged, name)
		l.have[name] = &held{st.sum, l.build}
	}
	l.build++
	clear(l.dirs)
	return nil
}

// mkdirs makes the folder dir and those above it, once a build.
func (l *Live) mkdirs(dir string) error {
	if dir == "." {
		return nil
	}
	l.dirsMu.Lock()
	defer l.dirsMu.Unlock()
	if l.dirs[dir] {
		return nil
	}
	if err := l.root.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	l.dirs[dir] = true
	return nil
}

// Abort throws away the files of a build that failed: the folder holds
// what it held before it.
func (l *Live) Abort() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for name, st := range l.staged {
		_ = l.root.Remove(st.tmp)
		delete(l.staged, name)
	}
	clear(l.dirs) // folders a first build made may stay empty: harmless
	l.build++     // what it kept is not kept by the next
}

// Has reports whether the folder holds a file at name.
func (l *Live) Has(name string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	_, ok := l.have[name]
	return ok
}

// ReadFile reads the file at name as the folder holds it.
func (l *Live) ReadFile(name string) ([]byte, error) {
	if err := l.check(name); err != nil {
		return nil, err
	}
	return l.root.ReadFile(name)
}

// Len is how many files the folder holds.
func (l *Live) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.have)
}
