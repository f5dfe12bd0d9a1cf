package site

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/ocds"
	"github.com/london-anchors/tenders/internal/safetext"
)

// writeData writes /data/ocds.json, /data/opportunities.csv and
// /data/progress.csv. A one-off build streams the release package, the
// largest file of the site, straight to its file.
func (r *renderer) writeData() error {
	names := []string{"data/ocds.json", "data/opportunities.csv", "data/progress.csv"}
	if ss, ok := r.sink.(StreamSink); ok && r.Cache == nil {
		r.mu.Lock()
		r.written[names[0]] = true
		r.mu.Unlock()
		if err := ss.PutStream(names[0], r.writePackage); err != nil {
			return err
		}
		files, err := r.dataFiles(false)
		if err == nil {
			r.put(names[1], files[1])
			r.put(names[2], files[2])
		}
		return err
	}
	return r.memoMany(names, r.dataKey, func() ([][]byte, error) { return r.dataFiles(true) })
}

func (r *renderer) ocdsInputs() []ocds.Input {
	in := make([]ocds.Input, 0, len(r.opps))
	for _, o := range r.opps {
		in = append(in, r.ocdsInput(o))
	}
	return in
}

func (r *renderer) ocdsInput(o *Opp) ocds.Input {
	return ocds.Input{Brief: o.Brief, Status: o.Status, URL: r.Config.URL(o.URL)}
}

// writePackage writes the OCDS package, taking each brief's releases from
// its render where a cached render kept them. It stops when the render's
// context ends, since a one-off build writes it beside the pages.
func (r *renderer) writePackage(w io.Writer) error {
	byBrief := make(map[*brief.Brief]*Opp, len(r.opps))
	for _, o := range r.opps {
		byBrief[o.Brief] = o
	}
	return ocds.Write(w, r.Config, r.Config.URL("data/ocds.json"), r.ocdsInputs(), func(x ocds.Input) ([]byte, error) {
		if err := r.ctx.Err(); err != nil {
			return nil, err
		}
		if o := byBrief[x.Brief]; o != nil && o.releases != nil {
			return o.releases, nil
		}
		return ocds.Releases(r.Config, x)
	})
}

// dataFiles makes /data/ocds.json (unless withPackage is false),
// /data/opportunities.csv and /data/progress.csv.
func (r *renderer) dataFiles(withPackage bool) ([][]byte, error) {
	network, buyers := r.network, r.buyerProgress
	var buf bytes.Buffer
	if withPackage {
		n := 4096
		for _, o := range r.opps {
			n += len(o.releases) + 1
		}
		buf.Grow(n)
		if err := r.writePackage(&buf); err != nil {
			return nil, fmt.Errorf("cannot make the open data: %w", err)
		}
	}

	var c bytes.Buffer
	w := NewCSV(&c)
	_ = w.Write(csvHeader())
	for _, o := range r.opps {
		if o.csvLine != nil {
			w.Flush()
			c.Write(o.csvLine)
			continue
		}
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

// CSVGroup is a group of columns of /data/opportunities.csv that the
// /data/ page explains together.
type CSVGroup struct {
	Doc     template.HTML // what the columns hold, for the /data/ page: our own words, not content
	Columns []CSVColumn
}

// CSVColumn is one column of /data/opportunities.csv: its name and how a
// brief's cell is made.
type CSVColumn struct {
	Name  string
	value func(c *csvContext, o *Opp) string
}

// csvContext is what a cell may need besides its brief.
type csvContext struct {
	cfg *config.Config
	loc *time.Location
}

// CSVGroups are the columns of /data/opportunities.csv, in order. Adding a
// column is a line here: the header, every row and the /data/ page follow.
var CSVGroups = []CSVGroup{
	{"The buyer's reference, and the open contracting id", []CSVColumn{
		{"reference", func(_ *csvContext, o *Opp) string { return o.Reference }},
		{"ocid", func(c *csvContext, o *Opp) string { return ocds.OCID(c.cfg, o.Brief) }}}},
	{"The title, and the page on this site", []CSVColumn{
		{"title", func(_ *csvContext, o *Opp) string { return o.Title }},
		{"url", func(c *csvContext, o *Opp) string { return c.cfg.URL(o.URL) }}}},
	{"Who is buying", []CSVColumn{
		{"buyer", func(_ *csvContext, o *Opp) string { return o.Brief.Buyer }},
		{"buyer_name", func(_ *csvContext, o *Opp) string { return o.Buyer.Name }}}},
	{"pipeline, engagement, open, closed, awarded or cancelled", []CSVColumn{
		{"status", func(_ *csvContext, o *Opp) string { return o.Status }}}},
	{"Dates and times", []CSVColumn{
		{"published", func(c *csvContext, o *Opp) string { return c.date(o.Published) }},
		{"deadline", func(c *csvContext, o *Opp) string { return c.date(o.Deadline) }},
		{"questions_deadline", func(c *csvContext, o *Opp) string { return c.date(o.QuestionsDeadline) }}}},
	{"Value in pounds, when stated", []CSVColumn{
		{"value_min", func(_ *csvContext, o *Opp) string { return number(o.ValueMin) }},
		{"value_max", func(_ *csvContext, o *Opp) string { return number(o.ValueMax) }}}},
	{"What is bought and where", []CSVColumn{
		{"category", func(_ *csvContext, o *Opp) string { return o.Category }},
		{"topics", func(_ *csvContext, o *Opp) string { return joinKeys(o.Topics) }},
		{"boroughs", func(_ *csvContext, o *Opp) string { return strings.Join(o.Brief.Boroughs, ";") }},
		{"location", func(_ *csvContext, o *Opp) string { return joinPlaces(o.Location) }},
		{"cpv", func(_ *csvContext, o *Opp) string { return strings.Join(o.CPV, ";") }}}},
	{"Who the buyer especially welcomes; how it chooses", []CSVColumn{
		{"suitable_for", func(_ *csvContext, o *Opp) string { return strings.Join(o.SuitableFor, ";") }},
		{"procedure", func(_ *csvContext, o *Opp) string { return o.Procedure }}}},
	{"Contract dates", []CSVColumn{
		{"contract_start", func(c *csvContext, o *Opp) string { return c.date(o.ContractStart) }},
		{"contract_end", func(c *csvContext, o *Opp) string { return c.date(o.ContractEnd) }}}},
	{"Who won, for how much, and when", []CSVColumn{
		{"award_supplier", award(func(_ *csvContext, a *brief.Award) string { return a.Supplier })},
		{"award_value", award(func(_ *csvContext, a *brief.Award) string { return strconv.FormatInt(a.Value, 10) })},
		{"award_date", award(func(c *csvContext, a *brief.Award) string { return c.date(a.Date) })}}},
	{"Whether the winner is a small business, a charity or social enterprise, or local, and where", []CSVColumn{
		{"award_sme", award(func(_ *csvContext, a *brief.Award) string { return strconv.FormatBool(a.SME) })},
		{"award_vcse", award(func(_ *csvContext, a *brief.Award) string { return strconv.FormatBool(a.VCSE) })},
		{"award_local", award(func(_ *csvContext, a *brief.Award) string { return strconv.FormatBool(a.Local) })},
		{"award_borough", award(func(_ *csvContext, a *brief.Award) string { return a.Borough })}}},
}

// csvHeader is the header row of /data/opportunities.csv.
func csvHeader() []string {
	var names []string
	for _, g := range CSVGroups {
		for _, c := range g.Columns {
			names = append(names, c.Name)
		}
	}
	return names
}

// csvRow is one brief's row of /data/opportunities.csv.
// csvLineOf is a brief's row of /data/opportunities.csv, written out.
func (r *renderer) csvLineOf(o *Opp) ([]byte, error) {
	var b bytes.Buffer
	w := NewCSV(&b)
	_ = w.Write(r.csvRow(o))
	w.Flush()
	return b.Bytes(), w.Error()
}

func (r *renderer) csvRow(o *Opp) []string {
	c := &csvContext{cfg: r.Config, loc: r.loc}
	var row []string
	for _, g := range CSVGroups {
		for _, col := range g.Columns {
			row = append(row, col.value(c, o))
		}
	}
	return row
}

// award makes a cell of the award's, empty when there is none.
func award(f func(*csvContext, *brief.Award) string) func(*csvContext, *Opp) string {
	return func(c *csvContext, o *Opp) string {
		if o.Award == nil {
			return ""
		}
		return f(c, o.Award)
	}
}

// date writes a date in UTC, or as the date alone when it was written so.
func (c *csvContext) date(d brief.Date) string {
	switch {
	case !d.IsSet():
		return ""
	case d.DateOnly && !d.Local:
		return d.UTC().Format("2006-01-02")
	case d.DateOnly:
		return d.In(c.loc).Format("2006-01-02")
	}
	return d.UTC().Format("2006-01-02T15:04:05Z")
}

func number(p *int64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatInt(*p, 10)
}

func joinPlaces(ps []brief.Place) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = p.String()
	}
	return strings.Join(s, ";")
}

func joinKeys(ns []Named) string {
	keys := make([]string, len(ns))
	for i, n := range ns {
		keys[i] = n.Key
	}
	return strings.Join(keys, ";")
}
