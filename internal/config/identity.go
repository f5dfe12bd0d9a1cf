package config

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/london-anchors/tenders/internal/diag"
)

// DefaultThemeColor is the colour browsers may give their bar around the
// site when theme_color is left out: the built-in style sheet's green.
const DefaultThemeColor = "#00703c"

var colorRE = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// staticPath is a key that names a file of the site's static/ folder.
type staticPath struct {
	key   string
	value *string
	exts  []string // the kinds of file it may be
	what  string   // what the file is, for messages
}

// staticPaths are the keys that name files of static/, each with the
// value it holds.
func (c *Config) staticPaths() []staticPath {
	return []staticPath{
		{"icon", &c.Icon, []string{".svg", ".png"}, "an SVG or PNG file"},
		{"touch_icon", &c.TouchIcon, []string{".png"}, "a PNG file"},
	}
}

// checkIdentity checks the keys of the site's look: its icons and colour.
func (c *Config) checkIdentity(report reporter) {
	if !colorRE.MatchString(c.ThemeColor) {
		report("theme_color", "theme_color %q is not a colour; write it as # and six hexadecimal digits, such as %s", c.ThemeColor, Schema.Example("theme_color"))
	}
	for _, p := range c.staticPaths() {
		v := *p.value
		if v == "" {
			continue
		}
		if name := strings.TrimPrefix(v, "/"); !fs.ValidPath(name) || strings.Contains(name, ":") || strings.Contains(name, `\`) {
			report(p.key, "%s %q is not the path of a file under static/; write it as the file's path there, such as %s", p.key, v, Schema.Example(p.key))
		} else if !slices.Contains(p.exts, strings.ToLower(path.Ext(name))) {
			report(p.key, "%s %q must be %s, such as %s", p.key, v, p.what, Schema.Example(p.key))
		}
	}
}

// CheckStatic reports each key that names a file of static/ that the
// site's static folder, given, does not have.
func (c *Config) CheckStatic(static fs.FS) diag.List {
	var list diag.List
	for _, p := range c.staticPaths() {
		if *p.value == "" {
			continue
		}
		if st, err := fs.Stat(static, *p.value); err != nil || !st.Mode().IsRegular() {
			list = append(list, at(FileName, c.Keys.Pos(p.key), fmt.Sprintf("%s %q is not a file under static/; put the file at static/%s, or correct the path", p.key, *p.value, *p.value)))
		}
	}
	return list
}
