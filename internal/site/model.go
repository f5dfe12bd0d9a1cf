package site

import (
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
)

// Named is a topic, borough or buyer as a page shows it.
type Named struct {
	Key  string
	Name string
	URL  string // path inside the site, such as "topics/cleaning/"
}

// Tag is a status label. Its text always says what it means; the class
// only adds colour. A status that a deadline still to come will change
// carries the moments it is true from (After) and until (Until), in RFC
// 3339, for the status script; Hidden says it is not true yet.
type Tag struct {
	Text   string
	Class  string
	After  string
	Until  string
	Hidden bool
}

// Opp is a brief with everything a template needs worked out.
type Opp struct {
	*brief.Brief
	URL         string // "opportunities/<slug>/"
	Status      string // where it stands at the build clock: brief.Status
	StatusLabel string
	ClosingSoon bool
	// QuestionsClosed: the questions deadline has passed. (Beside
	// ClosingSoon, so the two share a word.)
	QuestionsClosed bool
	DaysLeft        int // whole days from today to the deadline day, in the site's timezone
	Buyer           Named
	BuyerInfo       *config.Buyer // site.toml's entry, shared by the buyer's briefs
	Topics          []Named
	Boroughs        []Named
	Tags            []Tag
	Value           string        // "£40,000 to £60,000", or "Value not stated"
	BodyHTML        template.HTML // the Markdown body, while its page is rendered (kept for full-content feeds)
	Updated         time.Time     // the latest of published and the update dates
	card            [][]byte      // its card for listings, split where the page's Root goes
	spilled         span          // where the card and words are instead, in a one-off render's spill
	vevents         []byte        // its deadlines as VEVENTs, for the site's calendars
	words           string        // its distinct words, for the search index: search.Words
	releases        []byte        // its OCDS releases (ocds.Releases), kept only by a cached render
	csvLine         []byte        // its row of the CSV, likewise
	key             string        // everything its card and page depend on, besides the generation
	keySum          string        // key hashed (keyHash): what the keys of lists hold of it
	dataSum         string        // its releases and CSV row hashed: what the open data's key holds of it

	// The brief's own facts again, as fields of the Opp itself (newOpp
	// copies them). text/template finds .Title on an Opp ten times
	// faster so than through the embedded *brief.Brief, where it searches
	// the embedded structs and allocates on every lookup (1.2 µs against
	// 0.09 µs), and a brief's page and card make about a hundred such
	// lookups. Nothing changes a brief's facts once it is prepared, so the
	// copies stay true. Buyer, Topics and Boroughs above are the Opp's
	// own, with names and addresses; the brief's Source is not copied,
	// since a one-off build lets its text go and reads it again.
	Title, Reference, Summary, Category, Procedure, ApplyURL, Stage    string
	Published, Deadline, QuestionsDeadline, ContractStart, ContractEnd brief.Date
	CPV, SuitableFor, Aliases                                          []string
	ValueMin, ValueMax, PaymentDays, TurnoverMin                       *int64
	Contact                                                            brief.Contact
	Location                                                           []brief.Place
	Insurance                                                          []brief.Insurance
	SocialValue                                                        *brief.SocialValue
	Documents                                                          []brief.Document
	Events                                                             []brief.Event
	Lots                                                               []brief.Lot
	Updates                                                            []brief.Update
	Award                                                              *brief.Award
	Imported                                                           *brief.Imported
}

// newOpp makes the Opp of a brief, with the copies of its facts.
func newOpp(b *brief.Brief) *Opp {
	return &Opp{
		Brief: b, URL: "opportunities/" + b.Slug + "/",
		Title: b.Title, Reference: b.Reference, Summary: b.Summary, Category: b.Category,
		Procedure: b.Procedure, ApplyURL: b.ApplyURL, Stage: b.Stage,
		Published: b.Published, Deadline: b.Deadline, QuestionsDeadline: b.QuestionsDeadline,
		ContractStart: b.ContractStart, ContractEnd: b.ContractEnd,
		CPV: b.CPV, SuitableFor: b.SuitableFor, Aliases: b.Aliases,
		ValueMin: b.ValueMin, ValueMax: b.ValueMax, PaymentDays: b.PaymentDays, TurnoverMin: b.TurnoverMin,
		Contact: b.Contact, Location: b.Location, Insurance: b.Insurance, SocialValue: b.SocialValue,
		Documents: b.Documents, Events: b.Events, Lots: b.Lots, Updates: b.Updates,
		Award: b.Award, Imported: b.Imported,
	}
}

// IsOpen reports whether bids are being taken.
func (o *Opp) IsOpen() bool { return o.Status == brief.StatusOpen }

// IsUpcoming reports whether the brief is not yet open for bids.
func (o *Opp) IsUpcoming() bool {
	return o.Status == brief.StatusPipeline || o.Status == brief.StatusEngagement
}

// IsLive reports whether the brief's page says something that a deadline
// still to come will change: that bids are open, or that questions are.
func (o *Opp) IsLive() bool {
	return o.IsOpen() || o.QuestionsDeadline.IsSet() && !o.QuestionsClosed
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

// When writes a moment in loc the GOV.UK way: "midday on Friday 18
// December 2026", "5:30pm on Friday 18 December 2026". GOV.UK's style guide
// warns that midnight is the first minute of a day, though many read it as
// the last, and suggests 11:59pm instead; so 00:00 is written as the minute
// before, on the day before, with the day it starts named too: "11:59pm on
// Saturday 9 January 2027 (the night before Sunday 10 January)". It is a
// minute early, which for a deadline errs on the safe side; the page's
// <time datetime> keeps the exact moment.
func When(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	if t.Hour() == 0 && t.Minute() == 0 {
		return "11:59pm on " + t.AddDate(0, 0, -1).Format("Monday 2 January 2006") + " (the night before " + t.Format("Monday 2 January") + ")"
	}
	return Clock(t) + " on " + t.Format("Monday 2 January 2006")
}

// WhenDate writes a front-matter date as When does, except that a date
// written without a time of day that means the start of its day (an
// event's, say) is written as the day alone: "Monday 14 December 2026". A
// deadline written as a date alone means 23:59, and says so.
func WhenDate(d brief.Date, loc *time.Location) string {
	if t := d.In(loc); d.DateOnly && t.Hour() == 0 && t.Minute() == 0 {
		return Day(t, loc)
	}
	return When(d.Time, loc)
}

// Clock writes a time of day the GOV.UK way: "9am", "5:30pm", "midday".
// 00:00 is "11:59pm the night before", for the reason When gives.
func Clock(t time.Time) string {
	h, m := t.Hour(), t.Minute()
	switch {
	case h == 0 && m == 0:
		return "11:59pm the night before"
	case h == 12 && m == 0:
		return "midday"
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

// TelURL makes a tel: address of a phone number written for people: the
// number's digits, with its leading + if it has one, so a phone can dial
// it; the page still shows the number as it was written. The number ends
// at the first letter or other sign that is not part of one ("ext 123",
// ", option 2"), and a "(0)" after +44 is left out, as it is not dialled
// from abroad. Without three digits it returns "".
func TelURL(s string) string {
	s = strings.TrimSpace(s)
	var b strings.Builder
	b.WriteString("tel:")
	if rest, ok := strings.CutPrefix(s, "+"); ok {
		b.WriteByte('+')
		s = strings.Replace(rest, "(0)", "", 1)
	}
	digits := 0
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			b.WriteRune(c)
			digits++
		case c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '\u00a0':
		default:
			return telIf(b.String(), digits)
		}
	}
	return telIf(b.String(), digits)
}

func telIf(u string, digits int) string {
	if digits < 3 {
		return ""
	}
	return u
}
