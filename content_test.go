package tenders_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/build"
	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/site"
	"github.com/london-anchors/tenders/internal/theme"
)

// exampleNow is the clock the example site is tested at, so the test never
// rots as real time passes. README's serve command uses the real clock.
var exampleNow = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

// TestExampleSite builds the example site in this repository: it must have
// no errors and no warnings, and hold what the demo promises.
func TestExampleSite(t *testing.T) {
	fsys := os.DirFS(".")
	out, list, err := build.Build(context.Background(), fsys, site.Defaults{Templates: theme.Templates(), Static: theme.Static()}, build.Options{Now: exampleNow})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range list {
		if d.Severity >= diag.Warning {
			t.Errorf("the example site must pass tenders check --strict: %v [%s]", d, d.Rule)
		} else {
			t.Logf("suggestion: %v [%s]", d, d.Rule)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	cfg, _ := build.LoadConfig(fsys, "")
	content, _ := (&brief.Parser{Config: cfg}).Load(context.Background(), fsys)
	buyers, topics, boroughs, stages := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	var lots, docs, events, updates, awards int
	min, max := int64(1<<62), int64(0)
	for _, b := range content.Briefs {
		buyers[b.Buyer] = true
		for _, x := range b.Topics {
			topics[x] = true
		}
		for _, x := range b.Boroughs {
			boroughs[x] = true
		}
		stages[b.Stage] = true
		if b.ValueMax != nil {
			min, max = minInt(min, *b.ValueMax), maxInt(max, *b.ValueMax)
		}
		lots += len(b.Lots)
		docs += len(b.Documents)
		events += len(b.Events)
		updates += len(b.Updates)
		if b.Award != nil {
			awards++
		}
	}
	for _, c := range []struct {
		what      string
		got, want int
	}{
		{"briefs", len(content.Briefs), 15},
		{"buyers", len(buyers), 6},
		{"topics", len(topics), 6},
		{"boroughs", len(boroughs), 8},
		{"events pages", len(content.Events), 3},
		{"plain pages", len(content.Pages), 3},
		{"briefs with lots", lots, 1},
		{"documents", docs, 1},
		{"brief events", events, 1},
		{"updates", updates, 1},
		{"awards", awards, 1},
	} {
		if c.got < c.want {
			t.Errorf("the example site has %d %s, want at least %d", c.got, c.what, c.want)
		}
	}
	for _, s := range []string{"pipeline", "engagement", "awarded", "cancelled"} {
		if !stages[s] {
			t.Errorf("no example brief at stage %q", s)
		}
	}
	if min > 5000 || max < 2000000 {
		t.Errorf("values run from £%d to £%d; want £5,000 to £2,000,000", min, max)
	}
	for _, page := range []string{"index.html", "opportunities/closed/index.html", "about/index.html", "how-to-bid/index.html", "accessibility/index.html", "404.html", "sitemap.xml", "robots.txt"} {
		if _, ok := out[page]; !ok {
			t.Errorf("%s was not built", page)
		}
	}
}

func minInt(a, b int64) int64 { return min(a, b) }
func maxInt(a, b int64) int64 { return max(a, b) }
