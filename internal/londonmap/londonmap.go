// Package londonmap draws the 33 London boroughs as SVG paths, from the
// borough boundaries of the London Datastore (see SOURCE.md, whose
// attribution every map must show: Attribution).
//
// The boundaries are TopoJSON: shared arcs of delta-encoded, quantised
// points. Paths decodes them once, projects longitude and latitude onto a
// plane (equirectangular, with longitude scaled by the cosine of London's
// latitude, which at this size is true to within a fraction of a pixel),
// and writes each borough as the d of a <path>.
package londonmap

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
)

//go:embed london-boroughs.topojson
var topojson []byte

// Attribution is what a map of these boundaries must say.
const Attribution = "Contains National Statistics data © Crown copyright and database right 2015. Contains Ordnance Survey data © Crown copyright and database right 2015."

// Width is the width of the map's view box; its height follows London's
// shape.
const Width = 600

// Map is the boroughs drawn: a path for each, by the borough's name as the
// London Datastore writes it ("Hammersmith and Fulham").
type Map struct {
	ViewBox string            // "0 0 600 H"
	Paths   map[string]string // name -> the d of its <path>
}

var (
	once   sync.Once
	drawn  *Map
	failed error
)

// Paths returns the boroughs drawn. The data is built in, so an error
// means the embedded file is broken.
func Paths() (*Map, error) {
	once.Do(func() { drawn, failed = draw(topojson) })
	return drawn, failed
}

type topology struct {
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	BBox    [4]float64 `json:"bbox"`
	Arcs    [][][2]int `json:"arcs"`
	Objects struct {
		Boroughs struct {
			Geometries []geometry `json:"geometries"`
		} `json:"boroughs"`
	} `json:"objects"`
}

type geometry struct {
	Type string          `json:"type"`
	ID   string          `json:"id"`
	Arcs json.RawMessage `json:"arcs"` // [][]int for a Polygon, [][][]int for a MultiPolygon
}

func draw(data []byte) (*Map, error) {
	var t topology
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, fmt.Errorf("the borough boundaries do not decode: %w", err)
	}
	arcs := t.decodeArcs()
	p := t.projection()
	m := &Map{ViewBox: fmt.Sprintf("0 0 %d %d", Width, p.height), Paths: map[string]string{}}
	for _, g := range t.Objects.Boroughs.Geometries {
		polygons, err := g.polygons()
		if err != nil {
			return nil, err
		}
		d, err := path(polygons, arcs, p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", g.ID, err)
		}
		m.Paths[g.ID] = d
	}
	return m, nil
}

// polygons are the geometry's polygons, each a list of rings, each a list
// of arc indexes.
func (g geometry) polygons() ([][][]int, error) {
	var polygons [][][]int
	switch g.Type {
	case "Polygon":
		var rings [][]int
		if err := json.Unmarshal(g.Arcs, &rings); err != nil {
			return nil, fmt.Errorf("%s: %w", g.ID, err)
		}
		polygons = [][][]int{rings}
	case "MultiPolygon":
		if err := json.Unmarshal(g.Arcs, &polygons); err != nil {
			return nil, fmt.Errorf("%s: %w", g.ID, err)
		}
	default:
		return nil, fmt.Errorf("%s is a %s, not a polygon", g.ID, g.Type)
	}
	return polygons, nil
}

// decodeArcs turns each arc's quantised deltas into longitude and latitude.
func (t *topology) decodeArcs() [][][2]float64 {
	out := make([][][2]float64, len(t.Arcs))
	for i, arc := range t.Arcs {
		x, y := 0, 0
		pts := make([][2]float64, len(arc))
		for j, d := range arc {
			x, y = x+d[0], y+d[1]
			pts[j] = [2]float64{float64(x)*t.Transform.Scale[0] + t.Transform.Translate[0], float64(y)*t.Transform.Scale[1] + t.Transform.Translate[1]}
		}
		out[i] = pts
	}
	return out
}

// projection maps longitude and latitude onto the view box.
type projection struct {
	west, north, k, cos float64
	height              int
}

func (t *topology) projection() projection {
	west, south, east, north := t.BBox[0], t.BBox[1], t.BBox[2], t.BBox[3]
	cos := math.Cos((south + north) / 2 * math.Pi / 180)
	k := Width / ((east - west) * cos)
	return projection{west: west, north: north, k: k, cos: cos, height: int(math.Ceil((north - south) * k))}
}

func (p projection) point(lonlat [2]float64) (float64, float64) {
	return (lonlat[0] - p.west) * p.cos * p.k, (p.north - lonlat[1]) * p.k
}

// path writes polygons (each a list of rings, each a list of arc indexes,
// ~i meaning arc i reversed) as the d of a path.
func path(polygons [][][]int, arcs [][][2]float64, p projection) (string, error) {
	var b strings.Builder
	for _, rings := range polygons {
		for _, ring := range rings {
			first := true
			for _, a := range ring {
				pts, err := arcPoints(arcs, a)
				if err != nil {
					return "", err
				}
				for j, pt := range pts {
					if j == 0 && !first {
						continue // shared with the end of the arc before
					}
					x, y := p.point(pt)
					if first {
						b.WriteString("M")
						first = false
					} else {
						b.WriteString("L")
					}
					b.WriteString(num(x) + " " + num(y))
				}
			}
			b.WriteString("Z")
		}
	}
	return b.String(), nil
}

func arcPoints(arcs [][][2]float64, a int) ([][2]float64, error) {
	reversed := a < 0
	if reversed {
		a = ^a
	}
	if a >= len(arcs) {
		return nil, fmt.Errorf("arc %d of %d", a, len(arcs))
	}
	pts := arcs[a]
	if !reversed {
		return pts, nil
	}
	out := make([][2]float64, len(pts))
	for i, pt := range pts {
		out[len(pts)-1-i] = pt
	}
	return out, nil
}

// num writes a coordinate to a tenth of a unit, enough at this size.
func num(f float64) string { return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64) }
