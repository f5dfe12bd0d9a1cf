package importer

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/londonmap"
	"github.com/london-anchors/tenders/internal/ocdsread"
)

// itl3 maps the International Territorial Level 3 codes of London (ITL
// 2021, which kept the codes of NUTS 2016 level 3; the Office for National
// Statistics publishes them) to the boroughs each covers. Notices write them
// in an address's region, or as delivery locations. Source: ONS,
// "International Territorial Level (ITL) 1, 2 and 3 (January 2021) names
// and codes in the United Kingdom".
var itl3 = map[string][]string{
	"UKI31": {"camden", "city-of-london"},
	"UKI32": {"westminster"},
	"UKI33": {"kensington-and-chelsea", "hammersmith-and-fulham"},
	"UKI34": {"wandsworth"},
	"UKI41": {"hackney", "newham"},
	"UKI42": {"tower-hamlets"},
	"UKI43": {"haringey", "islington"},
	"UKI44": {"lewisham", "southwark"},
	"UKI45": {"lambeth"},
	"UKI51": {"bexley", "greenwich"},
	"UKI52": {"barking-and-dagenham", "havering"},
	"UKI53": {"redbridge", "waltham-forest"},
	"UKI54": {"enfield"},
	"UKI61": {"bromley"},
	"UKI62": {"croydon"},
	"UKI63": {"merton", "kingston-upon-thames", "sutton"},
	"UKI71": {"barnet"},
	"UKI72": {"brent"},
	"UKI73": {"ealing"},
	"UKI74": {"harrow", "hillingdon"},
	"UKI75": {"hounslow", "richmond-upon-thames"},
}

// areasOf gives the borough keys a region code names: one ITL 3 code, or
// "london-wide" for all of London (UKI, and the ITL 2 codes under it, are
// too broad to name one borough). Codes outside London give none.
func areasOf(region string) []string {
	code := strings.ToUpper(strings.TrimSpace(region))
	if i := strings.IndexAny(code, " -:"); i > 0 {
		code = code[:i] // "UKI31 - Camden and City of London"
	}
	if bs, ok := itl3[code]; ok {
		return bs
	}
	if code == "UKI" || len(code) == 4 && strings.HasPrefix(code, "UKI") {
		return []string{"london-wide"}
	}
	return nil
}

// pointAreas are the boroughs that hold the points of the items' delivery
// locations (the location extension), from the borough boundaries of
// internal/londonmap. Other geometries (lines, polygons) name none.
func (m *mapper) pointAreas() []string {
	var areas []string
	for _, it := range m.n.Tender.Items {
		locs := it.DeliveryLocations
		if it.DeliveryLocation != nil {
			locs = append([]ocdsread.Location{*it.DeliveryLocation}, locs...)
		}
		for _, l := range locs {
			if l.Geometry == nil || l.Geometry.Type != "Point" {
				continue
			}
			if k := m.pointArea(l.Geometry.Coordinates); k != "" && !slices.Contains(areas, k) {
				areas = append(areas, k)
			}
		}
	}
	return areas
}

// pointArea is the borough key of one point, written [longitude,
// latitude] as GeoJSON has it; a point written latitude first, as some
// publishers do (and the location extension's own example), is turned
// round, since near London the two cannot be taken for each other.
func (m *mapper) pointArea(raw json.RawMessage) string {
	var c []float64
	if err := json.Unmarshal(raw, &c); err != nil || len(c) < 2 {
		m.note("delivery point %s is not a longitude and a latitude: left out", shownJSON(raw))
		return ""
	}
	lon, lat := c[0], c[1]
	if lon > 49 && lon < 61 && lat > -9 && lat < 3 {
		lon, lat = lat, lon
		m.note("delivery point %s is written latitude first, though GeoJSON puts longitude first: read as longitude %s, latitude %s", shownJSON(raw), deg(lon), deg(lat))
	}
	name, err := londonmap.Borough(lon, lat)
	if err != nil || name == "" {
		m.note("delivery point %s is outside London: it names no borough", shownJSON(raw))
		return ""
	}
	for _, a := range config.Areas {
		if a.Name == name {
			return a.Key
		}
	}
	return ""
}

func deg(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// shownJSON is JSON for a message: on one line, spaced, and short.
func shownJSON(raw json.RawMessage) string {
	s := strings.ReplaceAll(string(raw), ",", ", ")
	if r := []rune(s); len(r) > 60 {
		s = string(r[:60]) + "…"
	}
	return s
}
