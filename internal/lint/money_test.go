package lint

import "testing"

// TestFindMoney: amounts in pounds as buyers write them, with where each
// is written.
func TestFindMoney(t *testing.T) {
	for _, c := range []struct {
		text   string
		amount int64
		n      int    // how many amounts are found
		bytes  string // the first amount's bytes
	}{
		{"£10m cover", 10_000_000, 1, "£10m"},
		{"hold £10 million", 10_000_000, 1, "£10 million"},
		{"of £2.5 million", 2_500_000, 1, "£2.5 million"},
		{"£100,000 a year", 100_000, 1, "£100,000"},
		{"£500k or £1m", 500_000, 2, "£500k"},
		{"£1,5000", 15000, 1, "£1,5000"},
		{"£5,000.50.", 5001, 1, "£5,000.50"},
		{"£10 more", 10, 1, "£10"},
		{"£10 mops", 10, 1, "£10"},
		{"£10mn", 10, 1, "£10"},
		{"£1bn", 1_000_000_000, 1, "£1bn"},
		{"£,5 and £ and £", 0, 0, ""},
		{"£999999999999999bn", 0, 0, ""},
		{"a 10m run, 30 days", 0, 0, ""},
	} {
		text := c.text
		p := &Prose{Text: text}
		got := findMoney(text, p.tokens())
		if len(got) != c.n {
			t.Errorf("%q: %d amounts, want %d: %+v", text, len(got), c.n, got)
			continue
		}
		if c.n > 0 && (got[0].amount != c.amount || text[got[0].start:got[0].end] != c.bytes) {
			t.Errorf("%q: %d in %q, want %d in %q", text, got[0].amount, text[got[0].start:got[0].end], c.amount, c.bytes)
		}
	}
}
