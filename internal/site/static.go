package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/london-anchors/tenders/internal/diag"
)

// sitemapKey names the sitemap: the pages' addresses, and the briefs'
// with the dates it gives them.
func sitemapKey(jobs []job, opps []*Opp) string {
	return pooledKey(func(buf []byte) []byte {
		for _, j := range jobs {
			buf = append(append(buf, j.path...), 0)
		}
		for _, o := range opps {
			buf = append(append(buf, o.URL...), 0)
			buf = strconv.AppendInt(buf, o.Updated.UnixNano(), 10)
		}
		return buf
	})
}

func (r *renderer) sitemap(jobs []job) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	paths := make([]string, 0, len(jobs))
	lastmod := map[string]time.Time{}
	for _, j := range jobs {
		if j.path != "404.html" {
			paths = append(paths, j.page.Path)
		}
	}
	for _, o := range r.opps {
		paths = append(paths, o.URL)
		lastmod[o.URL] = o.Updated
	}
	slices.Sort(paths)
	for _, p := range paths {
		b.WriteString("  <url><loc>")
		template.HTMLEscape(&b, []byte(r.Config.URL(p)))
		b.WriteString("</loc>")
		if t, ok := lastmod[p]; ok {
			b.WriteString("<lastmod>" + t.UTC().Format("2006-01-02") + "</lastmod>")
		}
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

// writtenUnder reports whether a folder that name would be in is a file
// the site has made, such as static/feed.xml/x under the feed feed.xml.
func (r *renderer) writtenUnder(name string) bool {
	for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
		if r.written[dir] {
			return true
		}
	}
	return false
}

// copyStatic copies the static folder to the root of the output.
func (r *renderer) copyStatic() *diag.Diagnostic {
	kept := r.Cache.generation(r.Generation)
	files := kept.static
	if files == nil {
		var d *diag.Diagnostic
		if files, d = r.readStatic(); d != nil {
			return d
		}
		kept.static = files
	}
	for _, f := range files {
		if r.written[f.name] || r.writtenUnder(f.name) {
			return &diag.Diagnostic{File: "static/" + f.name, Line: 1, Col: 1, Severity: diag.Error, Rule: "invalid",
				Message: fmt.Sprintf("static/%s has the same address as a page the site makes, or is in a folder of that name; rename or move it", f.name)}
		}
		r.put(f.name, f.data)
		if fp, ok := r.assets[f.name]; ok {
			r.put(fp, f.data)
		}
	}
	return nil
}

// readStatic reads every file of the static folder, for copyStatic.
func (r *renderer) readStatic() ([]staticFile, *diag.Diagnostic) {
	files := []staticFile{}
	err := fs.WalkDir(r.Static, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(path.Base(name), ".") {
			return err
		}
		if !d.Type().IsRegular() {
			return nil // a link or a special file: never read (sitefs.Check reports it)
		}
		if err := r.ctx.Err(); err != nil {
			return err
		}
		data, err := fs.ReadFile(r.Static, name)
		if err != nil {
			return err
		}
		files = append(files, staticFile{name, data})
		return nil
	})
	if err != nil {
		return nil, &diag.Diagnostic{File: "static", Line: 1, Col: 1, Severity: diag.Error, Rule: "invalid", Message: "cannot read static files: " + err.Error()}
	}
	return files, nil
}

// The built-in icons, at the root of the static folder: favicon.ico is
// where browsers and other programs look when a page names no icon.
const (
	iconSVG   = "favicon.svg"
	iconICO   = "favicon.ico"
	iconTouch = "apple-touch-icon.png"
)

// fingerprint names every style sheet and script of the static folder,
// and the icons and images the pages name, after its content:
// "css/site.css" as "css/site.1a2b3c4d5e.css", so a host may cache them
// for a year: a changed file gets a new name.
func (r *renderer) fingerprint() {
	kept := r.Cache.generation(r.Generation)
	if kept.assets != nil {
		r.assets = kept.assets
		return
	}
	defer func() { kept.assets = r.assets }()
	r.assets = map[string]string{}
	named := []string{iconSVG, iconICO, iconTouch, r.Config.Icon, r.Config.TouchIcon, r.Config.Network.Logo}
	_ = fs.WalkDir(r.Static, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return nil
		}
		ext := path.Ext(name)
		if ext != ".css" && ext != ".js" && !slices.Contains(named, name) {
			return nil
		}
		data, err := fs.ReadFile(r.Static, name)
		if err != nil {
			return nil
		}
		sum := sha256.Sum256(data)
		r.assets[name] = strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
		return nil
	})
}

// asset is the fingerprinted path of a static file, for templates.
func (r *renderer) asset(name string) string {
	if fp, ok := r.assets[name]; ok {
		return fp
	}
	return name
}

// Icon is an icon the pages' heads link to.
type Icon struct {
	Rel   string // "icon" or "apple-touch-icon"
	URL   string // its fingerprinted path inside the site
	Type  string // its media type, when the link says it
	Sizes string // its sizes in pixels, when the link says them
}

// icons are the icons of every page: site.toml's icon and touch_icon, or
// the built-in ones. A PNG icon serves phones too.
func (r *renderer) icons() []Icon {
	c := r.Config
	touch := cmpOr(c.TouchIcon, iconTouch)
	var out []Icon
	switch path.Ext(strings.ToLower(c.Icon)) {
	case "":
		out = []Icon{{Rel: "icon", URL: r.asset(iconICO), Sizes: "16x16 32x32 48x48"}, {Rel: "icon", URL: r.asset(iconSVG), Type: "image/svg+xml"}}
	case ".svg":
		out = []Icon{{Rel: "icon", URL: r.asset(c.Icon), Type: "image/svg+xml"}}
	default:
		out = []Icon{{Rel: "icon", URL: r.asset(c.Icon), Type: "image/png"}}
		touch = cmpOr(c.TouchIcon, c.Icon)
	}
	return append(out, Icon{Rel: "apple-touch-icon", URL: r.asset(touch)})
}

// iconLinks writes the icons' links for a page whose Root is root, as
// base.html does, for the pages written without a template.
func (r *renderer) iconLinks(root string) string {
	var b strings.Builder
	for _, i := range r.icons() {
		fmt.Fprintf(&b, `<link rel="%s" href="%s"`, i.Rel, html.EscapeString(root+i.URL))
		if i.Type != "" {
			fmt.Fprintf(&b, ` type="%s"`, i.Type)
		}
		if i.Sizes != "" {
			fmt.Fprintf(&b, ` sizes="%s"`, i.Sizes)
		}
		b.WriteString(">\n")
	}
	return b.String()
}
