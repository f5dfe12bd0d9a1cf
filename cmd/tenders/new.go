package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/build"
	"github.com/london-anchors/tenders/internal/config"
)

var newCmd = &command{
	name:  "new",
	usage: `new "Title" [--buyer KEY] [--topic KEY] [--site DIR]`,
	short: "start a new brief with every field present and explained",
	run:   runNew,
}

func runNew(ctx context.Context, c *command, e *env, args []string) int {
	var f siteFlags
	fl := newFlagSet(c, e.stderr)
	f.register(fl)
	buyer := fl.String("buyer", "", "your organisation's `key` in site.toml [buyers] (default: the first)")
	topic := fl.String("topic", "", "a `key` of site.toml [topics] (default: the first)")
	// Flags may come after the title, as people type them.
	var title string
	rest := args
	for len(rest) > 0 {
		if err := fl.Parse(rest); err != nil {
			return parseError(err)
		}
		if fl.NArg() == 0 {
			break
		}
		if title != "" {
			fmt.Fprintf(e.stderr, "tenders new: give the title once, in quotes: tenders new \"Cleaning for two libraries\"\n")
			return exitFailure
		}
		title, rest = fl.Arg(0), fl.Args()[1:]
	}
	if title == "" {
		fmt.Fprintf(e.stderr, "usage: tenders %s\n", c.usage)
		return exitFailure
	}
	fsys, ok := openSite(c.name, f.site, e.stderr)
	if !ok {
		return exitFailure
	}
	defer fsys.Close()
	cfg, list := build.LoadConfig(fsys, "")
	if list.Errors() > 0 {
		printDiagnostics(e.stderr, f.site, list)
		return exitFailure
	}
	if *buyer == "" && len(cfg.Buyers) > 0 {
		*buyer = cfg.BuyerKeys()[0]
	}
	if *topic == "" && len(cfg.Topics) > 0 {
		*topic = cfg.TopicKeys()[0]
	}
	if _, ok := cfg.Buyers[*buyer]; !ok {
		fmt.Fprintf(e.stderr, "tenders new: there is no buyer %q in site.toml; use one of %v, or add [buyers.%s]\n", *buyer, cfg.BuyerKeys(), *buyer)
		return exitFailure
	}
	if !slices.Contains(cfg.TopicKeys(), *topic) {
		fmt.Fprintf(e.stderr, "tenders new: there is no topic %q in site.toml; use one of %v\n", *topic, cfg.TopicKeys())
		return exitFailure
	}
	slug := brief.SlugFor(title)
	if slug == "" {
		fmt.Fprintln(e.stderr, "tenders new: the title has no letters or digits to make a file name from")
		return exitFailure
	}
	now, err := f.clock(e.getenv)
	if err != nil {
		fmt.Fprintln(e.stderr, "tenders new:", err)
		return exitFailure
	}
	// Never write through a link: the folder, and each folder above it,
	// must be a plain folder or not there yet.
	if _, err := fsys.Stat(brief.OpportunitiesDir); err != nil && !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintln(e.stderr, "tenders new:", err)
		return exitFailure
	}
	name := filepath.Join(f.site, filepath.FromSlash(brief.OpportunitiesDir), slug+".md")
	if err := writeNew(name, brief.Skeleton(title, *buyer, *topic, now, location(cfg))); err != nil {
		fmt.Fprintln(e.stderr, "tenders new:", err)
		return exitFailure
	}
	fmt.Fprintf(e.stdout, "Wrote %s\nFill in everything marked TODO or [write ...], then run tenders check %s\n", name, name)
	return exitOK
}

// writeNew writes a new file, making its folder, and never over one that
// is there: then it changes nothing.
func writeNew(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	file, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%s already exists; nothing was changed. Choose another title, or edit that file", name)
	}
	if err != nil {
		return err
	}
	_, err = file.Write(data)
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
	}
	return err
}

func location(cfg *config.Config) *time.Location {
	if cfg.Location != nil {
		return cfg.Location
	}
	return time.UTC
}
