package londonmap

import "testing"

// TestBorough: places well inside a borough (a kilometre or more from its
// borders) are found in it; places outside London in none.
func TestBorough(t *testing.T) {
	for _, c := range []struct {
		place    string
		lon, lat float64
		want     string
	}{
		{"Buckingham Palace", -0.1419, 51.5014, "Westminster"},
		{"Camden Town station", -0.1426, 51.5392, "Camden"},
		{"St Paul's Cathedral", -0.0984, 51.5138, "City of London"},
		{"Canary Wharf", -0.0235, 51.5054, "Tower Hamlets"},
		{"East Croydon station", -0.0920, 51.3754, "Croydon"},
		{"Uxbridge", -0.4782, 51.5462, "Hillingdon"},
		{"Woolwich", 0.0693, 51.4906, "Greenwich"},
		{"Twickenham Stadium", -0.3415, 51.4559, "Richmond upon Thames"},
		{"Finchley Central", -0.1925, 51.6010, "Barnet"},
		{"Romford", 0.1830, 51.5750, "Havering"},
		{"Reading", -0.9781, 51.4543, ""},
		{"Watford", -0.3963, 51.6565, ""},
		{"Paris", 2.3522, 48.8566, ""},
	} {
		got, err := Borough(c.lon, c.lat)
		if err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("%s (%v, %v): %q, want %q", c.place, c.lon, c.lat, got, c.want)
		}
	}
}

// TestBoroughsDoNotOverlap: a grid of points over London finds each in
// one borough at most, and every borough holds some of them.
func TestBoroughsDoNotOverlap(t *testing.T) {
	if _, err := Borough(0, 0); err != nil {
		t.Fatal(err)
	}
	held := map[string]int{}
	for lon := -0.52; lon <= 0.34; lon += 0.005 {
		for lat := 51.28; lat <= 51.70; lat += 0.005 {
			var in []string
			for _, s := range shapes {
				if s.contains(lon, lat) {
					in = append(in, s.name)
				}
			}
			if len(in) > 1 {
				t.Fatalf("(%v, %v) is in %v", lon, lat, in)
			}
			if len(in) == 1 {
				held[in[0]]++
			}
		}
	}
	if len(held) != 33 {
		t.Errorf("%d boroughs hold points of the grid, want 33: %v", len(held), held)
	}
}
