// Package tenders holds the built-in templates and static files of the
// tenders site generator, embedded so that a site folder with only content/
// and site.toml builds. The command is in cmd/tenders; the engine is under
// internal/.
package tenders

import (
	"embed"
	"io/fs"
)

//go:embed templates/*.html static/css static/js
var files embed.FS

// Templates returns the built-in templates folder.
func Templates() fs.FS { return mustSub("templates") }

// Static returns the built-in static folder: the style sheet and the
// script that filters lists.
func Static() fs.FS { return mustSub("static") }

func mustSub(dir string) fs.FS {
	s, err := fs.Sub(files, dir)
	if err != nil {
		panic(err) // the embedded folders are fixed at compile time
	}
	return s
}
