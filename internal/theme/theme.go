// Package theme is the built-in look of a tenders site: the templates
// every page is rendered with, the style sheet, the script that searches
// lists, the one that keeps statuses true as a page is read, and the
// icon, embedded in the binary so that a site folder with only site.toml
// and content/ builds.
//
// A site changes a page by putting a file of the same name in its own
// templates/ folder, and adds or replaces static files in its own static/
// folder; internal/site lays the site's own files over these.
package theme

import (
	"embed"
	"io/fs"
)

// The icons are drawn by icons_test.go: go test -run TestIcons -update
// draws them again.
//
//go:embed templates/*.html static/css static/js static/favicon.svg static/favicon.ico static/apple-touch-icon.png
var files embed.FS

// Templates returns the built-in templates folder.
func Templates() fs.FS { return mustSub("templates") }

// Static returns the built-in static folder: the style sheet, the
// scripts and the icons.
func Static() fs.FS { return mustSub("static") }

func mustSub(dir string) fs.FS {
	s, err := fs.Sub(files, dir)
	if err != nil {
		panic(err) // the embedded folders are fixed at compile time
	}
	return s
}
