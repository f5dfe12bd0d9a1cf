package site_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/build"
	"github.com/london-anchors/tenders/internal/site"
)

// TestStampWithCache: a page that says when the build ran says it for each
// build, when tenders serve's cache gives back a page kept from the build
// before, and the cache's stand-in for the time never reaches the output.
func TestStampWithCache(t *testing.T) {
	_, fsys := fixture(t, "small")
	cfg, list := build.LoadConfig(fsys, "")
	if list.Errors() > 0 {
		t.Fatal(list)
	}
	content, list := (&brief.Parser{Config: cfg}).Load(t.Context(), fsys)
	if list.Errors() > 0 {
		t.Fatal(list)
	}
	cache := site.NewCache()
	pages := []string{"index.html", "opportunities/cleaning-libraries/index.html", "topics/cleaning/index.html"}
	// Three builds on the same day, so every brief's status, and the key
	// the cache keeps its page by, stays the same; then one without a cache.
	for i, c := range []struct {
		now   time.Time
		cache *site.Cache
		want  string
	}{
		{fixedNow, cache, "Last updated at 9am on Tuesday 1 December 2026"},
		{fixedNow.Add(time.Hour + 30*time.Minute), cache, "Last updated at 10:30am on Tuesday 1 December 2026"},
		{fixedNow.Add(2 * time.Hour), cache, "Last updated at 11am on Tuesday 1 December 2026"},
		{fixedNow.Add(3 * time.Hour), nil, "Last updated at midday on Tuesday 1 December 2026"},
	} {
		sink := &mapSink{out: site.Output{}}
		s := &site.Site{Config: cfg, Content: content, Now: c.now, Templates: defaults.Templates,
			Static: defaults.Static, Cache: c.cache, Generation: "1", Sources: fsys}
		if list, err := site.Render(t.Context(), s, sink); err != nil || list.Errors() > 0 {
			t.Fatal(err, list)
		}
		for _, p := range pages {
			if got := string(sink.out[p]); strings.Count(got, c.want) != 1 {
				t.Errorf("build %d: %s does not say %q once", i, p, c.want)
			}
		}
		for name, data := range sink.out {
			if bytes.Contains(data, []byte("tenders-stamp-")) {
				t.Errorf("build %d: %s holds the cache's mark", i, name)
			}
		}
	}
}
