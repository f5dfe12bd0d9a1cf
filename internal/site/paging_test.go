package site_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/london-anchors/tenders/internal/build"
)

// pagedSite is the small fixture with per_page = 10 and n more briefs for
// camden in cleaning: open ones closing a day apart, some coming soon and
// some closed.
func pagedSite(t *testing.T, open, upcoming, past int) fstest.MapFS {
	t.Helper()
	_, fsys := fixture(t, "small")
	cfg := string(fsys["site.toml"].Data)
	fsys["site.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(cfg, "base_url =", "per_page = 10\nbase_url =", 1))}
	add := func(name, stage, deadline string) {
		fsys["content/opportunities/"+name+".md"] = &fstest.MapFile{Data: fmt.Appendf(nil, `+++
title = "Brief %s"
reference = "P-%s"
buyer = "camden"
published = 2026-09-01T09:00:00Z
%s%s
summary = "A brief."
category = "services"
topics = ["cleaning"]
boroughs = ["camden"]
apply_url = "https://bids.example.net/%s"
[contact]
email = "p@camden.example"
+++
Text.
`, name, name, stage, deadline, name)}
	}
	for i := range open {
		add(fmt.Sprintf("open-%03d", i), "", fmt.Sprintf("deadline = 2027-01-01T12:00:00Z\nquestions_deadline = 2026-12-%02dT12:00:00Z", 10+i%10))
	}
	for i := range upcoming {
		add(fmt.Sprintf("soon-%03d", i), "stage = \"pipeline\"\n", "")
	}
	for i := range past {
		add(fmt.Sprintf("past-%03d", i), "", fmt.Sprintf("deadline = 2026-10-%02dT12:00:00Z", 1+i%28))
	}
	return fsys
}

var hrefOpp = regexp.MustCompile(`href="(?:\.\./)*opportunities/([a-z0-9-]+)/"`)

// TestPaging: each listing is split into pages of per_page, linked with
// rel="prev"/"next" and page numbers, and following the pages of the
// listings reaches every brief.
func TestPaging(t *testing.T) {
	fsys := pagedSite(t, 23, 4, 12) // the fixture adds 2 open and 1 closed
	out := buildSite(t, fsys, "")
	for _, c := range []struct {
		dir   string
		pages int
	}{
		{"", 3},                      // 25 open + 4 coming soon
		{"opportunities/", 5},        // and 13 closed
		{"opportunities/closed/", 2}, // 13 closed
		{"topics/cleaning/", 5},      // 24 + 4 + 13: all but the garden
		{"closing-soon/", 1},
	} {
		var reached []string
		for n := 1; n <= c.pages; n++ {
			path := c.dir
			if n > 1 {
				path += fmt.Sprintf("page/%d/", n)
			}
			page := string(out[path+"index.html"])
			if page == "" {
				t.Fatalf("%s is missing", path)
			}
			if c.pages > 1 {
				if want := fmt.Sprintf(`aria-current="page" aria-label="Page %d, this page"`, n); !strings.Contains(page, want) {
					t.Errorf("%s: the pager does not mark page %d as this page", path, n)
				}
			}
			if (n > 1) != strings.Contains(page, `<link rel="prev"`) || (n < c.pages) != strings.Contains(page, `<link rel="next"`) {
				t.Errorf("%s: rel prev/next links wrong for page %d of %d", path, n, c.pages)
			}
			main := page[strings.Index(page, "<main"):strings.Index(page, "</main>")]
			cards := strings.Count(main, `<li class="opp"`)
			if cards > 10 || (n < c.pages && cards != 10) {
				t.Errorf("%s has %d cards; want 10 a page", path, cards)
			}
			for _, m := range hrefOpp.FindAllStringSubmatch(main, -1) {
				reached = append(reached, m[1])
			}
		}
		if _, ok := out[c.dir+fmt.Sprintf("page/%d/index.html", c.pages+1)]; ok {
			t.Errorf("%s has more than %d pages", c.dir, c.pages)
		}
		if c.dir == "opportunities/" {
			slices.Sort(reached)
			reached = slices.Compact(reached)
			if len(reached) != 23+4+12+3 {
				t.Errorf("the pages of /opportunities/ reach %d briefs; want every one of %d", len(reached), 23+4+12+3)
			}
		}
	}
	// Page 2 of the home page says which page it is and starts at 11.
	home2 := string(out["page/2/index.html"])
	for _, want := range []string{"<title>Open opportunities (page 2 of 3) – Test opportunities</title>", "Page 2 of 3", "Showing 11 to 20 of 29.", `<link rel="prev" href="../../">`} {
		if !strings.Contains(home2, want) {
			t.Errorf("page/2/ lacks %q", want)
		}
	}
}

// TestPageLinks: the pager shows the first and last pages and two either
// side of this one, with a gap for the rest.
func TestPageLinks(t *testing.T) {
	fsys := pagedSite(t, 0, 0, 150) // 16 pages of the closed list
	out := buildSite(t, fsys, "")
	page := string(out["opportunities/closed/page/8/index.html"])
	nav := page[strings.Index(page, `<nav class="pager"`):]
	nav = nav[:strings.Index(nav, "</nav>")]
	var got []string
	for _, m := range regexp.MustCompile(`>(\d+|…|Previous|Next)<`).FindAllStringSubmatch(nav, -1) {
		got = append(got, m[1])
	}
	want := "Previous 1 … 6 7 8 9 10 … 16 Next"
	if strings.Join(got, " ") != want {
		t.Errorf("pager of page 8 of 16 = %q; want %q", strings.Join(got, " "), want)
	}
}

// TestPageSlugRefused: a brief may not be called page, whose address is
// where /opportunities/ puts its later pages.
func TestPageSlugRefused(t *testing.T) {
	fsys := pagedSite(t, 1, 0, 0)
	fsys["content/opportunities/page.md"] = fsys["content/opportunities/open-000.md"]
	delete(fsys, "content/opportunities/open-000.md")
	_, list, err := build.Build(t.Context(), fsys, defaults, build.Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(list.Error(), "content/opportunities/page.md:1:1:") {
		t.Errorf("a brief called page was not refused:\n%v", list.Err())
	}
}
