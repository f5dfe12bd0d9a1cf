//go:build !linux

package publish

import (
	"os"
	"path"
	"sync"
)

// folders writes the files of the new folder through its os.Root (the
// Linux build keeps folder handles instead: folders_linux.go).
type folders struct {
	root *os.Root
	mu   sync.Mutex
	made map[string]bool // folders already made
}

func newFolders(root *os.Root, dir string) (*folders, error) {
	return &folders{root: root, made: map[string]bool{".": true}}, nil
}

func (f *folders) mkdir(dir string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.made[dir] {
		return nil
	}
	if err := f.root.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f.made[dir] = true
	return nil
}

// writeFile writes the plain file name with data.
func (f *folders) writeFile(name string, data []byte) error {
	if err := f.mkdir(path.Dir(name)); err != nil {
		return err
	}
	return f.root.WriteFile(name, data, 0o644)
}

// openFile makes the plain file name and returns it to be written.
func (f *folders) openFile(name string) (*os.File, error) {
	if err := f.mkdir(path.Dir(name)); err != nil {
		return nil, err
	}
	return f.root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
}

func (f *folders) close() {}
