package importer

import (
	"strings"
	"testing"
	"time"

	"github.com/london-anchors/tenders/internal/ocdsread"
)

// TestDeliveryPoints: a delivery location's point names the borough that
// holds it, over an ITL 3 code of two boroughs; a point outside London, or
// a geometry that is not a point, names none, and a point written
// latitude first (as the location extension's own example does) is read
// the right way round.
func TestDeliveryPoints(t *testing.T) {
	for _, c := range []struct {
		name, items, want, note string
	}{
		{"a point in Hackney, ITL UKI41 (Hackney and Newham)",
			`{"id":"1","deliveryLocation":{"geometry":{"type":"Point","coordinates":[-0.0553,51.5450]}},"deliveryAddress":{"region":"UKI41"}}`,
			"hackney", ""},
		{"the newer list of locations",
			`{"id":"1","deliveryLocations":[{"geometry":{"type":"Point","coordinates":[0.0393,51.5077]}},{"geometry":{"type":"Point","coordinates":[-0.0553,51.5450]}}]}`,
			"hackney newham", ""},
		{"latitude first",
			`{"id":"1","deliveryLocation":{"geometry":{"type":"Point","coordinates":[51.5450,-0.0553]}}}`,
			"hackney", "delivery point [51.5450, -0.0553] is written latitude first, though GeoJSON puts longitude first: read as longitude -0.0553, latitude 51.545"},
		{"outside London, with the buyer's region",
			`{"id":"1","deliveryLocation":{"geometry":{"type":"Point","coordinates":[-0.9781,51.4543]}}}`,
			"camden city-of-london", "delivery point [-0.9781, 51.4543] is outside London: it names no borough"},
		{"a line",
			`{"id":"1","deliveryLocation":{"geometry":{"type":"LineString","coordinates":[[-0.05,51.54],[-0.06,51.55]]}}}`,
			"camden city-of-london", ""},
		{"not numbers",
			`{"id":"1","deliveryLocation":{"geometry":{"type":"Point","coordinates":["a","b"]}}}`,
			"camden city-of-london", `delivery point ["a", "b"] is not a longitude and a latitude: left out`},
	} {
		t.Run(c.name, func(t *testing.T) {
			n, problems := ocdsread.Decode([]byte(`{"ocid":"o","parties":[{"id":"GB-LAE-CMD","roles":["buyer"],"address":{"region":"UKI31"}}],"tender":{"items":[` + c.items + `]}}`))
			if len(problems) > 0 {
				t.Fatal(problems)
			}
			m := &mapper{cfg: siteConfig(t), loc: time.UTC, n: n, buyer: "riverside"}
			areas, _ := m.places()
			if got := strings.Join(areas, " "); got != c.want || strings.Join(m.notes, "\n") != c.note {
				t.Errorf("boroughs %q, notes %q; want %q, %q", got, m.notes, c.want, c.note)
			}
		})
	}
}
