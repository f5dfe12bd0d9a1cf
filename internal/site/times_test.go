package site_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
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
