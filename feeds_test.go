package tenders_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/london-anchors/tenders/internal/build"
	"github.com/london-anchors/tenders/internal/publish"
	"github.com/london-anchors/tenders/internal/site"
	"github.com/london-anchors/tenders/internal/theme"
)

// python is Debian's interpreter, which sees Debian's python3-feedparser
// and python3-icalendar; another python3 may come first on PATH.
const python = "/usr/bin/python3"

// checkFeeds runs scripts/check_feeds.py on dir and returns its output and
// whether it passed. The checker's own dependencies must be installed (the
// test command installs them); a missing one fails the test.
func checkFeeds(t *testing.T, dir string) (string, bool) {
	t.Helper()
	cmd := exec.Command(python, "scripts/check_feeds.py", dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok || cmd.ProcessState.ExitCode() != 1 {
			t.Fatalf("the feed checker could not run (install python3-feedparser and python3-icalendar; bash scripts/test.sh does): %v\n%s", err, out)
		}
		return string(out), false
	}
	return string(out), true
}

func buildExample(t *testing.T) string {
	t.Helper()
	out, list, err := build.Build(context.Background(), os.DirFS("."), site.Defaults{Templates: theme.Templates(), Static: theme.Static()}, build.Options{Now: exampleNow, BaseURL: "https://example.org/opportunities/"})
	if err != nil {
		t.Fatal(err)
	}
	if list.Errors() > 0 {
		t.Fatal(list)
	}
	dir := filepath.Join(t.TempDir(), "public")
	if err := publish.Files(dir, out); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestFeedsParse reads every feed and calendar of the example site with
// feedparser, icalendar and a JSON Feed check.
func TestFeedsParse(t *testing.T) {
	dir := buildExample(t)
	out, ok := checkFeeds(t, dir)
	if !ok {
		t.Fatalf("feeds or calendars of the example site have problems:\n%s", out)
	}
	counts := regexp.MustCompile(`checked (\d+) RSS/Atom feeds, (\d+) JSON feeds, (\d+) calendars, (\d+) entries, (\d+) events`).FindStringSubmatch(out)
	if counts == nil || counts[1] == "0" || counts[3] == "0" || counts[4] == "0" || counts[5] == "0" {
		t.Fatalf("the checker found nothing to check: %s", out)
	}
	t.Log(strings.TrimSpace(out))
}

// TestFeedCheckerFails proves the checks can fail: a feed item without an
// id, a JSON item without one, and a calendar with an unfolded long line.
func TestFeedCheckerFails(t *testing.T) {
	dir := buildExample(t)
	broken := t.TempDir()
	rss, _ := os.ReadFile(filepath.Join(dir, "feed.xml"))
	rss = regexp.MustCompile(`<guid[^>]*>[^<]*</guid>`).ReplaceAll(rss, nil)
	atom, _ := os.ReadFile(filepath.Join(dir, "atom.xml"))
	atom = regexp.MustCompile(`(?s)(<entry>.*?)<id>[^<]*</id>`).ReplaceAll(atom, []byte("$1"))
	js, _ := os.ReadFile(filepath.Join(dir, "feed.json"))
	js = regexp.MustCompile(`"id": "[^"]*",`).ReplaceAll(js, nil)
	ics, _ := os.ReadFile(filepath.Join(dir, "deadlines.ics"))
	ics = bytes.ReplaceAll(ics, []byte("\r\n "), nil)
	for name, data := range map[string][]byte{"rss/feed.xml": rss, "atom/atom.xml": atom, "json/feed.json": js, "ics/deadlines.ics": ics} {
		os.MkdirAll(filepath.Join(broken, filepath.Dir(name)), 0o755)
		os.WriteFile(filepath.Join(broken, name), data, 0o644)
	}
	out, ok := checkFeeds(t, broken)
	if ok {
		t.Fatalf("the checker passed broken feeds:\n%s", out)
	}
	for _, want := range []string{
		"rss/feed.xml: entry 1 has no id",
		"atom/atom.xml: entry 1 has no id",
		"json/feed.json: item 1 has no id",
		"ics/deadlines.ics: line",
		"over 75: not folded",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the checker did not report %q:\n%s", want, out)
		}
	}
}
