package site

import (
	"slices"
	"strings"
	"time"

	"github.com/london-anchors/tenders/internal/ical"
	"github.com/london-anchors/tenders/internal/parallel"
)

// writeCalendars renders deadlines.ics for every feed set, events.ics for
// the site, and one .ics on every brief's page.
func (r *renderer) writeCalendars() {
	parallel.Each(r.ctx, len(r.sets), func(i int) {
		set := r.sets[i]
		_ = r.memo(set.Deadlines(), func() string { return listKey("deadlines", set.Title, set.Opps) }, func() ([]byte, error) {
			cal := &ical.Calendar{Name: "Deadlines: " + strings.TrimSuffix(set.Title, " – "+r.Config.Title), Description: "Bid and question deadlines from " + r.Config.Title}
			opps := slices.Clone(set.Opps)
			slices.SortFunc(opps, func(a, b *Opp) int { return strings.Compare(a.Reference, b.Reference) })
			for _, o := range opps {
				if o.IsOpen() {
					cal.Raw = append(cal.Raw, o.vevents)
				}
			}
			return cal.Bytes(), nil
		})
	})
	_ = r.memo("events.ics", func() string { return eventsKey("events.ics", r.evs) }, func() ([]byte, error) {
		evs := &ical.Calendar{Name: "Events: " + r.Config.Title, Description: "Meet-the-buyer days, briefings and site visits"}
		for _, e := range r.evs {
			evs.Events = append(evs.Events, r.eventEvent(e))
		}
		return evs.Bytes(), nil
	})
}

// briefCalendar is the .ics on a brief's page: its deadlines and events.
// It also sets o.vevents, the deadlines as the site's calendars hold them.
func (r *renderer) briefCalendar(o *Opp) []byte {
	cal := &ical.Calendar{Name: o.Title}
	if o.Deadline.IsSet() {
		cal.Events = r.deadlineEvents(o)
	}
	var vevents []byte
	for _, e := range cal.Events {
		vevents = append(vevents, e.Bytes()...)
	}
	o.vevents = vevents
	for _, e := range r.evs {
		if e.Opp == o {
			cal.Events = append(cal.Events, r.eventEvent(e))
		}
	}
	return cal.Bytes()
}

func (r *renderer) deadlineEvents(o *Opp) []ical.Event {
	text, _ := r.keyFacts(o)
	desc := text + "\n\n" + o.Summary + "\n\nHow to bid: " + r.link(o.ApplyURL) + "\nQuestions: " + o.Contact.Email
	base := ical.Event{
		Stamp:      o.Updated,
		Sequence:   len(o.Brief.Updates),
		URL:        r.Config.URL(o.URL),
		Categories: o.categories(),
		Alarm:      24 * time.Hour,
	}
	var evs []ical.Event
	if o.QuestionsDeadline.IsSet() {
		q := base
		q.UID = o.Reference + "-questions@" + r.Config.IDHost()
		q.Start = o.QuestionsDeadline.Time
		q.Summary = "Questions deadline: " + o.Title
		q.Description = "Last day to ask " + o.Buyer.Name + " questions about this opportunity.\n\n" + desc
		evs = append(evs, q)
	}
	if o.Deadline.IsSet() {
		d := base
		d.UID = o.Reference + "-deadline@" + r.Config.IDHost()
		d.Start = o.Deadline.Time
		d.Summary = "Bid deadline: " + o.Title
		d.Description = desc
		evs = append(evs, d)
	}
	return evs
}

func (r *renderer) eventEvent(e *EventView) ical.Event {
	ev := ical.Event{
		UID:      e.Reference + "@" + r.Config.IDHost(),
		Start:    e.Start.Time,
		End:      e.End.Time,
		Summary:  e.Title,
		Location: e.Place,
		URL:      r.Config.URL(e.URL),
		Stamp:    e.Start.Time,
		Alarm:    24 * time.Hour,
	}
	if ev.Location == "" && e.OnlineURL != "" {
		ev.Location = "Online"
	}
	var desc []string
	desc = append(desc, e.KindLabel+".")
	if e.Text != "" {
		desc = append(desc, e.Text)
	}
	if e.Page != nil && e.Page.Summary != "" {
		desc = append(desc, e.Page.Summary)
	}
	if e.Opp != nil {
		ev.Stamp = e.Opp.Updated
		ev.Sequence = len(e.Opp.Brief.Updates)
		desc = append(desc, "Part of: "+e.Opp.Title+" ("+r.Config.URL(e.Opp.URL)+")")
	}
	if e.OnlineURL != "" {
		desc = append(desc, "Join online: "+r.link(e.OnlineURL))
	}
	if e.BookingURL != "" {
		desc = append(desc, "Book a place: "+r.link(e.BookingURL))
	}
	if e.Access != "" {
		desc = append(desc, "Access: "+e.Access)
	}
	ev.Description = strings.Join(desc, "\n")
	return ev
}
