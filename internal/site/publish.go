package site

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sync"
)

// Publisher writes a site atomically: files go into a new folder beside the
// output folder as they are rendered, and only Commit swaps it in. Abort, or
// any failure, leaves the output folder as it was. Files of an earlier build
// that this one does not write do not survive. Every write goes through an
// os.Root, so nothing can land outside the new folder whatever the paths
// say.
//
// One goroutine does all the writing, fed through a queue: renderers hand
// over a file and go on, and the file system never sees two writers at
// once in the same folder, which on ext4 costs more than it gains.
type Publisher struct {
	dir   string // the output folder, absolute
	tmp   string // the new folder being written
	root  *os.Root
	mu    sync.Mutex
	made  map[string]bool // folders already made
	err   error           // the first failure
	queue chan file
	done  chan struct{}
}

type file struct {
	name string
	data []byte
}

// NewPublisher starts a build of the output folder dir. It refuses a folder
// that holds site.toml, content/ or .git: that is a site or a repository,
// not a build.
func NewPublisher(dir string) (*Publisher, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	for _, guard := range []string{"site.toml", ".git", "content"} {
		if _, err := os.Stat(filepath.Join(abs, guard)); err == nil {
			return nil, fmt.Errorf("%s holds %s, so it looks like a site or a repository, not a build folder; choose another --out folder, such as public", dir, guard)
		}
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+".new-")
	if err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(tmp)
	if err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	p := &Publisher{dir: abs, tmp: tmp, root: root, made: map[string]bool{".": true},
		queue: make(chan file, 256), done: make(chan struct{})}
	go p.writer()
	return p, nil
}

// writer writes the queued files in order.
func (p *Publisher) writer() {
	defer close(p.done)
	for f := range p.queue {
		if p.failed() {
			continue
		}
		if err := p.mkdir(path.Dir(f.name)); err != nil {
			p.fail(err)
			continue
		}
		if err := p.root.WriteFile(f.name, f.data, 0o644); err != nil {
			p.fail(err)
		}
	}
}

func (p *Publisher) failed() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err != nil
}

func (p *Publisher) mkdir(dir string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.made[dir] {
		return nil
	}
	if err := p.root.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	p.made[dir] = true
	return nil
}

// Put queues one file for the new folder. It is safe to call from several
// goroutines at once; a failure to write shows at Commit.
func (p *Publisher) Put(name string, data []byte) error {
	if !fs.ValidPath(name) || name == "." {
		return p.fail(fmt.Errorf("refusing to write %q: not a plain path inside the output folder", name))
	}
	p.queue <- file{name, data}
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
	if !fs.ValidPath(name) || name == "." {
		return p.fail(fmt.Errorf("refusing to write %q: not a plain path inside the output folder", name))
	}
	if err := p.mkdir(path.Dir(name)); err != nil {
		return p.fail(err)
	}
	f, err := p.root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return p.fail(err)
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return p.fail(err)
	}
	return nil
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
	p.root.Close()
	if err := os.Chmod(p.tmp, 0o755); err != nil {
		os.RemoveAll(p.tmp)
		return err
	}
	old := ""
	if _, err := os.Stat(p.dir); err == nil {
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

// Abort throws the new folder away.
func (p *Publisher) Abort() {
	p.wait()
	p.root.Close()
	os.RemoveAll(p.tmp)
}

// Publish writes a rendered site to dir atomically (see Publisher).
func Publish(dir string, out Output) error {
	p, err := NewPublisher(dir)
	if err != nil {
		return err
	}
	for _, name := range out.Paths() {
		if err := p.Put(name, out[name]); err != nil {
			p.Abort()
			return err
		}
	}
	return p.Commit()
}
