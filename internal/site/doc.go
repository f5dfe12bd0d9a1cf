// Package site renders a tenders site: from the checked content, site.toml
// and a clock it makes every file of the published site and hands each to
// a Sink (internal/publish writes them to the output folder; tests and
// tenders serve keep them in memory). It reads nothing but the fs.FS of
// templates and static files it is given, and writes nothing itself.
//
// This documentation is the manual for people who change a site's look:
// which templates there are, what data each gets, and the functions they
// may call. A test fails when a template function is registered but not
// listed here.
//
// # Templates
//
// Pages are rendered with html/template. The built-in templates are in
// internal/theme; a file of the same name in a site's own templates/ folder
// takes the place of one, so a site can change one page and keep the rest.
// base.html is the layout of every page and defines "nav-item"; each page
// template defines "main" (and may define "head"); partials.html holds the
// pieces several pages share.
//
//	template          pages (pageKinds)                                  the *Page fields it reads
//	base.html         every page                                         Site, Root, Path, Title, Description, Feeds, Footer, Section, NotFound, Paging
//	home.html         /, and /page/N/ after it                           Open, Upcoming, Paging; Map
//	list.html         /opportunities/, /opportunities/closed/,           Open, Upcoming, Past, Paging; FeedSet on closing soon
//	                  /closing-soon/, and each one's page/N/
//	opportunity.html  /opportunities/<slug>/, one for each brief          Opp (with BodyHTML)
//	facets.html       /topics/, /boroughs/, /buyers/                     Facets; Map on /boroughs/
//	facet.html        /topics/<key>/, /boroughs/<key>/, /buyers/<key>/   Facet (its Feeds and, for a buyer, Progress), Facets, FeedSet,
//	                  and each one's page/N/                             Open, Upcoming, Past, Paging
//	events.html       /events/                                           Events (upcoming), OldEvent (past, newest first)
//	event.html        /events/<slug>/, for each file of content/events/  Event
//	page.html         /<slug>/, for each plain page                      Doc, Body
//	feeds.html        /feeds/                                            Sets
//	progress.html     /progress/                                         Progress (the network's), Buyers, ByTopic, ByArea
//	data.html         /data/                                             (only base.html's fields)
//	submit.html       /submit/                                           Submit
//	404.html          /404.html, served at any address                   NotFound; Root is the absolute base URL
//	partials.html     no page of its own: the shared pieces below
//
// A listing (the home page, the lists, a facet's page) shows at most
// per_page opportunities (site.toml) on a page: Open, Upcoming and Past
// hold that page's slice, and Paging the totals and the links to the other
// pages, which are at page/N/ under the first.
//
// Links inside the site are written relative to the page, as
// {{.Root}}path/, so the site works under any sub-path; 404.html gets the
// absolute base URL as its Root, since a host serves it at any depth.
//
// The shared pieces, each called with {{template "name" ARGS}}:
//
//	nav-item    (base.html) a link of the navigation: navItem's result
//	opp-list    a list of cards, or what to say when it is empty: list's result
//	opp-card    one brief's card: a listArgs with one Opp. A card is rendered once
//	            a brief with a stand-in Root, and cards puts the page's Root in;
//	            so in opp-card, .Root may be used only as the start of an address
//	event-list  (events.html) a list of events: list's result with Events
//	event-facts when, where and how to take part in an event: an *EventView
//	when-range  an event's start and end: an *EventView
//	tags        a brief's status and suitability tags: an *Opp
//	filters     the filter form of a listing: filterArgs's result
//	alerts      the feeds and calendar of a set: alerts's result
//	progress    a Progress's figures, chart and table: a *Progress
//	pager       the links to a listing's other pages: a *Page with Paging
//	page-of     "Page N of M", under a later page's heading: a *Page with Paging
//	borough-map the map of open opportunities by borough, and its table: mapArgs's result
//	open-values (progress.html) open value by topic or borough: openTable's result
//	feed-row    (feeds.html) one feed set's row: a *FeedSet
//
// The types templates see are Page, Opp (a brief with its status, labels,
// facets and value worked out), Facet and FacetKind, EventView, FeedSet and
// FeedLink, Progress, Share, Quarter and OpenValue, Named, Tag and Icon,
// each documented where it is declared.
//
// # Template functions
//
// Times are written in the site's timezone, the GOV.UK way.
//
//	money n                  whole pounds as "£1,250,000"
//	when t                   "12pm on Friday 18 December 2026"
//	day t                    "Friday 18 December 2026"
//	clock t                  "9am", "5:30pm", "midnight"
//	iso t                    RFC 3339, for <time datetime>
//	isodate t                "2026-12-18"
//	sameDay a b              whether two times fall on the same day
//	days n                   "Closes today", "1 day left", "3 days left"
//	plural n one many        "1 brief", "3 briefs"
//	percent f                "40%"
//	deref p                  the number a *int64 points to
//	lower s                  s in lower case
//	hasPrefix s prefix       whether s starts with prefix
//	count n                  a whole number, its thousands grouped: "10,234"
//	absURL path              the absolute address of a path inside the site
//	link s                   an address from front matter, made absolute when it is a path
//	webcal path              the webcal:// address calendar apps subscribe to
//	asset name               a static file's fingerprinted name ("css/site.1a2b3c4d5e.css")
//	icons                    the icons every page's head links to ([]Icon): site.toml's or the built-in anchor
//	logo                     the network's logo (*Logo: URL, and Width and Height at 48px high, 0 when unknown), nil without one
//	hasPage slug             whether the site has the plain page content/<slug>.md
//	kinds                    the facet kinds: topics, boroughs and buyers
//	csvGroups                the columns of opportunities.csv, in groups with what they hold
//	closingSoonDays          [feeds] closing_soon_days
//	areaName key             a borough's name from its key
//	contactName c            the contact's name, or "the buyer"
//	documentFormat d         a document's format: its own, or guessed from its address
//	categoryLabel k          the plain-English label of a category
//	procedureLabel k         of a procedure
//	eventKindLabel k         of an event kind
//	suitableForLabel k       of a suitable_for value
//	insuranceLabel k         of an insurance kind
//	insuranceNeeded s        "only if you win" or "when you bid"
//	insuranceText list       a card's line of the cover asked for: "Public liability of £5,000,000"
//	eventView e              a brief's event as the event pieces take it
//	cards root opps          the cards of opps for a page whose Root is root
//	list root items empty    the arguments of opp-list and event-list
//	navItem page target label the arguments of nav-item
//	filterArgs root kind     the arguments of filters
//	mapArgs root map         the arguments of borough-map
//	alerts root set name     the arguments of alerts
//	openTable caption heading root rows  the arguments of open-values
package site
