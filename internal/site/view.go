package site

import (
	"html/template"
	"time"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
)

// Page is the data every template gets.
type Page struct {
	Site        *config.Config
	Root        string // relative path from this page to the site's root, ending in "/"
	Path        string // this page's path inside the site, such as "opportunities/x/"
	Title       string
	Description string
	Now         time.Time
	Footer      []Named // plain pages, for the footer
	Section     string  // "home", "opportunities", "topics", ... for the navigation
	NotFound    bool    // the 404 page: no canonical address

	Opp      *Opp   // an opportunity's own page
	Open     []*Opp // open opportunities, closing soonest first
	Upcoming []*Opp // pipeline and engagement
	Past     []*Opp // closed, awarded and cancelled, newest first
	Facet    *Facet
	Facets   *FacetKind
	Events   []*EventView // upcoming
	OldEvent []*EventView // past
	Event    *EventView
	Doc      *brief.Page
	Body     template.HTML
	Feeds    []FeedLink   // for <link rel="alternate">: the site's feeds, and this page's own
	FeedSet  *FeedSet     // this page's own feeds and calendar, if it has them
	Sets     []*FeedSet   // every feed set, on the feeds page
	Progress *Progress    // the network's awards, or a buyer's on its page
	Buyers   []*Progress  // each buyer's awards, on the progress page
	ByTopic  []OpenValue  // open value by topic, on the progress page
	ByArea   []OpenValue  // open value by borough, on the progress page
	Submit   []SubmitLink // a new-file link for each buyer, on the submit page
	Checker  *Checker     // the checker's settings and files, on /check/
	Map      *BoroughMap  // the map of open opportunities by borough, on the home and boroughs pages
	Paging   *Paging      // where a listing's page stands among its pages
}

// BoroughMap is the map of London's boroughs, each shaded by how many
// opportunities are open in it and linking to its page.
type BoroughMap struct {
	ViewBox     string
	Title, Desc string    // the map's title, and its figures in words
	Areas       []MapArea // every borough, in order of name
	Attribution string    // what the boundaries' licence asks the map to say
}

// MapArea is one borough on the map.
type MapArea struct {
	Named
	Open  int    // open opportunities in it, work across London included
	Shade int    // 0 for none, then 1 to 4 as Open grows: the class map-N
	D     string // its outline, the d of an SVG path
}

// SubmitLink opens GitHub's editor on a new brief for one buyer.
type SubmitLink struct {
	Buyer string
	URL   string
}

// Live reports whether the page shows a status that a deadline still to
// come will change: it then loads the status script, and says when it was
// last updated for readers without JavaScript.
func (p *Page) Live() bool {
	if p.Opp != nil {
		return p.Opp.IsLive()
	}
	return len(p.Open) > 0 // this page's own, when a listing is paged
}

// URL returns the absolute address of this page.
func (p *Page) URL() string { return p.Site.URL(p.Path) }

// Facet is one topic, borough or buyer and its opportunities.
type Facet struct {
	Named
	Kind        string // "topic", "borough" or "buyer"
	Description string
	Open        []*Opp
	Upcoming    []*Opp
	Past        []*Opp
	Feeds       *FeedSet
	Progress    *Progress // a buyer's awards
}

// FacetKind is all the facets of one kind.
type FacetKind struct {
	Kind   string // "topic", "borough" or "buyer"
	Title  string // "Topics"
	Path   string // "topics/"
	Intro  string
	Facets []*Facet
}

// EventView is an event as pages show it: from content/events/ or from a
// brief's [[events]].
type EventView struct {
	brief.Event
	KindLabel string
	URL       string // its own page, or the brief's events section
	Reference string
	Opp       *Opp // the brief it belongs to, if any
	Page      *brief.EventPage
	Buyer     *Named
	BodyHTML  template.HTML
	Past      bool
}

type navItem struct {
	Root, Target, Label string
	Current             bool
}

// filterArgs is what the "filters" template takes: the page's root and
// the kind of facet page it is on, whose own select it leaves out.
type filterArgs struct {
	Root  string
	Kind  string // of the facet page the form is on: "topic", "borough" or "buyer"; or ""
	Facet string // its search term, such as "topic:cleaning"
}

// mapArgs is what the "borough-map" template takes.
type mapArgs struct {
	Root string
	Map  *BoroughMap
}

// openTable is what the "open-values" template takes.
type openTable struct {
	Caption, Heading, Root string
	Rows                   []OpenValue
}

// alertArgs is what the "alerts" template takes.
type alertArgs struct {
	Root string
	Set  *FeedSet
	Name string
}

// listArgs is what the "opp-list" and "event-list" templates take.
type listArgs struct {
	Root   string
	Opps   []*Opp
	Events []*EventView
	Empty  string // what to say when the list is empty
}
