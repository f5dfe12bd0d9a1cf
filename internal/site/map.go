package site

import (
	"fmt"
	"strings"

	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/londonmap"
)

// boroughMap draws the boroughs shaded by their open opportunities, once a
// render; nil when the boundaries cannot be drawn (they are built in, so
// only a broken build of tenders could fail).
func (r *renderer) boroughMap() *BoroughMap {
	if r.londonMap != nil {
		return r.londonMap
	}
	drawn, err := londonmap.Paths()
	if err != nil {
		return nil
	}
	m := &BoroughMap{ViewBox: drawn.ViewBox, Title: "Open opportunities by borough", Attribution: londonmap.Attribution}
	var parts []string
	for _, f := range r.boroughs.Facets {
		if f.Key == config.LondonWide {
			continue
		}
		a := MapArea{Named: f.Named, Open: len(f.Open), D: drawn.Paths[f.Name]}
		a.Shade = shade(a.Open)
		m.Areas = append(m.Areas, a)
		parts = append(parts, fmt.Sprintf("%s %d", f.Name, a.Open))
	}
	m.Desc = "A map of London's 33 boroughs, each shaded by how many opportunities are open in it, work across London included: " + strings.Join(parts, ", ") + "."
	r.londonMap = m
	return m
}

// shade sorts a count into one of five shades: none, 1, 2 to 3, 4 to 7,
// and 8 or more.
func shade(n int) int {
	switch {
	case n == 0:
		return 0
	case n == 1:
		return 1
	case n <= 3:
		return 2
	case n <= 7:
		return 3
	}
	return 4
}
