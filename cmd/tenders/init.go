package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing/fstest"
	"time"

	"github.com/london-anchors/tenders/internal/build"
	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/safetext"
	"github.com/london-anchors/tenders/internal/starter"
)

var initCmd = &command{
	name:  "init",
	usage: `init DIR [--title "Name"] [--base-url URL] [--repo URL] [--now TIME]`,
	short: "start a new network's site in a new or empty folder",
	run:   runInit,
}

func runInit(ctx context.Context, c *command, e *env, args []string) int {
	fl := newFlagSet(c, e.stderr)
	title := fl.String("title", "Contract opportunities", "the site's `name`, on every page and feed")
	baseURL := fl.String("base-url", "http://localhost:8080/", "the `URL` the site is published at (the publish workflow sets its own)")
	repo := fl.String("repo", "", "the site's repository on GitHub, such as https://github.com/ORG/REPO, for the buttons on /submit/")
	now := fl.String("now", "", "today, for the example brief's dates, such as 2026-12-01 (default: $SOURCE_DATE_EPOCH, else the clock)")
	dir, code, ok := parseOneArg(fl, args, c, e.stderr, func(a string) string {
		return fmt.Sprintf("tenders init: give one folder; %q is a second", a)
	})
	if !ok {
		return code
	}
	clock, err := (&siteFlags{now: *now}).clock(e.getenv)
	if err != nil {
		fmt.Fprintln(e.stderr, "tenders init:", err)
		return exitFailure
	}
	opts := starter.Options{Title: *title, BaseURL: *baseURL, Repo: *repo, Version: thisBuild().release(), Now: clock, Loc: londonTime()}
	files, ok := starterFiles(ctx, opts, e.stderr)
	if !ok {
		return exitFailure
	}
	if err := writeSite(dir, files); err != nil {
		fmt.Fprintln(e.stderr, "tenders init:", err)
		return exitFailure
	}
	printInitDone(e.stdout, dir, files, opts)
	return exitOK
}

// londonTime is the time zone of the example brief's dates: the one the
// new site.toml sets.
func londonTime() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		return time.UTC
	}
	return loc
}

// starterFiles makes the new site's files and checks them as tenders check
// would, so that what init writes builds straight away: a title, address
// or repository that site.toml cannot hold is refused here.
func starterFiles(ctx context.Context, opts starter.Options, stderr io.Writer) ([]starter.File, bool) {
	files, err := starter.Files(opts)
	if err != nil {
		fmt.Fprintln(stderr, "tenders init:", err)
		return nil, false
	}
	fsys := fstest.MapFS{}
	for _, f := range files {
		fsys[f.Path] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	checked, err := build.Check(ctx, fsys, "")
	if err != nil {
		fmt.Fprintln(stderr, "tenders init:", err)
		return nil, false
	}
	if checked.List.Errors() > 0 {
		fmt.Fprintln(stderr, "tenders init: the site would not build with the --title, --base-url and --repo given; nothing was written:")
		for _, d := range checked.List {
			if d.Severity >= diag.Error {
				fmt.Fprintf(stderr, "  %s\n", safetext.Line(d.Message))
			}
		}
		return nil, false
	}
	return files, true
}

// writeSite writes files into dir, which must not exist or be empty (a
// .git folder alone is allowed, as in a fresh clone of a new repository).
// When a write fails, it removes what it wrote: the folder is left as it
// was.
func writeSite(dir string, files []starter.File) error {
	created, err := prepareDir(dir)
	if err != nil {
		return err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	var tops []string
	for _, f := range files {
		top, _, _ := strings.Cut(f.Path, "/")
		if !slices.Contains(tops, top) {
			tops = append(tops, top)
		}
		if err = writeOne(root, f); err != nil {
			err = fmt.Errorf("cannot write %s: %w; nothing was written", filepath.Join(dir, filepath.FromSlash(f.Path)), err)
			break
		}
	}
	if err == nil {
		return nil
	}
	for _, top := range tops {
		root.RemoveAll(top)
	}
	if created {
		os.Remove(dir)
	}
	return err
}

// writeOne writes one new file inside root, making its folders. Its
// error is the cause alone, without the path.
func writeOne(root *os.Root, f starter.File) error {
	name := filepath.FromSlash(f.Path)
	if d := path.Dir(f.Path); d != "." {
		if err := root.MkdirAll(filepath.FromSlash(d), 0o755); err != nil {
			return cause(err)
		}
	}
	file, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return cause(err)
	}
	_, err = file.Write(f.Data)
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	return cause(err)
}

// cause strips the operation and path from an error of package os, which
// the message gives in its own words.
func cause(err error) error {
	for {
		pe, ok := err.(*fs.PathError)
		if !ok {
			return err
		}
		err = pe.Err
	}
}

// prepareDir makes dir when it is not there, and otherwise checks that it
// is an empty folder, or holds only .git. It reports whether it made it.
func prepareDir(dir string) (bool, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return false, err
		}
		return true, nil
	}
	if err != nil {
		if info, serr := os.Stat(dir); serr == nil && !info.IsDir() {
			return false, fmt.Errorf("%s is a file; give a new or empty folder", dir)
		}
		return false, err
	}
	var names []string
	for _, en := range entries {
		if en.Name() != ".git" {
			names = append(names, en.Name())
		}
	}
	if len(names) > 0 {
		shown := names
		if len(shown) > 3 {
			shown = append(shown[:3:3], "...")
		}
		return false, fmt.Errorf("%s is not empty (it holds %s); nothing was written. Give a new or empty folder", dir, strings.Join(shown, ", "))
	}
	return false, nil
}

// printInitDone says what init wrote, and what to do next.
func printInitDone(w io.Writer, dir string, files []starter.File, opts starter.Options) {
	fmt.Fprintf(w, "Wrote a new site in %s:\n", dir)
	for _, f := range files {
		fmt.Fprintf(w, "  %s\n", f.Path)
	}
	site := ""
	if dir != "." {
		site = " --site " + dir
	}
	fmt.Fprintf(w, "\nNext:\n")
	fmt.Fprintf(w, "  1. Edit site.toml: your network's name, your members as [buyers], your topics.\n")
	fmt.Fprintf(w, "  2. See the site as you edit: tenders serve%s\n", site)
	fmt.Fprintf(w, "  3. Push it to a new repository on GitHub, and switch on Pages there\n")
	fmt.Fprintf(w, "     (Settings, Pages, Source: GitHub Actions). Every push to main publishes it.\n")
	if opts.Version == "" {
		fmt.Fprintf(w, "\nThis tenders is not a release, so the workflows use %s,\n", opts.Action())
		fmt.Fprintf(w, "which builds tenders from source on every run. For faster and steadier\n")
		fmt.Fprintf(w, "runs, change it to a release, such as %s@v1.0.0\n", starter.Repository)
		fmt.Fprintf(w, "with version: v1.0.0.\n")
	}
}
