package site

import (
	"fmt"
	"html"
	"html/template"
	"strings"
)

// The charts are SVG bar charts with a title and a description; the page
// puts the same numbers in a table beside each. They are drawn for any
// width: every bar is a row that spans the chart, its label on the line
// above it, so no label is cut however narrow the page. Positions across
// are percentages of the chart's width; positions down are in em, and the
// text is the page's own size, so every chart has the same type and grows
// with the reader's text size.
const (
	chartLine  = 1.25 // the height of a line of a label, in em
	chartBar   = 1.5  // the height of a bar
	chartGap   = 0.5  // between a label and its bar
	chartAfter = 1.0  // between a bar and the next label
	// chartChars is the most characters on a line of a label: about 12em
	// of text, which fits a phone's width at twice the usual text size.
	chartChars = 24
)

// chart draws one bar chart, row by row.
type chart struct {
	b strings.Builder
	y float64 // the top of the next row, in em
}

// newChart starts a chart with its title and description.
func newChart(id, title, desc string) *chart {
	c := &chart{}
	// The height is written once the rows are known (svg).
	fmt.Fprintf(&c.b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, id, html.EscapeString(title), id, html.EscapeString(desc))
	return c
}

// text writes lines of text, one under another, from the top of the row.
func (c *chart) text(class string, lines []string) {
	for _, l := range lines {
		c.y += chartLine
		fmt.Fprintf(&c.b, `<text class="%s" x="0" y="%gem">%s</text>`, class, c.y-0.3, html.EscapeString(l))
	}
}

// row writes a label and a bar of pct percent of the width, with a
// dashed line at target percent when target is above 0.
func (c *chart) row(label string, pct, target float64) {
	c.text("chart-label", wrap(label, chartChars))
	y := c.y + chartGap
	fmt.Fprintf(&c.b, `<rect class="chart-track" x="0" y="%gem" width="100%%" height="%gem"/>`, y, chartBar)
	fmt.Fprintf(&c.b, `<rect class="chart-bar" x="0" y="%gem" width="%.1f%%" height="%gem"/>`, y, clampPct(pct), chartBar)
	if target > 0 {
		x := clampPct(target)
		fmt.Fprintf(&c.b, `<line class="chart-target" x1="%.1f%%" x2="%.1f%%" y1="%gem" y2="%gem"/>`, x, x, y-0.25, y+chartBar+0.25)
	}
	c.y = y + chartBar + chartAfter
}

// svg is the finished chart.
func (c *chart) svg(id string) template.HTML {
	return template.HTML(fmt.Sprintf(`<svg class="chart" width="100%%" height="%gem" role="img" aria-labelledby="%s-title %s-desc" xmlns="http://www.w3.org/2000/svg">`, c.y, id, id) +
		c.b.String() + `</svg>`)
}

func clampPct(p float64) float64 { return min(max(p, 0), 100) }

// wrap breaks s into lines of at most n characters at spaces; a word
// longer than n has a line of its own.
func wrap(s string, n int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		switch {
		case line == "":
			line = w
		case len([]rune(line))+1+len([]rune(w)) <= n:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	return append(lines, line)
}

// sharesChart draws the three shares against their pledges.
func sharesChart(id, name string, p *Progress) template.HTML {
	if p.Value == 0 {
		return ""
	}
	desc := fmt.Sprintf("Of %s awarded: small businesses %.0f%% (pledge %.0f%%), charities and social enterprises %.0f%% (pledge %.0f%%), local firms %.0f%% (pledge %.0f%%).",
		Money(p.Value), p.SME.Pct, p.SME.Target, p.VCSE.Pct, p.VCSE.Target, p.Local.Pct, p.Local.Target)
	c := newChart(id, "Share of awarded value: "+name, desc)
	for _, row := range []struct {
		label string
		s     Share
	}{{"Small businesses", p.SME}, {"Charities and social enterprises", p.VCSE}, {"Local firms", p.Local}} {
		c.row(fmt.Sprintf("%s: %.0f%%", row.label, row.s.Pct), row.s.Pct, row.s.Target)
	}
	c.y -= chartAfter - chartGap
	c.text("chart-note", []string{"Dashed line: the pledge"})
	c.y += chartGap
	return c.svg(id)
}

// quartersChart draws awarded value by quarter, each against the largest.
func quartersChart(id, name string, qs []Quarter) template.HTML {
	if len(qs) == 0 {
		return ""
	}
	var most int64 = 1
	var parts []string
	for _, q := range qs {
		most = max(most, q.Value)
		parts = append(parts, fmt.Sprintf("%s: %s", q.Label, Money(q.Value)))
	}
	c := newChart(id, "Awarded value by quarter: "+name, "Awarded value by quarter. "+strings.Join(parts, "; ")+".")
	for _, q := range qs {
		c.row(q.Label+": "+Money(q.Value), 100*float64(q.Value)/float64(most), 0)
	}
	c.y -= chartAfter - chartGap
	return c.svg(id)
}
