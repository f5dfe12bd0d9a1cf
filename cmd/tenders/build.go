package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/london-anchors/tenders/internal/build"
	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/gcpace"
	"github.com/london-anchors/tenders/internal/publish"
	"github.com/london-anchors/tenders/internal/safetext"
	"github.com/london-anchors/tenders/internal/site"
	"github.com/london-anchors/tenders/internal/sitefs"
	"github.com/london-anchors/tenders/internal/theme"
)

// gcFloor is the memory a build may hold before its collector runs.
const gcFloor = 160 << 20

var buildCmd = &command{
	name:  "build",
	usage: "build [--site DIR] [--out DIR] [--now TIME] [--base-url URL]",
	short: "check everything and write the site to public/",
	run:   runBuild,
}

// siteFlags are the flags build, check and serve share.
type siteFlags struct {
	site    string
	now     string
	baseURL string
}

func (f *siteFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.site, "site", ".", "the site `folder`, holding site.toml and content/")
	fs.StringVar(&f.now, "now", "", "the `time` that decides which briefs are open, such as 2026-12-01T09:00:00Z (default: $SOURCE_DATE_EPOCH, else the clock)")
	fs.StringVar(&f.baseURL, "base-url", "", "the `URL` the site is published at, in place of site.toml's base_url")
}

// clock returns the build clock: --now, else SOURCE_DATE_EPOCH, else now.
func (f *siteFlags) clock(getenv func(string) string) (time.Time, error) {
	if f.now != "" {
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04", "2006-01-02"} {
			if t, err := time.Parse(layout, f.now); err == nil {
				return t, nil
			}
		}
		return time.Time{}, fmt.Errorf("--now %q is not a time; write it as 2026-12-01T09:00:00Z", f.now)
	}
	if s := getenv("SOURCE_DATE_EPOCH"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH %q is not a number of seconds since 1970", s)
		}
		return time.Unix(n, 0).UTC(), nil
	}
	return time.Now(), nil
}

// openSite opens the site folder for reading. Nothing is ever read through
// a symbolic link inside it (see internal/sitefs); the folder itself may be
// one.
func openSite(name, dir string, stderr io.Writer) (*sitefs.FS, bool) {
	fsys, err := sitefs.Open(dir)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		fmt.Fprintf(stderr, "tenders %s: cannot open the site folder %s: %v; give --site the folder that holds site.toml\n", name, dir, err)
		return nil, false
	}
	return fsys, true
}

// parseError is the exit code for a failed flag parse: 0 when the user
// asked for help, 2 otherwise (the flag package has printed why).
func parseError(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	return exitFailure
}

// parseOneArg parses flags that may come before and after the command's
// one argument, as people type them. It returns the argument, or ok false
// with the exit code once it has said what is wrong: second says so when a
// second argument is given.
func parseOneArg(fl *flag.FlagSet, args []string, c *command, stderr io.Writer, second func(string) string) (arg string, code int, ok bool) {
	for rest := args; len(rest) > 0; {
		if err := fl.Parse(rest); err != nil {
			return "", parseError(err), false
		}
		if fl.NArg() == 0 {
			break
		}
		if arg != "" {
			fmt.Fprintln(stderr, second(fl.Arg(0)))
			return "", exitFailure, false
		}
		arg, rest = fl.Arg(0), fl.Args()[1:]
	}
	if arg == "" {
		fmt.Fprintf(stderr, "usage: tenders %s\n", c.usage)
		return "", exitFailure, false
	}
	return arg, exitOK, true
}

func newFlagSet(c *command, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("tenders "+c.name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: tenders %s\n\n%s\n\nFlags:\n", c.usage, c.short)
		fs.PrintDefaults()
	}
	return fs
}

func runBuild(ctx context.Context, c *command, e *env, args []string) int {
	var f siteFlags
	fl := newFlagSet(c, e.stderr)
	f.register(fl)
	out := fl.String("out", "", "the `folder` to write the site to (default: public inside the site folder)")
	cpuprofile := fl.String("cpuprofile", "", "write a CPU profile of the build to `file`, for performance work")
	if err := fl.Parse(args); err != nil {
		return parseError(err)
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(e.stderr, "tenders build: unexpected argument %q\n", fl.Arg(0))
		return exitFailure
	}
	now, err := f.clock(e.getenv)
	if err != nil {
		fmt.Fprintln(e.stderr, "tenders build:", err)
		return exitFailure
	}
	if *out == "" {
		*out = filepath.Join(f.site, "public")
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(e.stderr, "tenders build:", err)
			return exitFailure
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(e.stderr, "tenders build:", err)
			return exitFailure
		}
		defer pprof.StopCPUProfile()
	}
	// A build keeps little alive and makes a great deal of garbage: let
	// the heap grow to gcFloor before the collector runs, and then by half
	// of what is live, for a peak near gcFloor on a site of 10,000 briefs
	// and half the collections' work (internal/gcpace). GOGC and
	// GOMEMLIMIT, when set, have the last word (bench/BENCHMARKS.md).
	if e.getenv("GOGC") == "" && e.getenv("GOMEMLIMIT") == "" {
		defer gcpace.Start(gcFloor, 50)()
	}
	fsys, ok := openSite(c.name, f.site, e.stderr)
	if !ok {
		return exitFailure
	}
	defer fsys.Close()
	start := time.Now()
	pub, err := publish.NewPublisher(*out, f.site)
	if err != nil {
		fmt.Fprintln(e.stderr, "tenders build:", err)
		return exitFailure
	}
	counter := &countingSink{Publisher: pub}
	list, err := build.BuildTo(ctx, fsys, site.Defaults{Templates: theme.Templates(), Static: theme.Static()},
		build.Options{Now: now, BaseURL: f.baseURL}, counter)
	if ctx.Err() != nil {
		pub.Abort()
		return stopped(c, e)
	}
	if err != nil {
		// A failure of the machine, such as a full disk: not the content.
		pub.Abort()
		fmt.Fprintf(e.stderr, "tenders build: %s; nothing was written\n", safetext.Line(err.Error()))
		return exitFailure
	}
	printDiagnostics(e.stderr, f.site, list)
	if list.Errors() > 0 {
		pub.Abort()
		fmt.Fprintf(e.stderr, "tenders build: %s; nothing was written\n", countErrors(list))
		return exitFindings
	}
	if err := pub.Commit(); err != nil {
		fmt.Fprintln(e.stderr, "tenders build:", err)
		return exitFailure
	}
	fmt.Fprintf(e.stdout, "Built %d files into %s in %s\n", counter.n.Load(), *out, time.Since(start).Round(time.Millisecond))
	return exitOK
}

// stopped reports a command stopped by Ctrl-C or SIGTERM.
func stopped(c *command, e *env) int {
	fmt.Fprintf(e.stderr, "tenders %s: stopped; nothing was written\n", c.name)
	return exitFailure
}

// countingSink counts the files it passes on to the publisher.
type countingSink struct {
	*publish.Publisher
	n atomic.Int64
}

func (c *countingSink) PutStream(name string, write func(io.Writer) error) error {
	c.n.Add(1)
	return c.Publisher.PutStream(name, write)
}

func (c *countingSink) Put(name string, data []byte) error {
	c.n.Add(1)
	return c.Publisher.Put(name, data)
}

func (c *countingSink) PutRelease(name string, data []byte, release func()) error {
	c.n.Add(1)
	return c.Publisher.PutRelease(name, data, release)
}

func countErrors(list diag.List) string {
	if n := list.Errors(); n != 1 {
		return fmt.Sprintf("%d errors", n)
	}
	return "1 error"
}

// printDiagnostics writes each finding as file:line:col: message, with the
// file's path as the user would type it from where they ran the command.
func printDiagnostics(w io.Writer, siteDir string, list diag.List) {
	for _, d := range list {
		if siteDir != "." && d.File != "--base-url" {
			d.File = filepath.ToSlash(filepath.Join(siteDir, d.File))
		}
		// Names and messages hold text from the files: each finding stays
		// one line, safe to print in a CI log.
		file, msg := safetext.Line(d.File), safetext.Line(d.Message)
		if d.Severity >= diag.Error {
			fmt.Fprintf(w, "%s:%d:%d: %s\n", file, d.Line, d.Col, msg)
			continue
		}
		fmt.Fprintf(w, "%s:%d:%d: %s: %s [%s]\n", file, d.Line, d.Col, d.Severity, msg, d.Rule)
	}
}
