package brief

import (
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/london-anchors/tenders/internal/schema"
)

// TestDatePattern: every form of date the parser reads matches the
// schemas' pattern, and so do the years at the ends of the range; the
// years outside it do not.
func TestDatePattern(t *testing.T) {
	re := regexp.MustCompile(schema.DatePattern)
	moment := time.Date(2026, 12, 18, 12, 30, 15, 500_000_000, time.FixedZone("", 3600))
	for _, l := range dateLayouts {
		s := moment.Format(l.layout)
		if !re.MatchString(s) {
			t.Errorf("%q (layout %s) does not match schema.DatePattern", s, l.layout)
		}
		var d Date
		if err := d.UnmarshalTOMLValue(s); err != nil {
			t.Errorf("%q: %v", s, err)
		}
	}
	for y, ok := range map[int]bool{MinYear - 1: false, MinYear: true, MaxYear: true, MaxYear + 1: false} {
		s := strconv.Itoa(y) + "-06-01"
		var d Date
		if got := re.MatchString(s); got != ok || (d.UnmarshalTOMLValue(s) == nil) != ok {
			t.Errorf("%s: matches the pattern %v, want %v as the parser does", s, got, ok)
		}
	}
}
