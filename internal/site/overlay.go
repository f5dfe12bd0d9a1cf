package site

import (
	"errors"
	"io/fs"
	"slices"

	"github.com/london-anchors/tenders/internal/sitefs"
)

// Defaults are the built-in templates and static files, used wherever a
// site does not have its own.
type Defaults struct {
	Templates fs.FS
	Static    fs.FS
}

type emptyFS struct{}

func (emptyFS) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// Overlay returns a file system that reads from upper, and from lower for
// any name upper does not have. A nil side is an empty file system. A
// symbolic link (or a special file) in upper is never followed, and never
// hidden by lower's file of the same name: opening it is an error, and
// listings leave it out.
func Overlay(upper, lower fs.FS) fs.FS {
	if upper == nil {
		upper = emptyFS{}
	}
	if lower == nil {
		lower = emptyFS{}
	}
	return overlay{upper, lower}
}

type overlay struct{ upper, lower fs.FS }

// refused is the error of opening name in upper when it is a link or a
// special file, or has a link on its way; nil otherwise.
func (o overlay) refused(name string) error {
	info, err := fs.Lstat(o.upper, name)
	if err != nil {
		if errors.Is(err, sitefs.ErrSymlink) || errors.Is(err, sitefs.ErrSpecial) {
			return err
		}
		return nil
	}
	if t := info.Mode().Type(); t != 0 && t != fs.ModeDir {
		e := &sitefs.RefusedError{Path: name, Mode: t}
		if t&fs.ModeSymlink != 0 {
			e.Target, _ = fs.ReadLink(o.upper, name)
		}
		return e
	}
	return nil
}

func (o overlay) Open(name string) (fs.File, error) {
	if err := o.refused(name); err != nil {
		return nil, err
	}
	if f, err := o.upper.Open(name); err == nil {
		if st, err := f.Stat(); err == nil && !st.IsDir() {
			return f, nil
		}
		f.Close()
	}
	if f, err := o.lower.Open(name); err == nil {
		if st, err := f.Stat(); err == nil && !st.IsDir() {
			return f, nil
		}
		f.Close()
	}
	// A folder: let either side answer Stat; ReadDir merges them.
	if f, err := o.upper.Open(name); err == nil {
		return f, nil
	}
	return o.lower.Open(name)
}

func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	a, errA := fs.ReadDir(o.upper, name)
	b, errB := fs.ReadDir(o.lower, name)
	if errA != nil && errB != nil {
		return nil, errA
	}
	// upper's links and special files are left out, and so is lower's
	// entry of the same name: opening that name is an error (see Open).
	seen := map[string]bool{}
	var out []fs.DirEntry
	for _, e := range a {
		seen[e.Name()] = true
		if t := e.Type(); t == 0 || t == fs.ModeDir {
			out = append(out, e)
		}
	}
	for _, e := range b {
		if !seen[e.Name()] {
			seen[e.Name()] = true
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(x, y fs.DirEntry) int {
		switch {
		case x.Name() < y.Name():
			return -1
		case x.Name() > y.Name():
			return 1
		}
		return 0
	})
	return out, nil
}
