package site

import (
	"strconv"
)

// Paging says where a page stands in a listing that runs over several
// pages: a listing's page 1 is at its own address, page N at "page/N/"
// under it.
type Paging struct {
	Number, Count int       // this page's number, from 1, and how many pages there are
	From, To      int       // the positions of its first and last opportunity, from 1
	Total         int       // the opportunities on all the pages together
	Open          int       // of which open, across all the pages
	Upcoming      int       // coming soon, across all the pages
	Past          int       // closed, awarded or cancelled, across all the pages
	Prev, Next    *PageLink // nil at either end
	Links         []PageLink
}

// PageLink is one link of a pager. A link with no Number is the gap
// between numbers that are far apart.
type PageLink struct {
	Number  int
	Path    string // inside the site
	Current bool
}

// pagePath is the path of page n of the listing at dir.
func pagePath(dir string, n int) string {
	if n == 1 {
		return dir
	}
	return dir + "page/" + strconv.Itoa(n) + "/"
}

// paged splits a listing page, which holds all its opportunities, into
// pages of r.Config.PerPage: its open ones first, then those coming soon,
// then the closed ones, each page taking the next slice of each. Page 1
// keeps everything else the page shows; the pages after it show only
// their slice of the listing. A listing with nothing in it is one page.
func (r *renderer) paged(p *Page) []*Page {
	per := r.Config.PerPage
	sections := [][]*Opp{p.Open, p.Upcoming, p.Past}
	total := len(p.Open) + len(p.Upcoming) + len(p.Past)
	count := max(1, (total+per-1)/per)
	pages := make([]*Page, count)
	for i := range pages {
		q := p
		if i > 0 {
			q = r.page(pagePath(p.Path, i+1), p.Title, p.Section)
			q.Facet, q.Facets, q.FeedSet, q.Feeds = p.Facet, p.Facets, p.FeedSet, p.Feeds
			q.Description = p.Description
		}
		from, to := i*per, min(total, (i+1)*per)
		parts := make([][]*Opp, 3)
		at := 0
		for s, list := range sections {
			lo, hi := max(from, at), min(to, at+len(list))
			if lo < hi {
				parts[s] = list[lo-at : hi-at]
			}
			at += len(list)
		}
		pg := &Paging{Number: i + 1, Count: count, From: from + 1, To: to, Total: total,
			Open: len(sections[0]), Upcoming: len(sections[1]), Past: len(sections[2])}
		pg.Links = pageLinks(p.Path, i+1, count)
		if i > 0 {
			pg.Prev = &PageLink{Number: i, Path: pagePath(p.Path, i)}
		}
		if i+1 < count {
			pg.Next = &PageLink{Number: i + 2, Path: pagePath(p.Path, i+2)}
		}
		pages[i] = q
		q.Open, q.Upcoming, q.Past, q.Paging = parts[0], parts[1], parts[2], pg
	}
	return pages
}

// pageLinks are the numbered links of a pager: the first and last pages,
// and the two either side of the current one, with a gap where numbers
// are left out.
func pageLinks(dir string, current, count int) []PageLink {
	var links []PageLink
	last := 0
	add := func(n int) {
		if n < 1 || n > count || n <= last {
			return
		}
		if last != 0 && n > last+1 {
			links = append(links, PageLink{})
		}
		links = append(links, PageLink{Number: n, Path: pagePath(dir, n), Current: n == current})
		last = n
	}
	add(1)
	for n := current - 2; n <= current+2; n++ {
		add(n)
	}
	add(count)
	return links
}
