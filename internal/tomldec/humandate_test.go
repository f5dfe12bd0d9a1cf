package tomldec

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestHumanDate(t *testing.T) {
	tests := []struct{ in, toml, words string }{
		{"18/12/2026", "2026-12-18", "18 December 2026"},
		{"18.12.2026", "2026-12-18", "18 December 2026"},
		{"18-12-2026", "2026-12-18", "18 December 2026"},
		{"18/12/26", "2026-12-18", "18 December 2026"},
		{"1/2/2027", "2027-02-01", "1 February 2027"},
		{"12/18/2026", "2026-12-18", "18 December 2026"}, // month first: the only reading
		{"2026/12/18", "2026-12-18", "18 December 2026"},
		{"18 December 2026", "2026-12-18", "18 December 2026"},
		{"18th Dec 2026", "2026-12-18", "18 December 2026"},
		{"Friday 18 December 2026", "2026-12-18", "18 December 2026"},
		{"Friday, 18th of December, 2026", "2026-12-18", "18 December 2026"},
		{"December 18, 2026", "2026-12-18", "18 December 2026"},
		{"Sept 1 2027", "2027-09-01", "1 September 2027"},
		{"18/12/2026 12:00", "2026-12-18T12:00:00", "12:00 on 18 December 2026"},
		{"18/12/2026 12.00", "2026-12-18T12:00:00", "12:00 on 18 December 2026"},
		{"18 December 2026 at 5:30pm", "2026-12-18T17:30:00", "17:30 on 18 December 2026"},
		{"18 Dec 2026, 5pm", "2026-12-18T17:00:00", "17:00 on 18 December 2026"},
		{"18 Dec 2026 12am", "2026-12-18T00:00:00", "00:00 on 18 December 2026"},
		{"18 December 2026 at noon", "2026-12-18T12:00:00", "12:00 on 18 December 2026"},
		{"  18   DECEMBER   2026 ", "2026-12-18", "18 December 2026"},
	}
	for _, tt := range tests {
		toml, words, ok := HumanDate(tt.in)
		if !ok || toml != tt.toml || words != tt.words {
			t.Errorf("HumanDate(%q) = %q, %q, %v; want %q, %q", tt.in, toml, words, ok, tt.toml, tt.words)
		}
		if !mayBeHumanDate(tt.in) {
			t.Errorf("mayBeHumanDate(%q) = false, but it is a date", tt.in)
		}
	}
	for _, v := range []string{"10000", "true", "2026-12-18", "2026-12-18T12:00:00Z", "2026-12-18 12:00:00"} {
		if mayBeHumanDate(v) {
			t.Errorf("mayBeHumanDate(%q) = true; want false, tested cheaply", v)
		}
	}
	for _, no := range []string{
		"", "2026-12-18", "tomorrow", "31/11/2026", "29/02/2027", "18/13/2026", "13/13/2026",
		"18 Smarch 2026", "18/12/2026 25:00", "18/12/2026 12:75", "1.5", "10000", "18/12/999",
		"18 December", "yes", "1.2.3",
	} {
		if toml, _, ok := HumanDate(no); ok {
			t.Errorf("HumanDate(%q) = %q; want not a date", no, toml)
		}
	}
}

// TestDecodeHumanDates: a date written without quotes the way people
// write it is one problem at its value, and the rest of the document is
// still decoded and checked.
func TestDecodeHumanDates(t *testing.T) {
	var v struct {
		Name  string `toml:"name"`
		Due   any    `toml:"due"`
		Count int64  `toml:"count"`
		Sub   struct {
			When any `toml:"when"`
		} `toml:"sub"`
	}
	src := "name = \"x\"\ndue = 18/12/2026 # the day\ncount = \"3\"\n[sub]\nwhen  =  Friday 18 December 2026 at 5pm\n"
	_, problems := Decode(src, &v)
	var got []string
	for _, p := range problems {
		got = append(got, fmt.Sprintf("%d:%d:%s", p.Pos.Line, p.Pos.Col, p.Msg))
	}
	want := []string{
		`2:7:due is written "18/12/2026"; write the date as 2026-12-18 (18 December 2026)`,
		`5:10:when is written "Friday 18 December 2026 at 5pm"; write the date and time as 2026-12-18T17:00:00 (17:00 on 18 December 2026)`,
		`3:1:count must be a number without quotes, commas or a £ sign, such as count = 3; you wrote the text "3"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if v.Name != "x" {
		t.Errorf("name = %q: the rest of the document was not decoded", v.Name)
	}
}

// TestDecodeEmptyScalar: a number or true/false left empty in a form is
// written as "", which means the key was not given, not a wrong type.
func TestDecodeEmptyScalar(t *testing.T) {
	var s sample
	s.Count = 7
	if _, problems := Decode("count = \"\"\non = \"\"\nname = \"\"\n", &s); len(problems) > 0 {
		t.Fatalf("unexpected %+v", problems)
	}
	if s.Count != 7 || s.On {
		t.Errorf("got %+v, want count and on untouched", s)
	}
}

// FuzzHumanDate: never a panic, and whatever is read as a date is
// written back as one that Go reads as the same day.
func FuzzHumanDate(f *testing.F) {
	for _, s := range []string{"18/12/2026", "18 December 2026 at 5:30pm", "December 18, 2026", "31/11/2026"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toml, _, ok := HumanDate(s)
		if !ok {
			return
		}
		if !mayBeHumanDate(strings.TrimSpace(s)) {
			t.Errorf("HumanDate reads %q, but mayBeHumanDate says it cannot", s)
		}
		layout := "2006-01-02"
		if strings.Contains(toml, "T") {
			layout = "2006-01-02T15:04:05"
		}
		if _, err := time.Parse(layout, toml); err != nil {
			t.Errorf("HumanDate(%q) = %q, which is not a date: %v", s, toml, err)
		}
	})
}

// TestDecodePlaceholder: "TODO" where a number goes is the placeholder
// tenders new leaves, reported at its value; as text it is left to the
// checks that know the key.
func TestDecodePlaceholder(t *testing.T) {
	var s sample
	_, problems := Decode("name = \"TODO\"\ncount = \"TODO\"\n", &s)
	if len(problems) != 1 || problems[0].Pos != (Pos{2, 9}) || problems[0].Msg != `count still holds the placeholder "TODO"; write the real value, without quotes` {
		t.Fatalf("got %+v", problems)
	}
	if s.Name != "TODO" {
		t.Errorf("name = %q", s.Name)
	}
}
