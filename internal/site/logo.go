package site

import (
	"bytes"
	"encoding/xml"
	"image"
	_ "image/jpeg" // the logo may be a JPEG
	_ "image/png"  // or a PNG
	"io/fs"
	"math"
	"path"
	"strconv"
	"strings"
)

// logoHeight is the height the header shows the network's logo at, in
// CSS pixels (site.css's .network img).
const logoHeight = 48

// Logo is the network's logo as the header shows it: its fingerprinted
// path, and its size at logoHeight, so the browser keeps its place
// before it loads; Width is 0 when the file does not say its size.
type Logo struct {
	URL           string
	Width, Height int
}

// logo is the network's logo, for templates: nil when there is none.
func (r *renderer) logo() *Logo { return r.netLogo }

// readLogo reads site.toml's network.logo, once the static files are
// fingerprinted.
func (r *renderer) readLogo() *Logo {
	name := r.Config.Network.Logo
	if name == "" {
		return nil
	}
	l := &Logo{URL: r.asset(name)}
	data, err := fs.ReadFile(r.Static, name)
	if err != nil {
		return l
	}
	if w, h, ok := imageSize(data, strings.ToLower(path.Ext(name))); ok {
		l.Width, l.Height = int(math.Round(w*logoHeight/h)), logoHeight
	}
	return l
}

// imageSize reads the width and height of a PNG, a JPEG or an SVG: an
// SVG's from its width and height in pixels, or else its viewBox.
func imageSize(data []byte, ext string) (w, h float64, ok bool) {
	if ext != ".svg" {
		c, _, err := image.DecodeConfig(bytes.NewReader(data))
		return float64(c.Width), float64(c.Height), err == nil && c.Width > 0 && c.Height > 0
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		t, err := d.Token()
		if err != nil {
			return 0, 0, false
		}
		if e, isStart := t.(xml.StartElement); isStart {
			return svgSize(e)
		}
	}
}

// svgSize is the size an svg element gives itself.
func svgSize(e xml.StartElement) (w, h float64, ok bool) {
	attr := map[string]string{}
	for _, a := range e.Attr {
		attr[a.Name.Local] = strings.TrimSpace(a.Value)
	}
	px := func(s string) float64 {
		v, err := strconv.ParseFloat(strings.TrimSuffix(s, "px"), 64)
		if err != nil || v <= 0 {
			return 0
		}
		return v
	}
	if w, h = px(attr["width"]), px(attr["height"]); w > 0 && h > 0 {
		return w, h, true
	}
	box := strings.Fields(strings.ReplaceAll(attr["viewBox"], ",", " "))
	if len(box) == 4 {
		if w, h = px(box[2]), px(box[3]); w > 0 && h > 0 {
			return w, h, true
		}
	}
	return 0, 0, false
}
