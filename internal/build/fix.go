package build

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/lint"
	"github.com/london-anchors/tenders/internal/parallel"
)

// Fixed is one file that Fix would change.
type Fixed struct {
	File          string // under the site folder
	Before, After []byte
	Fixes         int  // how many replacements were made
	Done          bool // no safe fix is left (false after lint.MaxFixRounds rounds)

	lint    diag.List // the lint findings of After
	summary lint.Summary
}

// Fix works out the safe fixes of tenders check --fix for the documents of
// c (the site in fsys, checked) whose file keep accepts: it makes them in
// memory, linting each file again after each round, and returns the files
// that change, in file order. It writes nothing. A file that changed since
// it was checked is an error, and so is one that cannot be read; the
// error is ctx's when it ends first.
func Fix(ctx context.Context, fsys fs.FS, c *Checked, keep func(string) bool) ([]Fixed, error) {
	if c.Engine == nil {
		return nil, nil
	}
	byFile := map[string]diag.List{}
	for _, d := range c.List {
		byFile[d.File] = append(byFile[d.File], d)
	}
	var docs []brief.Doc
	for _, d := range c.Content.Docs() {
		file := d.Src().File
		if keep(file) && slices.ContainsFunc(byFile[file], lint.HasSafeFix) {
			docs = append(docs, d)
		}
	}
	parser := &brief.Parser{Config: c.Config, Static: sub(fsys, brief.StaticDir)}
	out := make([]*Fixed, len(docs))
	errs := make([]error, len(docs))
	parallel.Each(ctx, len(docs), func(i int) {
		d := docs[i]
		src := d.Src()
		before, err := fs.ReadFile(fsys, src.File)
		if err == nil && sha256.Sum256(before) != src.Sum {
			err = fmt.Errorf("%s changed while it was being checked; run tenders check --fix again", src.File)
		}
		if err != nil {
			errs[i] = err
			return
		}
		parse := func(b []byte) brief.Doc {
			if next := brief.Rebody(d, b); next != nil {
				return next // only the body changed
			}
			next, list := parser.Parse(d.FileKind(), src.File, b)
			if next == nil || list.Errors() > 0 {
				return nil
			}
			return next
		}
		r := c.Engine.Fix(d, before, byFile[src.File], parse)
		if r.Fixes > 0 {
			out[i] = &Fixed{File: src.File, Before: before, After: r.Src, Fixes: r.Fixes, Done: r.Done, lint: r.List, summary: r.Summary}
		}
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var fixed []Fixed
	for i, f := range out {
		if errs[i] != nil {
			return nil, errs[i]
		}
		if f != nil {
			fixed = append(fixed, *f)
		}
	}
	slices.SortFunc(fixed, func(a, b Fixed) int { return strings.Compare(a.File, b.File) })
	return fixed, nil
}

// Refixed is c after the files of fixed are written: each fixed file's
// lint findings and summary are those Fix found in its new bytes, so the
// site need not be checked again. A fix changes only words of prose, so
// the file's other findings (its checks, and those across files) stay.
func Refixed(c *Checked, fixed []Fixed) *Checked {
	if len(fixed) == 0 {
		return c
	}
	byFile := map[string]*Fixed{}
	for i := range fixed {
		byFile[fixed[i].File] = &fixed[i]
	}
	lintRule := map[string]bool{"lint-ignore": true}
	for _, r := range c.Engine.Rules {
		lintRule[r.Name] = true
	}
	n := *c
	n.List = nil
	for _, d := range c.List {
		if byFile[d.File] == nil || !lintRule[d.Rule] {
			n.List = append(n.List, d)
		}
	}
	for _, f := range fixed {
		n.List = append(n.List, f.lint...)
	}
	n.List.Sort()
	n.Summaries = slices.Clone(c.Summaries)
	for i, s := range n.Summaries {
		if f := byFile[s.File]; f != nil {
			n.Summaries[i] = f.summary
		}
	}
	n.Summaries = tally(n.List, n.Summaries)
	return &n
}
