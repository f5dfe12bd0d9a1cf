package site_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"testing"
	"testing/fstest"

	"github.com/london-anchors/tenders/internal/search"
)

// TestSearchIndex: the index holds every brief once, open ones first by
// deadline, then those coming soon, then the closed; every result links
// to a page the site has; no field can break out of its JSON string.
func TestSearchIndex(t *testing.T) {
	fsys := pagedSite(t, 25, 3, 30)
	fsys["content/opportunities/hostile.md"] = &fstest.MapFile{Data: []byte(`+++
title = "Fish & chips \"now\", 1 < 2 > 0"
reference = "H-1"
buyer = "camden"
published = 2026-09-01T09:00:00Z
deadline = 2027-02-01T12:00:00Z
summary = "\u2028 a & b < c"
category = "services"
topics = ["cleaning"]
boroughs = ["camden"]
apply_url = "https://bids.example.net/h"
[contact]
email = "p@camden.example"
+++
Text.
`)}
	out := buildSite(t, fsys, "")
	var m search.Manifest
	if err := json.Unmarshal(out["search/index.json"], &m); err != nil {
		t.Fatal(err)
	}
	briefs := 0
	for name := range fsys {
		if len(name) > len("content/opportunities/") && name[:len("content/opportunities/")] == "content/opportunities/" {
			briefs++
		}
	}
	if m.Docs != briefs {
		t.Fatalf("the index holds %d briefs, the site %d", m.Docs, briefs)
	}
	var urls []string
	for c := 0; c*m.Chunk < m.Docs; c++ {
		data := out["search/d/"+strconv.Itoa(c)+".json"]
		if bytes.ContainsAny(data, "<>") {
			t.Errorf("chunk %d holds < or >: %s", c, data)
		}
		var cards []search.Card
		if err := json.Unmarshal(data, &cards); err != nil {
			t.Fatalf("chunk %d: %v", c, err)
		}
		for _, card := range cards {
			if _, ok := out[card.URL+"index.html"]; !ok {
				t.Errorf("a result links to %s, which the site does not have", card.URL)
			}
			urls = append(urls, card.URL)
		}
	}
	if u := slices.Compact(slices.Sorted(slices.Values(urls))); len(u) != briefs || len(urls) != briefs {
		t.Errorf("%d results for %d briefs", len(urls), briefs)
	}
	open := m.Groups[0]
	if !open.Timed || open.To-open.Cut != 28 || len(open.Window) != 28 {
		t.Errorf("open group %+v: want 28 open (25, the hostile one and two of the fixture)", open)
	}
	if up := m.Groups[1]; up.Name != "upcoming" || up.To-up.From != 3 {
		t.Errorf("upcoming group %+v", up)
	}
}
