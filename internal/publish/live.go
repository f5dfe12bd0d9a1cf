package publish

import (
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"os"
	"path"
	"strconv"
	"strings"
	"sync"
)

// Live keeps a folder of a site up to date in place, build after build, as
// tenders serve does: it is what the preview answers from, so that it need
// not hold the site in memory. It is a site.KeepSink.
//
// A build's files are written to a staging folder inside it as they come
// and moved to their places only by Commit, so a reader sees each file
// whole and the last good build until then; Abort throws a failed build's
// files away and leaves the folder as it was. A file given with the bytes
// the folder holds is not written again, and Keep says a file is as the
// folder holds it. Commit removes the files the build neither put nor
// kept. Every path goes through an os.Root: nothing lands outside dir.
type Live struct {
	dir  string
	root *os.Root
	seed maphash.Seed

	mu     sync.Mutex
	have   map[string]sum    // what the folder holds, by path
	next   map[string]sum    // what this build put or kept
	staged map[string]string // this build's new files: path to staged name
	count  int               // staged names made so far
}

// sum stands for a file's bytes: a build tells files apart by it, and a
// file given again with the same sum is not written again.
type sum struct {
	hash uint64
	size int
}

// staging is the folder inside the live folder that a build's files are
// written to first. A build may not make a file of its own under it.
const staging = ".tenders-next"

// NewLive makes an empty folder under parent (os.TempDir when empty) for
// a preview to keep up to date.
func NewLive(parent string) (*Live, error) {
	dir, err := os.MkdirTemp(parent, "tenders-preview-")
	if err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(dir)
	if err == nil {
		err = root.Mkdir(staging, 0o755)
		if err != nil {
			root.Close()
		}
	}
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return &Live{dir: dir, root: root, seed: maphash.MakeSeed(), have: map[string]sum{}, next: map[string]sum{}, staged: map[string]string{}}, nil
}

// Dir is the folder.
func (l *Live) Dir() string { return l.dir }

// Close removes the folder.
func (l *Live) Close() error {
	l.root.Close()
	return os.RemoveAll(l.dir)
}

func (l *Live) check(name string) error {
	if !fs.ValidPath(name) || name == "." || name == staging || strings.HasPrefix(name, staging+"/") {
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
	l.next[name] = s
	if l.have[name] == s {
		delete(l.staged, name)
		l.mu.Unlock()
		return nil
	}
	l.count++
	tmp := staging + "/" + strconv.Itoa(l.count)
	l.mu.Unlock()
	if err := l.root.WriteFile(tmp, data, 0o644); err != nil {
		return l.failed(tmp, err)
	}
	l.mu.Lock()
	l.staged[name] = tmp
	l.mu.Unlock()
	return nil
}

// Keep says that the file at name is as the folder holds it.
func (l *Live) Keep(name string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	s, ok := l.have[name]
	if !ok {
		return fmt.Errorf("%s: kept as it was, but the preview folder %s does not hold it", name, l.dir)
	}
	l.next[name] = s
	return nil
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
// folder of a file). Then the folder holds the build.
func (l *Live) Commit() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	for name := range l.have {
		if _, ok := l.next[name]; ok {
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
	for name, tmp := range l.staged {
		if dir := path.Dir(name); dir != "." {
			if err := l.root.MkdirAll(dir, 0o755); err != nil {
				return l.failed(dir, err)
			}
		}
		if err := l.root.Rename(tmp, name); err != nil {
			return l.failed(name, err)
		}
		delete(l.staged, name)
		l.have[name] = l.next[name]
	}
	l.have, l.next = l.next, make(map[string]sum, len(l.next))
	return nil
}

// Abort throws away the files of a build that failed: the folder holds
// what it held before it.
func (l *Live) Abort() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for name, tmp := range l.staged {
		_ = l.root.Remove(tmp)
		delete(l.staged, name)
	}
	clear(l.next)
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
