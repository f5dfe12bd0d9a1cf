package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/london-anchors/tenders/internal/serve"
	"github.com/london-anchors/tenders/internal/site"
	"github.com/london-anchors/tenders/internal/theme"
)

var serveCmd = &command{
	name:  "serve",
	usage: "serve [--site DIR] [--port 8080] [--bind 127.0.0.1] [--now TIME] [--base-url URL]",
	short: "preview the site, rebuilding and reloading on every change",
	run:   runServe,
}

func runServe(ctx context.Context, c *command, e *env, args []string) int {
	var f siteFlags
	fl := newFlagSet(c, e.stderr)
	f.register(fl)
	port := fl.Int("port", 8080, "the `port` to listen on")
	bind := fl.String("bind", "127.0.0.1", "the `address` to listen on; 0.0.0.0 shows the preview to your network")
	if err := fl.Parse(args); err != nil {
		return parseError(err)
	}
	if _, err := os.Lstat(filepath.Join(f.site, "site.toml")); err != nil {
		fmt.Fprintf(e.stderr, "tenders serve: %s has no site.toml; run it in a site folder or give --site\n", f.site)
		return exitFailure
	}
	clock := func() time.Time { return time.Now() }
	if f.now != "" || e.getenv("SOURCE_DATE_EPOCH") != "" {
		now, err := f.clock(e.getenv)
		if err != nil {
			fmt.Fprintln(e.stderr, "tenders serve:", err)
			return exitFailure
		}
		clock = func() time.Time { return now }
	}
	l, err := serve.Listen(*bind, *port)
	if err != nil {
		fmt.Fprintln(e.stderr, "tenders serve:", err)
		return exitFailure
	}
	s := &serve.Server{
		Dir:      f.site,
		Defaults: site.Defaults{Templates: theme.Templates(), Static: theme.Static()},
		Now:      clock,
		Log:      e.stdout,
		BaseURL:  f.baseURL,
	}
	// The preview holds what tells a change (150 MB at 10,000 briefs),
	// not the site: let the heap grow by half of that, not all of it,
	// before collecting. A rebuild makes 25 MB of garbage, so this costs
	// little time (bench/BENCHMARKS.md). GOGC and GOMEMLIMIT, when set,
	// have the last word.
	if e.getenv("GOGC") == "" && e.getenv("GOMEMLIMIT") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(50))
	}
	if err := s.Serve(ctx, l); err != nil {
		fmt.Fprintln(e.stderr, "tenders serve:", err)
		return exitFailure
	}
	fmt.Fprintln(e.stdout, "Stopped.")
	return exitOK
}
