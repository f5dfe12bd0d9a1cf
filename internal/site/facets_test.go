package site

import (
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/synth"
)

// TestFacetsInListingOrder: each facet lists its briefs as sortOpps sorts
// them, though facets takes them from the listings, already sorted,
// instead of sorting each facet's again.
func TestFacetsInListingOrder(t *testing.T) {
	cfg, list := config.Parse("site.toml", string(synth.SiteTOML()))
	if list.Errors() > 0 {
		t.Fatal(list)
	}
	p := &brief.Parser{Config: cfg}
	content := &brief.Content{}
	for i := range 400 {
		name, src := synth.Brief(i)
		b, list := p.Brief(name, src)
		if b == nil || list.Errors() > 0 {
			t.Fatalf("%s: %v", name, list)
		}
		if i%7 == 0 {
			b.Boroughs = []string{config.LondonWide}
		}
		content.Briefs = append(content.Briefs, b)
	}
	now := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC) // some open, some closed
	r := &renderer{Site: &Site{Config: cfg, Content: content, Now: now, Static: fstest.MapFS{}}, loc: cfg.Location}
	r.prepare()
	in := func(f *Facet, o *Opp) bool {
		switch f.Kind {
		case "topic":
			return slices.ContainsFunc(o.Topics, func(n Named) bool { return n.Key == f.Key })
		case "borough":
			return slices.Contains(o.Brief.Boroughs, f.Key) || slices.Contains(o.Brief.Boroughs, config.LondonWide)
		}
		return o.Brief.Buyer == f.Key
	}
	sections := map[string]int{}
	for _, k := range r.kinds {
		for _, f := range k.Facets {
			var members []*Opp
			for _, o := range r.opps {
				if in(f, o) {
					members = append(members, o)
				}
			}
			open, upcoming, past := sortOpps(members)
			if !slices.Equal(f.Open, open) || !slices.Equal(f.Upcoming, upcoming) || !slices.Equal(f.Past, past) {
				t.Errorf("%s %s: its lists are not as sortOpps sorts its briefs", f.Kind, f.Key)
			}
			sections[f.Kind] += len(f.Open) + len(f.Upcoming) + len(f.Past)
			if len(f.Open) > 1 {
				sections["open"]++
			}
			if len(f.Past) > 1 {
				sections["past"]++
			}
		}
	}
	if sections["open"] == 0 || sections["past"] == 0 || sections["borough"] < 400 {
		t.Errorf("the fixture tests too little: %v", sections)
	}
}
