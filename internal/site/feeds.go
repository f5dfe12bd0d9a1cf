package site

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"slices"
	"strings"
	"time"

	"github.com/gorilla/feeds"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/parallel"
	"github.com/london-anchors/tenders/internal/safetext"
)

// FeedSet is one group of feeds and calendars: the whole site, a topic, a
// borough, a buyer, or the briefs closing soon. Its files live in Dir:
// feed.xml (RSS 2.0), atom.xml (Atom 1.0), feed.json (JSON Feed 1.1) and
// deadlines.ics.
type FeedSet struct {
	Key   string // "site", "closing-soon", or the facet's key
	Kind  string // "site", "topic", "borough", "buyer", "closing-soon"
	Title string // what a feed reader shows
	Dir   string // "" for the site, or "topics/cleaning/"
	Page  string // the page the feeds belong to
	Opps  []*Opp // open and upcoming briefs, in no particular order
}

// Files of a feed set.
func (s *FeedSet) RSS() string       { return s.Dir + "feed.xml" }
func (s *FeedSet) Atom() string      { return s.Dir + "atom.xml" }
func (s *FeedSet) JSON() string      { return s.Dir + "feed.json" }
func (s *FeedSet) Deadlines() string { return s.Dir + "deadlines.ics" }

// FeedLink is a feed as an HTML head or page links to it.
type FeedLink struct {
	Title string
	Type  string // MIME type
	URL   string // path inside the site
}

// Links returns the set's three feeds, for <link rel="alternate">.
func (s *FeedSet) Links() []FeedLink {
	return []FeedLink{
		{s.Title + " (RSS)", "application/rss+xml", s.RSS()},
		{s.Title + " (Atom)", "application/atom+xml", s.Atom()},
		{s.Title + " (JSON Feed)", "application/feed+json", s.JSON()},
	}
}

// Count is how many briefs the set holds now.
func (s *FeedSet) Count() int { return len(s.Opps) }

// feedSets makes the site's feed sets: the whole site, closing soon, and
// one for every topic, borough and buyer.
func (r *renderer) feedSets() {
	var live []*Opp
	for _, o := range r.opps {
		if o.IsOpen() || o.IsUpcoming() {
			live = append(live, o)
		}
	}
	var soon []*Opp
	for _, o := range live {
		if o.ClosingSoon {
			soon = append(soon, o)
		}
	}
	r.siteFeeds = &FeedSet{Key: "site", Kind: "site", Title: r.Config.Title, Dir: "", Page: "", Opps: live}
	r.soonFeeds = &FeedSet{Key: "closing-soon", Kind: "closing-soon", Title: fmt.Sprintf("Closing within %d days", r.Config.Feeds.ClosingSoonDays), Dir: "closing-soon/", Page: "closing-soon/", Opps: soon}
	r.siteLinks = slices.Clip(r.siteFeeds.Links())
	r.sets = []*FeedSet{r.siteFeeds, r.soonFeeds}
	for _, k := range r.kinds {
		for _, f := range k.Facets {
			f.Feeds = &FeedSet{Key: f.Key, Kind: f.Kind, Title: f.Name + " – " + r.Config.Title, Dir: f.URL, Page: f.URL,
				Opps: append(slices.Clone(f.Open), f.Upcoming...)}
			r.sets = append(r.sets, f.Feeds)
		}
	}
}

// tagID makes a feed or calendar id from a reference: a tag: URI (RFC 4151)
// on the site's host, which never changes when a brief's title, file name
// or text does. The date in it is fixed, as the scheme asks.
func (r *renderer) tagID(specific string) string {
	return "tag:" + r.Config.IDHost() + ",2026:" + specific
}

// feedItem is one entry: a brief, or one of its updates.
type feedItem struct {
	opp     *Opp
	update  *brief.Update // nil for the brief itself
	created time.Time
	updated time.Time
	id      string
}

func (r *renderer) items(set *FeedSet) []feedItem {
	var items []feedItem
	for _, o := range set.Opps {
		items = append(items, feedItem{opp: o, created: o.Published.Time, updated: o.Updated, id: r.tagID(o.Reference)})
		for i := range o.Brief.Updates {
			u := &o.Brief.Updates[i]
			items = append(items, feedItem{opp: o, update: u, created: u.Date.Time, updated: u.Date.Time,
				id: r.tagID(o.Reference + "/update/" + u.Date.UTC().Format("20060102T150405Z"))})
		}
	}
	slices.SortStableFunc(items, func(a, b feedItem) int {
		if c := b.created.Compare(a.created); c != 0 {
			return c
		}
		return strings.Compare(a.id, b.id)
	})
	if n := r.Config.Feeds.Items; len(items) > n {
		items = items[:n]
	}
	return items
}

// keyFacts is what a supplier scans first, as plain text and as HTML.
func (r *renderer) keyFacts(o *Opp) (text, htm string) {
	facts := [][2]string{{"Value", o.Value}}
	switch {
	case o.Deadline.IsSet():
		facts = append(facts, [2]string{"Deadline", When(o.Deadline.Time, r.loc)})
	default:
		facts = append(facts, [2]string{"Deadline", "not set yet (" + strings.ToLower(o.StatusLabel) + ")"})
	}
	facts = append(facts, [2]string{"Buyer", o.Buyer.Name})
	suits := "any supplier that can do the work"
	if len(o.SuitableFor) > 0 {
		var s []string
		for _, k := range o.SuitableFor {
			s = append(s, strings.TrimPrefix(brief.SuitableFor[k], "Suitable for "))
		}
		suits = strings.Join(s, "; ")
	}
	facts = append(facts, [2]string{"Suits", suits})
	ins := "none asked for"
	if len(o.Insurance) > 0 {
		var s []string
		for _, in := range o.Insurance {
			s = append(s, fmt.Sprintf("%s %s (%s)", brief.InsuranceKinds[in.Kind], Money(in.Amount), brief.InsuranceNeeded[cmpOr(in.Needed, "at-award")]))
		}
		ins = strings.Join(s, "; ")
	}
	facts = append(facts, [2]string{"Insurance", ins})
	var t, h strings.Builder
	h.WriteString("<ul>")
	for _, f := range facts {
		fmt.Fprintf(&t, "%s: %s. ", f[0], f[1])
		fmt.Fprintf(&h, "<li><strong>%s:</strong> %s</li>", f[0], html.EscapeString(safetext.Strip(f[1])))
	}
	h.WriteString("</ul>")
	return t.String(), h.String()
}

// feed builds the generic gorilla/feeds document of a set.
func (r *renderer) feed(set *FeedSet) (*feeds.Feed, []feedItem) {
	items := r.items(set)
	f := &feeds.Feed{
		Title:       safetext.Strip(set.Title),
		Link:        &feeds.Link{Href: r.Config.URL(set.Page)},
		Description: "Open opportunities to bid for: " + set.Title,
		Id:          r.tagID("feed/" + cmpOr(set.Dir, "all")),
		Updated:     r.newest,
	}
	if set.Kind != "site" {
		f.Description = "Open opportunities to bid for, from " + r.Config.Title + ": " + strings.TrimSuffix(set.Title, " – "+r.Config.Title)
	}
	f.Description = safetext.Strip(f.Description)
	if len(items) > 0 {
		f.Updated = items[0].updated
		for _, it := range items {
			if it.updated.After(f.Updated) {
				f.Updated = it.updated
			}
		}
	}
	f.Created = f.Updated
	for _, it := range items {
		o := it.opp
		link := r.Config.URL(o.URL)
		text, htm := r.keyFacts(o)
		// Description is plain text: RSS and Atom get it escaped as HTML
		// (feedFiles), JSON Feed as it is. Content is HTML.
		item := &feeds.Item{
			Id:          it.id,
			Title:       safetext.Strip(o.Title),
			Link:        &feeds.Link{Href: link},
			Author:      &feeds.Author{Name: safetext.Strip(o.Buyer.Name), Email: o.Contact.Email},
			Created:     it.created,
			Updated:     it.updated,
			Description: safetext.Strip(text + o.Summary),
			Content:     htm + "<p>" + html.EscapeString(safetext.Strip(o.Summary)) + "</p>",
		}
		if r.Config.Feeds.FullContent {
			item.Content = htm + safetext.Strip(string(o.BodyHTML))
		}
		if u := it.update; u != nil {
			item.Title = safetext.Strip("Update: " + o.Title + ": " + u.Text)
			item.Link = &feeds.Link{Href: link + "#updates"}
			item.Description = safetext.Strip(u.Text + " " + text)
			item.Content = "<p>" + html.EscapeString(safetext.Strip(u.Text)) + "</p>" + htm
		}
		f.Items = append(f.Items, item)
	}
	return f, items
}

func (o *Opp) categories() []string {
	var cs []string
	for _, t := range o.Topics {
		cs = append(cs, t.Name)
	}
	for _, b := range o.Boroughs {
		cs = append(cs, b.Name)
	}
	return cs
}

// The feed documents. gorilla/feeds builds each one; its item types hold at
// most one category, so these wrappers add the list of categories (topics
// and boroughs) that a supplier's reader can filter on. Outer fields shadow
// the embedded ones of the same name, in XML and JSON alike.
type rssDoc struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	Content string   `xml:"xmlns:content,attr"`
	Atom    string   `xml:"xmlns:atom,attr"`
	Channel rssChannel
}

type rssChannel struct {
	XMLName xml.Name `xml:"channel"`
	*feeds.RssFeed
	Self  atomLink   `xml:"atom:link"`
	Items []*rssItem `xml:"item"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
}

type rssItem struct {
	XMLName xml.Name `xml:"item"`
	*feeds.RssItem
	Categories []string `xml:"category"`
}

type atomDoc struct {
	XMLName xml.Name `xml:"feed"`
	*feeds.AtomFeed
	Links   []atomLink   `xml:"link"` // the page, and the feed itself
	Entries []*atomEntry `xml:"entry"`
}

type atomEntry struct {
	XMLName xml.Name `xml:"entry"`
	*feeds.AtomEntry
	Categories []atomCategory `xml:"category"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type jsonDoc struct {
	*feeds.JSONFeed
	Items []*jsonItem `json:"items"` // never omitted: JSON Feed requires it
}

type jsonItem struct {
	*feeds.JSONItem
	Tags []string `json:"tags,omitempty"`
}

// writeFeeds renders every feed set's RSS, Atom and JSON Feed, in
// parallel. With a cache, a set whose briefs are all as before is not
// rendered again.
func (r *renderer) writeFeeds() error {
	errs := make([]error, len(r.sets))
	parallel.Each(r.ctx, len(r.sets), func(i int) {
		set := r.sets[i]
		names := []string{set.RSS(), set.Atom(), set.JSON()}
		key := func() string { return listKey("feeds", set.Title, set.Dir, r.newest, set.Opps) }
		errs[i] = r.memoMany(names, key, func() ([][]byte, error) { return r.feedFiles(set) })
	})
	return errors.Join(errs...)
}

// feedFiles renders one set's RSS, Atom and JSON Feed.
func (r *renderer) feedFiles(set *FeedSet) ([][]byte, error) {
	f, items := r.feed(set)
	cats := make([][]string, len(items))
	for i, it := range items {
		cats[i] = it.opp.categories()
	}

	rss := (&feeds.Rss{Feed: f}).RssFeed()
	// RSS readers show <description> as HTML: plain text must be escaped
	// for it, or "<script>" in an update would run in a reader.
	rss.Description = html.EscapeString(rss.Description)
	for _, it := range rss.Items {
		it.Description = html.EscapeString(it.Description)
	}
	rss.Language = r.Config.Language
	rss.Generator = "tenders"
	doc := rssDoc{Version: "2.0", Content: "http://purl.org/rss/1.0/modules/content/", Atom: "http://www.w3.org/2005/Atom",
		Channel: rssChannel{RssFeed: rss, Self: atomLink{r.Config.URL(set.RSS()), "self", "application/rss+xml"}}}
	for i, it := range rss.Items {
		it.Author = f.Items[i].Author.Email + " (" + f.Items[i].Author.Name + ")"
		it.Guid.IsPermaLink = "false"
		doc.Channel.Items = append(doc.Channel.Items, &rssItem{RssItem: it, Categories: cats[i]})
	}
	rss.Items = nil
	rssData, err := marshalXML(doc)
	if err != nil {
		return nil, err
	}

	atom := (&feeds.Atom{Feed: f}).AtomFeed()
	for _, e := range atom.Entries {
		if e.Summary != nil && e.Summary.Type == "html" {
			e.Summary.Content = html.EscapeString(e.Summary.Content)
		}
	}
	adoc := atomDoc{AtomFeed: atom, Links: []atomLink{
		{r.Config.URL(set.Page), "alternate", "text/html"},
		{r.Config.URL(set.Atom()), "self", "application/atom+xml"},
	}}
	atom.Link = nil
	for i, e := range atom.Entries {
		var ac []atomCategory
		for _, c := range cats[i] {
			ac = append(ac, atomCategory{c})
		}
		adoc.Entries = append(adoc.Entries, &atomEntry{AtomEntry: e, Categories: ac})
	}
	atom.Entries = nil
	atomData, err := marshalXML(adoc)
	if err != nil {
		return nil, err
	}

	js := (&feeds.JSON{Feed: f}).JSONFeed()
	js.FeedUrl = r.Config.URL(set.JSON())
	js.Language = r.Config.Language
	jdoc := jsonDoc{JSONFeed: js, Items: []*jsonItem{}}
	for i, it := range js.Items {
		it.Author = nil // deprecated in JSON Feed 1.1; authors stays
		jdoc.Items = append(jdoc.Items, &jsonItem{JSONItem: it, Tags: cats[i]})
	}
	js.Items = nil
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(jdoc); err != nil {
		return nil, err
	}
	return [][]byte{rssData, atomData, buf.Bytes()}, nil
}

func marshalXML(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}
