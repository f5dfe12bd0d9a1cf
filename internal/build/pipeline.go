package build

import (
	"context"
	"crypto/sha256"
	"io/fs"
	"slices"
	"sync"
	"time"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/lint"
	"github.com/london-anchors/tenders/internal/markdown"
	"github.com/london-anchors/tenders/internal/site"
	"github.com/london-anchors/tenders/internal/sitefs"
)

// pipeline is the one way a site is read, checked and rendered, in stages:
//
//	load        site.toml and every content file, into a brief.Store
//	cross-check references and slugs across files (brief.Gather)
//	lint        every document that parsed cleanly (internal/lint)
//	render      every file of the site, to a sink (internal/site)
//	publish     the sink: the output folder (internal/publish) or memory
//
// check runs the stages up to lint; build runs them all once; a Session
// keeps one pipeline, whose store and lint results carry over, so a change
// redoes only what it touches.
type pipeline struct {
	fsys     fs.FS
	defaults site.Defaults
	baseURL  string

	cfgSum  [32]byte // of the site.toml the config was read from
	cfg     *config.Config
	cfgList diag.List // site.toml's problems, and the lint settings'
	engine  *lint.Engine
	store   *brief.Store
	lints   map[string]linted // by file: the last lint of each document
	light   bool              // a one-off build: see brief.Store.Light
}

// linted is one document's lint, kept while its bytes stay the same.
type linted struct {
	sum     [32]byte
	list    diag.List
	summary lint.Summary
}

func newPipeline(fsys fs.FS, defaults site.Defaults, baseURL string) *pipeline {
	return &pipeline{fsys: fsys, defaults: defaults, baseURL: baseURL}
}

// loaded is what the load and cross-check stages give the later ones.
type loaded struct {
	entries []*brief.Entry
	content *brief.Content // the clean documents, cross-checked
	list    diag.List      // every finding so far, sorted
}

// load runs the load and cross-check stages. Findings at error level in
// the list mean the site must not be rendered; when site.toml or a link
// among the inputs is wrong, nothing else is read. The error is ctx's.
func (p *pipeline) load(ctx context.Context) (*loaded, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if links := sitefs.Check(p.fsys); len(links) > 0 {
		return &loaded{content: &brief.Content{}, list: links}, nil
	}
	p.loadConfig()
	if p.cfgList.Errors() > 0 {
		return &loaded{content: &brief.Content{}, list: p.cfgList}, nil
	}
	// The files site.toml names in the site's static/ are looked for
	// every time, since they may come and go while site.toml stays the
	// same.
	if missing := p.cfg.CheckStatic(sub(p.fsys, brief.StaticDir)); len(missing) > 0 {
		list := append(slices.Clone(p.cfgList), missing...)
		list.Sort()
		return &loaded{content: &brief.Content{}, list: list}, nil
	}
	entries, list := p.store.Update(ctx, p.fsys)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	content, more := brief.Gather(entries)
	list = append(append(list, p.cfgList...), more...)
	list.Sort()
	return &loaded{entries: entries, content: content, list: list}, nil
}

// loadConfig reads site.toml again when its bytes have changed, and then
// starts afresh: a new store and no lint results, since every file is
// checked against it.
func (p *pipeline) loadConfig() {
	src, err := fs.ReadFile(p.fsys, config.FileName)
	sum := sha256.Sum256(src)
	if p.cfg != nil && err == nil && sum == p.cfgSum {
		return
	}
	p.cfgSum = sum
	p.cfg, p.cfgList = LoadConfig(p.fsys, p.baseURL)
	p.engine, p.store, p.lints = nil, nil, map[string]linted{}
	if p.cfgList.Errors() > 0 {
		p.cfg = nil // read it again next time, whatever its bytes
		return
	}
	var elist diag.List
	p.engine, elist = lint.New(p.cfg)
	p.cfgList = append(p.cfgList, elist...)
	p.store = brief.NewStore(&brief.Parser{Config: p.cfg, Static: sub(p.fsys, brief.StaticDir)})
	p.store.Light = p.light
}

// lint runs the lint stage on every clean document that want says, taking
// each from the last lint while its bytes are the same. It returns the
// findings, and a summary of every document linted, in file order.
func (p *pipeline) lint(ctx context.Context, l *loaded, want func(brief.Doc) bool) (diag.List, []lint.Summary, error) {
	var docs []brief.Doc
	var list diag.List
	sums := make([]lint.Summary, 0, len(l.entries))
	for _, e := range l.entries {
		if !e.Clean() || !want(e.Doc) {
			continue
		}
		if old, ok := p.lints[e.File.Path]; ok && old.sum == e.Sum {
			list = append(list, old.list...)
			sums = append(sums, old.summary)
			continue
		}
		docs = append(docs, e.Doc)
	}
	found, fresh := p.engine.Check(ctx, docs)
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	byFile := map[string]diag.List{}
	for _, d := range found {
		byFile[d.File] = append(byFile[d.File], d)
	}
	for i, d := range docs {
		src := d.Src()
		p.lints[src.File] = linted{sum: src.Sum, list: byFile[src.File], summary: fresh[i]}
	}
	list = append(list, found...)
	sums = append(sums, fresh...)
	list.Sort()
	sortSummaries(sums)
	return list, sums, nil
}

// hasLint reports whether the last lint of d is kept: a brief's, or any
// document's other than a brief (linted before the render).
func (p *pipeline) hasLint(d brief.Doc) bool {
	if d.FileKind() != brief.KindBrief {
		return true
	}
	src := d.Src()
	old, ok := p.lints[src.File]
	return ok && old.sum == src.Sum
}

// notLinted is the documents hasLint is not: briefs whose lint is not
// kept.
func (p *pipeline) notLinted(d brief.Doc) bool { return !p.hasLint(d) }

// renderStage runs the render stage into sink. Each brief whose page is
// made and whose lint is not kept is linted from the tree the page is
// rendered from, so a build parses every body once: found holds those
// findings, and the lint is kept (hasLint); list is the render's own.
// cache and gen are a Session's (site.Site's Cache and Generation); nil
// for a build.
func (p *pipeline) renderStage(ctx context.Context, l *loaded, now time.Time, sink site.Sink, cache *site.Cache, gen string) (found, list diag.List, err error) {
	var mu sync.Mutex
	s := &site.Site{
		Config:     p.cfg,
		Content:    l.content,
		Now:        now,
		Templates:  site.Overlay(sub(p.fsys, "templates"), p.defaults.Templates),
		Static:     site.Overlay(sub(p.fsys, brief.StaticDir), p.defaults.Static),
		Cache:      cache,
		Generation: gen,
		Sources:    p.fsys,
	}
	s.OnBody = func(b *brief.Brief, tree markdown.Node) {
		mu.Lock()
		kept := p.hasLint(b) // its page is made again, under a new generation
		mu.Unlock()
		if kept {
			return
		}
		more, sum := p.engine.CheckParsed(b, tree)
		mu.Lock()
		defer mu.Unlock()
		found = append(found, more...)
		p.lints[b.File] = linted{sum: b.Sum, list: more, summary: sum}
	}
	list, err = site.Render(ctx, s, sink)
	if err != nil {
		return nil, nil, err
	}
	return found, list, nil
}

// notBrief and anyDoc choose the documents the lint stage runs on: a
// one-off build lints briefs in the render stage instead.
func notBrief(d brief.Doc) bool { return d.FileKind() != brief.KindBrief }
func anyDoc(brief.Doc) bool     { return true }
