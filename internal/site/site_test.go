package site_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"html"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/build"
	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/site"
	"github.com/london-anchors/tenders/internal/theme"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fixedNow is the build clock of every test, so tests never rot.
var fixedNow = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

var defaults = site.Defaults{Templates: theme.Templates(), Static: theme.Static()}

// fixture reads testdata/NAME.txtar into a file system: the site's files,
// and, in files named "want/PATH", the expected output.
func fixture(t testing.TB, name string) (*txtar.Archive, fstest.MapFS) {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		if !strings.HasPrefix(f.Name, "want/") {
			fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	return ar, fsys
}

func buildSite(t *testing.T, fsys fstest.MapFS, baseURL string) site.Output {
	t.Helper()
	out, list, err := build.Build(context.Background(), fsys, defaults, build.Options{Now: fixedNow, BaseURL: baseURL})
	if err != nil {
		t.Fatal(err)
	}
	if list.Errors() > 0 {
		t.Fatalf("build failed:\n%v", list)
	}
	return out
}

// TestGolden renders the small fixture site and compares chosen pages with
// the want/ files of testdata/small.txtar. Run with -update to rewrite them.
func TestGolden(t *testing.T) {
	ar, fsys := fixture(t, "small")
	out := buildSite(t, fsys, "")
	var wants []string
	for _, f := range ar.Files {
		if name, ok := strings.CutPrefix(f.Name, "want/"); ok {
			wants = append(wants, name)
			if *update {
				continue
			}
			if got, ok := out[name]; !ok {
				t.Errorf("%s was not rendered", name)
			} else if !bytes.Equal(got, f.Data) {
				t.Errorf("%s differs from the golden copy; run go test -update and review the diff\n--- got\n%s", name, got)
			}
		}
	}
	if len(wants) == 0 {
		t.Fatal("no want/ files")
	}
	if *update {
		for i, f := range ar.Files {
			if name, ok := strings.CutPrefix(f.Name, "want/"); ok {
				ar.Files[i].Data = out[name]
			}
		}
		if err := os.WriteFile(filepath.Join("testdata", "small.txtar"), txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func errorsOnly(list diag.List) diag.List {
	var out diag.List
	for _, d := range list {
		if d.Severity == diag.Error {
			out = append(out, d)
		}
	}
	return out
}

// TestDeterministic builds twice and expects the same bytes.
func TestDeterministic(t *testing.T) {
	_, fsys := fixture(t, "small")
	a, b := buildSite(t, fsys, ""), buildSite(t, fsys, "")
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

var linkRE = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// TestLinksResolve builds under a base URL with a sub-path and follows
// every internal href and src to a file the build wrote.
func TestLinksResolve(t *testing.T) {
	_, fsys := fixture(t, "small")
	base := "https://example.org/opps/"
	out := buildSite(t, fsys, base)
	checked := 0
	for _, name := range out.Paths() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		page, _ := url.Parse(base + name)
		for _, m := range linkRE.FindAllSubmatch(out[name], -1) {
			href := strings.ReplaceAll(string(m[1]), "&amp;", "&")
			if strings.HasPrefix(href, "/") {
				t.Errorf("%s: root-relative link %q breaks under a sub-path", name, href)
				continue
			}
			u, err := page.Parse(href)
			if err != nil {
				t.Errorf("%s: bad link %q", name, href)
				continue
			}
			if u.Scheme != "https" || u.Host != "example.org" {
				continue // external, mailto
			}
			p, ok := strings.CutPrefix(u.Path, "/opps/")
			if !ok {
				t.Errorf("%s: link %q leaves the site's sub-path", name, href)
				continue
			}
			if p == "" || strings.HasSuffix(p, "/") {
				p += "index.html"
			}
			if _, ok := out[path.Clean(p)]; !ok {
				t.Errorf("%s: link %q points at %s, which was not written", name, href, p)
			}
			checked++
		}
	}
	if checked < 50 {
		t.Errorf("only %d internal links checked; the crawl is not finding the links", checked)
	}
}

// TestBrokenBuildWritesNothing: a site with one broken brief returns no
// output and every problem.
func TestBrokenBuildWritesNothing(t *testing.T) {
	_, fsys := fixture(t, "small")
	fsys["content/opportunities/broken.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Broken\"\nbuyer = \"nobody\"\n+++\n")}
	out, list, err := build.Build(context.Background(), fsys, defaults, build.Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if out != nil {
		t.Error("a failed build returned output")
	}
	if list.Errors() < 2 {
		t.Errorf("want every problem of the broken brief, got %v", list)
	}
	for _, d := range errorsOnly(list) {
		if d.File != "content/opportunities/broken.md" {
			t.Errorf("unexpected finding %v", d)
		}
	}
}

func TestBadTemplate(t *testing.T) {
	_, fsys := fixture(t, "small")
	fsys["templates/home.html"] = &fstest.MapFile{Data: []byte("{{define \"main\"}}\n<h1>{{.Site.Title}</h1>\n{{end}}\n")}
	_, list, err := build.Build(context.Background(), fsys, defaults, build.Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	list = errorsOnly(list)
	if len(list) != 1 || !strings.HasPrefix(list[0].String(), "templates/home.html:2:1: bad character") {
		t.Fatalf("want one error at templates/home.html:2, got %v", list)
	}
	fsys["templates/home.html"] = &fstest.MapFile{Data: []byte("{{define \"main\"}}\n<h1>{{.Nope}}</h1>\n{{end}}\n")}
	_, list, err = build.Build(context.Background(), fsys, defaults, build.Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	list = errorsOnly(list)
	if len(list) != 1 || !strings.HasPrefix(list[0].String(), "templates/home.html:2:7: ") {
		t.Fatalf("want one error at templates/home.html:2:7, got %v", list)
	}
}

// TestTemplateOverride: a site's own template replaces the built-in one of
// the same name, and only that one.
func TestTemplateOverride(t *testing.T) {
	_, fsys := fixture(t, "small")
	fsys["templates/page.html"] = &fstest.MapFile{Data: []byte("{{define \"main\"}}<h1>Custom {{.Title}}</h1>{{end}}")}
	out := buildSite(t, fsys, "")
	if !bytes.Contains(out["about/index.html"], []byte("<h1>Custom About us</h1>")) {
		t.Error("the site's page.html was not used")
	}
	if !bytes.Contains(out["index.html"], []byte("Open now")) {
		t.Error("the built-in home.html was not used")
	}
}

func TestStatus(t *testing.T) {
	_, fsys := fixture(t, "small")
	out := buildSite(t, fsys, "")
	home := string(out["index.html"])
	closed := string(out["opportunities/closed/index.html"])
	for _, c := range []struct {
		page, text string
		want       bool
	}{
		{home, "Cleaning for two libraries", true},    // open, deadline after the clock
		{home, "Closing soon", true},                  // the garden brief closes in 3 days
		{home, "Old laundry contract", false},         // its deadline has passed
		{closed, "Old laundry contract", true},        //
		{closed, "Cleaning for two libraries", false}, //
		{home, "<time datetime=\"2026-12-04T12:00:00Z\">midday on Friday 4 December 2026</time>", true},
	} {
		if got := strings.Contains(c.page, c.text); got != c.want {
			t.Errorf("contains %q = %v, want %v", c.text, got, c.want)
		}
	}
}

var guidRE = regexp.MustCompile(`<guid isPermaLink="false">([^<]*)</guid>`)

func guids(out site.Output, name string) []string {
	var ids []string
	for _, m := range guidRE.FindAllSubmatch(out[name], -1) {
		ids = append(ids, string(m[1]))
	}
	return ids
}

// TestFeedIDsStable: renaming a brief's file and changing its title and
// text keeps its feed and calendar ids; an update adds an item of its own.
func TestFeedIDsStable(t *testing.T) {
	_, fsys := fixture(t, "small")
	before := buildSite(t, fsys, "")
	src := string(fsys["content/opportunities/garden.md"].Data)
	delete(fsys, "content/opportunities/garden.md")
	src = strings.Replace(src, `title = "Community garden care"`, `title = "Looking after community gardens"`, 1)
	src = strings.Replace(src, "Weeding.", "Weeding and pruning.", 1)
	fsys["content/opportunities/gardens-in-dalston.md"] = &fstest.MapFile{Data: []byte(src)}
	after := buildSite(t, fsys, "")
	if a, b := guids(before, "feed.xml"), guids(after, "feed.xml"); strings.Join(a, " ") != strings.Join(b, " ") {
		t.Errorf("ids changed with the title and file name:\n%v\n%v", a, b)
	}
	if !bytes.Contains(after["feed.xml"], []byte("Looking after community gardens")) {
		t.Error("the new title is not in the feed")
	}
	for _, name := range []string{"deadlines.ics", "opportunities/gardens-in-dalston/deadline.ics"} {
		if !bytes.Contains(after[name], []byte("UID:HAC-2026-033-deadline@example.org")) {
			t.Errorf("%s lacks the stable deadline UID", name)
		}
	}

	// An update to the brief becomes an item of its own.
	src = strings.Replace(src, "+++\n## What we need", "[[updates]]\ndate = 2026-11-28T10:00:00Z\ntext = \"Deadline moved to 12pm on 11 December.\"\n+++\n## What we need", 1)
	fsys["content/opportunities/gardens-in-dalston.md"] = &fstest.MapFile{Data: []byte(src)}
	updated := buildSite(t, fsys, "")
	ids := guids(updated, "feed.xml")
	if len(ids) != len(guids(after, "feed.xml"))+1 {
		t.Fatalf("an update did not add one item: %v", ids)
	}
	if ids[0] != "tag:example.org,2026:HAC-2026-033/update/20261128T100000Z" {
		t.Errorf("the update is not the newest item with its own id: %v", ids)
	}
	if !bytes.Contains(updated["feed.xml"], []byte("<title>Update: Looking after community gardens: Deadline moved to 12pm on 11 December.</title>")) {
		t.Error("the update item's title does not say what changed")
	}
	if !bytes.Contains(updated["atom.xml"], []byte("<updated>2026-11-28T10:00:00Z</updated>")) {
		t.Error("the feed's updated date is not its newest item's")
	}
}

// TestFeedsCap: [feeds] items caps every feed.
func TestFeedsCap(t *testing.T) {
	_, fsys := fixture(t, "small")
	cfg := strings.Replace(string(fsys["site.toml"].Data), "[buyers.camden]", "[feeds]\nitems = 1\n\n[buyers.camden]", 1)
	fsys["site.toml"] = &fstest.MapFile{Data: []byte(cfg)}
	out := buildSite(t, fsys, "")
	if n := len(guids(out, "feed.xml")); n != 1 {
		t.Errorf("feed.xml has %d items, want 1", n)
	}
}

// TestSubmitLinks: each buyer's new-file link opens GitHub's editor on the
// brief tenders new writes, with only the keys it sets.
func TestSubmitLinks(t *testing.T) {
	_, fsys := fixture(t, "small")
	cfg := strings.Replace(string(fsys["site.toml"].Data), "[buyers.camden]", "repo = \"https://github.com/org/opps\"\n\n[buyers.camden]", 1)
	fsys["site.toml"] = &fstest.MapFile{Data: []byte(cfg)}
	out := buildSite(t, fsys, "")
	page := string(out["submit/index.html"])
	hrefs := regexp.MustCompile(`href="(https://github.com/org/opps/new/[^"]+)"`).FindAllStringSubmatch(page, -1)
	if len(hrefs) != 2 {
		t.Fatalf("%d new-file links, want one for each of 2 buyers", len(hrefs))
	}
	london, _ := time.LoadLocation("Europe/London")
	for i, buyer := range []string{"camden", "hackney"} {
		u, err := url.Parse(html.UnescapeString(hrefs[i][1]))
		if err != nil {
			t.Fatal(err)
		}
		// A name of the buyer's own and the day, so two buyers starting at
		// once do not propose the same file; check reports it until renamed.
		if u.Path != "/org/opps/new/main/content/opportunities" || u.Query().Get("filename") != "new-brief-"+buyer+"-2026-12-01.md" {
			t.Errorf("link %d goes to %s", i, u)
		}
		want := string(brief.ShortSkeleton(site.NewBriefTitle, brief.Facts{Buyer: buyer}, fixedNow, london))
		if got := u.Query().Get("value"); got != want {
			t.Errorf("link for %s does not decode to the template:\n%s", buyer, got)
		}
		// Some servers on the way refuse addresses over 8 KB.
		if len(hrefs[i][1]) > 6000 {
			t.Errorf("link for %s is %d bytes long", buyer, len(hrefs[i][1]))
		}
	}
}

// TestHostingFiles: _headers and _redirects when site.toml asks, and an
// alias page that sends the old address to the new one.
func TestHostingFiles(t *testing.T) {
	_, fsys := fixture(t, "small")
	cfg := strings.Replace(string(fsys["site.toml"].Data), "[buyers.camden]", "[hosting]\nheaders = true\nredirects = true\n\n[buyers.camden]", 1)
	fsys["site.toml"] = &fstest.MapFile{Data: []byte(cfg)}
	g := string(fsys["content/opportunities/garden.md"].Data)
	fsys["content/opportunities/garden.md"] = &fstest.MapFile{Data: []byte(strings.Replace(g, "[contact]", "aliases = [\"old-garden\", \"opportunities/hackney/gardens/\"]\n[contact]", 1))}
	out := buildSite(t, fsys, "")
	headers := string(out["_headers"])
	for _, want := range []string{
		"/opps/*feed.xml\n  Content-Type: application/rss+xml; charset=utf-8\n",
		"/opps/*.ics\n  Content-Type: text/calendar; charset=utf-8\n",
		"  Cache-Control: public, max-age=31536000, immutable\n",
	} {
		if !strings.Contains(headers, want) {
			t.Errorf("_headers lacks %q:\n%s", want, headers)
		}
	}
	css := regexp.MustCompile(`/opps/(css/site\.[0-9a-f]{10}\.css)\n  Cache-Control`).FindStringSubmatch(headers)
	if css == nil || out[css[1]] == nil || !bytes.Contains(out["index.html"], []byte(css[1])) {
		t.Errorf("the fingerprinted style sheet is not written, cached and used: %v", css)
	}
	redirects := string(out["_redirects"])
	for _, want := range []string{
		"/opps/opportunities/old-garden/ /opps/opportunities/garden/ 301\n",
		"/opps/opportunities/hackney/gardens/ /opps/opportunities/garden/ 301\n",
	} {
		if !strings.Contains(redirects, want) {
			t.Errorf("_redirects lacks %q:\n%s", want, redirects)
		}
	}
	// An alias page forwards by a relative address, as every other link
	// of the site is written, so it works on a preview's address too; only
	// the canonical link is absolute.
	for name, want := range map[string]string{
		"opportunities/old-garden/index.html":      "../../opportunities/garden/",
		"opportunities/hackney/gardens/index.html": "../../../opportunities/garden/",
	} {
		old := string(out[name])
		for _, line := range []string{
			`<link rel="canonical" href="https://example.org/opps/opportunities/garden/">`,
			`<meta http-equiv="refresh" content="0; url=` + want + `">`,
			`<a href="` + want + `">`,
		} {
			if !strings.Contains(old, line) {
				t.Errorf("%s lacks %s:\n%s", name, line, old)
			}
		}
	}
	// An alias that takes another page's address is an error.
	fsys["content/opportunities/garden.md"] = &fstest.MapFile{Data: []byte(strings.Replace(g, "[contact]", "aliases = [\"laundry\"]\n[contact]", 1))}
	_, list, err := build.Build(context.Background(), fsys, defaults, build.Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if errs := errorsOnly(list); len(errs) != 1 || !strings.Contains(errs[0].Message, `alias "laundry" is the address of another page`) {
		t.Errorf("want one error for a clashing alias, got %v", errs)
	}
}

// TestCSVFormulas: no cell of the site's CSV files starts with a character
// a spreadsheet reads as the start of a formula.
func TestCSVFormulas(t *testing.T) {
	_, fsys := fixture(t, "small")
	for name, f := range fsys {
		if strings.HasPrefix(name, "content/opportunities/") {
			s := strings.Replace(string(f.Data), "title = \"", "title = \"=HYPERLINK(\\\"https://evil.example\\\")", 1)
			s = strings.Replace(s, "supplier = \"", "supplier = \"@SUM(A1)+", 1)
			f.Data = []byte(s)
		}
	}
	f := fsys["site.toml"]
	f.Data = []byte(strings.Replace(string(f.Data), `name = "Hackney Council"`, `name = "-2+3+cmd|' /C calc'!A0"`, 1))
	out := buildSite(t, fsys, "")
	for _, name := range []string{"data/opportunities.csv", "data/progress.csv"} {
		rows, err := csv.NewReader(bytes.NewReader(out[name])).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		seen := 0
		for _, row := range rows {
			for _, cell := range row {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Errorf("%s: cell %q starts a formula", name, cell)
				}
				if strings.HasPrefix(cell, "'=") || strings.HasPrefix(cell, "'@") || strings.HasPrefix(cell, "'-") {
					seen++
				}
			}
		}
		if seen == 0 {
			t.Errorf("%s: no hostile cell was written at all", name)
		}
	}
}

// TestCardRootInTitle: a title holding text like the marker a card is
// rendered with stays as written, and every card still links to its brief.
func TestCardRootInTitle(t *testing.T) {
	_, fsys := fixture(t, "small")
	f := fsys["content/opportunities/cleaning-libraries.md"]
	f.Data = []byte(strings.Replace(string(f.Data), `title = "Cleaning for two libraries"`, `title = "Cleaning tenders-card-root-9f2c41/ for two libraries"`, 1))
	out := buildSite(t, fsys, "")
	for _, page := range []string{"index.html", "opportunities/index.html", "topics/cleaning/index.html"} {
		html := string(out[page])
		if !strings.Contains(html, "Cleaning tenders-card-root-9f2c41/ for two libraries") {
			t.Errorf("%s: the title was changed", page)
		}
		if !regexp.MustCompile(`href="(\./|\.\./|\.\./\.\./)opportunities/cleaning-libraries/"`).MatchString(html) {
			t.Errorf("%s: no link to the brief", page)
		}
	}
}

// TestReservedPageSlugs: every folder at the top of a built site that the
// site makes itself is reserved, so no plain page can take its address
// (content/closing-soon.md once replaced the closing-soon list).
func TestReservedPageSlugs(t *testing.T) {
	fsys := pagedSite(t, 20, 0, 0) // a home page with a page/2/
	out := buildSite(t, fsys, "")
	pages := map[string]bool{}
	for name := range fsys {
		if dir, file := path.Split(name); dir == "content/" && strings.HasSuffix(file, ".md") {
			pages[brief.Slug(name)] = true
		}
		if rest, ok := strings.CutPrefix(name, "static/"); ok {
			pages[strings.Split(rest, "/")[0]] = true
		}
	}
	seen := map[string]bool{}
	for name := range out {
		top, _, nested := strings.Cut(name, "/")
		if !nested || pages[top] || top == "css" || top == "js" || seen[top] {
			continue
		}
		seen[top] = true
		if !slices.Contains(brief.ReservedPageSlugs, top) {
			t.Errorf("the site writes %s/, but a plain page may take that address", top)
		}
	}
	fsys["content/closing-soon.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Mine\"\n+++\nText.\n")}
	_, list, err := build.Build(t.Context(), fsys, defaults, build.Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(list.Error(), "content/closing-soon.md:1:1: the file name") {
		t.Errorf("a page at the closing-soon address was not refused:\n%v", list.Err())
	}
}

// TestLargeAwards: the largest awards a brief may give add up without
// wrapping round, and no chart draws a bar of negative size.
func TestLargeAwards(t *testing.T) {
	_, fsys := fixture(t, "small")
	for i := range 2 {
		fsys[fmt.Sprintf("content/opportunities/big-%d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(`+++
title = "Big"
reference = "BIG-%d"
buyer = "camden"
published = 2026-06-01T09:00:00Z
deadline = 2026-07-01T12:00:00Z
summary = "A very large contract."
category = "works"
topics = ["cleaning"]
apply_url = "https://example.org/bid"
stage = "awarded"
[contact]
email = "a@camden.example"
[award]
supplier = "Big Co"
value = %d
date = 2026-10-01
sme = true
+++
Text.
`, i, brief.MaxMoney))}
	}
	out := buildSite(t, fsys, "")
	progress := string(out["progress/index.html"])
	if !strings.Contains(progress, "£200,000,000,000") {
		t.Errorf("the network total of two £100bn awards is not £200,000,000,000")
	}
	if strings.Contains(progress, "-£") || regexp.MustCompile(`(height|width)="-`).MatchString(progress) {
		t.Errorf("a negative sum or bar on the progress page")
	}
}

// TestStaticUnderAPage: a static file in a folder named like a file the
// site makes is a finding at the static file, not a failure to write.
func TestStaticUnderAPage(t *testing.T) {
	_, fsys := fixture(t, "small")
	fsys["static/feed.xml/x.txt"] = &fstest.MapFile{Data: []byte("x")}
	_, list, err := build.Build(t.Context(), fsys, defaults, build.Options{Now: fixedNow})
	if err != nil || !strings.Contains(list.Error(), "static/feed.xml/x.txt:1:1: static/feed.xml/x.txt has the same address as a page the site makes") {
		t.Errorf("err %v, findings:\n%v", err, list.Err())
	}
}

// TestLondonWideCountsOnce: on /progress/, an open brief for the whole of
// London counts once, under London-wide, not in each of the 33 boroughs.
func TestLondonWideCountsOnce(t *testing.T) {
	_, fsys := fixture(t, "small")
	fsys["content/opportunities/wide.md"] = &fstest.MapFile{Data: []byte(`+++
title = "Interpreting across London"
reference = "WIDE-1"
buyer = "camden"
published = 2026-11-20T09:00:00Z
deadline = 2026-12-18T12:00:00Z
summary = "Interpreters."
category = "services"
topics = ["cleaning"]
boroughs = ["london-wide"]
value_max = 250000
apply_url = "https://example.org/bid"
[contact]
email = "a@camden.example"
+++
Text.
`)}
	out := buildSite(t, fsys, "")
	page := string(out["progress/index.html"])
	table := page[strings.Index(page, "<caption>Open value by borough"):]
	table = table[:strings.Index(table, "</table>")]
	if !strings.Contains(table, `London-wide</a></th><td class="num">2</td><td class="num">£268,000</td>`) {
		t.Errorf("the London-wide row does not count both london-wide briefs:\n%s", table)
	}
	if strings.Contains(table, "Sutton") || strings.Count(table, `<tr><th scope="row"`) != 2 {
		t.Errorf("london-wide work is counted in the boroughs too:\n%s", table)
	}
	// It is still listed on each borough's page.
	if !strings.Contains(string(out["boroughs/sutton/index.html"]), "Interpreting across London") {
		t.Errorf("a london-wide brief is not listed on a borough's page")
	}
}

// TestFeedIDHost: with [feeds] id_host set, moving the site to another
// address changes no feed id and no calendar UID.
func TestFeedIDHost(t *testing.T) {
	_, fsys := fixture(t, "small")
	cfg := string(fsys["site.toml"].Data)
	fsys["site.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(cfg, `base_url = "https://example.org/opps/"`, "base_url = \"https://example.org/opps/\"\n[feeds]\nid_host = \"opps.example.org\"", 1))}
	first := buildSite(t, fsys, "")
	moved := buildSite(t, fsys, "https://org.github.io/tenders/")
	a, b := guids(first, "feed.xml"), guids(moved, "feed.xml")
	if strings.Join(a, " ") != strings.Join(b, " ") || !strings.HasPrefix(a[0], "tag:opps.example.org,2026:") {
		t.Errorf("ids moved with the site:\n%v\n%v", a, b)
	}
	if !bytes.Contains(moved["deadlines.ics"], []byte("-deadline@opps.example.org")) {
		t.Error("calendar UIDs are not made with id_host")
	}
}
