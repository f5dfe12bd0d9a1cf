package londonmap

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestPaths: every borough is drawn, inside the view box, and they meet:
// a point of Camden's boundary is on Islington's too, as they share a
// border.
func TestPaths(t *testing.T) {
	m, err := Paths()
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Paths) != 33 {
		t.Fatalf("%d boroughs drawn, want 33", len(m.Paths))
	}
	var w, h float64
	if _, err := fmt.Sscanf(m.ViewBox, "0 0 %g %g", &w, &h); err != nil || w != Width || h < 400 || h > 600 {
		t.Fatalf("view box %q", m.ViewBox)
	}
	nums := regexp.MustCompile(`[ML](-?[\d.]+) (-?[\d.]+)`)
	points := map[string]map[string]bool{}
	for name, d := range m.Paths {
		if !strings.HasPrefix(d, "M") || !strings.HasSuffix(d, "Z") {
			t.Errorf("%s: a path that does not start and close: %.40s", name, d)
		}
		points[name] = map[string]bool{}
		for _, p := range nums.FindAllStringSubmatch(d, -1) {
			x, _ := strconv.ParseFloat(p[1], 64)
			y, _ := strconv.ParseFloat(p[2], 64)
			if x < -1 || x > w+1 || y < -1 || y > h+1 {
				t.Fatalf("%s: point %v,%v outside the view box", name, x, y)
			}
			points[name][p[1]+" "+p[2]] = true
		}
	}
	shared := 0
	for p := range points["Camden"] {
		if points["Islington"][p] {
			shared++
		}
	}
	if shared < 2 {
		t.Errorf("Camden and Islington share %d points; they share a border", shared)
	}
}
