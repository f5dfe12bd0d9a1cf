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
	"github.com/london-anchors/tenders/internal/tomldec"
)

var newCmd = &command{
	name:  "new",
	usage: `new "Title" [--buyer KEY] [--topic KEY] [--value POUNDS] [--deadline TIME] [--site DIR]`,
	short: "start a new brief with every field present and explained",
	run:   runNew,
}

func runNew(ctx context.Context, c *command, e *env, args []string) int {
	var f siteFlags
	fl := newFlagSet(c, e.stderr)
	f.register(fl)
	buyer := fl.String("buyer", "", "your organisation's `key` in site.toml [buyers] (default: TODO, for you to fill in)")
	topic := fl.String("topic", "", "a `key` of site.toml [topics] (default: TODO)")
	value := fl.Int64("value", 0, "the most the contract is worth, in whole `pounds` (default: TODO)")
	deadline := fl.String("deadline", "", "when bids close, such as 2026-12-18T12:00 in the site's time zone, or a date alone for 23:59 (default: TODO)")
	title, code, ok := parseOneArg(fl, args, c, e.stderr, func(string) string {
		return "tenders new: give the title once, in quotes: tenders new \"Cleaning for two libraries\""
	})
	if !ok {
		return code
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
	facts, problem := newFacts(cfg, *buyer, *topic, *value, *deadline)
	if problem != "" {
		fmt.Fprintln(e.stderr, "tenders new:", problem)
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
	if err := writeNew(name, brief.Skeleton(title, facts, now, location(cfg))); err != nil {
		fmt.Fprintln(e.stderr, "tenders new:", err)
		return exitFailure
	}
	fmt.Fprintf(e.stdout, "Wrote %s\nFill in everything marked TODO or [write ...], then run tenders check %s\n", name, name)
	return exitOK
}

// newFacts checks the facts given by flags against site.toml, and says
// what to write instead of one that is wrong.
func newFacts(cfg *config.Config, buyer, topic string, value int64, deadline string) (brief.Facts, string) {
	f := brief.Facts{Buyer: buyer, Topic: topic, Value: value}
	if _, ok := cfg.Buyers[buyer]; buyer != "" && !ok {
		return f, fmt.Sprintf("there is no buyer %q in site.toml; %suse one of %v, or add [buyers.%s]", buyer, didYouMean(buyer, cfg.BuyerKeys()), cfg.BuyerKeys(), buyer)
	}
	if topic != "" && !slices.Contains(cfg.TopicKeys(), topic) {
		return f, fmt.Sprintf("there is no topic %q in site.toml; %suse one of %v", topic, didYouMean(topic, cfg.TopicKeys()), cfg.TopicKeys())
	}
	if value < 0 {
		return f, fmt.Sprintf("--value %d is below zero; give the most the contract is worth in whole pounds, such as --value 40000", value)
	}
	if deadline != "" {
		toml, ok := deadlineValue(deadline)
		if !ok {
			return f, fmt.Sprintf("--deadline %q is not a date; write it as 2026-12-18T12:00, or 2026-12-18 for 23:59 that day", deadline)
		}
		f.Deadline = toml
	}
	return f, ""
}

// didYouMean is "did you mean KEY? " for the key nearest to s, or "".
func didYouMean(s string, keys []string) string {
	if best := tomldec.Closest(s, keys); best != "" {
		return fmt.Sprintf("did you mean %q? ", best)
	}
	return ""
}

// deadlineValue reads a deadline given on the command line and writes it
// as TOML: a local date-time, or a date alone.
func deadlineValue(s string) (string, bool) {
	for _, l := range []string{"2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02T15:04:05"} {
		if t, err := time.Parse(l, s); err == nil {
			return t.Format("2006-01-02T15:04:05"), true
		}
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t.Format("2006-01-02"), true
	}
	if toml, _, ok := tomldec.HumanDate(s); ok {
		return toml, true
	}
	return "", false
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
