// Package site renders a tenders site: from the checked content, site.toml
// and a clock it makes every file of the published site and hands each to
// a Sink (internal/publish writes them to the output folder, or keeps
// tenders serve's folder up to date; tests keep them in memory). It reads
// nothing but the fs.FS of
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
// base.html is the layout of every page and defines "nav-item" and the
// chrome (below); each page template defines "main" (and may define
// "head"); partials.html holds the pieces several pages share.
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
//	check.html        /check/, the checker in the browser                Checker
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
//	nav-item    (base.html) a link of the navigation: a Chrome's Nav result (or navItem's)
//	site-head   (base.html) the style sheet, icons and theme colour of the head: a *Chrome
//	feed-links  (base.html) the head's links to the page's feeds: a *Chrome
//	site-header (base.html) the skip link, the network, the site's name, the navigation
//	            and the banner: a *Chrome
//	site-footer (base.html) the page's scripts and the footer: a *Chrome
//	opp-list    a list of cards, or what to say when it is empty: list's result
//	opp-card    one brief's card: a listArgs with one Opp. A card is rendered once
//	            a brief with a stand-in Root, and cards puts the page's Root in;
//	            so in opp-card, .Root may be used only as the start of an address
//	event-list  (events.html) a list of events: list's result with Events
//	event-facts when, where and how to take part in an event: an *EventView
//	when-range  an event's start and end: an *EventView
//	tags        a brief's status and suitability tags: an *Opp
//	filters     the filter form of a listing: filterArgs's result
//	filter-fields the fields of the filter form, all but the page's own facet kind's:
//	            that kind ("topic", "borough", "buyer") or ""
//	alerts      the feeds and calendar of a set: alerts's result
//	progress    a Progress's figures, chart and table: a *Progress
//	pager       the links to a listing's other pages: a *Page with Paging
//	page-of     "Page N of M", under a later page's heading: a *Page with Paging
//	borough-map the map of open opportunities by borough, and its table: mapArgs's result
//	open-values (progress.html) open value by topic or borough: openTable's result
//	feed-row    (feeds.html) one feed set's row: a *FeedSet
//
// The chrome is the part of a page that is the same on many pages. base.html
// writes each part with {{chrome "name" .}}, which executes the template
// name with a *Chrome: only the facts of the page a part may show (the
// site, Root, the footer's pages, the path the navigation marks, whether the
// page loads the status or the search script, its feeds). Every page with the same
// facts gets the same bytes, so each part is executed once for each set of
// them, and a brief's page costs only its own content.
//
// # Statuses as the page is read
//
// A status is worked out when the site is built, so a page read later can
// be out of date: a brief can have closed, or its days left changed.
// base.html loads js/status.js on a page whose Live method says it shows
// such a status (an open brief, or questions still open), and the script
// brings the page up to date as it is read, from these marks alone:
//
//	data-after="T"    the element is true from the moment T (RFC 3339): hidden before it
//	data-until="T"    the element is true until T: hidden from it on
//	data-day="D"      holds the days left to the date D ("2026-12-18") in the site's
//	                  timezone (base.html gives it as the script's data-timezone),
//	                  written as the days function writes them
//	data-deadline="T" on a card (li.opp): the card leaves its list at T, and the
//	                  count in the heading above the list goes down; a list with
//	                  data-empty shows that text once it is empty
//	data-built        a line saying when the build ran ({{updated}}), for readers
//	                  without JavaScript; the script hides it
//
// The build sets hidden as things stand when it runs, and marks only what
// a deadline still to come will change, so without JavaScript the page
// says what was true then. An open brief's tags (Opp.Tags) hold each
// status its deadline can bring, with the moments in Tag.After and
// Tag.Until.
//
// The types templates see are Page, Opp (a brief with its status, labels,
// facets and value worked out), Facet and FacetKind, EventView, FeedSet and
// FeedLink, Progress, Share, Quarter and OpenValue, Named, Tag and Icon,
// each documented where it is declared.
//
// # Template functions
//
// Times are written in the site's timezone, the GOV.UK way: "9am",
// "5:30pm", "midday". 00:00 is never "midnight", which readers place on
// either side of the night: it is written as the minute before, with the
// day it starts named, "11:59pm on Saturday 9 January 2027 (the night
// before Sunday 10 January)".
//
//	money n                  whole pounds as "£1,250,000"
//	when t                   "midday on Friday 18 December 2026"; t is a time, or a
//	                         front-matter date, whose date alone (an event's) is its day
//	day t                    "Friday 18 December 2026"
//	clock t                  "9am", "5:30pm", "midday"
//	iso t                    RFC 3339, for <time datetime> and the status script's moments
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
//	chrome name page         the template name executed with page's Chrome, once for each Chrome
//	shared name args         what {{template "name" args}} writes, made once for each value of args,
//	                         which must be plain (strings, numbers, booleans and structs of them);
//	                         the listings write their filter form so
//	updated                  when the build ran, as "9am on Tuesday 1 December 2026", in text
//	                         only; tenders serve keeps pages that say it between builds
//	icons                    the icons every page's head links to ([]Icon): site.toml's or the built-in anchor
//	logo                     the network's logo (*Logo: URL, and Width and Height at 48px high, 0 when unknown), nil without one
//	hasPage slug             whether the site has the plain page content/<slug>.md
//	kinds                    the facet kinds: topics, boroughs and buyers
//	csvGroups                the columns of opportunities.csv, in groups with what they hold
//	closingSoonDays          [feeds] closing_soon_days
//	areaName key             a borough's name from its key
//	contactName c            the contact's name, or "the buyer"
//	tel phone                a phone number's tel: address ("tel:02079460000"), or ""
//	                         when it has too few digits to dial; show the number as written
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
