package site

import (
	"slices"
	"strings"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/search"
)

// oppWords are the words a search finds a brief by: those of its body,
// title, summary, reference, buyer, topics, boroughs and places.
func oppWords(o *Opp) string {
	texts := [][]byte{o.Body, []byte(o.Title), []byte(o.Summary), []byte(o.Reference), []byte(o.Buyer.Name)}
	for _, n := range append(slices.Clone(o.Topics), o.Boroughs...) {
		texts = append(texts, []byte(n.Name))
	}
	for _, p := range o.Location {
		texts = append(texts, []byte(p.String()))
	}
	return search.Words(texts...)
}

// writeSearch writes the search index (package search) of every brief:
// the timed ones (open until their deadline) soonest deadline first, then
// those coming soon, then those closed, awarded or cancelled by their
// stage, as the listings order them.
func (r *renderer) writeSearch() {
	var timed []*Opp
	fixed := map[string][]*Opp{}
	for _, list := range [][]*Opp{r.open, r.past} {
		for _, o := range list {
			switch o.Stage {
			case "", brief.StatusOpen:
				timed = append(timed, o)
			default:
				fixed[o.Stage] = append(fixed[o.Stage], o)
			}
		}
	}
	slices.SortStableFunc(timed, func(a, b *Opp) int {
		switch {
		case !a.Deadline.IsSet() || !b.Deadline.IsSet():
			return boolCmp(!a.Deadline.IsSet(), !b.Deadline.IsSet())
		}
		return a.Deadline.Time.Compare(b.Deadline.Time)
	})
	groups := []search.Group{
		{Name: "open", Label: "Open now", Timed: true, Docs: r.searchDocs(timed)},
		{Name: "upcoming", Label: "Coming soon", Docs: r.searchDocs(r.upcoming)},
	}
	for _, stage := range []string{brief.StatusClosed, brief.StatusAwarded, brief.StatusCancelled} {
		groups = append(groups, search.Group{Name: stage, Label: brief.Stages[stage], Docs: r.searchDocs(fixed[stage])})
	}
	if r.Cache == nil {
		search.Write(groups, r.Now, r.put)
		return
	}
	for name, data := range r.Cache.search.Build(groups, r.Now) {
		r.put(name, data)
	}
}

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

func (r *renderer) searchDocs(opps []*Opp) []search.Doc {
	docs := make([]search.Doc, len(opps))
	for i, o := range opps {
		if r.Cache == nil {
			// A one-off render reads each brief's words as the index
			// takes them in (from the spill, for a large site).
			docs[i] = r.searchDoc(o)
			docs[i].Words, docs[i].ReadWords = "", func() string { return r.wordsOf(o) }
			continue
		}
		// A brief's entry is made from what its cache key names.
		c := r.Cache.get(o.File, o.key)
		if c != nil && c.doc != nil {
			docs[i] = *c.doc
			continue
		}
		docs[i] = r.searchDoc(o)
		if c != nil {
			d := docs[i]
			c.doc = &d
		}
	}
	return docs
}

// searchDoc is a brief's entry in the search index.
func (r *renderer) searchDoc(o *Opp) search.Doc {
	d := search.Doc{Words: o.words, Card: search.Card{
		URL: o.URL, Title: o.Title, Buyer: o.Buyer.Name, Value: o.Value,
		Status: o.Status, Label: o.StatusLabel, Summary: o.Summary,
		Place: placesText(o.Location), Insurance: insuranceText(o.Insurance),
	}}
	if o.Deadline.IsSet() {
		d.Deadline = o.Deadline.Time
		d.Card.Deadline = o.Deadline.Time.Format("2006-01-02T15:04:05Z07:00")
		d.Card.When = When(o.Deadline.Time, r.loc)
	}
	for _, t := range o.Topics {
		d.Facets = append(d.Facets, "topic:"+t.Key)
	}
	for _, b := range o.Brief.Boroughs {
		d.Facets = append(d.Facets, "borough:"+b)
	}
	d.Facets = append(d.Facets, "buyer:"+o.Buyer.Key)
	if band := valueBand(o); band != "" {
		d.Facets = append(d.Facets, "value:"+band)
	}
	for _, s := range o.SuitableFor {
		d.Facets = append(d.Facets, "suits:"+s)
	}
	return d
}

// valueBand is the value filter's band of a brief, from its highest value
// (its lowest when that is all it says): the bands of the filter form.
func valueBand(o *Opp) string {
	v := o.ValueMax
	if v == nil {
		v = o.ValueMin
	}
	switch {
	case v == nil:
		return ""
	case *v < 10000:
		return "under-10k"
	case *v <= 100000:
		return "10k-100k"
	case *v <= 500000:
		return "100k-500k"
	}
	return "over-500k"
}

func placesText(places []brief.Place) string {
	s := make([]string, len(places))
	for i, p := range places {
		s[i] = p.String()
	}
	return strings.Join(s, "; ")
}

// insuranceText says what cover a brief asks for, as its page does.
func insuranceText(ins []brief.Insurance) string {
	if len(ins) == 0 {
		return "None asked for"
	}
	s := make([]string, len(ins))
	for i, in := range ins {
		s[i] = brief.InsuranceKinds[in.Kind] + " of " + Money(in.Amount)
	}
	return strings.Join(s, "; ")
}
