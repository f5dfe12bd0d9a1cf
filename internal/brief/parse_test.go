package brief

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/london-anchors/tenders/internal/config"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		front     string
		bodyLine  int
		body      string // the body with its padding removed
		wantError string
	}{
		{"simple", "+++\ntitle = \"x\"\n+++\nHello\n", "title = \"x\"\n", 4, "Hello\n", ""},
		{"empty front", "+++\n+++\nbody", "", 3, "body", ""},
		{"no body", "+++\na = 1\n+++", "a = 1\n", 4, "", ""},
		{"crlf", "+++\r\na = 1\r\n+++\r\nHi\r\n", "a = 1\n", 4, "Hi\n", ""},
		{"bom", "\ufeff+++\na = 1\n+++\nHi\n", "a = 1\n", 4, "Hi\n", ""},
		{"four plus signs are not a fence", "+++\na = 1\n++++\nb = 2\n+++\nHi", "a = 1\n++++\nb = 2\n", 6, "Hi", ""},
		{"fence with trailing space is not a fence", "+++\na = 1\n+++ \n+++\n", "a = 1\n+++ \n", 5, "", ""},
		{"plus signs inside text", "+++\na = \"+++\"\n+++\nx +++ y\n+++\n", "a = \"+++\"\n", 4, "x +++ y\n+++\n", ""},
		{"no opening fence", "title = 1\n", "", 0, "", "1:1: the file must start with front matter"},
		{"indented fence", " +++\na=1\n+++\n", "", 0, "", "1:1: the file must start with front matter"},
		{"never closed", "+++\na = 1\n", "", 0, "", "1:1: the front matter that starts here is never closed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			front, body, bodyLine, d := Split("f.md", []byte(tt.src))
			if tt.wantError != "" {
				if d == nil || !strings.Contains(d.String(), tt.wantError) {
					t.Fatalf("got %v, want an error containing %q", d, tt.wantError)
				}
				return
			}
			if d != nil {
				t.Fatalf("unexpected error %v", d)
			}
			if front != tt.front || bodyLine != tt.bodyLine {
				t.Errorf("front %q, bodyLine %d; want %q, %d", front, bodyLine, tt.front, tt.bodyLine)
			}
			if pad := bytes.Repeat([]byte("\n"), bodyLine-1); !bytes.HasPrefix(body, pad) || string(body[len(pad):]) != tt.body {
				t.Errorf("body %q; want %d newlines then %q", body, bodyLine-1, tt.body)
			}
			// In place, over the bytes given: the same parts.
			src := []byte(tt.src)
			front2, body2, bodyLine2, _ := split("f.md", src, true)
			if front2 != front || !bytes.Equal(body2, body) || bodyLine2 != bodyLine {
				t.Errorf("in place: %q, %q, %d; want %q, %q, %d", front2, body2, bodyLine2, front, body, bodyLine)
			}
		})
	}
}

// FuzzSplitInPlace: the parts split made in the bytes given are those
// Split makes in its own, for any file.
func FuzzSplitInPlace(f *testing.F) {
	f.Add([]byte("+++\ntitle = \"x\"\n+++\nbody\n"))
	f.Add([]byte("\ufeff+++\r\n\r\n+++"))
	f.Add([]byte("+++\n++++\n+++\n+++\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		front, body, bodyLine, d := Split("f.md", src)
		front2, body2, bodyLine2, d2 := split("f.md", bytes.Clone(src), true)
		if front2 != front || !bytes.Equal(body2, body) || bodyLine2 != bodyLine || (d == nil) != (d2 == nil) {
			t.Fatalf("in place: %q, %q, %d, %v; want %q, %q, %d, %v", front2, body2, bodyLine2, d2, front, body, bodyLine, d)
		}
	})
}

func TestCheckText(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"good", "+++\n+++\n", ""},
		{"bom accepted", "\ufeff+++\n", ""},
		{"empty", "", "f.md:1:1: the file is empty"},
		{"only space", " \n\n", "f.md:1:1: the file is empty"},
		{"latin-1 on line 3", "+++\ntitle = \"a\"\nsummary = \"caf\xe9\"\n", "f.md:3:15: the file is not UTF-8 text"},
		{"too big", "+++\n" + strings.Repeat("a", MaxFileSize), "f.md:1:1: the file is 1048580 bytes, over the 1 MiB limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := CheckText("f.md", []byte(tt.src))
			switch {
			case tt.want == "" && d != nil:
				t.Errorf("unexpected %v", d)
			case tt.want != "" && (d == nil || !strings.HasPrefix(d.String(), tt.want)):
				t.Errorf("got %v, want prefix %q", d, tt.want)
			}
		})
	}
}

func TestDates(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	cfg := &config.Config{Location: london, Buyers: map[string]config.Buyer{"b": {Name: "B", Kind: "council"}}, Topics: map[string]config.Topic{"t": {Name: "T"}}}
	p := &Parser{Config: cfg}
	tests := []struct {
		value string
		want  string // in UTC
	}{
		{`2026-12-18T12:00:00Z`, "2026-12-18T12:00:00Z"},
		{`2026-06-18T12:00:00+01:00`, "2026-06-18T11:00:00Z"},
		{`2026-06-18T12:00:00`, "2026-06-18T11:00:00Z"}, // local: London is on BST in June
		{`2026-12-18T12:00:00`, "2026-12-18T12:00:00Z"},
		{`2026-06-18`, "2026-06-18T22:59:00Z"}, // a date-only deadline is 23:59 local
		{`"2026-12-18T12:00:00.000Z"`, "2026-12-18T12:00:00Z"},
		{`"2026-12-18T12:00:00.123456+00:00"`, "2026-12-18T12:00:00.123456Z"},
		{`"2026-12-18 12:00"`, "2026-12-18T12:00:00Z"},
		{`"2026-12-18T12:00"`, "2026-12-18T12:00:00Z"},
		{`"2026-12-18"`, "2026-12-18T23:59:00Z"},
		{`2026-12-18T12:00:00.5Z`, "2026-12-18T12:00:00.5Z"},
	}
	for _, tt := range tests {
		src := "+++\ntitle = \"T\"\nreference = \"R\"\nbuyer = \"b\"\npublished = 2026-01-01T00:00:00Z\nsummary = \"S\"\ncategory = \"goods\"\ntopics = [\"t\"]\napply_url = \"https://x.example/\"\ndeadline = " + tt.value + "\n[contact]\nemail = \"a@b.example\"\n+++\n"
		b, list := p.Brief("f.md", []byte(src))
		if len(list) > 0 {
			t.Errorf("%s: %v", tt.value, list)
			continue
		}
		if got := b.Deadline.UTC().Format(time.RFC3339Nano); got != tt.want {
			t.Errorf("deadline = %s: got %s, want %s", tt.value, got, tt.want)
		}
	}
	for bad, want := range map[string]string{
		`"tomorrow"`:          "deadline must be a date such as 2026-12-18",
		`12:00:00`:            "deadline must be a date such as 2026-12-18",
		`20261218`:            "deadline must be a date such as 2026-12-18",
		`"18/12/2026"`:        "write the date as 2026-12-18 (18 December 2026)",
		`18/12/2026`:          "write the date as 2026-12-18 (18 December 2026)",
		`18.12.2026`:          "write the date as 2026-12-18 (18 December 2026)",
		`18 December 2026`:    "write the date as 2026-12-18 (18 December 2026)",
		`"18 December 2026"`:  "write the date as 2026-12-18 (18 December 2026)",
		`18/12/2026 12:00`:    "write the date and time as 2026-12-18T12:00:00 (12:00 on 18 December 2026)",
		`"18 Dec 2026, 5pm"`:  "write the date and time as 2026-12-18T17:00:00 (17:00 on 18 December 2026)",
		`"December 18, 2026"`: "write the date as 2026-12-18 (18 December 2026)",
	} {
		src := "+++\ndeadline = " + bad + "\n+++\n"
		_, list := p.Brief("f.md", []byte(src))
		found := 0
		for _, d := range list {
			if strings.Contains(d.Message, "deadline") {
				found++
				if d.Line != 2 || d.Col != 12 || !strings.Contains(d.Message, want) || strings.Contains(d.Message, "expected") {
					t.Errorf("deadline = %s: got %v, want at 2:12 %q", bad, d, want)
				}
			}
		}
		if found != 1 {
			t.Errorf("deadline = %s: %d messages about the deadline, want 1: %v", bad, found, list)
		}
	}
}

// TestMisspeltKey: a misspelt required key is one problem, the unknown
// key with its suggestion, not also the key it should be "is missing".
func TestMisspeltKey(t *testing.T) {
	p := &Parser{Config: &config.Config{Location: time.UTC}}
	_, list := p.Brief("f.md", []byte("+++\ndedline = 2026-12-18\n+++\n"))
	var about []string
	for _, d := range list {
		if strings.Contains(d.Message, "deadline") {
			about = append(about, d.String())
		}
	}
	want := `f.md:2:1: unknown key "dedline"; did you mean "deadline"?`
	if len(about) != 1 || !strings.HasPrefix(about[0], want) {
		t.Errorf("got %q, want only %q", about, want)
	}
}

func TestSlug(t *testing.T) {
	tests := map[string]string{
		"content/opportunities/cleaning-libraries.md": "cleaning-libraries",
		"content/opportunities/Café Open Day.md":      "caf-open-day",
		"content/opportunities/a__b--c.md":            "a-b-c",
		"x/-.md":                                      "",
	}
	for in, want := range tests {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzParse feeds arbitrary files to the brief parser: it must never panic,
// and every finding must point inside the file.
func FuzzParse(f *testing.F) {
	f.Add([]byte("+++\ntitle = \"x\"\n+++\nbody\n"))
	f.Add([]byte("+++\n[contact]\nemail = 1\n[[insurance]]\nkind = \"x\"\n+++\n"))
	f.Add([]byte("+++\r\na = \"\"\"\nmulti\n+++\n\"\"\"\r\n+++\r\n"))
	f.Add([]byte("\ufeff+++\nlots = [{title = \"a\"}, {value_max = -1}]\n+++\n"))
	f.Add([]byte("+++\ndeadline = 2026-12-18\npublished = \"2026-12-19 10:00\"\n+++\n"))
	f.Add([]byte("+++\n++++\n+++"))
	london, _ := time.LoadLocation("Europe/London")
	cfg := &config.Config{Location: london, Buyers: map[string]config.Buyer{"b": {}}, Topics: map[string]config.Topic{"t": {}}}
	p := &Parser{Config: cfg}
	f.Fuzz(func(t *testing.T, src []byte) {
		_, list := p.Brief("f.md", src)
		lines := bytes.Count(src, []byte("\n")) + 1
		for _, d := range list {
			if d.Line < 1 || d.Line > lines || d.Col < 1 {
				t.Fatalf("%v is outside the file (%d lines)", d, lines)
			}
			if d.Line <= lines && utf8.Valid(src) {
				line := strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")[d.Line-1]
				if d.Col > utf8.RuneCountInString(line)+1 {
					t.Fatalf("%v: column past the end of line %q", d, line)
				}
			}
		}
	})
}
