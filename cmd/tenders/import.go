package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/london-anchors/tenders/internal/build"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/importer"
	"github.com/london-anchors/tenders/internal/ocdsread"
	"github.com/london-anchors/tenders/internal/portal"
	"github.com/london-anchors/tenders/internal/safetext"
	"github.com/london-anchors/tenders/internal/sitefs"
)

var importCmd = &command{
	name:  "import",
	usage: "import [--from fts|cf [--since DATE]] [--all-buyers] [--dry-run] [--format text|json] [SOURCE...]",
	short: "write briefs from OCDS notices: files, folders, - (standard input), addresses, or a portal",
	run:   runImport,
}

type importFlags struct {
	siteFlags
	from, since, until, endpoint, format string
	dryRun, allBuyers                    bool
}

func runImport(ctx context.Context, c *command, e *env, args []string) int {
	var f importFlags
	fl := newFlagSet(c, e.stderr)
	f.register(fl)
	fl.StringVar(&f.from, "from", "", "a portal to walk: fts (Find a Tender) or cf (Contracts Finder)")
	fl.StringVar(&f.since, "since", "", "with --from, the `date` to walk from, such as 2026-11-01 (default: where the last walk stopped)")
	fl.StringVar(&f.until, "until", "", "with --from, the `date` to walk to (default: now)")
	fl.StringVar(&f.endpoint, "endpoint", "", "with --from, the portal's `address`, in place of its own")
	fl.StringVar(&f.format, "format", "text", "the summary's `format`: text or json")
	fl.BoolVar(&f.dryRun, "dry-run", false, "say what would be written, and write nothing")
	fl.BoolVar(&f.allBuyers, "all-buyers", false, "import the notices of buyers not in site.toml too, adding each to the end of site.toml for review")
	if err := parseInterleaved(fl, args); err != nil {
		return parseError(err)
	}
	if f.format != "text" && f.format != "json" {
		fmt.Fprintf(e.stderr, "tenders import: --format %q is not one of text, json\n", f.format)
		return exitFailure
	}
	if (f.from == "") == (fl.NArg() == 0) {
		fmt.Fprintf(e.stderr, "tenders import: give the OCDS files, folders or addresses to read, or --from fts or --from cf, not both\nusage: tenders %s\n", c.usage)
		return exitFailure
	}
	fsys, ok := openSite(c.name, f.site, e.stderr)
	if !ok {
		return exitFailure
	}
	cfg, list := build.LoadConfig(fsys, "")
	fsys.Close()
	if list.Errors() > 0 {
		printDiagnostics(e.stderr, f.site, list)
		return exitFailure
	}
	root, err := os.OpenRoot(f.site)
	if err != nil {
		fmt.Fprintln(e.stderr, "tenders import:", err)
		return exitFailure
	}
	defer root.Close()
	run := &importRun{e: e, flags: &f, im: &importer.Import{Config: cfg, AllBuyers: f.allBuyers}, root: root}
	defer run.im.Close()
	return run.do(ctx, fl.Args())
}

// parseInterleaved parses flags that may come after the sources.
func parseInterleaved(fl *flag.FlagSet, args []string) error {
	var rest []string
	for {
		if err := fl.Parse(args); err != nil {
			return err
		}
		if fl.NArg() == 0 {
			break
		}
		rest = append(rest, fl.Arg(0))
		args = fl.Args()[1:]
	}
	return fl.Parse(append([]string{"--"}, rest...))
}

// importRun is one run of tenders import.
type importRun struct {
	e        *env
	flags    *importFlags
	im       *importer.Import
	root     *os.Root
	problems []ocdsread.Problem
	sources  int
	linted   *lintTotals // nil when nothing was written
	found    diag.List   // check's findings in the briefs written
}

func (r *importRun) opts() ocdsread.Options {
	return ocdsread.Options{Location: r.im.Config.Location, Emit: r.im.Add, Report: func(p ocdsread.Problem) { r.problems = append(r.problems, p) }}
}

func (r *importRun) do(ctx context.Context, sources []string) int {
	var err error
	var state *walkState
	if r.flags.from != "" {
		state, err = r.walk(ctx)
	} else {
		err = r.readAll(ctx, sources)
	}
	if ctx.Err() != nil {
		fmt.Fprintln(r.e.stderr, "tenders import: stopped; nothing was written")
		return exitFailure
	}
	var se *ocdsread.SourceError
	if errors.As(err, &se) {
		fmt.Fprintf(r.e.stderr, "%s\ntenders import: nothing was written\n", safetext.Line(se.Error()))
		return exitFindings
	}
	if err != nil {
		fmt.Fprintf(r.e.stderr, "tenders import: %s\ntenders import: nothing was written\n", safetext.Line(err.Error()))
		return exitFailure
	}
	existing, taken, err := importer.LoadExisting(r.root, r.im.Config)
	if err != nil {
		fmt.Fprintln(r.e.stderr, "tenders import:", err)
		return exitFailure
	}
	plan, err := r.im.Plan(existing, taken)
	if err != nil {
		fmt.Fprintln(r.e.stderr, "tenders import:", err)
		return exitFailure
	}
	extra, err := r.siteTOML()
	if err != nil {
		fmt.Fprintln(r.e.stderr, "tenders import:", err)
		return exitFailure
	}
	if !r.flags.dryRun {
		if err := importer.Write(r.root, plan, extra...); err != nil {
			fmt.Fprintln(r.e.stderr, "tenders import:", err)
			return exitFailure
		}
		if state != nil {
			if err := state.save(r.root); err != nil {
				fmt.Fprintln(r.e.stderr, "tenders import:", err)
				return exitFailure
			}
		}
	}
	if !r.flags.dryRun {
		r.lint(ctx, plan)
	}
	return r.report(plan)
}

// lint checks the site as tenders check does, and keeps the totals of the
// briefs this import wrote: what their buyers have to fix.
func (r *importRun) lint(ctx context.Context, plan []importer.Result) {
	written := map[string]bool{}
	for _, p := range plan {
		if p.Outcome == importer.New || p.Outcome == importer.Updated {
			written[p.File] = true
		}
	}
	if len(written) == 0 {
		return
	}
	fsys, err := sitefs.Open(r.flags.site)
	if err != nil {
		return
	}
	defer fsys.Close()
	checked, err := build.Check(ctx, fsys, r.flags.baseURL)
	if err != nil {
		return
	}
	r.linted = &lintTotals{Files: len(written)}
	for _, d := range checked.List {
		if !written[d.File] {
			continue
		}
		r.found = append(r.found, d)
		switch d.Severity {
		case diag.Error:
			r.linted.Errors++
		case diag.Warning:
			r.linted.Warnings++
		default:
			r.linted.Suggestions++
		}
	}
}

// lintTotals are the findings of tenders check in the briefs written.
type lintTotals struct {
	Files       int `json:"files"`
	Errors      int `json:"errors"`
	Warnings    int `json:"warnings"`
	Suggestions int `json:"suggestions"`
}

// siteTOML is site.toml with the buyers --all-buyers added, checked to
// read back without an error; nothing when none were added.
func (r *importRun) siteTOML() ([]importer.File, error) {
	added := r.im.NewBuyers()
	if len(added) == 0 {
		return nil, nil
	}
	src, err := r.root.ReadFile("site.toml")
	if err != nil {
		return nil, err
	}
	out := importer.AppendBuyers(src, added)
	if _, list := config.Parse("site.toml", string(out)); list.Errors() > 0 {
		return nil, fmt.Errorf("the buyers to add would make site.toml wrong (%s); nothing was written", safetext.Line(list[0].String()))
	}
	return []importer.File{{Path: "site.toml", Data: out}}, nil
}

// readAll reads every source: a file, a folder's .json and .jsonl files,
// - for standard input, or an http(s) address.
func (r *importRun) readAll(ctx context.Context, sources []string) error {
	for _, s := range sources {
		if err := ctx.Err(); err != nil {
			return err
		}
		switch {
		case s == "-":
			if err := r.read(os.Stdin, "standard input"); err != nil {
				return err
			}
		case strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://"):
			if err := r.fetch(ctx, s); err != nil {
				return err
			}
		default:
			if err := r.readPath(s); err != nil {
				return err
			}
		}
	}
	return nil
}

func (r *importRun) read(rd io.Reader, name string) error {
	r.sources++
	_, err := ocdsread.Read(rd, name, r.opts())
	return err
}

func (r *importRun) readPath(p string) error {
	info, err := os.Stat(p)
	if err != nil {
		return err
	}
	files := []string{p}
	if info.IsDir() {
		files = nil
		entries, err := os.ReadDir(p)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if ext := filepath.Ext(e.Name()); e.Type().IsRegular() && (ext == ".json" || ext == ".jsonl") {
				files = append(files, filepath.Join(p, e.Name()))
			}
		}
		if len(files) == 0 {
			return fmt.Errorf("%s holds no .json or .jsonl files", p)
		}
	}
	for _, name := range files {
		file, err := os.Open(name)
		if err != nil {
			return err
		}
		err = r.read(file, filepath.ToSlash(name))
		file.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

func (r *importRun) fetch(ctx context.Context, address string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, address, nil)
	if err != nil {
		return err
	}
	resp, err := portal.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s answered %s", address, resp.Status)
	}
	return r.read(io.LimitReader(resp.Body, portal.MaxPage), address)
}

// statusWord names an outcome in the text summary.
var statusWord = map[importer.Outcome]string{importer.New: "new", importer.Updated: "updated", importer.Unchanged: "unchanged", importer.Skipped: "skipped"}

func sortedProblems(ps []ocdsread.Problem) []ocdsread.Problem {
	return slices.SortedStableFunc(slices.Values(ps), func(a, b ocdsread.Problem) int { return strings.Compare(a.Source, b.Source) })
}
