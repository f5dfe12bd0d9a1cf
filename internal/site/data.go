package site

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/london-anchors/tenders/internal/brief"
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
