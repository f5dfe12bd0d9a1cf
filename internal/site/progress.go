package site

import (
	"fmt"
	"html/template"
	"math"
	"slices"
	"strings"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
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
		if o.Status != brief.StatusAwarded || a == nil {
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
// Work across London is listed on every borough's page, but counts once,
// under London-wide.
func openValues(k *FacetKind) []OpenValue {
	var out []OpenValue
	for _, f := range k.Facets {
		v := OpenValue{Named: f.Named}
		for _, o := range f.Open {
			if k.Kind == "borough" && f.Key != config.LondonWide && slices.Contains(o.Brief.Boroughs, config.LondonWide) {
				continue
			}
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
