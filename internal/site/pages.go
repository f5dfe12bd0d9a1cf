package site

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"

	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/markdown"
	"github.com/london-anchors/tenders/internal/parallel"
)

// job is one page to render.
type job struct {
	path string // output file
	tmpl string
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
		Feeds:   r.sets[0].Links(),
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

func (r *renderer) jobs() ([]job, *diag.Diagnostic) {
	var jobs []job
	add := func(tmpl string, p *Page) {
		jobs = append(jobs, job{path: p.Path + "index.html", tmpl: tmpl, page: p})
	}
	open, upcoming, past := sortOpps(r.opps)

	home := r.page("", r.Config.Title, "home")
	home.Description = r.Config.Description
	home.Open, home.Upcoming = open, upcoming
	add("home.html", home)

	all := r.page("opportunities/", "All opportunities", "opportunities")
	all.Open, all.Upcoming, all.Past = open, upcoming, past
	add("list.html", all)

	closed := r.page("opportunities/closed/", "Closed opportunities", "opportunities")
	closed.Past = past
	add("list.html", closed)

	soon := r.page("closing-soon/", r.sets[1].Title, "opportunities")
	soon.Description = "Opportunities whose deadline is within the next " + strconv.Itoa(r.Config.Feeds.ClosingSoonDays) + " days."
	for _, o := range open {
		if o.ClosingSoon {
			soon.Open = append(soon.Open, o)
		}
	}
	soon.FeedSet = r.sets[1]
	soon.Feeds = append(soon.Feeds, r.sets[1].Links()...)
	add("list.html", soon)

	network := r.progressOf("The whole network", r.opps)
	var buyers []*Progress
	for _, f := range r.kinds[2].Facets {
		all := append(append(slices.Clone(f.Open), f.Upcoming...), f.Past...)
		bp := r.progressOf(f.Name, all)
		buyers = append(buyers, bp)
		f.Progress = bp
	}
	r.network, r.buyerProgress = network, buyers
	pg := r.page("progress/", "Where the money goes", "progress")
	pg.Description = "How much of the network's awarded spending reaches small businesses, charities and social enterprises, and local firms, against its pledge."
	pg.Progress, pg.Buyers = network, buyers
	pg.ByTopic, pg.ByArea = openValues(r.kinds[0]), openValues(r.kinds[1])
	add("progress.html", pg)
	dp := r.page("data/", "Open data", "data")
	dp.Description = "Every opportunity as open data: an Open Contracting Data Standard release package and CSV files."
	add("data.html", dp)

	sp := r.page("submit/", "Publish an opportunity", "submit")
	sp.Description = "How a member of the network publishes an opportunity on this site."
	sp.Submit = r.submitLinks()
	add("submit.html", sp)

	fp := r.page("feeds/", "Get alerts", "feeds")
	fp.Description = "Get new opportunities by feed, by e-mail or in your calendar, for the topics, boroughs and buyers you care about."
	fp.Sets = r.sets
	fp.Facets = nil
	add("feeds.html", fp)

	for _, k := range r.kinds {
		p := r.page(k.Path, k.Title, k.Path[:len(k.Path)-1])
		p.Description = k.Intro
		p.Facets = k
		add("facets.html", p)
		for _, f := range k.Facets {
			p := r.page(f.URL, f.Name, k.Path[:len(k.Path)-1])
			p.Description = f.Description
			p.Facet, p.Facets = f, k
			p.FeedSet = f.Feeds
			p.Feeds = append(p.Feeds, f.Feeds.Links()...)
			add("facet.html", p)
		}
	}
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
	add("events.html", evs)
	for _, e := range r.evs {
		if e.Page == nil {
			continue
		}
		p := r.page(e.URL, e.Title, "events")
		p.Description = e.Page.Summary
		p.Event = e
		add("event.html", p)
	}
	for _, d := range r.Content.Pages {
		p := r.page(d.Slug+"/", d.Title, d.Slug)
		p.Description = d.Description
		p.Doc = d
		html, err := markdown.Render(r.md, d.Body)
		if err != nil {
			return nil, &diag.Diagnostic{File: d.File, Line: d.BodyLine, Col: 1, Severity: diag.Error, Rule: "invalid", Message: "cannot render the body: " + err.Error()}
		}
		p.Body = template.HTML(html)
		add("page.html", p)
	}
	nf := r.page("", "Page not found", "")
	nf.Root = r.Config.Base.String()
	nf.NotFound = true
	jobs = append(jobs, job{path: "404.html", tmpl: "404.html", page: nf})
	return jobs, nil
}

func (r *renderer) render() (diag.List, error) {
	jobs, d := r.jobs()
	if d != nil {
		return diag.List{*d}, nil
	}
	errs := make([]error, len(jobs))
	parallel.Each(r.ctx, len(jobs), func(i int) {
		j := jobs[i]
		p := j.page
		make := func() ([]byte, error) {
			var buf bytes.Buffer
			err := r.tmpl[j.tmpl].ExecuteTemplate(&buf, "base.html", p)
			return buf.Bytes(), err
		}
		if p.Sets != nil || p.Event != nil || p.Doc != nil || p.Section == "events" || p.NotFound || p.Section == "progress" || p.Section == "data" || p.Section == "submit" {
			// Pages not made from lists of briefs are cheap: always made.
			data, err := make()
			if err == nil {
				r.put(j.path, data)
			}
			errs[i] = err
			return
		}
		errs[i] = r.memo(j.path, func() string {
			var recent []*Opp
			var counts []int
			if p.Facet != nil {
				recent = p.Facet.RecentPast()
				counts = append(counts, len(p.Facet.Past))
				if p.Facet.Kind == "buyer" {
					recent = p.Facet.Past // its progress adds up every award
				}
			}
			if p.Facets != nil {
				for _, f := range p.Facets.Facets {
					counts = append(counts, f.Count())
				}
			}
			return listKey(j.tmpl, p.Path, p.Title, p.Description, p.Open, p.Upcoming, p.Past, recent, counts)
		}, make)
	})
	var list diag.List
	seen := map[string]bool{}
	for i, j := range jobs {
		if errs[i] != nil {
			if d := templateDiag(j.tmpl, errs[i]); !seen[d.String()] {
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
	if err := r.writeData(); err != nil {
		return nil, err // the sink names the file
	}
	if d := r.writeAliases(); d != nil {
		return diag.List{*d}, nil
	}
	r.writeHostFiles()
	r.put("sitemap.xml", r.sitemap(jobs))
	r.put("robots.txt", []byte("User-agent: *\nAllow: /\n\nSitemap: "+r.Config.URL("sitemap.xml")+"\n"))
	if d := r.copyStatic(); d != nil {
		return diag.List{*d}, nil
	}
	return nil, nil
}
