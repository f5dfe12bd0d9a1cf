// Package build runs tenders end to end on a site folder: read site.toml,
// load and check the content, lint it, and render the site. It is the one
// place that joins the engine's packages, so that lint and site need not
// know each other.
package build

import (
	"context"
	"errors"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/lint"
	"github.com/london-anchors/tenders/internal/site"
)

// Options adjust a build.
type Options struct {
	Now     time.Time // the build clock
	BaseURL string    // replaces site.toml's base_url when set
}

// Checked is a site folder read and checked: what tenders check reports.
type Checked struct {
	Config    *config.Config // nil when site.toml could not be read
	Content   *brief.Content // the documents that parsed cleanly
	Engine    *lint.Engine   // nil when site.toml could not be read
	List      diag.List      // every finding: validation and lint, sorted
	Summaries []lint.Summary // one a document that parsed cleanly
}

// Check runs the pipeline's stages up to lint on the site in fsys: it
// reads site.toml and every content file, validates them, checks them
// across files, and lints every document that parsed cleanly, whatever is
// wrong with the others. Findings at error level mean the site must not be
// built. A symbolic link among the inputs, or a site.toml that cannot be
// used, is an error, and then nothing else is read. The error is ctx's,
// when it ends first.
func Check(ctx context.Context, fsys fs.FS, baseURL string) (*Checked, error) {
	p := newPipeline(fsys, site.Defaults{}, baseURL)
	l, err := p.load(ctx)
	if err != nil {
		return nil, err
	}
	c := &Checked{Config: p.cfg, Content: l.content, Engine: p.engine, List: l.list}
	if p.engine == nil {
		c.Summaries = tally(c.List, nil)
		return c, nil
	}
	found, sums, err := p.lint(ctx, l, anyDoc)
	if err != nil {
		return nil, err
	}
	c.List = append(c.List, found...)
	c.List.Sort()
	c.Summaries = tally(c.List, sums)
	return c, nil
}

// tally makes the summaries true of the whole list: each file's counts
// are of every finding in it, validation and checks across files as well
// as lint, and a file with findings that was not linted (one that did not
// parse, or site.toml) gets a summary too, without the reading scores.
func tally(list diag.List, sums []lint.Summary) []lint.Summary {
	at := map[string]int{}
	out := slices.Clone(sums)
	for i := range out {
		out[i].Errors, out[i].Warnings, out[i].Suggestions = 0, 0, 0
		at[out[i].File] = i
	}
	for _, d := range list {
		if d.File == "" || strings.HasPrefix(d.File, "-") {
			continue // not a file: a flag such as --base-url
		}
		i, ok := at[d.File]
		if !ok {
			i = len(out)
			at[d.File] = i
			out = append(out, lint.Summary{File: d.File})
		}
		switch d.Severity {
		case diag.Error:
			out[i].Errors++
		case diag.Warning:
			out[i].Warnings++
		case diag.Suggestion:
			out[i].Suggestions++
		}
	}
	sortSummaries(out)
	return out
}

// Build runs the whole pipeline on the site in fsys into memory. It
// returns output only when there is no finding at error level; the list
// holds every finding, warnings included. The error is a failure to build
// (see BuildTo).
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

// BuildTo runs the whole pipeline on the site in fsys, once, rendering
// into sink file by file. Briefs are linted as they are rendered, from the
// same parsed body. Problems of the content are findings in the list, and
// when one is at error level after the load and cross-check nothing is
// rendered; the error is a failure to build at all: sink's (a full disk,
// say), or ctx's when it ends first. After an error, or a finding at error
// level, whatever sink received must be thrown away.
func BuildTo(ctx context.Context, fsys fs.FS, defaults site.Defaults, opt Options, sink site.Sink) (diag.List, error) {
	p := newPipeline(fsys, defaults, opt.BaseURL)
	p.light = true // each brief is read again to render it, not held from the first read
	l, err := p.load(ctx)
	if err != nil || l.list.Errors() > 0 {
		return listOf(l), err
	}
	list := l.list
	found, _, err := p.lint(ctx, l, notBrief)
	if err != nil {
		return nil, err
	}
	list = append(list, found...)
	linted, rlist, err := p.renderStage(ctx, l, opt.Now, sink, nil, "")
	if err != nil {
		return nil, err
	}
	// A render that stopped before the briefs' pages (a template that
	// does not parse) linted none of them: lint them now.
	rest, _, err := p.lint(ctx, l, p.notLinted)
	if err != nil {
		return nil, err
	}
	list = append(append(append(list, linted...), rest...), rlist...)
	list.Sort()
	return list, nil
}

func listOf(l *loaded) diag.List {
	if l == nil {
		return nil
	}
	return l.list
}

func sortSummaries(sums []lint.Summary) {
	slices.SortFunc(sums, func(a, b lint.Summary) int { return strings.Compare(a.File, b.File) })
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
