package site

import (
	"html/template"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/tomldec"
)

// Named is a topic, borough or buyer as a page shows it.
type Named struct {
	Key  string
	Name string
	URL  string // path inside the site, such as "topics/cleaning/"
}

// Tag is a status label. Its text always says what it means; the class
// only adds colour.
type Tag struct {
	Text  string
	Class string
}

// Opp is a brief with everything a template needs worked out.
type Opp struct {
	*brief.Brief
	URL         string // "opportunities/<slug>/"
	Status      string // where it stands at the build clock: brief.Status
	StatusLabel string
	ClosingSoon bool
	DaysLeft    int // whole days from today to the deadline day, in the site's timezone
	Buyer       Named
	BuyerInfo   config.Buyer
	Topics      []Named
	Boroughs    []Named
	Tags        []Tag
	Value       string        // "£40,000 to £60,000", or "Value not stated"
	BodyHTML    template.HTML // the Markdown body, while its page is rendered (kept for full-content feeds)
	Updated     time.Time     // the latest of published and the update dates
	card        [][]byte      // its card for listings, split where the page's Root goes
	vevents     []byte        // its deadlines as VEVENTs, for the site's calendars
	words       string        // its distinct words, for the search index: search.Words
	key         string        // everything its card and page depend on, besides the generation
	aliasesPos  tomldec.Pos   // where aliases was written, once Keys is let go
}

// IsOpen reports whether bids are being taken.
func (o *Opp) IsOpen() bool { return o.Status == brief.StatusOpen }

// IsUpcoming reports whether the brief is not yet open for bids.
func (o *Opp) IsUpcoming() bool {
	return o.Status == brief.StatusPipeline || o.Status == brief.StatusEngagement
}

// IsPast reports whether the brief is closed, awarded or cancelled.
func (o *Opp) IsPast() bool { return !o.IsOpen() && !o.IsUpcoming() }

// SuitsSME reports whether the buyer especially welcomes small businesses.
func (o *Opp) SuitsSME() bool { return slices.Contains(o.SuitableFor, "sme") }

// SuitsVCSE reports whether the buyer especially welcomes charities and
// social enterprises.
func (o *Opp) SuitsVCSE() bool { return slices.Contains(o.SuitableFor, "vcse") }

// daysLeft counts calendar days from now to t in loc: 0 on the day itself.
func daysLeft(now, t time.Time, loc *time.Location) int {
	a := now.In(loc)
	b := t.In(loc)
	da := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	db := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(math.Round(db.Sub(da).Hours() / 24))
}

// Money writes whole pounds the British way: £1,250,000.
func Money(n int64) string { return brief.Money(n) }

// ValueText says what a brief is worth in words.
func ValueText(min, max *int64) string {
	switch {
	case min != nil && max != nil && *min == *max:
		return Money(*max)
	case min != nil && max != nil:
		return Money(*min) + " to " + Money(*max)
	case max != nil:
		return "Up to " + Money(*max)
	case min != nil:
		return "From " + Money(*min)
	}
	return "Value not stated"
}

// When writes a moment as "12pm on Friday 18 December 2026" in loc.
func When(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	return Clock(t) + " on " + t.Format("Monday 2 January 2006")
}

// Clock writes a time of day the GOV.UK way: "9am", "5:30pm", "midnight".
func Clock(t time.Time) string {
	h, m := t.Hour(), t.Minute()
	if h == 0 && m == 0 {
		return "midnight"
	}
	suffix := "am"
	if h >= 12 {
		suffix = "pm"
	}
	h12 := h % 12
	if h12 == 0 {
		h12 = 12
	}
	if m == 0 {
		return strconv.Itoa(h12) + suffix
	}
	return t.Format("3:04") + suffix
}

// Day writes a date as "Friday 18 December 2026" in loc.
func Day(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("Monday 2 January 2006")
}
