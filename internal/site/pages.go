package site

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"

	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/parallel"
)

// pageKind is one kind of page the site makes: a row of pageKinds.
// Adding a kind of page is a row, the function that makes its pages and a
// template.
type pageKind struct {
	template string // the template that renders it
	// pages makes the pages of the kind, each with its address (Path), its
	// data and, when it has them, its own feeds (FeedSet, Feeds).
	pages func(r *renderer) ([]*Page, *diag.Diagnostic)
	// key, when set, names everything but the generation that a page's
	// bytes depend on, so tenders serve reuses the page while the key
	// stays the same. Without it a page is made afresh every time: the
	// right choice for pages not made from lists of briefs, and the safe
	// one for a new kind.
	key func(template string, p *Page) string
	// file is the page's file when it is not Path + "index.html".
	file string
}

// pageKinds is every kind of page but a brief's own (opportunity.html),
// which renderOpps makes together with its card and calendar from one
// parse of the body.
var pageKinds = []pageKind{
	{template: "home.html", pages: (*renderer).homePage, key: listPageKey},
	{template: "list.html", pages: (*renderer).opportunityLists, key: listPageKey},
	{template: "progress.html", pages: (*renderer).progressPage},
	{template: "data.html", pages: (*renderer).dataPage},
	{template: "submit.html", pages: (*renderer).submitPage},
	{template: "check.html", pages: (*renderer).checkPage},
	{template: "feeds.html", pages: (*renderer).feedsPage, key: feedsPageKey},
	{template: "facets.html", pages: (*renderer).facetIndexes, key: listPageKey},
	{template: "facet.html", pages: (*renderer).facetPages, key: listPageKey},
	{template: "events.html", pages: (*renderer).eventsPage, key: eventsPageKey},
	{template: "event.html", pages: (*renderer).eventPages},
	{template: "page.html", pages: (*renderer).plainPages},
	{template: "404.html", pages: (*renderer).notFoundPage, file: "404.html"},
}

// job is one page to render.
type job struct {
	path string // output file
	kind *pageKind
	page *Page
}

func (r *renderer) page(dir, title, section string) *Page {
	return &Page{
		Site:    r.Config,
		Root:    rootFor(dir),
		Path:    dir,
		Title:   title,
		Now:     r.Now,
		Section: section,
		Footer:  r.foot,
		Feeds:   r.siteLinks, // shared: a page that adds its own appends to a copy
	}
}

// rootFor is the relative path from a page in dir back to the site root.
func rootFor(dir string) string {
	n := strings.Count(dir, "/")
	if n == 0 {
		return "./"
	}
	return strings.Repeat("../", n)
}

// jobs lists every page of every kind but briefs', in the table's order.
func (r *renderer) jobs() ([]job, *diag.Diagnostic) {
	var jobs []job
	for i := range pageKinds {
		k := &pageKinds[i]
		pages, d := k.pages(r)
		if d != nil {
			return nil, d
		}
		for _, p := range pages {
			path := cmpOr(k.file, p.Path+"index.html")
			jobs = append(jobs, job{path: path, kind: k, page: p})
		}
	}
	return jobs, nil
}

// listPageKey is the key of a page made from lists of briefs: the lists,
// and what else the page says.
func listPageKey(tmpl string, p *Page) string {
	var recent []*Opp
	var counts []int
	if p.Facet != nil && p.Facet.Kind == "buyer" && (p.Paging == nil || p.Paging.Number == 1) {
		recent = p.Facet.Past // its progress adds up every award
	}
	if pg := p.Paging; pg != nil {
		counts = append(counts, pg.Number, pg.Count, pg.Open, pg.Upcoming, pg.Past)
	}
	if p.Facets != nil {
		for _, f := range p.Facets.Facets {
			counts = append(counts, f.Count())
		}
	}
	if p.Map != nil {
		for _, a := range p.Map.Areas {
			counts = append(counts, a.Open)
		}
	}
	return listKey(tmpl, p.Path, p.Title, p.Description, p.Open, p.Upcoming, p.Past, recent, counts)
}

// feedsPageKey is the key of the feeds page: every feed set's briefs
// (a facet's set holds those it counts: open and coming up).
func feedsPageKey(tmpl string, p *Page) string {
	parts := []any{tmpl, p.Path, p.Title, p.Description}
	for _, set := range p.Sets {
		parts = append(parts, set.Title, set.Opps)
	}
	return listKey(parts...)
}

func (r *renderer) homePage() ([]*Page, *diag.Diagnostic) {
	home := r.page("", r.Config.Title, "home")
	home.Description = r.Config.Description
	home.Open, home.Upcoming = r.open, r.upcoming
	home.Map = r.boroughMap()
	pages := r.paged(home)
	for _, p := range pages[1:] {
		p.Title = "Open opportunities"
	}
	return pages, nil
}

// opportunityLists are /opportunities/, /opportunities/closed/ and
// /closing-soon/.
func (r *renderer) opportunityLists() ([]*Page, *diag.Diagnostic) {
	all := r.page("opportunities/", "All opportunities", "opportunities")
	all.Open, all.Upcoming, all.Past = r.open, r.upcoming, r.past
	closed := r.page("opportunities/closed/", "Closed opportunities", "opportunities")
	closed.Past = r.past
	soon := r.page(r.soonFeeds.Page, r.soonFeeds.Title, "opportunities")
	soon.Description = "Opportunities whose deadline is within the next " + strconv.Itoa(r.Config.Feeds.ClosingSoonDays) + " days."
	for _, o := range r.open {
		if o.ClosingSoon {
			soon.Open = append(soon.Open, o)
		}
	}
	soon.FeedSet = r.soonFeeds
	soon.Feeds = append(soon.Feeds, r.soonFeeds.Links()...)
	var pages []*Page
	for _, p := range []*Page{all, closed, soon} {
		pages = append(pages, r.paged(p)...)
	}
	return pages, nil
}

func (r *renderer) progressPage() ([]*Page, *diag.Diagnostic) {
	pg := r.page("progress/", "Where the money goes", "progress")
	pg.Description = "How much of the network's awarded spending reaches small businesses, charities and social enterprises, and local firms, against its pledge."
	pg.Progress, pg.Buyers = r.network, r.buyerProgress
	pg.ByTopic, pg.ByArea = openValues(r.topics), openValues(r.boroughs)
	return []*Page{pg}, nil
}

func (r *renderer) dataPage() ([]*Page, *diag.Diagnostic) {
	dp := r.page("data/", "Open data", "data")
	dp.Description = "Every opportunity as open data: an Open Contracting Data Standard release package and CSV files."
	return []*Page{dp}, nil
}

func (r *renderer) submitPage() ([]*Page, *diag.Diagnostic) {
	sp := r.page("submit/", "Publish an opportunity", "submit")
	sp.Description = "How a member of the network publishes an opportunity on this site."
	sp.Submit = r.submitLinks()
	return []*Page{sp}, nil
}

func (r *renderer) feedsPage() ([]*Page, *diag.Diagnostic) {
	fp := r.page("feeds/", "Get alerts", "feeds")
	fp.Description = "Get new opportunities by feed, by e-mail or in your calendar, for the topics, boroughs and buyers you care about."
	fp.Sets = r.sets
	return []*Page{fp}, nil
}

// facetIndexes are /topics/, /boroughs/ and /buyers/.
func (r *renderer) facetIndexes() ([]*Page, *diag.Diagnostic) {
	var pages []*Page
	for _, k := range r.kinds {
		p := r.page(k.Path, k.Title, strings.TrimSuffix(k.Path, "/"))
		p.Description = k.Intro
		p.Facets = k
		if k == r.boroughs {
			p.Map = r.boroughMap()
		}
		pages = append(pages, p)
	}
	return pages, nil
}

// facetPages are each topic's, borough's and buyer's page, with its feeds.
func (r *renderer) facetPages() ([]*Page, *diag.Diagnostic) {
	var pages []*Page
	for _, k := range r.kinds {
		for _, f := range k.Facets {
			p := r.page(f.URL, f.Name, strings.TrimSuffix(k.Path, "/"))
			p.Description = f.Description
			p.Facet, p.Facets = f, k
			p.FeedSet = f.Feeds
			p.Feeds = append(p.Feeds, f.Feeds.Links()...)
			p.Open, p.Upcoming, p.Past = f.Open, f.Upcoming, f.Past
			pages = append(pages, r.paged(p)...)
		}
	}
	return pages, nil
}

func (r *renderer) eventsPage() ([]*Page, *diag.Diagnostic) {
	evs := r.page("events/", "Events", "events")
	evs.Description = "Meet-the-buyer days, briefings and site visits."
	for _, e := range r.evs {
		if e.Past {
			evs.OldEvent = append(evs.OldEvent, e)
		} else {
			evs.Events = append(evs.Events, e)
		}
	}
	slices.Reverse(evs.OldEvent)
	return []*Page{evs}, nil
}

// eventPages are the pages of content/events/; an event of a brief is
// shown on the brief's page.
func (r *renderer) eventPages() ([]*Page, *diag.Diagnostic) {
	var pages []*Page
	for _, e := range r.evs {
		if e.Page == nil {
			continue
		}
		p := r.page(e.URL, e.Title, "events")
		p.Description = e.Page.Summary
		p.Event = e
		pages = append(pages, p)
	}
	return pages, nil
}

func (r *renderer) plainPages() ([]*Page, *diag.Diagnostic) {
	var pages []*Page
	for _, d := range r.Content.Pages {
		p := r.page(d.Slug+"/", d.Title, d.Slug)
		p.Description = d.Description
		p.Doc = d
		html, err := r.md.Render(d.Body)
		if err != nil {
			return nil, &diag.Diagnostic{File: d.File, Line: d.BodyLine, Col: 1, Severity: diag.Error, Rule: "invalid", Message: "cannot render the body: " + err.Error()}
		}
		p.Body = template.HTML(html)
		pages = append(pages, p)
	}
	return pages, nil
}

// notFoundPage is 404.html, which a host serves at any address: its links
// are absolute.
func (r *renderer) notFoundPage() ([]*Page, *diag.Diagnostic) {
	nf := r.page("", "Page not found", "")
	nf.Root = r.Config.Base.String()
	nf.NotFound = true
	return []*Page{nf}, nil
}

func (r *renderer) render() (diag.List, error) {
	jobs, d := r.jobs()
	if d != nil {
		return diag.List{*d}, nil
	}
	errs := make([]error, len(jobs))
	parallel.Each(r.ctx, len(jobs), func(i int) {
		j := jobs[i]
		exec := func() (*bytes.Buffer, error) {
			buf := r.buffer(r.sizes.hint(j.kind.template))
			err := r.tmpl[j.kind.template].ExecuteTemplate(buf, "base.html", j.page)
			r.sizes.saw(j.kind.template, buf.Len())
			return buf, err
		}
		make := func() ([]byte, error) {
			buf, err := exec()
			return buf.Bytes(), err
		}
		if r.Cache == nil {
			// Made once, kept nowhere: in a buffer the sink gives back.
			buf, err := exec()
			if err == nil {
				r.putBuffer(j.path, buf)
			}
			errs[i] = err
			return
		}
		if j.kind.key == nil {
			data, err := make()
			if err == nil {
				r.put(j.path, r.join(r.split(data)))
			}
			errs[i] = err
			return
		}
		errs[i] = r.memo(j.path, func() string { return j.kind.key(j.kind.template, j.page) }, make)
	})
	var list diag.List
	seen := map[string]bool{}
	for i, j := range jobs {
		if errs[i] != nil {
			if d := templateDiag(j.kind.template, errs[i]); !seen[d.String()] {
				seen[d.String()] = true
				list = append(list, d)
			}
		}
	}
	if len(list) > 0 {
		list.Sort()
		return list, nil
	}
	if err := r.failure(); err != nil {
		return nil, err
	}
	if err := r.writeFeeds(); err != nil {
		return nil, fmt.Errorf("cannot make the feeds: %w", err)
	}
	r.writeCalendars()
	if err := r.failure(); err != nil {
		return nil, err
	}
	if d := r.writeAliases(); d != nil {
		return diag.List{*d}, nil
	}
	r.writeHostFiles()
	r.writeEditor()
	r.writeChecker()
	r.writeSearch()
	_ = r.memo("sitemap.xml", func() string { return sitemapKey(jobs, r.opps) }, func() ([]byte, error) { return r.sitemap(jobs), nil })
	r.put("robots.txt", []byte("User-agent: *\nAllow: /\n\nSitemap: "+r.Config.URL("sitemap.xml")+"\n"))
	if d := r.copyStatic(); d != nil {
		return diag.List{*d}, nil
	}
	return nil, nil
}
