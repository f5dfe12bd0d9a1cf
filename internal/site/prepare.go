package site

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
)

// prepare works out every opportunity's status and labels, the listings,
// the facets, the feed sets and the progress figures.
func (r *renderer) prepare() {
	cfg := r.Config
	r.topicKeys = cfg.TopicKeys()
	var in interner
	for _, b := range r.Content.Briefs {
		at := r.clockOf(b)
		o := r.Cache.preparedOpp(b, cfg, at)
		if o == nil {
			o = r.prepareOpp(b, at, &in)
			r.Cache.keepPrepared(b, cfg, at, o)
		}
		r.opps = append(r.opps, o)
		if o.Updated.After(r.newest) {
			r.newest = o.Updated
		}
	}
	r.Cache.endPrepare()
	r.foot = r.footer()
	r.fingerprint()
	r.netLogo = r.readLogo()
	r.sortListings()
	r.feedSets()
	r.progress()
}

// oppClock is what the build clock decides about a brief.
type oppClock struct {
	status                string
	daysLeft              int
	closingSoon, qsClosed bool
}

func (r *renderer) clockOf(b *brief.Brief) oppClock {
	at := oppClock{status: brief.Status(b, r.Now)}
	if b.Deadline.IsSet() {
		at.daysLeft = daysLeft(r.Now, b.Deadline.Time, r.loc)
		at.closingSoon = at.status == brief.StatusOpen && !r.Now.Before(r.soonFrom(b))
	}
	at.qsClosed = b.QuestionsDeadline.IsSet() && !r.Now.Before(b.QuestionsDeadline.Time)
	return at
}

// prepareOpp makes a brief's Opp, with its status at the clock.
func (r *renderer) prepareOpp(b *brief.Brief, at oppClock, in *interner) *Opp {
	cfg := r.Config
	o := newOpp(b)
	o.Status, o.DaysLeft, o.ClosingSoon, o.QuestionsClosed = at.status, at.daysLeft, at.closingSoon, at.qsClosed
	o.StatusLabel = brief.Stages[o.Status]
	o.BuyerInfo = in.buyer(cfg, b.Buyer)
	o.Buyer = in.namedOf("buyers/", b.Buyer, o.BuyerInfo.Name)
	topics := r.topicsOf(b)
	if len(topics) > 0 {
		o.Topics = make([]Named, 0, len(topics))
	}
	if len(b.Boroughs) > 0 {
		o.Boroughs = make([]Named, 0, len(b.Boroughs))
	}
	for _, t := range topics {
		o.Topics = append(o.Topics, in.namedOf("topics/", t, cfg.Topics[t].Name))
	}
	for _, a := range b.Boroughs {
		n, _ := config.AreaName(a)
		o.Boroughs = append(o.Boroughs, in.namedOf("boroughs/", a, n))
	}
	o.Value = ValueText(b.ValueMin, b.ValueMax)
	o.Tags = in.tagsOf(r, o)
	if r.Cache != nil { // only a cache needs the key
		o.key = fmt.Sprintf("%x|%s|%s|%d|%t|%t", b.Sum, b.File, o.Status, o.DaysLeft, o.ClosingSoon, o.QuestionsClosed)
		o.keySum = hashKey(o.key)
	}
	o.Updated = b.Published.Time
	for _, u := range b.Updates {
		if u.Date.After(o.Updated) {
			o.Updated = u.Date.Time
		}
	}
	return o
}

// progress adds up the network's awards and each buyer's, for the
// progress page, the buyers' pages and the open data.
func (r *renderer) progress() {
	r.network = r.progressOf("The whole network", r.opps)
	for _, f := range r.buyers.Facets {
		all := append(append(slices.Clone(f.Open), f.Upcoming...), f.Past...)
		f.Progress = r.progressOf(f.Name, all)
		r.buyerProgress = append(r.buyerProgress, f.Progress)
	}
}

// topicsOf returns a brief's topics: those it names, and those whose CPV
// prefixes match one of its CPV codes, in key order.
func (r *renderer) topicsOf(b *brief.Brief) []string {
	ts := slices.Clone(b.Topics)
	for _, k := range r.topicKeys {
		if slices.Contains(ts, k) {
			continue
		}
		if matchesCPV(r.Config.Topics[k].CPV, b.CPV) {
			ts = append(ts, k)
		}
	}
	slices.Sort(ts)
	return ts
}

func matchesCPV(prefixes, codes []string) bool {
	for _, p := range prefixes {
		for _, c := range codes {
			if strings.HasPrefix(c, p) {
				return true
			}
		}
	}
	return false
}

// tags are a brief's status and suitability tags. An open brief has a tag
// for each status a deadline can still bring (open, closing soon, closed),
// those not true yet hidden, so the status script can show the one that
// is true as the page is read.
func (r *renderer) tags(o *Opp) []Tag {
	ts := make([]Tag, 0, 5)
	switch {
	case o.IsOpen():
		until := r.iso(o.Deadline.Time)
		soon := Tag{Text: "Closing soon", Class: "tag-soon", Until: until, Hidden: !o.ClosingSoon}
		if !o.ClosingSoon {
			soon.After = r.iso(r.soonFrom(o.Brief))
		}
		ts = append(ts, Tag{Text: "Open", Class: "tag-open", Until: until}, soon,
			Tag{Text: brief.Stages[brief.StatusClosed], Class: "tag-" + brief.StatusClosed, After: until, Hidden: true})
	default:
		ts = append(ts, Tag{Text: o.StatusLabel, Class: "tag-" + o.Status})
	}
	if o.SuitsSME() {
		ts = append(ts, Tag{Text: brief.SuitableFor["sme"], Class: "tag-sme"})
	}
	if o.SuitsVCSE() {
		ts = append(ts, Tag{Text: brief.SuitableFor["vcse"], Class: "tag-vcse"})
	}
	return ts[:len(ts):len(ts)]
}

// soonFrom is when a brief starts closing soon: closing_soon_days before
// its deadline.
func (r *renderer) soonFrom(b *brief.Brief) time.Time {
	return b.Deadline.Add(-time.Duration(r.Config.Feeds.ClosingSoonDays) * 24 * time.Hour)
}

// iso writes a moment in RFC 3339 in the site's timezone, as <time
// datetime> and the status script take it.
func (r *renderer) iso(t time.Time) string { return t.In(r.loc).Format(time.RFC3339) }

// sortOpps splits opportunities into open (closing soonest first),
// upcoming (newest first) and past (most recently closed first).
func sortOpps(all []*Opp) (open, upcoming, past []*Opp) {
	for _, o := range all {
		switch {
		case o.IsOpen():
			open = append(open, o)
		case o.IsUpcoming():
			upcoming = append(upcoming, o)
		default:
			past = append(past, o)
		}
	}
	slices.SortStableFunc(open, func(a, b *Opp) int {
		if c := a.Deadline.Compare(b.Deadline.Time); c != 0 {
			return c
		}
		return strings.Compare(a.Reference, b.Reference)
	})
	newest := func(a, b *Opp) int {
		if c := b.Published.Compare(a.Published.Time); c != 0 {
			return c
		}
		return strings.Compare(a.Reference, b.Reference)
	}
	slices.SortStableFunc(upcoming, newest)
	slices.SortStableFunc(past, func(a, b *Opp) int {
		if c := b.Deadline.Compare(a.Deadline.Time); c != 0 {
			return c
		}
		return newest(a, b)
	})
	return open, upcoming, past
}

func (r *renderer) footer() []Named {
	pages := slices.Clone(r.Content.Pages)
	slices.SortStableFunc(pages, func(a, b *brief.Page) int {
		if a.Weight != b.Weight {
			return a.Weight - b.Weight
		}
		return strings.Compare(a.Title, b.Title)
	})
	var out []Named
	for _, p := range pages {
		out = append(out, Named{Key: p.Slug, Name: p.Title, URL: p.Slug + "/"})
	}
	return out
}
