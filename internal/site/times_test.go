package site_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/site"
)

// The lines of each output that show a brief's times.
var (
	pageTimeRE = regexp.MustCompile(`(?m)^.*(?:<dt>Deadline for bids</dt>|<dt>Deadline for questions</dt>|<dt>When</dt>|Bids close at|questions by|Questions closed).*$`)
	cardTimeRE = regexp.MustCompile(`(?m)^<div><dt>(?:<span[^>]*>)?Clos.*$`)
	rssDescRE  = regexp.MustCompile(`(?s)<item>.*?<link>([^<]*)</link>.*?<description>([^<]*)</description>`)
)

// TestTimeForms renders each form a time can take (testdata/times.txtar)
// and compares the lines that show it, on the brief's page, its card, its
// RSS item and its calendar's descriptions, with the want/ files. Run
// with -update to rewrite them.
func TestTimeForms(t *testing.T) {
	ar, fsys := fixture(t, "times")
	out := buildSite(t, fsys, "")
	home := string(out["index.html"])
	for i, f := range ar.Files {
		slug, ok := strings.CutPrefix(f.Name, "want/")
		if !ok {
			continue
		}
		var b strings.Builder
		for _, line := range pageTimeRE.FindAllString(string(out["opportunities/"+slug+"/index.html"]), -1) {
			b.WriteString("page: " + line + "\n")
		}
		card := cardOf(home, slug)
		if card == "" {
			t.Errorf("%s has no card on the home page", slug)
		}
		for _, line := range cardTimeRE.FindAllString(card, -1) {
			b.WriteString("card: " + line + "\n")
		}
		for _, m := range rssDescRE.FindAllStringSubmatch(string(out["feed.xml"]), -1) {
			if strings.HasSuffix(m[1], "/"+slug+"/") {
				b.WriteString("rss: " + m[2] + "\n")
			}
		}
		ics := strings.ReplaceAll(string(out["opportunities/"+slug+"/deadline.ics"]), "\r\n ", "")
		for _, line := range strings.Split(ics, "\r\n") {
			if strings.HasPrefix(line, "DESCRIPTION:") && !strings.HasPrefix(line, "DESCRIPTION:Bid deadline") && !strings.HasPrefix(line, "DESCRIPTION:Questions deadline") && !strings.HasPrefix(line, "DESCRIPTION:Briefing") {
				b.WriteString("ics: " + line + "\n")
			}
		}
		got := []byte(b.String())
		if *update {
			ar.Files[i].Data = got
			continue
		}
		if !bytes.Equal(got, f.Data) {
			t.Errorf("the times of %s differ from the golden copy; run go test -run TestTimeForms -update and review the diff\n--- got\n%s--- want\n%s", slug, got, f.Data)
		}
	}
	if *update {
		if err := os.WriteFile(filepath.Join("testdata", "times.txtar"), txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// cardOf cuts a brief's card out of a listing page.
func cardOf(page, slug string) string {
	at := strings.Index(page, `href="./opportunities/`+slug+`/"`)
	if at < 0 {
		return ""
	}
	start := strings.LastIndex(page[:at], `<li class="opp"`)
	end := strings.Index(page[at:], "\n</li>")
	if start < 0 || end < 0 {
		return ""
	}
	return page[start : at+end]
}

func TestWhen(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02T15:04", s, london)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, c := range []struct{ in, when, clock string }{
		{"2027-01-10T00:00", "11:59pm on Saturday 9 January 2027 (the night before Sunday 10 January)", "11:59pm the night before"},
		{"2027-01-01T00:00", "11:59pm on Thursday 31 December 2026 (the night before Friday 1 January)", "11:59pm the night before"},
		{"2027-01-11T00:01", "12:01am on Monday 11 January 2027", "12:01am"},
		{"2027-01-11T09:00", "9am on Monday 11 January 2027", "9am"},
		{"2027-01-11T12:00", "midday on Monday 11 January 2027", "midday"},
		{"2027-01-11T12:30", "12:30pm on Monday 11 January 2027", "12:30pm"},
		{"2027-01-11T17:30", "5:30pm on Monday 11 January 2027", "5:30pm"},
		{"2027-01-11T23:59", "11:59pm on Monday 11 January 2027", "11:59pm"},
		{"2027-06-14T00:00", "11:59pm on Sunday 13 June 2027 (the night before Monday 14 June)", "11:59pm the night before"}, // in summer time
	} {
		if got := site.When(at(c.in), london); got != c.when {
			t.Errorf("When(%s) = %q, want %q", c.in, got, c.when)
		}
		if got := site.When(at(c.in).UTC(), london); got != c.when {
			t.Errorf("When(%s in UTC) = %q, want %q", c.in, got, c.when)
		}
		if got := site.Clock(at(c.in)); got != c.clock {
			t.Errorf("Clock(%s) = %q, want %q", c.in, got, c.clock)
		}
	}
	// A date alone: the start of an event's day is its day; a deadline's
	// 23:59 says its time.
	start := brief.Date{Time: at("2026-12-14T00:00"), Local: true, DateOnly: true}
	if got := site.WhenDate(start, london); got != "Monday 14 December 2026" {
		t.Errorf("WhenDate(a date alone at the start of its day) = %q", got)
	}
	deadline := brief.Date{Time: at("2027-01-11T23:59"), Local: true, DateOnly: true}
	if got := site.WhenDate(deadline, london); got != "11:59pm on Monday 11 January 2027" {
		t.Errorf("WhenDate(a deadline on a date alone) = %q", got)
	}
	if got := site.WhenDate(brief.Date{Time: at("2027-01-10T00:00")}, london); got != "11:59pm on Saturday 9 January 2027 (the night before Sunday 10 January)" {
		t.Errorf("WhenDate(00:00 with a time) = %q", got)
	}
}
