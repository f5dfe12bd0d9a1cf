package theme

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "draw the built-in icons again into static/")

// The built-in icon is an anchor, for the network's anchor institutions,
// white on the site's green. It is drawn once, below, as a few shapes on a
// square of 64 units; TestIcons writes them as the SVG icon and draws them
// into the PNG and ICO files, so the three always show the same picture.
//
//	favicon.svg           the icon browsers show in tabs, at any size
//	favicon.ico           16, 32 and 48 pixels, for browsers without SVG icons and programs that ask for /favicon.ico
//	apple-touch-icon.png  180 pixels on a square without corners, for phones' home screens
const (
	green  = "#00703c" // --accent in css/site.css
	corner = 14        // the radius of the square's corners
)

var anchor = []shape{
	ring{cx: 32, cy: 13.5, r: 6.5, w: 5},
	line{x1: 21, y1: 25, x2: 43, y2: 25, w: 5, round: true}, // the stock
	line{x1: 32, y1: 19, x2: 32, y2: 52, w: 5},              // the shank
	arc{cx: 32, cy: 34, r: 19, w: 5},                        // the arms
	polygon{{13, 24}, {7.5, 36}, {18.5, 36}},                // the flukes
	polygon{{51, 24}, {45.5, 36}, {56.5, 36}},
}

// shape is one piece of the drawing: its SVG element, and its signed
// distance at a point, in units (negative inside).
type shape interface {
	svg() string
	dist(x, y float64) float64
}

type ring struct{ cx, cy, r, w float64 }

func (s ring) svg() string {
	return fmt.Sprintf(`<circle cx="%g" cy="%g" r="%g" fill="none" stroke="#fff" stroke-width="%g"/>`, s.cx, s.cy, s.r, s.w)
}

func (s ring) dist(x, y float64) float64 { return math.Abs(math.Hypot(x-s.cx, y-s.cy)-s.r) - s.w/2 }

type line struct {
	x1, y1, x2, y2, w float64
	round             bool // round ends; square ends at the points otherwise
}

func (s line) svg() string {
	ends := ""
	if s.round {
		ends = ` stroke-linecap="round"`
	}
	return fmt.Sprintf(`<path d="M%g %gL%g %g" stroke="#fff" stroke-width="%g"%s/>`, s.x1, s.y1, s.x2, s.y2, s.w, ends)
}

func (s line) dist(x, y float64) float64 {
	dx, dy := s.x2-s.x1, s.y2-s.y1
	n := math.Hypot(dx, dy)
	along := ((x-s.x1)*dx + (y-s.y1)*dy) / n // from the first point
	across := math.Abs((x-s.x1)*dy-(y-s.y1)*dx) / n
	if s.round {
		along = max(-along, along-n, 0)
		return math.Hypot(along, across) - s.w/2
	}
	return max(-along, along-n, across-s.w/2)
}

// arc is the lower half of a circle, drawn with square ends.
type arc struct{ cx, cy, r, w float64 }

func (s arc) svg() string {
	return fmt.Sprintf(`<path d="M%g %gA%g %g 0 0 0 %g %g" fill="none" stroke="#fff" stroke-width="%g"/>`, s.cx-s.r, s.cy, s.r, s.r, s.cx+s.r, s.cy, s.w)
}

func (s arc) dist(x, y float64) float64 {
	band := math.Abs(math.Hypot(x-s.cx, y-s.cy)-s.r) - s.w/2
	return max(band, s.cy-y)
}

type polygon [][2]float64

func (p polygon) svg() string {
	var b strings.Builder
	for i, v := range p {
		fmt.Fprintf(&b, "%c%g %g", "ML"[min(i, 1)], v[0], v[1])
	}
	return `<path d="` + b.String() + `Z" fill="#fff"/>`
}

// dist is exact enough for the convex polygons drawn here: the largest
// distance outside any edge.
func (p polygon) dist(x, y float64) float64 {
	d := math.Inf(-1)
	for i, a := range p {
		b := p[(i+1)%len(p)]
		ex, ey := b[0]-a[0], b[1]-a[1]
		n := math.Hypot(ex, ey)
		d = max(d, ((y-a[1])*ex-(x-a[0])*ey)/n) // the polygons are written tip first, then down and round to the right
	}
	return d
}

// iconSVG is favicon.svg.
func iconSVG() []byte {
	var b strings.Builder
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">` + "\n")
	fmt.Fprintf(&b, `<rect width="64" height="64" rx="%d" fill="%s"/>`+"\n", corner, green)
	for _, s := range anchor {
		b.WriteString(s.svg() + "\n")
	}
	b.WriteString("</svg>\n")
	return []byte(b.String())
}

// draw draws the icon at size pixels: on the rounded square, or on a
// plain square filling the picture.
func draw(size int, rounded bool) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	const n = 8 // samples across each pixel, and down
	unit := 64 / float64(size)
	for py := range size {
		for px := range size {
			var ground, mark float64
			for sy := range n {
				for sx := range n {
					x := (float64(px) + (float64(sx)+0.5)/n) * unit
					y := (float64(py) + (float64(sy)+0.5)/n) * unit
					if !rounded || inRounded(x, y) {
						ground++
						if inside(x, y) {
							mark++
						}
					}
				}
			}
			img.SetNRGBA(px, py, pixel(ground/(n*n), mark/max(ground, 1)))
		}
	}
	return img
}

func inside(x, y float64) bool {
	for _, s := range anchor {
		if s.dist(x, y) < 0 {
			return true
		}
	}
	return false
}

func inRounded(x, y float64) bool {
	qx := max(math.Abs(x-32)-(32-corner), 0)
	qy := max(math.Abs(y-32)-(32-corner), 0)
	return math.Hypot(qx, qy) < corner
}

// pixel is green with white mixed in by mark, of opacity ground.
func pixel(ground, mark float64) color.NRGBA {
	mix := func(g float64) uint8 { return uint8(math.Round(g + (255-g)*mark)) }
	return color.NRGBA{R: mix(0x00), G: mix(0x70), B: mix(0x3c), A: uint8(math.Round(255 * ground))}
}

// ico packs PNG images into an ICO file: a header, an entry for each
// image, then the images.
func ico(imgs ...*image.NRGBA) []byte {
	var dir, data bytes.Buffer
	binary.Write(&dir, binary.LittleEndian, [3]uint16{0, 1, uint16(len(imgs))})
	offset := 6 + 16*len(imgs)
	for _, img := range imgs {
		var p bytes.Buffer
		if err := png.Encode(&p, img); err != nil {
			panic(err)
		}
		w := img.Bounds().Dx()
		binary.Write(&dir, binary.LittleEndian, struct {
			W, H, Colours, Reserved uint8
			Planes, Bits            uint16
			Size, Offset            uint32
		}{uint8(w), uint8(w), 0, 0, 1, 32, uint32(p.Len()), uint32(offset + data.Len())})
		data.Write(p.Bytes())
	}
	return append(dir.Bytes(), data.Bytes()...)
}

func pngOf(img *image.NRGBA) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// icoImages reads the PNG images of an ICO file that ico wrote.
func icoImages(data []byte) ([]image.Image, error) {
	if len(data) < 6 || binary.LittleEndian.Uint16(data[2:]) != 1 {
		return nil, fmt.Errorf("not an icon file")
	}
	var out []image.Image
	for i := range int(binary.LittleEndian.Uint16(data[4:])) {
		e := data[6+16*i:]
		size, off := binary.LittleEndian.Uint32(e[8:]), binary.LittleEndian.Uint32(e[12:])
		img, err := png.Decode(bytes.NewReader(data[off : off+size]))
		if err != nil {
			return nil, err
		}
		out = append(out, img)
	}
	return out, nil
}

// samePixels reports whether two pictures are the same, pixel by pixel,
// whatever the PNG encoder made of them.
func samePixels(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			if color.NRGBAModel.Convert(a.At(x, y)) != color.NRGBAModel.Convert(b.At(x, y)) {
				return false
			}
		}
	}
	return true
}

// TestIcons: the built-in icon files are the drawing above. Run with
// -update to draw them again after changing it.
func TestIcons(t *testing.T) {
	sizes := []int{16, 32, 48}
	var small []*image.NRGBA
	for _, s := range sizes {
		small = append(small, draw(s, true))
	}
	touch := draw(180, false)
	if *update {
		for name, data := range map[string][]byte{
			"favicon.svg": iconSVG(), "favicon.ico": ico(small...), "apple-touch-icon.png": pngOf(touch),
		} {
			if err := os.WriteFile(filepath.Join("static", name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	read := func(name string) []byte {
		data, err := fs.ReadFile(Static(), name)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	if !bytes.Equal(read("favicon.svg"), iconSVG()) {
		t.Error("favicon.svg is not the drawing; run go test -update")
	}
	imgs, err := icoImages(read("favicon.ico"))
	if err != nil || len(imgs) != len(sizes) {
		t.Fatalf("favicon.ico: %d images, %v", len(imgs), err)
	}
	for i, img := range imgs {
		if !samePixels(img, small[i]) {
			t.Errorf("favicon.ico's %d-pixel image is not the drawing; run go test -update", sizes[i])
		}
	}
	got, err := png.Decode(bytes.NewReader(read("apple-touch-icon.png")))
	if err != nil || !samePixels(got, touch) {
		t.Errorf("apple-touch-icon.png is not the drawing (%v); run go test -update", err)
	}
	// A phone fills what is see-through with black: the touch icon has none.
	for y := range 180 {
		for x := range 180 {
			if touch.NRGBAAt(x, y).A != 255 {
				t.Fatalf("apple-touch-icon.png is see-through at %d,%d", x, y)
			}
		}
	}
}
