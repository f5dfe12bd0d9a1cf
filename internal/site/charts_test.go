package site

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWrap(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"Small businesses: 87%", []string{"Small businesses: 87%"}},
		{"Charities and social enterprises: 69%", []string{"Charities and social", "enterprises: 69%"}},
		{"2026 Q3: £200,000,000,000", []string{"2026 Q3:", "£200,000,000,000"}},
		{"Averyveryveryverylongwordindeed here", []string{"Averyveryveryverylongwordindeed", "here"}},
	} {
		if got := wrap(tt.in, chartChars); !slices.Equal(got, tt.want) {
			t.Errorf("wrap(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

var (
	textRE   = regexp.MustCompile(`<text class="[a-z-]+" x="0" y="([0-9.]+)em">([^<]*)</text>`)
	pctRE    = regexp.MustCompile(`(width|x1|x2)="([^"]*)%"`)
	heightRE = regexp.MustCompile(`^<svg class="chart" width="100%" height="([0-9.]+)em" role="img"`)
)

// TestChartsFit: a chart is drawn at the page's width and text size, with
// no viewBox to scale its text; every label is a line of at most
// chartChars characters, from the left edge, inside the chart's height;
// bars and pledges stay inside the width.
func TestChartsFit(t *testing.T) {
	p := &Progress{Value: 100, SME: Share{Pct: 87, Target: 40}, VCSE: Share{Pct: 120, Target: 15}, Local: Share{Pct: 69, Target: 150}}
	charts := map[string]string{
		"shares":   string(sharesChart("s", "The whole network", p)),
		"quarters": string(quartersChart("q", "The whole network", []Quarter{{Label: "2026 Q2", Value: 104_500}, {Label: "2026 Q3", Value: 200_000_000_000}})),
	}
	for name, svg := range charts {
		if strings.Contains(svg, "viewBox") || strings.Contains(svg, "font-size") {
			t.Errorf("%s: the chart scales its text or sets its own size", name)
		}
		h := heightRE.FindStringSubmatch(svg)
		if h == nil {
			t.Fatalf("%s: no height in em: %s", name, svg)
		}
		height, _ := strconv.ParseFloat(h[1], 64)
		texts := textRE.FindAllStringSubmatch(svg, -1)
		if len(texts) < 2 {
			t.Fatalf("%s: %d lines of text", name, len(texts))
		}
		for _, m := range texts {
			if n := utf8.RuneCountInString(m[2]); n > chartChars && !strings.HasPrefix(m[2], "£") {
				t.Errorf("%s: %q is %d characters long", name, m[2], n)
			}
			if y, _ := strconv.ParseFloat(m[1], 64); y+0.3 > height {
				t.Errorf("%s: %q at %sem is below the chart's height %gem", name, m[2], m[1], height)
			}
		}
		for _, m := range pctRE.FindAllStringSubmatch(svg, -1) {
			if x, err := strconv.ParseFloat(m[2], 64); err != nil || x < 0 || x > 100 {
				t.Errorf("%s: %s=%q%% is outside the chart", name, m[1], m[2])
			}
		}
	}
	if !strings.Contains(charts["shares"], ">Charities and social</text>") || !strings.Contains(charts["quarters"], ">2026 Q3:</text>") {
		t.Errorf("long labels are not wrapped:\n%s\n%s", charts["shares"], charts["quarters"])
	}
}
