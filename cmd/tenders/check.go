package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/london-anchors/tenders/internal/build"
	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/lint"
	"github.com/london-anchors/tenders/internal/safetext"
	"github.com/london-anchors/tenders/internal/sitefs"
)

var checkCmd = &command{
	name:  "check",
	usage: "check [--site DIR] [--format text|json|github|sarif] [--strict] [--fix] [--diff] [--rules] [PATH...]",
	short: "check briefs for mistakes, jargon and unfair demands",
	run:   runCheck,
}

func runCheck(ctx context.Context, c *command, e *env, args []string) int {
	var f siteFlags
	fl := newFlagSet(c, e.stderr)
	f.register(fl)
	format := fl.String("format", "text", "the output `format`: text, json, github or sarif")
	strict := fl.Bool("strict", false, "exit 1 on warnings as well as errors")
	listRules := fl.Bool("rules", false, "list every rule with its default severity, and exit")
	fix := fl.Bool("fix", false, "make the safe replacements in the files, then report what is left")
	diff := fl.Bool("diff", false, "print the safe replacements as a diff; alone, it writes nothing and reports nothing else")
	if err := fl.Parse(args); err != nil {
		return parseError(err)
	}
	if *listRules {
		printRules(e.stdout)
		return exitOK
	}
	switch *format {
	case "text", "json", "github", "sarif":
	default:
		fmt.Fprintf(e.stderr, "tenders check: --format %q is not one of text, json, github, sarif\n", *format)
		return exitFailure
	}
	if *diff && *format != "text" {
		fmt.Fprintf(e.stderr, "tenders check: --diff prints a diff, which cannot share the output with --format %s; run them one at a time\n", *format)
		return exitFailure
	}
	fsys, err := sitefs.Open(f.site)
	if err == nil {
		defer fsys.Close()
		_, err = fsys.Lstat("site.toml")
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "tenders check: %s has no site.toml; run it in a site folder or give --site\n", f.site)
		return exitFailure
	}
	filter, err := pathFilter(f.site, fl.Args())
	if err != nil {
		fmt.Fprintln(e.stderr, "tenders check:", err)
		return exitFailure
	}
	checked, err := build.Check(ctx, fsys, f.baseURL)
	if ctx.Err() != nil {
		return stopped(c, e)
	}
	if err != nil {
		fmt.Fprintln(e.stderr, "tenders check:", safetext.Line(err.Error()))
		return exitFailure
	}
	if *fix || *diff {
		var code int
		if checked, code = fixSite(ctx, c, e, fsys, f, filter, checked, *fix, *diff); code >= 0 {
			return code
		}
	}
	list, sums, sources := filterFindings(f.site, filter, checked)
	if err := writeFindings(e, *format, fsys, checked, list, sums, sources); err != nil {
		fmt.Fprintln(e.stderr, "tenders check:", err)
		return exitFailure
	}
	errs, warns := 0, 0
	for _, d := range list {
		switch d.Severity {
		case diag.Error:
			errs++
		case diag.Warning:
			warns++
		}
	}
	if errs > 0 || (*strict && warns > 0) {
		return exitFindings
	}
	return exitOK
}

// fixSite makes the safe replacements of the files filter keeps (write),
// or prints them as a diff (show), or both. After writing, it returns the
// site as checked with the fixes made, for the findings that are left;
// otherwise an exit code to end with (-1 to carry on).
func fixSite(ctx context.Context, c *command, e *env, fsys *sitefs.FS, f siteFlags, filter func(string) bool, checked *build.Checked, write, show bool) (*build.Checked, int) {
	fixed, err := build.Fix(ctx, fsys, checked, filter)
	if ctx.Err() != nil {
		return nil, stopped(c, e)
	}
	if err != nil {
		fmt.Fprintln(e.stderr, "tenders check:", safetext.Line(err.Error()))
		return nil, exitFailure
	}
	if show {
		for _, fx := range fixed {
			lint.Diff(e.stdout, displayPath(f.site, fx.File), fx.Before, fx.After)
		}
	}
	if !write {
		return nil, exitOK
	}
	if i, err := writeFixed(fsys, fixed); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is said once, as the site names it
		}
		fmt.Fprintf(e.stderr, "tenders check: cannot write %s: %s\n", safetext.Line(displayPath(f.site, fixed[i].File)), safetext.Line(err.Error()))
		return nil, exitFailure
	}
	n, left := 0, 0
	for _, fx := range fixed {
		n += fx.Fixes
		if !fx.Done {
			left++
		}
	}
	fmt.Fprintf(e.stderr, "tenders check: made %s in %s\n", countOf(n, "fix", "fixes"), countOf(len(fixed), "file", "files"))
	if left > 0 {
		fmt.Fprintf(e.stderr, "tenders check: %s still %s safe fixes, each made possible by another; run tenders check --fix again\n", countOf(left, "file", "files"), map[bool]string{true: "has", false: "have"}[left == 1])
	}
	return build.Refixed(checked, fixed), -1
}

// writeFixed writes the fixed files, several at once: each write waits for
// the disk to hold the new bytes before it takes the old file's place, so
// one at a time a large site waited on each in turn. After a failure it
// starts no more, and returns the index of the first file that failed;
// each file is written whole or not at all.
func writeFixed(fsys *sitefs.FS, fixed []build.Fixed) (int, error) {
	errs := make([]error, len(fixed))
	var failed atomic.Bool
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(8, len(fixed)) {
		wg.Go(func() {
			for i := range next {
				if failed.Load() {
					continue
				}
				if errs[i] = fsys.WriteFile(fixed[i].File, fixed[i].After); errs[i] != nil {
					failed.Store(true)
				}
			}
		})
	}
	for i := range fixed {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return i, err
		}
	}
	return 0, nil
}

func countOf(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// filterFindings keeps the findings and summaries of the files the user
// asked about, named as they would type them, and returns where each
// displayed file is in the site folder.
func filterFindings(siteDir string, filter func(string) bool, checked *build.Checked) (diag.List, []lint.Summary, map[string]string) {
	var list diag.List
	sources := map[string]string{} // display path -> path in the site folder
	for _, d := range checked.List {
		if filter(d.File) {
			sources[displayPath(siteDir, d.File)] = d.File
			d.File = displayPath(siteDir, d.File)
			list = append(list, d)
		}
	}
	var sums []lint.Summary
	for _, s := range checked.Summaries {
		if filter(s.File) {
			s.File = displayPath(siteDir, s.File)
			sums = append(sums, s)
		}
	}
	return list, sums, sources
}

// writeFindings prints the findings in the format asked for.
func writeFindings(e *env, format string, fsys *sitefs.FS, checked *build.Checked, list diag.List, sums []lint.Summary, sources map[string]string) error {
	switch format {
	case "text":
		lint.Text(e.stdout, list, sums, readLines(fsys, sources), isTerminal(e.stdout))
		if docs := rulesDocURL(fsys, checked); docs != "" && len(list) > 0 {
			fmt.Fprintf(e.stdout, "Each check is explained at %s, under its name: %s#jargon, and so on.\n", docs, docs)
		}
	case "json":
		return lint.JSON(e.stdout, list, sums)
	case "github":
		var summary io.Writer
		if path := e.getenv("GITHUB_STEP_SUMMARY"); path != "" {
			file, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
			if err != nil {
				return err
			}
			defer file.Close()
			summary = file
		}
		lint.GitHub(e.stdout, summary, list, rulesDocURL(fsys, checked))
	case "sarif":
		return lint.SARIF(e.stdout, list, lint.Rules(), checked.Engine, thisBuild().version, rulesDocURL(fsys, checked))
	}
	return nil
}

// rulesDocURL is where the buyers' guide explains each rule, for links in
// the job summary.
func rulesDocURL(fsys fs.FS, c *build.Checked) string {
	if c.Config == nil || c.Config.Base == nil {
		return ""
	}
	if _, err := fs.Stat(fsys, "content/writing-guide.md"); err != nil {
		return ""
	}
	return c.Config.URL("writing-guide/")
}

func printRules(w io.Writer) {
	fmt.Fprintf(w, "%-22s %-11s %s\n", "RULE", "SEVERITY", "WHAT IT CHECKS")
	for _, r := range lint.Rules() {
		fmt.Fprintf(w, "%-22s %-11s %s\n", r.Name, r.Severity, r.Doc)
	}
}

// pathFilter returns a test of whether a finding's file (relative to the
// site folder) is under one of the paths the user gave, relative to where
// they are. No paths means every file.
func pathFilter(siteDir string, paths []string) (func(string) bool, error) {
	if len(paths) == 0 {
		return func(string) bool { return true }, nil
	}
	siteAbs, err := filepath.Abs(siteDir)
	if err != nil {
		return nil, err
	}
	var rels []string
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			return nil, fmt.Errorf("%s: no such file or folder", p)
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, err
		}
		rel, err := filepath.Rel(siteAbs, abs)
		if err != nil || strings.HasPrefix(rel, "..") {
			return nil, fmt.Errorf("%s is not inside the site folder %s", p, siteDir)
		}
		rels = append(rels, filepath.ToSlash(rel))
	}
	return func(file string) bool {
		for _, r := range rels {
			if r == "." || file == r || strings.HasPrefix(file, r+"/") {
				return true
			}
		}
		return false
	}, nil
}

// displayPath is a site file's path as the user would type it.
func displayPath(siteDir, file string) string {
	if siteDir == "." || file == "--base-url" {
		return file
	}
	return filepath.ToSlash(filepath.Join(siteDir, file))
}

// readLines returns a reader of a file's lines for excerpts: the file of
// the site that a finding's display path names, read through fsys, so
// never through a symbolic link.
func readLines(fsys fs.FS, sources map[string]string) lint.Source {
	return func(file string) []string {
		name, ok := sources[file]
		if !ok {
			return nil
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil
		}
		return strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	}
}

// isTerminal reports whether w is a terminal, for colour.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0 && os.Getenv("NO_COLOR") == ""
}
