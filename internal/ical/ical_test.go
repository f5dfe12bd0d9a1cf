package ical

import (
	"bytes"
	"fmt"
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

// FuzzCalendar writes events of arbitrary text: the file always parses as
// RFC 5545 content lines: CRLF ends, no line over 75 octets, valid UTF-8,
// no control characters, every unfolded line NAME:VALUE, and BEGIN and END
// nested properly.
func FuzzCalendar(f *testing.F) {
	f.Add("Deadline", "A, b; c\\d\nnext", "Town Hall", "https://example.org/x", "uid-1@example.org", "Cleaning")
	f.Add("\x00\x01\x1b[31m", "\r\n\r", "\u202e", "", "", "")
	f.Add(strings.Repeat("é", 80), strings.Repeat("£", 200), "", "", "", strings.Repeat(",", 20))
	f.Fuzz(func(t *testing.T, summary, desc, place, link, uid, category string) {
		c := &Calendar{Name: summary, Description: desc, Events: []Event{{
			UID: uid, Stamp: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC),
			Start: time.Date(2026, 12, 18, 12, 0, 0, 0, time.UTC), Summary: summary, Description: desc,
			Location: place, URL: link, Categories: []string{category}, Alarm: time.Hour,
		}}}
		if problem := checkContentLines(c.Bytes()); problem != "" {
			t.Fatal(problem)
		}
	})
}

// checkContentLines says what in data is not RFC 5545, or "".
func checkContentLines(data []byte) string {
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		return "the file does not end in CRLF"
	}
	var unfolded []string
	for i, line := range strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n") {
		if len(line) > 75 {
			return fmt.Sprintf("line %d is %d octets", i+1, len(line))
		}
		if !utf8.ValidString(line) {
			return fmt.Sprintf("line %d is not UTF-8: %q", i+1, line)
		}
		for _, c := range line {
			if c < 0x20 && c != '\t' || c == 0x7f {
				return fmt.Sprintf("line %d holds control character %#x", i+1, c)
			}
		}
		if strings.HasPrefix(line, " ") {
			if len(unfolded) == 0 {
				return "the file starts with a continuation"
			}
			unfolded[len(unfolded)-1] += line[1:]
			continue
		}
		unfolded = append(unfolded, line)
	}
	var stack []string
	for _, line := range unfolded {
		name, value, ok := strings.Cut(line, ":")
		if !ok || name == "" || strings.Trim(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ-") != "" {
			return fmt.Sprintf("not a content line: %q", line)
		}
		switch name {
		case "BEGIN":
			stack = append(stack, value)
		case "END":
			if len(stack) == 0 || stack[len(stack)-1] != value {
				return fmt.Sprintf("END:%s does not close %v", value, stack)
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) != 0 {
		return fmt.Sprintf("unclosed %v", stack)
	}
	return ""
}
