// Command gensite writes a synthetic tenders site for benchmarks.
//
//	go run ./internal/synth/gensite -n 10000 -out /tmp/site
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
	out := flag.String("out", "", "the folder to write the site to (must not exist)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "usage: gensite -n N -out DIR")
		os.Exit(2)
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintf(os.Stderr, "gensite: %s exists; give a new folder\n", *out)
		os.Exit(2)
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
