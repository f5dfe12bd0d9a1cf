package site

import (
	"fmt"
	"html"
	"html/template"
	"strconv"
	"strings"
)

// sharesChart draws the three shares against their pledges as an SVG bar
// chart with a title and a description; the page puts the same numbers in
// a table beside it.
func sharesChart(id, name string, p *Progress) template.HTML {
	if p.Value == 0 {
		return ""
	}
	const w, rowH, left, barW = 640, 56, 170, 400
	h := 3*rowH + 30
	var b strings.Builder
	title := "Share of awarded value: " + name
	desc := fmt.Sprintf("Of %s awarded: small businesses %.0f%% (pledge %.0f%%), charities and social enterprises %.0f%% (pledge %.0f%%), local firms %.0f%% (pledge %.0f%%).",
		Money(p.Value), p.SME.Pct, p.SME.Target, p.VCSE.Pct, p.VCSE.Target, p.Local.Pct, p.Local.Target)
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %d %d" role="img" aria-labelledby="%s-title %s-desc" xmlns="http://www.w3.org/2000/svg">`, w, h, id, id)
	fmt.Fprintf(&b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, id, html.EscapeString(title), id, html.EscapeString(desc))
	for i, row := range []struct {
		label string
		s     Share
	}{{"Small businesses", p.SME}, {"Charities, social enterprises", p.VCSE}, {"Local firms", p.Local}} {
		y := 10 + i*rowH
		fmt.Fprintf(&b, `<text class="chart-label" x="0" y="%d">%s</text>`, y+22, html.EscapeString(row.label))
		fmt.Fprintf(&b, `<rect class="chart-track" x="%d" y="%d" width="%d" height="28"/>`, left, y+4, barW)
		fmt.Fprintf(&b, `<rect class="chart-bar" x="%d" y="%d" width="%.1f" height="28"/>`, left, y+4, barW*row.s.Pct/100)
		if row.s.Target > 0 {
			x := float64(left) + barW*row.s.Target/100
			fmt.Fprintf(&b, `<line class="chart-target" x1="%.1f" x2="%.1f" y1="%d" y2="%d"/>`, x, x, y, y+36)
		}
		fmt.Fprintf(&b, `<text class="chart-value" x="%d" y="%d">%.0f%%</text>`, left+barW+10, y+22, row.s.Pct)
	}
	fmt.Fprintf(&b, `<text class="chart-note" x="%d" y="%d">Dashed line: the pledge</text>`, left, h-4)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// quartersChart draws awarded value by quarter.
func quartersChart(id, name string, qs []Quarter) template.HTML {
	if len(qs) == 0 {
		return ""
	}
	const h, top, bottom, colW = 240, 20, 40, 90
	w := max(len(qs)*colW+40, 320)
	var most int64 = 1
	for _, q := range qs {
		most = max(most, q.Value)
	}
	var parts []string
	for _, q := range qs {
		parts = append(parts, fmt.Sprintf("%s: %s", q.Label, Money(q.Value)))
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %d %d" role="img" aria-labelledby="%s-title %s-desc" xmlns="http://www.w3.org/2000/svg">`, w, h, id, id)
	fmt.Fprintf(&b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, id, html.EscapeString("Awarded value by quarter: "+name), id, html.EscapeString("Awarded value by quarter. "+strings.Join(parts, "; ")+"."))
	plot := float64(h - top - bottom)
	for i, q := range qs {
		x := 30 + i*colW
		bh := plot * float64(q.Value) / float64(most)
		fmt.Fprintf(&b, `<rect class="chart-bar" x="%d" y="%.1f" width="%d" height="%.1f"/>`, x, float64(top)+plot-bh, colW-30, bh)
		fmt.Fprintf(&b, `<text class="chart-label" x="%d" y="%d">%s</text>`, x, h-bottom+20, html.EscapeString(q.Label))
		fmt.Fprintf(&b, `<text class="chart-value" x="%d" y="%.1f">%s</text>`, x, float64(top)+plot-bh-4, shortMoney(q.Value))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// shortMoney writes £96k or £1.2m for chart labels.
func shortMoney(n int64) string {
	switch {
	case n >= 1_000_000:
		return "£" + strconv.FormatFloat(float64(n)/1e6, 'f', 1, 64) + "m"
	case n >= 1000:
		return "£" + strconv.FormatInt((n+500)/1000, 10) + "k"
	}
	return Money(n)
}
