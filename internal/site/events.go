package site

import (
	"html/template"
	"slices"
	"strconv"
	"strings"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/diag"
)

func (r *renderer) events() *diag.Diagnostic {
	for _, o := range r.opps {
		for i := range o.Brief.Events {
			e := o.Brief.Events[i]
			buyer := o.Buyer
			r.evs = append(r.evs, &EventView{Event: e, KindLabel: brief.EventKinds[e.Kind], URL: o.URL + "#events",
				Reference: o.Reference + "-event-" + strconv.Itoa(i+1), Opp: o, Buyer: &buyer})
		}
	}
	for _, p := range r.Content.Events {
		ev := &EventView{Event: p.Event, KindLabel: brief.EventKinds[p.Kind], URL: "events/" + p.Slug + "/", Reference: p.Reference, Page: p}
		if p.Buyer != "" {
			ev.Buyer = &Named{Key: p.Buyer, Name: r.Config.Buyers[p.Buyer].Name, URL: "buyers/" + p.Buyer + "/"}
		}
		html, err := r.md.Render(p.Body)
		if err != nil {
			return &diag.Diagnostic{File: p.File, Line: p.BodyLine, Col: 1, Severity: diag.Error, Rule: "invalid", Message: "cannot render the body: " + err.Error()}
		}
		ev.BodyHTML = template.HTML(html)
		r.evs = append(r.evs, ev)
	}
	for _, e := range r.evs {
		end := e.End.Time
		if !e.End.IsSet() {
			end = e.Start.Time
		}
		e.Past = end.Before(r.Now)
	}
	slices.SortStableFunc(r.evs, func(a, b *EventView) int {
		if c := a.Start.Compare(b.Start.Time); c != 0 {
			return c
		}
		return strings.Compare(a.Reference, b.Reference)
	})
	return nil
}

// eventsKey names what the events page and calendar are made from, for a
// Cache: each list of events in order, each event by its reference and
// its brief's key. The rest of what an event says comes from site.toml or
// content/events/, which the generation names.
func eventsKey(what string, lists ...[]*EventView) string {
	h := newKeyHash()
	h.WriteString(what)
	for _, list := range lists {
		h.WriteByte(1)
		for _, e := range list {
			h.WriteString(e.Reference)
			h.WriteByte(0)
			if e.Opp != nil {
				h.WriteString(e.Opp.key)
			}
			h.WriteByte(0)
		}
	}
	return h.sum()
}

// eventsPageKey is the events page's key: its lists of events.
func eventsPageKey(tmpl string, p *Page) string {
	return eventsKey(tmpl+"\x00"+p.Path+"\x00"+p.Title, p.Events, p.OldEvent)
}
