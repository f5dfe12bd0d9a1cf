package publish

import (
	"io/fs"
	"os"
	"path"
	"sync"
	"syscall"
)

// folders writes the files of the new folder through handles of the
// folders that hold them. A write through an os.Root opens and closes
// every folder on the way to the file and registers the file with the
// poller (fifteen system calls for opportunities/x/index.html); here each
// folder is made and opened once, kept open while files go into it, and a
// file costs one open, its writes and one close. Every open is relative
// to a folder handle, one name at a time, with O_NOFOLLOW, so a link put
// into the new folder by someone else is refused as the os.Root refuses
// it, and nothing lands outside the folder.
type folders struct {
	mu    sync.Mutex
	open  map[string]int // folder handles, by path; "." is the new folder
	order []string       // the open folders besides ".", oldest first
}

// maxOpen is how many folder handles are kept: files come folder by
// folder, so a few suffice, and a site of any size stays far below the
// process's limit of open files.
const maxOpen = 32

func newFolders(root *os.Root, dir string) (*folders, error) {
	fd, err := syscall.Open(dir, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_NOFOLLOW|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: dir, Err: err}
	}
	return &folders{open: map[string]int{".": fd}}, nil
}

// folder returns the handle of the folder dir, making it and the folders
// above it as needed. The caller holds mu.
func (f *folders) folder(dir string) (int, error) {
	if fd, ok := f.open[dir]; ok {
		return fd, nil
	}
	parent, err := f.folder(path.Dir(dir))
	if err != nil {
		return -1, err
	}
	base := path.Base(dir)
	if err := syscall.Mkdirat(parent, base, 0o755); err != nil && err != syscall.EEXIST {
		return -1, &fs.PathError{Op: "mkdir", Path: dir, Err: err}
	}
	fd, err := retry(func() (int, error) {
		return syscall.Openat(parent, base, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_NOFOLLOW|syscall.O_CLOEXEC, 0)
	})
	if err != nil {
		return -1, &fs.PathError{Op: "open", Path: dir, Err: err}
	}
	if len(f.order) == maxOpen {
		old := f.order[0]
		syscall.Close(f.open[old])
		delete(f.open, old)
		f.order = f.order[1:]
	}
	f.open[dir] = fd
	f.order = append(f.order, dir)
	return fd, nil
}

// create makes the plain file name, empty, and returns its handle.
func (f *folders) create(name string) (int, error) {
	f.mu.Lock()
	dir, err := f.folder(path.Dir(name))
	if err != nil {
		f.mu.Unlock()
		return -1, err
	}
	fd, err := retry(func() (int, error) {
		return syscall.Openat(dir, path.Base(name), syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_NOFOLLOW|syscall.O_CLOEXEC, 0o644)
	})
	f.mu.Unlock()
	if err != nil {
		return -1, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return fd, nil
}

// writeFile writes the plain file name with data.
func (f *folders) writeFile(name string, data []byte) error {
	fd, err := f.create(name)
	if err != nil {
		return err
	}
	for len(data) > 0 && err == nil {
		var n int
		n, err = syscall.Write(fd, data)
		if err == syscall.EINTR {
			err = nil
		}
		data = data[max(n, 0):]
	}
	if cerr := syscall.Close(fd); err == nil {
		err = cerr
	}
	if err != nil {
		return &fs.PathError{Op: "write", Path: name, Err: err}
	}
	return nil
}

// openFile makes the plain file name and returns it to be written.
func (f *folders) openFile(name string) (*os.File, error) {
	fd, err := f.create(name)
	if err != nil {
		return nil, err
	}
	return os.NewFile(uintptr(fd), name), nil
}

// close lets go of every folder handle.
func (f *folders) close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for dir, fd := range f.open {
		syscall.Close(fd)
		delete(f.open, dir)
	}
	f.order = nil
}

// retry runs open again while a signal interrupts it.
func retry(open func() (int, error)) (int, error) {
	for {
		fd, err := open()
		if err != syscall.EINTR {
			return fd, err
		}
	}
}
