package site

import (
	"io/fs"
	"slices"
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
// any name upper does not have. A nil side is an empty file system.
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

func (o overlay) Open(name string) (fs.File, error) {
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
	seen := map[string]bool{}
	var out []fs.DirEntry
	for _, e := range append(a, b...) {
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
