// Package build runs tenders end to end on a site folder: read site.toml,
// load and check the content, lint it, and render the site. It is the one
// place that joins the engine's packages, so that lint and site need not
// know each other.
package build

import (
	"context"
	"errors"
	"io/fs"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/london-anchors/tenders/internal/markdown"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/lint"
	"github.com/london-anchors/tenders/internal/site"
	"github.com/london-anchors/tenders/internal/sitefs"
)

// Options adjust a build.
type Options struct {
	Now     time.Time // the build clock
	BaseURL string    // replaces site.toml's base_url when set
}

// Checked is a site folder read and checked: the input of a render.
type Checked struct {
	Config    *config.Config
	Content   *brief.Content
	Engine    *lint.Engine
	List      diag.List      // every finding: validation and lint, sorted
	Summaries []lint.Summary // one a content file, when the lint ran
}

// Check reads site.toml and every content file of fsys, validates them and
// runs the linter. Findings at error level mean the site must not be
// built. When validation fails the linter does not run, so a broken file
// gets only its validation errors. A symbolic link among the inputs is an
// error, and then nothing else is read (see sitefs.Check). The error is
// ctx's, when it ends first.
func Check(ctx context.Context, fsys fs.FS, baseURL string) (*Checked, error) {
	c := &Checked{}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if links := sitefs.Check(fsys); len(links) > 0 {
		c.List = links
		return c, nil
	}
	cfg, list := LoadConfig(fsys, baseURL)
	c.Config, c.List = cfg, list
	if list.Errors() > 0 {
		return c, nil
	}
	engine, elist := lint.New(cfg)
	c.Engine = engine
	c.List = append(c.List, elist...)
	p := &brief.Parser{Config: cfg, Static: sub(fsys, brief.StaticDir)}
	content, clist := p.Load(ctx, fsys)
	c.Content = content
	c.List = append(c.List, clist...)
	if c.List.Errors() == 0 {
		llist, sums := engine.Check(ctx, content)
		c.List = append(c.List, llist...)
		c.Summaries = sums
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	c.List.Sort()
	return c, nil
}

// Build checks the site in fsys and renders it into memory. It returns
// output only when there is no finding at error level; the list holds
// every finding, warnings included. The error is a failure to build (see
// BuildTo).
func Build(ctx context.Context, fsys fs.FS, defaults site.Defaults, opt Options) (site.Output, diag.List, error) {
	out := site.Output{}
	list, err := BuildTo(ctx, fsys, defaults, opt, &mapSink{out: out})
	if err != nil || list.Errors() > 0 {
		return nil, list, err
	}
	return out, list, nil
}

type mapSink struct {
	mu  sync.Mutex
	out site.Output
}

func (m *mapSink) Put(name string, data []byte) error {
	m.mu.Lock()
	m.out[name] = data
	m.mu.Unlock()
	return nil
}

// BuildTo checks the site in fsys and renders it into sink, file by file.
// Briefs are linted as they are rendered, from the same parsed body. A
// symbolic link among the inputs is an error, and then nothing else is
// read (see sitefs.Check). Problems of the content are findings in the
// list; the error is a failure to build at all: sink's (a full disk, say),
// or ctx's when it ends first. After an error, or a finding at error
// level, whatever sink received must be thrown away.
func BuildTo(ctx context.Context, fsys fs.FS, defaults site.Defaults, opt Options, sink site.Sink) (diag.List, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if links := sitefs.Check(fsys); len(links) > 0 {
		return links, nil
	}
	cfg, list := LoadConfig(fsys, opt.BaseURL)
	if list.Errors() > 0 {
		return list, nil
	}
	engine, elist := lint.New(cfg)
	list = append(list, elist...)
	p := &brief.Parser{Config: cfg, Static: sub(fsys, brief.StaticDir)}
	content, clist := p.Load(ctx, fsys)
	list = append(list, clist...)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if list.Errors() > 0 {
		list.Sort()
		return list, nil
	}
	others, _ := engine.Check(ctx, &brief.Content{Events: content.Events, Pages: content.Pages})
	list = append(list, others...)
	var mu sync.Mutex
	rlist, err := site.Render(ctx, &site.Site{
		Config:    cfg,
		Content:   content,
		Now:       opt.Now,
		Templates: site.Overlay(sub(fsys, "templates"), defaults.Templates),
		Static:    site.Overlay(sub(fsys, brief.StaticDir), defaults.Static),
		OnBody: func(b *brief.Brief, doc markdown.Node) {
			found, _ := engine.CheckParsed(&b.Source, b, nil, doc)
			if len(found) > 0 {
				mu.Lock()
				list = append(list, found...)
				mu.Unlock()
			}
		},
	}, sink)
	if err != nil {
		return nil, err
	}
	list = append(list, rlist...)
	list.Sort()
	return list, nil
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
	if !utf8.Valid(src) {
		return nil, diag.List{{File: config.FileName, Line: 1, Col: 1, Severity: diag.Error, Rule: "invalid", Message: "site.toml is not UTF-8 text; save it as UTF-8"}}
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
		return site.Overlay(nil, nil)
	}
	return s
}
