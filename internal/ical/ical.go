// Package ical writes iCalendar files (RFC 5545) of deadlines and events.
//
// It is a small writer, not a library for every corner of the standard: a
// VCALENDAR of VEVENTs with times in UTC, optional reminders, and the
// details RFC 5545 is strict about done right: CRLF line ends, lines folded
// at 75 octets without splitting a UTF-8 character, and TEXT values escaped.
// Well-kept Go libraries exist (arran4/golang-ical), but tenders needs only
// this much, and owning thirty lines keeps the output byte-stable.
package ical

import (
	"bytes"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/london-anchors/tenders/internal/safetext"
)

// Calendar is one .ics file.
type Calendar struct {
	Name        string // X-WR-CALNAME: what calendar apps call the subscription
	Description string // X-WR-CALDESC
	Events      []Event
	Raw         [][]byte // events already rendered by Event.Bytes, written after Events
}

// Event is one VEVENT.
type Event struct {
	UID         string    // stable across builds and edits
	Stamp       time.Time // DTSTAMP: from content, never the clock
	Sequence    int       // bumped when the event changes
	Start       time.Time
	End         time.Time // optional: an event with no end is a moment, such as a deadline
	Summary     string
	Description string
	Location    string
	URL         string
	Categories  []string
	Alarm       time.Duration // a reminder this long before the start; 0 for none
}

const utc = "20060102T150405Z"

// Bytes renders the calendar.
func (c *Calendar) Bytes() []byte {
	var w writer
	// A site's calendar is mostly events already rendered: room for them
	// at once, rather than a buffer doubled up to twice the calendar.
	n := 1024 * (len(c.Events) + 1)
	for _, raw := range c.Raw {
		n += len(raw)
	}
	w.buf.Grow(n)
	w.line("BEGIN:VCALENDAR")
	w.line("VERSION:2.0")
	w.line("PRODID:-//tenders//tender opportunities//EN")
	w.line("CALSCALE:GREGORIAN")
	w.line("METHOD:PUBLISH")
	if c.Name != "" {
		w.prop("X-WR-CALNAME", Escape(c.Name))
	}
	if c.Description != "" {
		w.prop("X-WR-CALDESC", Escape(c.Description))
	}
	for _, e := range c.Events {
		e.write(&w)
	}
	for _, raw := range c.Raw {
		w.buf.Write(raw)
	}
	w.line("END:VCALENDAR")
	return w.buf.Bytes()
}

// Bytes renders one VEVENT, for Calendar.Raw: a calendar that holds the
// same event as many others can reuse its bytes.
func (e *Event) Bytes() []byte {
	var w writer
	e.write(&w)
	return w.buf.Bytes()
}

func (e *Event) write(w *writer) {
	w.line("BEGIN:VEVENT")
	w.prop("UID", Escape(e.UID))
	w.prop("DTSTAMP", e.Stamp.UTC().Format(utc))
	if e.Sequence > 0 {
		w.prop("SEQUENCE", strconv.Itoa(e.Sequence))
	}
	w.prop("DTSTART", e.Start.UTC().Format(utc))
	if !e.End.IsZero() && e.End.After(e.Start) {
		w.prop("DTEND", e.End.UTC().Format(utc))
	}
	w.prop("SUMMARY", Escape(e.Summary))
	if e.Description != "" {
		w.prop("DESCRIPTION", Escape(e.Description))
	}
	if e.Location != "" {
		w.prop("LOCATION", Escape(e.Location))
	}
	if e.URL != "" {
		w.prop("URL", e.URL)
	}
	if len(e.Categories) > 0 {
		cats := make([]string, len(e.Categories))
		for i, c := range e.Categories {
			cats[i] = Escape(c)
		}
		w.prop("CATEGORIES", strings.Join(cats, ","))
	}
	if e.Alarm > 0 {
		w.line("BEGIN:VALARM")
		w.line("ACTION:DISPLAY")
		w.prop("DESCRIPTION", Escape(e.Summary))
		w.prop("TRIGGER", "-PT"+strconv.Itoa(int(e.Alarm/time.Minute))+"M")
		w.line("END:VALARM")
	}
	w.line("END:VEVENT")
}

// Escape makes s a TEXT value: backslash, semicolon and comma are escaped,
// and line breaks become \n.
func Escape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', ';', ',':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			b.WriteString(`\n`)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

type writer struct{ buf bytes.Buffer }

func (w *writer) prop(name, value string) { w.line(name + ":" + value) }

// line writes one content line, folded so no line is longer than 75
// octets: each continuation starts with a space, and a UTF-8 character is
// never split. Control characters, which RFC 5545 forbids in a value, are
// dropped (line breaks in TEXT values were escaped before), as is invalid
// UTF-8.
func (w *writer) line(s string) {
	s = strings.ReplaceAll(safetext.Strip(s), "\n", "")
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		w.buf.WriteString(s[:cut])
		w.buf.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	w.buf.WriteString(s)
	w.buf.WriteString("\r\n")
}
