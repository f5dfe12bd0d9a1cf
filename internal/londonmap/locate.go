package londonmap

import (
	"encoding/json"
	"fmt"
	"sync"
)

// Borough is the name of the borough (as the London Datastore writes it,
// and as config.Areas names it) that holds a point given in longitude and
// latitude (WGS84), or "" for a point outside London. The boundaries are
// simplified, so a point within a few hundred metres of a border may be
// given the borough next to it.
func Borough(lon, lat float64) (string, error) {
	shapesOnce.Do(func() { shapes, shapesErr = outline(topojson) })
	if shapesErr != nil {
		return "", shapesErr
	}
	for _, s := range shapes {
		if s.contains(lon, lat) {
			return s.name, nil
		}
	}
	return "", nil
}

var (
	shapesOnce sync.Once
	shapes     []shape
	shapesErr  error
)

// shape is one borough's rings, in longitude and latitude, with their
// bounding box.
type shape struct {
	name                     string
	rings                    [][][2]float64
	west, south, east, north float64
}

// contains reports whether the point is inside the shape by the even-odd
// rule over all its rings, so a hole (a ring inside another) is outside.
func (s *shape) contains(x, y float64) bool {
	if x < s.west || x > s.east || y < s.south || y > s.north {
		return false
	}
	in := false
	for _, ring := range s.rings {
		for i, j := 0, len(ring)-1; i < len(ring); j, i = i, i+1 {
			a, b := ring[i], ring[j]
			if (a[1] > y) != (b[1] > y) && x < (b[0]-a[0])*(y-a[1])/(b[1]-a[1])+a[0] {
				in = !in
			}
		}
	}
	return in
}

// outline decodes the boundaries into shapes.
func outline(data []byte) ([]shape, error) {
	var t topology
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, fmt.Errorf("the borough boundaries do not decode: %w", err)
	}
	arcs := t.decodeArcs()
	var out []shape
	for _, g := range t.Objects.Boroughs.Geometries {
		polygons, err := g.polygons()
		if err != nil {
			return nil, err
		}
		s := shape{name: g.ID, west: 180, south: 90, east: -180, north: -90}
		for _, rings := range polygons {
			for _, ring := range rings {
				var pts [][2]float64
				for _, a := range ring {
					arc, err := arcPoints(arcs, a)
					if err != nil {
						return nil, fmt.Errorf("%s: %w", g.ID, err)
					}
					if len(pts) > 0 && len(arc) > 0 {
						arc = arc[1:] // its first point ends the arc before
					}
					pts = append(pts, arc...)
				}
				for _, p := range pts {
					s.west, s.east = min(s.west, p[0]), max(s.east, p[0])
					s.south, s.north = min(s.south, p[1]), max(s.north, p[1])
				}
				s.rings = append(s.rings, pts)
			}
		}
		out = append(out, s)
	}
	return out, nil
}
