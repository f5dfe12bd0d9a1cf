package site

import (
	"errors"
	"io/fs"
	"slices"
	"time"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/diag"
)

// Defaults are the built-in templates and static files, used wherever a
// site does not have its own.
type Defaults struct {
	Templates fs.FS
	Static    fs.FS
}

// Options adjust a build.
type Options struct {
	Now     time.Time // the build clock
	BaseURL string    // overrides site.toml's base_url when set
}

// Build reads the site folder in fsys, checks it and renders it. It returns
// the output only when there is no error; the list holds every problem
// found, warnings included, sorted by file and line.
func Build(fsys fs.FS, defaults Defaults, opt Options) (Output, diag.List) {
	cfg, list := LoadConfig(fsys, opt.BaseURL)
	if list.Errors() > 0 {
		return nil, list
	}
	static := Overlay(sub(fsys, brief.StaticDir), defaults.Static)
	p := &brief.Parser{Config: cfg, Static: sub(fsys, brief.StaticDir)}
	content, clist := p.Load(fsys)
	list = append(list, clist...)
	if list.Errors() > 0 {
		list.Sort()
		return nil, list
	}
	out, rlist := Render(&Site{
		Config:    cfg,
		Content:   content,
		Now:       opt.Now,
		Templates: Overlay(sub(fsys, "templates"), defaults.Templates),
		Static:    static,
	})
	list = append(list, rlist...)
	list.Sort()
	if list.Errors() > 0 {
		return nil, list
	}
	return out, list
}

// LoadConfig reads and checks site.toml from fsys, with baseURL (when not
// empty) in place of its base_url.
func LoadConfig(fsys fs.FS, baseURL string) (*config.Config, diag.List) {
	src, err := fs.ReadFile(fsys, config.FileName)
	if err != nil {
		msg := "cannot read site.toml: " + err.Error()
		if errors.Is(err, fs.ErrNotExist) {
			msg = "there is no site.toml; a site folder needs one, with at least title and base_url (see README.md)"
		}
		return nil, diag.List{{File: config.FileName, Line: 1, Col: 1, Severity: diag.Error, Rule: "invalid", Message: msg}}
	}
	if d := brief.CheckText(config.FileName, src); d != nil {
		return nil, diag.List{*d}
	}
	cfg, list := config.Parse(config.FileName, string(src))
	if baseURL != "" && list.Errors() == 0 {
		cfg.BaseURL = baseURL
		list = config.RecheckBase(cfg)
	}
	return cfg, list
}

func sub(fsys fs.FS, dir string) fs.FS {
	s, err := fs.Sub(fsys, dir)
	if err != nil {
		return emptyFS{}
	}
	return s
}

type emptyFS struct{}

func (emptyFS) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// Overlay returns a file system that reads from upper, and from lower for
// any name upper does not have.
func Overlay(upper, lower fs.FS) fs.FS { return overlay{upper, lower} }

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
