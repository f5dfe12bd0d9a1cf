package brief_test

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/tomldec"
)

var skeletonNow = time.Unix(1795860000, 0) // Saturday 28 November 2026, 09:20 UTC

func london(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// TestSkeletonGolden compares tenders new's brief with
// testdata/skeleton.txtar. Run with -update to rewrite it.
func TestSkeletonGolden(t *testing.T) {
	got := brief.Skeleton("Café open day: Kentish Town", "camden", "catering", skeletonNow, london(t))
	const file = "testdata/skeleton.txtar"
	if *update {
		ar := &txtar.Archive{
			Comment: []byte("The brief tenders new writes for \"Café open day: Kentish Town\", buyer camden,\ntopic catering, on Saturday 28 November 2026 in London. go test -update rewrites it.\n"),
			Files:   []txtar.File{{Name: "cafe-open-day-kentish-town.md", Data: got}},
		}
		if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if len(ar.Files) != 1 || !bytes.Equal(ar.Files[0].Data, got) {
		t.Errorf("the skeleton differs from %s; run go test -update and review the change\n%s", file, got)
	}
}

// TestSkeletonDates: published today at 9am and the deadline four weeks
// on at 12pm, moved off a weekend, in the site's timezone.
func TestSkeletonDates(t *testing.T) {
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name                string
		now                 time.Time
		loc                 *time.Location
		published, deadline string
	}{
		{"Saturday deadline moves to Monday", skeletonNow, london(t), "2026-11-28T09:00:00", "2026-12-28T12:00:00"},
		{"Sunday deadline moves to Monday", time.Date(2026, 11, 29, 8, 0, 0, 0, time.UTC), london(t), "2026-11-29T09:00:00", "2026-12-28T12:00:00"},
		{"weekday stays", time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC), london(t), "2026-11-25T09:00:00", "2026-12-23T12:00:00"},
		{"today in the site's timezone", time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC), newYork, "2026-11-25T09:00:00", "2026-12-23T12:00:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := string(brief.Skeleton("T", "camden", "cleaning", tt.now, tt.loc))
			for _, want := range []string{"\npublished = " + tt.published + "\n", "\ndeadline = " + tt.deadline + "\n"} {
				if !strings.Contains(s, want) {
					t.Errorf("the skeleton lacks %q", strings.TrimSpace(want))
				}
			}
		})
	}
}

// TestSkeletonValid: the skeleton passes every check of a brief as it
// stands (only the placeholder rule, a lint rule, flags it).
func TestSkeletonValid(t *testing.T) {
	cfg, list := config.Parse("site.toml", defaultSiteTOML)
	if len(list) > 0 {
		t.Fatal(list)
	}
	p := &brief.Parser{Config: cfg}
	for _, now := range []time.Time{skeletonNow, time.Date(2027, 6, 30, 23, 30, 0, 0, time.UTC)} {
		for name, skeleton := range map[string]func(string, string, string, time.Time, *time.Location) []byte{"Skeleton": brief.Skeleton, "ShortSkeleton": brief.ShortSkeleton} {
			b, list := p.Brief("content/opportunities/x.md", skeleton("Cleaning", "hackney", "catering", now, london(t)))
			if b == nil || len(list) > 0 {
				t.Errorf("%s of %s has problems:\n%s", name, now, format(list))
			}
		}
	}
}

// commented matches a line of the skeleton that is a key or a table's
// header written as a comment.
var commented = regexp.MustCompile(`(?m)^# ((?:[a-z_]+ = )|(?:\[\[?[a-z_.]+\]\]?$))`)

// TestSkeletonNamesEveryKey: with every key that is a comment set, the
// skeleton names each key of the schema but [imported], which only
// tenders import writes, and nothing else.
func TestSkeletonNamesEveryKey(t *testing.T) {
	s := string(brief.Skeleton("T", "camden", "cleaning", skeletonNow, london(t)))
	front, _, _, d := brief.Split("x.md", []byte(s))
	if d != nil {
		t.Fatal(d)
	}
	all := commented.ReplaceAllString(front, "$1")
	var b brief.Brief
	keys, problems := tomldec.Decode(all, &b)
	for _, p := range problems {
		t.Errorf("with every key set, line %d: %s", p.Pos.Line, p.Msg)
	}
	named := map[string]bool{}
	for path := range keys {
		if f, ok := brief.BriefSchema.Field(path); ok {
			named[f.Key] = true
		}
	}
	for _, k := range brief.BriefSchema.Keys() {
		byImport := k == "imported" || strings.HasPrefix(k, "imported.")
		if named[k] == byImport {
			t.Errorf("the skeleton names %s: %v; it should name every key but [imported]", k, named[k])
		}
	}
}
