package ical

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestEscape(t *testing.T) {
	tests := map[string]string{
		"plain":              "plain",
		"a, b; c\\d":         `a\, b\; c\\d`,
		"line one\nline two": `line one\nline two`,
		"windows\r\nbreak":   `windows\nbreak`,
		"café £1,000":        `café £1\,000`,
	}
	for in, want := range tests {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFolding(t *testing.T) {
	long := strings.Repeat("£é", 100) + strings.Repeat("x", 100)
	c := &Calendar{Name: "Test", Events: []Event{{
		UID: "A-1@example.org", Stamp: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC),
		Start: time.Date(2026, 12, 18, 12, 0, 0, 0, time.UTC), Summary: long, Description: long,
	}}}
	out := c.Bytes()
	if !bytes.HasSuffix(out, []byte("END:VCALENDAR\r\n")) {
		t.Error("calendar does not end with END:VCALENDAR and CRLF")
	}
	if bytes.Count(out, []byte("\n")) != bytes.Count(out, []byte("\r\n")) {
		t.Error("a line ends without CR")
	}
	var unfolded strings.Builder
	for _, l := range strings.Split(strings.TrimSuffix(string(out), "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line of %d octets: %q", len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("a fold split a character: %q", l)
		}
		if strings.HasPrefix(l, " ") {
			unfolded.WriteString(l[1:])
		} else {
			unfolded.WriteString("\n" + l)
		}
	}
	if !strings.Contains(unfolded.String(), "\nSUMMARY:"+long+"\n") {
		t.Error("unfolding does not give back the summary")
	}
}

func TestEvent(t *testing.T) {
	c := &Calendar{Events: []Event{{
		UID: "CAM-1-deadline@example.org", Stamp: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC), Sequence: 2,
		Start: time.Date(2026, 12, 18, 12, 0, 0, 0, time.FixedZone("BST", 3600)), Summary: "Deadline",
		URL: "https://example.org/opps/x/", Categories: []string{"Cleaning, laundry", "Camden"}, Alarm: 24 * time.Hour,
	}}}
	out := string(c.Bytes())
	for _, want := range []string{
		"UID:CAM-1-deadline@example.org\r\n",
		"DTSTAMP:20261120T090000Z\r\n",
		"SEQUENCE:2\r\n",
		"DTSTART:20261218T110000Z\r\n",
		"URL:https://example.org/opps/x/\r\n",
		"CATEGORIES:Cleaning\\, laundry,Camden\r\n",
		"BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Deadline\r\nTRIGGER:-PT1440M\r\nEND:VALARM\r\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	if strings.Contains(out, "DTEND") {
		t.Error("an event with no end got a DTEND")
	}
}

// TestControlCharacters: RFC 5545 forbids control characters in values
// (only HTAB and the CRLF line ends may appear): none reaches the file,
// whatever the event holds.
func TestControlCharacters(t *testing.T) {
	bad := "a\x00b\x01c\x1bd\x7fe\u0085f\u202eg\r\x0bh\xff"
	c := &Calendar{Name: bad, Description: bad, Events: []Event{{
		UID: bad, Stamp: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC),
		Start: time.Date(2026, 12, 18, 12, 0, 0, 0, time.UTC), Summary: bad, Description: bad,
		Location: bad, URL: "https://example.org/\x00x", Categories: []string{bad},
	}}}
	out := c.Bytes()
	for i, line := range bytes.Split(bytes.TrimSuffix(out, []byte("\r\n")), []byte("\r\n")) {
		for _, b := range line {
			if b < 0x20 && b != '\t' || b == 0x7f {
				t.Fatalf("line %d holds control character %#x: %q", i+1, b, line)
			}
		}
		if !utf8.Valid(line) || bytes.Contains(line, []byte("\u0085")) || bytes.Contains(line, []byte("\u202e")) {
			t.Fatalf("line %d holds a forbidden character: %q", i+1, line)
		}
	}
	if !bytes.Contains(out, []byte(`SUMMARY:abcdefg\nh`)) {
		t.Errorf("the text around the control characters was lost:\n%s", out)
	}
}
