// Command gensite writes a synthetic tenders site for benchmarks, or with
// -releases, a JSON Lines file of OCDS releases for tenders import and a
// site.toml whose buyer they are.
//
//	go run ./internal/synth/gensite -n 10000 -out /tmp/site
//	go run ./internal/synth/gensite -releases 10000 -out /tmp/import
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/london-anchors/tenders/internal/synth"
)

func main() {
	n := flag.Int("n", 1000, "how many briefs")
	releases := flag.Int("releases", 0, "write this many OCDS releases (releases.jsonl) and a site.toml, not a site")
	out := flag.String("out", "", "the folder to write the site to (must not exist)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "usage: gensite [-n N | -releases N] -out DIR")
		os.Exit(2)
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintf(os.Stderr, "gensite: %s exists; give a new folder\n", *out)
		os.Exit(2)
	}
	if *releases > 0 {
		if err := writeReleases(*out, *releases); err != nil {
			fmt.Fprintln(os.Stderr, "gensite:", err)
			os.Exit(1)
		}
		return
	}
	for name, data := range synth.Site(*n) {
		path := filepath.Join(*out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			fmt.Fprintln(os.Stderr, "gensite:", err)
			os.Exit(1)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gensite:", err)
			os.Exit(1)
		}
	}
}

// writeReleases writes dir/releases.jsonl and dir/site.toml.
func writeReleases(dir string, n int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), []byte(synth.ReleasesSiteTOML), 0o644); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(dir, "releases.jsonl"))
	if err != nil {
		return err
	}
	if err := synth.Releases(f, n, true); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
