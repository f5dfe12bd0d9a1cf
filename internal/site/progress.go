package site

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"html"
	"html/template"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/ocds"
	"github.com/london-anchors/tenders/internal/safetext"
)

// Share is part of the awarded value: to SMEs, VCSEs or local firms.
type Share struct {
	Value  int64
	Count  int
	Pct    float64 // of the awarded value
	Target float64 // the pledge, in percent; 0 when none
}

// Met reports whether the share reaches its pledge.
func (s Share) Met() bool { return s.Pct >= s.Target }

// Progress is the awards of the network, or of one buyer.
type Progress struct {
	Name             string
	Count            int
	Value            int64
	SME, VCSE, Local Share
	Quarters         []Quarter
	SharesChart      template.HTML
	QuartersChart    template.HTML
	HasAwards        bool
}

// Quarter is the awards of three months.
type Quarter struct {
	Label            string // "2026 Q3"
	Count            int
	Value            int64
	SME, VCSE, Local int64
}

// OpenValue is the value of open briefs in one topic or borough.
type OpenValue struct {
	Named
	Count int
	Value int64
}

// progressOf adds up the awards of opps.
func (r *renderer) progressOf(name string, opps []*Opp) *Progress {
	p := &Progress{Name: name}
	quarters := map[string]*Quarter{}
	for _, o := range opps {
		a := o.Award
		if o.Status != StatusAwarded || a == nil {
			continue
		}
		p.Count++
		p.Value = addMoney(p.Value, a.Value)
		d := a.Date.In(r.loc)
		label := fmt.Sprintf("%d Q%d", d.Year(), (int(d.Month())+2)/3)
		q := quarters[label]
		if q == nil {
			q = &Quarter{Label: label}
			quarters[label] = q
		}
		q.Count++
		q.Value = addMoney(q.Value, a.Value)
		if a.SME {
			p.SME.Value = addMoney(p.SME.Value, a.Value)
			p.SME.Count++
			q.SME = addMoney(q.SME, a.Value)
		}
		if a.VCSE {
			p.VCSE.Value = addMoney(p.VCSE.Value, a.Value)
			p.VCSE.Count++
			q.VCSE = addMoney(q.VCSE, a.Value)
		}
		if a.Local {
			p.Local.Value = addMoney(p.Local.Value, a.Value)
			p.Local.Count++
			q.Local = addMoney(q.Local, a.Value)
		}
	}
	p.HasAwards = p.Count > 0
	pledge := r.Config.Pledge
	for _, s := range []struct {
		share  *Share
		target float64
	}{{&p.SME, pledge.SME}, {&p.VCSE, pledge.VCSE}, {&p.Local, pledge.Local}} {
		s.share.Target = s.target
		if p.Value > 0 {
			s.share.Pct = 100 * float64(s.share.Value) / float64(p.Value)
		}
	}
	for _, k := range config.SortedKeys(quarters) {
		p.Quarters = append(p.Quarters, *quarters[k])
	}
	id := "chart-" + brief.SlugFor(name)
	p.SharesChart = sharesChart(id+"-shares", name, p)
	p.QuartersChart = quartersChart(id+"-quarters", name, p.Quarters)
	return p
}

// addMoney adds two sums of money, stopping at the largest int64 rather
// than wrapping round to a negative total. Each brief's sums are capped
// (brief.MaxMoney), so only a site of tens of millions of awards could
// reach it.
func addMoney(a, b int64) int64 {
	if b > 0 && a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}

// openValues adds up the open briefs of each facet of a kind.
func openValues(k *FacetKind) []OpenValue {
	var out []OpenValue
	for _, f := range k.Facets {
		v := OpenValue{Named: f.Named}
		for _, o := range f.Open {
			v.Count++
			if o.ValueMax != nil {
				v.Value = addMoney(v.Value, *o.ValueMax)
			} else if o.ValueMin != nil {
				v.Value = addMoney(v.Value, *o.ValueMin)
			}
		}
		if v.Count > 0 {
			out = append(out, v)
		}
	}
	slices.SortStableFunc(out, func(a, b OpenValue) int {
		if a.Value != b.Value {
			if a.Value > b.Value {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

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

// writeData writes /data/ocds.json, /data/opportunities.csv and
// /data/progress.csv. A one-off build streams the release package, the
// largest file of the site, straight to its file.
func (r *renderer) writeData() error {
	names := []string{"data/ocds.json", "data/opportunities.csv", "data/progress.csv"}
	if ss, ok := r.sink.(StreamSink); ok && r.Cache == nil {
		r.mu.Lock()
		r.written[names[0]] = true
		r.mu.Unlock()
		if err := ss.PutStream(names[0], func(w io.Writer) error {
			return ocds.Write(w, r.Config, r.Config.URL(names[0]), r.ocdsInputs())
		}); err != nil {
			return err
		}
		files, err := r.dataFiles(false)
		if err == nil {
			r.put(names[1], files[1])
			r.put(names[2], files[2])
		}
		return err
	}
	return r.memoMany(names, func() string { return listKey("data", r.opps) }, func() ([][]byte, error) { return r.dataFiles(true) })
}

func (r *renderer) ocdsInputs() []ocds.Input {
	in := make([]ocds.Input, 0, len(r.opps))
	for _, o := range r.opps {
		in = append(in, ocds.Input{Brief: o.Brief, Status: o.Status, URL: r.Config.URL(o.URL)})
	}
	return in
}

// dataFiles makes /data/ocds.json (unless withPackage is false),
// /data/opportunities.csv and /data/progress.csv.
func (r *renderer) dataFiles(withPackage bool) ([][]byte, error) {
	network, buyers := r.network, r.buyerProgress
	var buf bytes.Buffer
	if withPackage {
		if err := ocds.Write(&buf, r.Config, r.Config.URL("data/ocds.json"), r.ocdsInputs()); err != nil {
			return nil, fmt.Errorf("cannot make the open data: %w", err)
		}
	}

	var c bytes.Buffer
	w := NewCSV(&c)
	_ = w.Write(CSVColumns)
	for _, o := range r.opps {
		_ = w.Write(r.csvRow(o))
	}
	w.Flush()

	var pc bytes.Buffer
	pw := NewCSV(&pc)
	_ = pw.Write([]string{"who", "awards", "awarded_value", "sme_value", "sme_share", "sme_pledge", "vcse_value", "vcse_share", "vcse_pledge", "local_value", "local_share", "local_pledge"})
	for _, p := range append([]*Progress{network}, buyers...) {
		_ = pw.Write([]string{p.Name, strconv.Itoa(p.Count), strconv.FormatInt(p.Value, 10),
			strconv.FormatInt(p.SME.Value, 10), pct(p.SME.Pct), pct(p.SME.Target),
			strconv.FormatInt(p.VCSE.Value, 10), pct(p.VCSE.Pct), pct(p.VCSE.Target),
			strconv.FormatInt(p.Local.Value, 10), pct(p.Local.Pct), pct(p.Local.Target)})
	}
	pw.Flush()
	return [][]byte{buf.Bytes(), c.Bytes(), pc.Bytes()}, errors.Join(w.Error(), pw.Error())
}

// CSV writes the site's CSV files: RFC 4180 with CRLF line ends, every
// cell safe to open in a spreadsheet. A cell that would start with =, +,
// -, @, tab or carriage return gets a leading apostrophe (safetext.Cell),
// so a title such as "=HYPERLINK(...)" is shown, never run; control
// characters are dropped.
type CSV struct{ w *csv.Writer }

// NewCSV starts a CSV file on w.
func NewCSV(w io.Writer) *CSV {
	c := &CSV{w: csv.NewWriter(w)}
	c.w.UseCRLF = true
	return c
}

// Write writes one row.
func (c *CSV) Write(row []string) error {
	cells := make([]string, len(row))
	for i, s := range row {
		cells[i] = safetext.Cell(safetext.Strip(s))
	}
	return c.w.Write(cells)
}

// Flush writes what is buffered.
func (c *CSV) Flush() { c.w.Flush() }

// Error is the first error of a Write or Flush.
func (c *CSV) Error() error { return c.w.Error() }

func pct(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

// CSVColumns are the columns of /data/opportunities.csv; README.md and
// the /data/ page explain each.
var CSVColumns = []string{"reference", "ocid", "title", "url", "buyer", "buyer_name", "status", "published", "deadline",
	"questions_deadline", "value_min", "value_max", "category", "topics", "boroughs", "cpv", "suitable_for", "procedure",
	"contract_start", "contract_end", "award_supplier", "award_value", "award_date", "award_sme", "award_vcse", "award_local", "award_borough"}

func (r *renderer) csvRow(o *Opp) []string {
	date := func(d brief.Date) string {
		switch {
		case !d.IsSet():
			return ""
		case d.DateOnly && !d.Local:
			return d.UTC().Format("2006-01-02")
		case d.DateOnly:
			return d.In(r.loc).Format("2006-01-02")
		}
		return d.UTC().Format("2006-01-02T15:04:05Z")
	}
	num := func(p *int64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatInt(*p, 10)
	}
	var topics []string
	for _, t := range o.Topics {
		topics = append(topics, t.Key)
	}
	row := []string{o.Reference, ocds.OCID(r.Config, o.Brief), o.Title, r.Config.URL(o.URL), o.Brief.Buyer, o.Buyer.Name, o.Status,
		date(o.Published), date(o.Deadline), date(o.QuestionsDeadline), num(o.ValueMin), num(o.ValueMax), o.Category,
		strings.Join(topics, ";"), strings.Join(o.Brief.Boroughs, ";"), strings.Join(o.CPV, ";"), strings.Join(o.SuitableFor, ";"),
		o.Procedure, date(o.ContractStart), date(o.ContractEnd)}
	if a := o.Award; a != nil {
		row = append(row, a.Supplier, strconv.FormatInt(a.Value, 10), date(a.Date), strconv.FormatBool(a.SME), strconv.FormatBool(a.VCSE), strconv.FormatBool(a.Local), a.Borough)
	} else {
		row = append(row, "", "", "", "", "", "", "")
	}
	return row
}
