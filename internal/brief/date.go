package brief

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/london-anchors/tenders/internal/tomldec"
)

// Date is a moment written in front matter. It accepts every form Git CMSes
// write: TOML offset date-times (2026-12-18T12:00:00Z), local date-times and
// dates (which mean the site's timezone), and the same as quoted text, with
// or without fractional seconds.
//
// A date with no time of day means the start of that day, except for a
// deadline or questions deadline, where it means 23:59 on that day.
type Date struct {
	time.Time      // the moment, once resolved in the site's timezone
	Local     bool // written without an offset: read in the site's timezone
	DateOnly  bool // written without a time of day
}

// IsSet reports whether the key was written.
func (d Date) IsSet() bool { return !d.Time.IsZero() }

// dateExample is shown whenever a date cannot be read.
const dateExample = "must be a date such as 2026-12-18, or a date and time such as 2026-12-18T12:00:00Z"

var errDate = errors.New(dateExample)

// The text layouts accepted, with whether each has an offset and a time.
var dateLayouts = []struct {
	layout          string
	offset, hasTime bool
}{
	{time.RFC3339Nano, true, true},
	{"2006-01-02T15:04Z07:00", true, true},
	{"2006-01-02 15:04:05.999999999Z07:00", true, true},
	{"2006-01-02 15:04Z07:00", true, true},
	{"2006-01-02T15:04:05.999999999", false, true},
	{"2006-01-02T15:04", false, true},
	{"2006-01-02 15:04:05.999999999", false, true},
	{"2006-01-02 15:04", false, true},
	{"2006-01-02", false, false},
}

// The years a date may fall in. Outside them a date is surely a mistake,
// and the zero time (year 1) could not be told from a date not written.
const (
	MinYear = 1900
	MaxYear = 2199
)

// UnmarshalTOMLValue reads a TOML date or a quoted date. Empty text,
// which is what a form writes for a date left empty, is a date not given.
func (d *Date) UnmarshalTOMLValue(v any) error {
	if s, ok := v.(string); ok && strings.TrimSpace(s) == "" {
		*d = Date{}
		return nil
	}
	if err := d.unmarshal(v); err != nil {
		return err
	}
	if y := d.Year(); y < MinYear || y > MaxYear {
		*d = Date{}
		return fmt.Errorf("must be a date between the years %d and %d; you wrote the year %d", MinYear, MaxYear, y)
	}
	return nil
}

func (d *Date) unmarshal(v any) error {
	switch x := v.(type) {
	case time.Time:
		switch x.Location().String() {
		case "datetime-local":
			*d = Date{Time: wall(x), Local: true}
		case "date-local":
			*d = Date{Time: wall(x), Local: true, DateOnly: true}
		case "time-local":
			return errors.New(dateExample + "; a time alone is not enough")
		default:
			*d = Date{Time: x}
		}
		return nil
	case string:
		s := strings.TrimSpace(x)
		for _, l := range dateLayouts {
			t, err := time.Parse(l.layout, s)
			if err != nil {
				continue
			}
			*d = Date{Time: t, Local: !l.offset, DateOnly: !l.hasTime}
			return nil
		}
		if iso, words, ok := tomldec.HumanDate(s); ok {
			return errors.New(tomldec.DateMessage(s, iso, words))
		}
		return errDate
	}
	return errDate
}

// wall keeps the clock reading of t but drops its zone.
func wall(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

// resolve places a local date in loc; endOfDay moves a date-only value to
// 23:59 on that day.
func (d *Date) resolve(loc *time.Location, endOfDay bool) {
	if !d.IsSet() {
		return
	}
	t := d.Time
	if d.DateOnly && endOfDay {
		t = time.Date(t.Year(), t.Month(), t.Day(), 23, 59, 0, 0, time.UTC)
	}
	if d.Local {
		t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
	}
	d.Time = t
}

// human writes the date for a message, with the time only when one was given.
func (d Date) human() string {
	if d.DateOnly {
		return d.Format("2 January 2006")
	}
	return d.Format("2 January 2006 15:04")
}
