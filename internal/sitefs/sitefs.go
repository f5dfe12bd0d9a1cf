// Package sitefs reads a site folder without ever following a symbolic
// link. A site's files come from pull requests, and a link, whether it
// points outside the folder (to /etc/passwd, /proc/self/environ) or inside
// it (to .git/config, where a checkout keeps its token), would publish
// whatever it points at. So every read through an FS refuses a path with a
// link anywhere in it, and Check lists every link among a site's inputs as
// a positioned error.
//
// The FS works through an os.Root, so no name can reach outside the
// folder, and it keeps open a handle on each folder it has checked: a file
// costs one extra system call (an lstat of its own name), whatever its
// depth.
package sitefs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"sync"
	"syscall"

	"github.com/london-anchors/tenders/internal/diag"
)

// ErrSymlink is wrapped by every error that refuses a symbolic link.
var ErrSymlink = errors.New("symbolic link")

// ErrSpecial is wrapped by every error that refuses something that is
// neither a plain file nor a folder, such as a named pipe.
var ErrSpecial = errors.New("not a plain file or folder")

// RefusedError is the error of a read that met a symbolic link, or a
// special file, on its way.
type RefusedError struct {
	Path   string      // what was refused, from the site folder, with forward slashes
	Mode   fs.FileMode // its type
	Target string      // for a link, what it points to, as written in the link
}

func (e *RefusedError) Error() string {
	if e.Mode&fs.ModeSymlink != 0 {
		return fmt.Sprintf("%s is a symbolic link (to %s); tenders does not follow links, so that nothing outside the site can be published: replace the link with the file or folder itself", e.Path, e.Target)
	}
	return fmt.Sprintf("%s is a %s, not a file or a folder; tenders reads only plain files: remove it", e.Path, kind(e.Mode))
}

// Unwrap gives ErrSymlink or ErrSpecial.
func (e *RefusedError) Unwrap() error {
	if e.Mode&fs.ModeSymlink != 0 {
		return ErrSymlink
	}
	return ErrSpecial
}

func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0:
		return "device"
	}
	return "special file"
}

// maxHandles is how many folders an FS keeps open. Past that, a folder is
// opened for each read, so a site with thousands of folders cannot run
// out of file descriptors.
const maxHandles = 256

// FS is a site folder, or a folder inside it, read without following
// links. It implements fs.ReadFileFS, fs.ReadDirFS, fs.StatFS, fs.SubFS and
// fs.ReadLinkFS, and is safe for use from several goroutines.
type FS struct {
	s      *shared
	prefix string // "" for the site folder, else "dir/" below it
}

type shared struct {
	root *os.Root
	mu   sync.Mutex
	dirs map[string]*handle // folders checked to be plain folders reached without a link

	// Each folder's entries as ReadDir read them, until Forget or a
	// write: a build lists every folder twice (sitefs.Check, then the
	// content's walk), and a folder opened in an os.Root stats each of its
	// entries as it lists them, one system call a brief.
	lists map[string][]fs.DirEntry
}

// handle is a folder held open. refs counts the reads using it, so that
// Forget can close it once they are done.
type handle struct {
	root *os.Root
	refs int
	gone bool
}

// Open opens the site folder dir. dir itself may be a link: it is the
// user's own choice. Call Close when done.
func Open(dir string) (*FS, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &FS{s: &shared{root: root, dirs: map[string]*handle{}, lists: map[string][]fs.DirEntry{}}}, nil
}

// Close lets go of the folder and of every handle on folders inside it.
func (f *FS) Close() error {
	f.Forget()
	return f.s.root.Close()
}

// Forget drops the folders already checked and listed, so the next read
// checks and lists them again. Until then ReadDir answers from what it
// read last (WriteFile forgets that too). Call it when the folder may have
// changed in ways not told to Refresh: tenders serve does before its first
// build and whenever its watcher may have missed a change, so a file
// added or changed, or a folder moved away and made again, is read afresh.
func (f *FS) Forget() {
	s := f.s
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, h := range s.dirs {
		h.gone = true
		if h.refs == 0 {
			h.root.Close()
		}
	}
	s.dirs = map[string]*handle{}
	s.lists = map[string][]fs.DirEntry{}
}

// Refresh tells the FS that the files at names (paths from the site
// folder) may have changed, been made or gone, as a watcher of the folder
// reports: each is looked at again in the listing of its folder, so the
// next ReadDir of a folder of thousands of files does not list it all
// again. ReadDir then answers as if it read each folder afresh, but for a
// folder's own size and time in its parent's listing. When one of
// names is or was a folder, or cannot be looked at, the FS forgets all it
// knows (Forget). A name outside the site folder is taken as a change to
// the whole of it.
func (f *FS) Refresh(names []string) {
	for _, name := range names {
		if !f.refresh(name) {
			f.Forget()
			return
		}
	}
}

// refresh patches the listing of name's folder, if one is kept, with what
// is at name now. It reports false when it cannot: name is, or was, a
// folder, or something went wrong.
func (f *FS) refresh(name string) bool {
	full, err := f.full("refresh", name)
	if err != nil || full == "." {
		return false
	}
	dir, base := path.Dir(full), path.Base(full)
	f.s.mu.Lock()
	_, listed := f.s.lists[dir]
	f.s.mu.Unlock()
	if !listed {
		return true // read afresh when it is listed
	}
	r, done, err := f.s.dir(dir)
	if err != nil {
		return false
	}
	info, err := r.Lstat(base)
	done()
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false
	}
	f.s.mu.Lock()
	defer f.s.mu.Unlock()
	list, ok := f.s.lists[dir]
	if !ok {
		return true
	}
	i, found := slices.BinarySearchFunc(list, base, func(e fs.DirEntry, name string) int { return strings.Compare(e.Name(), name) })
	if (found && list[i].IsDir()) || (info != nil && info.IsDir()) {
		return false
	}
	switch {
	case info == nil && found:
		list = slices.Delete(list, i, i+1)
	case info != nil && found:
		list[i] = fs.FileInfoToDirEntry(info)
	case info != nil:
		list = slices.Insert(list, i, fs.FileInfoToDirEntry(info))
	}
	f.s.lists[dir] = list
	return true
}

// forgetLists drops the folders' entries read so far.
func (s *shared) forgetLists() {
	s.mu.Lock()
	s.lists = map[string][]fs.DirEntry{}
	s.mu.Unlock()
}

func (s *shared) release(h *handle) {
	s.mu.Lock()
	defer s.mu.Unlock()
	h.refs--
	if h.gone && h.refs == 0 {
		h.root.Close()
	}
}

// full is name from the site folder, checked to be a plain path.
func (f *FS) full(op, name string) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		if f.prefix == "" {
			return ".", nil
		}
		return strings.TrimSuffix(f.prefix, "/"), nil
	}
	return f.prefix + name, nil
}

// pathError gives err the name from the site folder.
func pathError(op, full string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return &fs.PathError{Op: op, Path: full, Err: err}
}

// dir returns an open handle on the folder full (a path from the site
// folder), checking that neither it nor any folder above it is a link.
// Call done when finished with it.
func (s *shared) dir(full string) (r *os.Root, done func(), err error) {
	if full == "." {
		return s.root, func() {}, nil
	}
	s.mu.Lock()
	if h := s.dirs[full]; h != nil {
		h.refs++
		s.mu.Unlock()
		return h.root, func() { s.release(h) }, nil
	}
	s.mu.Unlock()

	parent, doneParent, err := s.dir(path.Dir(full))
	if err != nil {
		return nil, nil, err
	}
	defer doneParent()
	base := path.Base(full)
	info, err := parent.Lstat(base)
	if err != nil {
		return nil, nil, pathError("open", full, err)
	}
	if err := plain(parent, full, info); err != nil {
		return nil, nil, err
	}
	if !info.IsDir() {
		return nil, nil, &fs.PathError{Op: "open", Path: full, Err: syscall.ENOTDIR}
	}
	sub, err := parent.OpenRoot(base)
	if err != nil {
		return nil, nil, pathError("open", full, err)
	}
	// The folder opened must be the one just checked, not a link put in
	// its place since.
	if now, err := sub.Stat("."); err != nil || !os.SameFile(info, now) {
		sub.Close()
		return nil, nil, &fs.PathError{Op: "open", Path: full, Err: errChanged}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if h := s.dirs[full]; h != nil { // another read got there first
		sub.Close()
		h.refs++
		return h.root, func() { s.release(h) }, nil
	}
	if len(s.dirs) >= maxHandles {
		return sub, func() { sub.Close() }, nil
	}
	h := &handle{root: sub, refs: 1}
	s.dirs[full] = h
	return sub, func() { s.release(h) }, nil
}

var errChanged = errors.New("changed while it was being read; try again")

// plain refuses a link or a special file; info is from Lstat.
func plain(parent *os.Root, full string, info fs.FileInfo) error {
	t := info.Mode().Type()
	switch {
	case t == 0 || t == fs.ModeDir:
		return nil
	case t&fs.ModeSymlink != 0:
		target, err := parent.Readlink(path.Base(full))
		if err != nil {
			target = "a target that cannot be read"
		}
		return &RefusedError{Path: full, Mode: t, Target: target}
	}
	return &RefusedError{Path: full, Mode: t}
}

// lstat checks the folders on the way to full and returns what is at the
// end, without following it, with its folder's handle.
func (f *FS) lstat(op, name string) (full string, parent *os.Root, info fs.FileInfo, done func(), err error) {
	if full, err = f.full(op, name); err != nil {
		return
	}
	if full == "." {
		info, err = f.s.root.Stat(".")
		return full, f.s.root, info, func() {}, err
	}
	parent, done, err = f.s.dir(path.Dir(full))
	if err != nil {
		return
	}
	info, err = parent.Lstat(path.Base(full))
	if err != nil {
		done()
		return full, nil, nil, nil, pathError(op, full, err)
	}
	return full, parent, info, done, nil
}

// Open opens a file or a folder, refusing links.
func (f *FS) Open(name string) (fs.File, error) {
	file, _, err := f.open(name)
	if err != nil {
		return nil, err
	}
	return file, nil
}

func (f *FS) open(name string) (*os.File, fs.FileInfo, error) {
	full, parent, info, done, err := f.lstat("open", name)
	if err != nil {
		return nil, nil, err
	}
	defer done()
	if err := plain(parent, full, info); err != nil {
		return nil, nil, err
	}
	base := path.Base(full)
	if full == "." {
		base = "."
	}
	file, err := parent.Open(base)
	if err != nil {
		return nil, nil, pathError("open", full, err)
	}
	now, err := file.Stat()
	if err != nil || !os.SameFile(info, now) {
		file.Close()
		return nil, nil, &fs.PathError{Op: "open", Path: full, Err: errChanged}
	}
	return file, now, nil
}

// ReadFile reads a whole file, refusing links.
func (f *FS) ReadFile(name string) ([]byte, error) {
	file, info, err := f.open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	if info.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: f.prefix + name, Err: syscall.EISDIR}
	}
	data := make([]byte, 0, info.Size()+1)
	for {
		n, err := file.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
		if len(data) == cap(data) {
			data = slices.Grow(data, 4096)
		}
	}
}

// ReadDir lists a folder, sorted by name. Links in it are listed as links
// (their Type is fs.ModeSymlink), not followed.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	full, err := f.full("readdir", name)
	if err != nil {
		return nil, err
	}
	f.s.mu.Lock()
	list, ok := f.s.lists[full]
	f.s.mu.Unlock()
	if ok {
		return slices.Clone(list), nil
	}
	r, done, err := f.s.dir(full)
	if err != nil {
		return nil, err
	}
	defer done()
	dir, err := r.Open(".")
	if err != nil {
		return nil, pathError("readdir", full, err)
	}
	defer dir.Close()
	entries, err := dir.ReadDir(-1)
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	if err != nil {
		return entries, pathError("readdir", full, err)
	}
	f.s.mu.Lock()
	f.s.lists[full] = entries
	f.s.mu.Unlock()
	return slices.Clone(entries), nil
}

// Stat describes a file or folder, refusing links.
func (f *FS) Stat(name string) (fs.FileInfo, error) {
	full, parent, info, done, err := f.lstat("stat", name)
	if err != nil {
		return nil, err
	}
	defer done()
	if err := plain(parent, full, info); err != nil {
		return nil, err
	}
	return info, nil
}

// Lstat describes a file, folder or link without following it. The
// folders on the way must not be links.
func (f *FS) Lstat(name string) (fs.FileInfo, error) {
	_, _, info, done, err := f.lstat("lstat", name)
	if err != nil {
		return nil, err
	}
	done()
	return info, nil
}

// ReadLink says where a link points, without following it.
func (f *FS) ReadLink(name string) (string, error) {
	full, parent, _, done, err := f.lstat("readlink", name)
	if err != nil {
		return "", err
	}
	defer done()
	target, err := parent.Readlink(path.Base(full))
	if err != nil {
		return "", pathError("readlink", full, err)
	}
	return target, nil
}

// Sub is the folder dir as a file system of its own, whose errors still
// name paths from the site folder.
func (f *FS) Sub(dir string) (fs.FS, error) {
	full, err := f.full("sub", dir)
	if err != nil {
		return nil, err
	}
	if full == "." {
		return f, nil
	}
	return &FS{s: f.s, prefix: full + "/"}, nil
}

// Inputs are what a build reads from a site folder.
var Inputs = []string{"site.toml", "content", "templates", "static"}

// Check walks a site's inputs (site.toml, content/, templates/ and
// static/) and reports every symbolic link, and anything that is neither a
// file nor a folder, as an error at line 1 of its path. It never follows a
// link, so it works on any file system that lists links as links
// (fs.ReadLinkFS): an FS, os.DirFS, fstest.MapFS.
func Check(fsys fs.FS) diag.List {
	var list diag.List
	report := func(name string, mode fs.FileMode) {
		e := &RefusedError{Path: name, Mode: mode.Type()}
		if mode&fs.ModeSymlink != 0 {
			target, err := fs.ReadLink(fsys, name)
			if err != nil {
				target = "a target that cannot be read"
			}
			e.Target = target
		}
		list = append(list, diag.Diagnostic{File: name, Line: 1, Col: 1, Severity: diag.Error, Rule: "invalid", Message: e.Error()})
	}
	for _, top := range Inputs {
		info, err := fs.Lstat(fsys, top)
		if err != nil {
			continue // not there, or unreadable: the reads report it
		}
		if t := info.Mode().Type(); t != 0 && t != fs.ModeDir {
			report(top, t)
			continue
		}
		if !info.IsDir() {
			continue
		}
		_ = fs.WalkDir(fsys, top, func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if t := d.Type(); t != 0 && t != fs.ModeDir {
				report(name, t)
			}
			return nil
		})
	}
	list.Sort()
	return list
}

var (
	_ fs.ReadFileFS = (*FS)(nil)
	_ fs.ReadDirFS  = (*FS)(nil)
	_ fs.StatFS     = (*FS)(nil)
	_ fs.SubFS      = (*FS)(nil)
	_ fs.ReadLinkFS = (*FS)(nil)
)
