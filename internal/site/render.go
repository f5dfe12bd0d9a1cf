// Package site renders a tenders site: it takes the checked content and
// site.toml and produces every file of the published site in memory, then
// Publish writes them out atomically.
//
// # Templates
//
// Pages are rendered with html/template from the templates folder. A site's
// own templates/ folder overrides the built-in file of the same name, so a
// site can change one page and keep the rest. base.html is the layout; each
// page template defines "main" (and may define "head"). partials.html holds
// the shared pieces.
//
// Every template gets a *Page. Links inside the site are written relative to
// the page, as {{.Root}}path/, so the site works under any sub-path; 404.html
// gets the absolute base URL as its Root, since it is served at any depth.
//
// Template functions: money (whole pounds as "£1,250"), when ("12pm on
// Friday 18 December 2026"), day ("Friday 18 December 2026"), clock ("5:30pm"),
// iso (RFC 3339 for <time datetime>), days ("3 days left"), plural.
package site

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/markdown"
	"github.com/london-anchors/tenders/internal/parallel"
	"github.com/london-anchors/tenders/internal/sitefs"
)

// Site is everything a render needs.
type Site struct {
	Config    *config.Config
	Content   *brief.Content
	Now       time.Time // the build clock: decides open and closed
	Templates fs.FS     // the templates folder: the site's own over the defaults
	Static    fs.FS     // the static folder: the site's own over the defaults

	// OnBody, when set, is called with every brief's parsed body, from
	// several goroutines at once, so a caller can lint the tree the page is
	// rendered from instead of parsing it again.
	OnBody func(b *brief.Brief, doc ast.Node)

	// Cache, when set, keeps each brief's rendered page, card and calendar
	// between renders: a brief whose text, status and days left are as
	// before, under the same Generation, is not rendered again. Generation
	// must change whenever anything else a brief's page shows changes:
	// site.toml, templates, static files, plain pages.
	Cache      *Cache
	Generation string
}

// Cache holds what a brief's render produced, for the next render.
type Cache struct {
	mu    sync.Mutex
	gen   string
	opps  map[string]*cachedOpp // by brief file
	files map[string]memoFile   // other output files made from lists of briefs, by output path
}

type memoFile struct {
	key  string
	data []byte
}

type cachedOpp struct {
	key     string
	page    []byte
	ics     []byte
	card    [][]byte
	vevents []byte
	body    template.HTML // only for full-content feeds
}

// NewCache makes an empty render cache.
func NewCache() *Cache { return &Cache{opps: map[string]*cachedOpp{}, files: map[string]memoFile{}} }

func (c *Cache) get(file, key string) *cachedOpp {
	c.mu.Lock()
	defer c.mu.Unlock()
	if o := c.opps[file]; o != nil && o.key == key {
		return o
	}
	return nil
}

func (c *Cache) set(file string, o *cachedOpp) {
	c.mu.Lock()
	c.opps[file] = o
	c.mu.Unlock()
}

// Sink receives the files of a render. Put may be called from several
// goroutines at once.
type Sink interface {
	Put(name string, data []byte) error
}

// StreamSink is a Sink that can also take a file written piece by piece,
// so a large file need not be held in memory.
type StreamSink interface {
	Sink
	PutStream(name string, write func(io.Writer) error) error
}

// Output is the rendered site: file path (with forward slashes, no leading
// slash) to its bytes.
type Output map[string][]byte

// Paths returns the output's paths in order.
func (o Output) Paths() []string { return config.SortedKeys(o) }

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
}

// SubmitLink opens GitHub's editor on a new brief for one buyer.
type SubmitLink struct {
	Buyer string
	URL   string
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

// Render produces every file of the site and gives each to sink as soon as
// it is made, so a build need not hold the whole site in memory. It writes
// nothing itself. A problem in the content or a template comes back as a
// positioned diagnostic; a failure to make or hand over a file (the sink's
// error, such as a full disk) or the end of ctx comes back as the error.
// After either, the files already given to sink must be discarded.
func Render(ctx context.Context, s *Site, sink Sink) (diag.List, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r := &renderer{Site: s, ctx: ctx, md: markdown.New(s.Config.Base), loc: s.Config.Location, sink: sink, written: map[string]bool{}}
	if list := r.parseTemplates(); len(list) > 0 {
		return list, nil
	}
	r.prepare()
	if d := r.events(); d != nil {
		return diag.List{*d}, nil
	}
	if list := r.renderOpps(); len(list) > 0 {
		return list, r.failure()
	}
	if err := r.failure(); err != nil {
		return nil, err
	}
	list, err := r.render()
	if err == nil {
		err = r.failure()
	}
	return list, err
}

// failure is why the render cannot go on: ctx ended, or the sink failed.
func (r *renderer) failure() error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.failed
}

type renderer struct {
	*Site
	ctx   context.Context // the render stops when it ends
	md    goldmark.Markdown
	loc   *time.Location
	tmpl  map[string]*template.Template
	opps  []*Opp
	kinds []*FacetKind
	evs   []*EventView
	sets  []*FeedSet // sets[0] is the whole site's, sets[1] closing soon
	// newest is the latest content date of any brief: the updated date of
	// a feed with no items, so that it too comes from content.
	newest time.Time
	foot   []Named // the footer's plain pages

	assets        map[string]string // static file -> its fingerprinted name
	network       *Progress         // the network's awards
	buyerProgress []*Progress       // each buyer's

	sink    Sink
	mu      sync.Mutex
	written map[string]bool // every path given to sink
	failed  error           // the first error of sink
}

// memo puts the file made by make at name, unless the cache holds one
// made from the same key, which it puts instead. The key must name
// everything the file's bytes depend on besides the generation.
func (r *renderer) memo(name string, key func() string, make func() ([]byte, error)) error {
	if r.Cache == nil {
		data, err := make()
		if err == nil {
			r.put(name, data)
		}
		return err
	}
	k := key()
	r.Cache.mu.Lock()
	m, ok := r.Cache.files[name]
	r.Cache.mu.Unlock()
	if ok && m.key == k {
		r.put(name, m.data)
		return nil
	}
	data, err := make()
	if err != nil {
		return err
	}
	r.Cache.mu.Lock()
	r.Cache.files[name] = memoFile{k, data}
	r.Cache.mu.Unlock()
	r.put(name, data)
	return nil
}

// memoMany is memo for several files made together.
func (r *renderer) memoMany(names []string, key func() string, make func() ([][]byte, error)) error {
	if r.Cache == nil {
		data, err := make()
		for i, name := range names {
			if err == nil {
				r.put(name, data[i])
			}
		}
		return err
	}
	k := key()
	r.Cache.mu.Lock()
	hit := true
	var cached [][]byte
	for _, name := range names {
		m, ok := r.Cache.files[name]
		hit = hit && ok && m.key == k
		cached = append(cached, m.data)
	}
	r.Cache.mu.Unlock()
	if !hit {
		var err error
		if cached, err = make(); err != nil {
			return err
		}
		r.Cache.mu.Lock()
		for i, name := range names {
			r.Cache.files[name] = memoFile{k, cached[i]}
		}
		r.Cache.mu.Unlock()
	}
	for i, name := range names {
		r.put(name, cached[i])
	}
	return nil
}

// listKey names a page that shows lists of briefs: what the lists hold.
func listKey(parts ...any) string {
	h := sha256.New()
	for _, p := range parts {
		switch x := p.(type) {
		case []*Opp:
			fmt.Fprintf(h, "[%d]", len(x))
			for _, o := range x {
				h.Write([]byte(o.key))
				h.Write([]byte{0})
			}
		default:
			fmt.Fprintf(h, "%v\x00", x)
		}
	}
	return string(h.Sum(nil))
}

// put gives a file to the sink and remembers its path.
func (r *renderer) put(name string, data []byte) {
	r.mu.Lock()
	r.written[name] = true
	r.mu.Unlock()
	if err := r.sink.Put(name, data); err != nil {
		r.mu.Lock()
		if r.failed == nil {
			r.failed = err
		}
		r.mu.Unlock()
	}
}

// pageTemplates are the templates that render a page, besides base.html and
// partials.html.
var pageTemplates = []string{"home.html", "opportunity.html", "list.html", "facets.html", "facet.html", "events.html", "event.html", "page.html", "feeds.html", "progress.html", "data.html", "submit.html", "404.html"}

func (r *renderer) funcs() template.FuncMap {
	return template.FuncMap{
		"money": Money,
		"when":  func(t time.Time) string { return When(t, r.loc) },
		"day":   func(t time.Time) string { return Day(t, r.loc) },
		"clock": func(t time.Time) string { return Clock(t.In(r.loc)) },
		"iso":   func(t time.Time) string { return t.In(r.loc).Format(time.RFC3339) },
		"isodate": func(t time.Time) string {
			return t.In(r.loc).Format("2006-01-02")
		},
		"days": func(n int) string {
			switch {
			case n <= 0:
				return "Closes today"
			case n == 1:
				return "1 day left"
			}
			return strconv.Itoa(n) + " days left"
		},
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return "1 " + one
			}
			return strconv.Itoa(n) + " " + many
		},
		"absURL":           r.Config.URL,
		"sameDay":          func(a, b time.Time) bool { return Day(a, r.loc) == Day(b, r.loc) },
		"deref":            func(p *int64) int64 { return *p },
		"documentFormat":   documentFormat,
		"contactName":      func(c brief.Contact) string { return cmpOr(c.Name, "the buyer") },
		"areaName":         func(k string) string { n, _ := config.AreaName(k); return n },
		"insuranceNeeded":  func(s string) string { return brief.InsuranceNeeded[cmpOr(s, "at-award")] },
		"closingSoonDays":  func() int { return r.Config.Feeds.ClosingSoonDays },
		"procedureLabel":   func(k string) string { return brief.Procedures[k] },
		"categoryLabel":    func(k string) string { return brief.Categories[k] },
		"eventKindLabel":   func(k string) string { return brief.EventKinds[k] },
		"suitableForLabel": func(k string) string { return brief.SuitableFor[k] },
		"insuranceLabel":   func(k string) string { return brief.InsuranceKinds[k] },
		"lower":            strings.ToLower,
		"link":             r.link,
		"navItem": func(p *Page, target, label string) navItem {
			return navItem{Root: p.Root, Target: target, Label: label, Current: p.Path == target && !p.NotFound}
		},
		"list": func(root string, items any, empty string) listArgs {
			a := listArgs{Root: root, Empty: empty}
			switch x := items.(type) {
			case []*Opp:
				a.Opps = x
			case []*EventView:
				a.Events = x
			}
			return a
		},
		"kinds": func() []*FacetKind { return r.kinds },
		"openTable": func(caption, heading, root string, rows []OpenValue) openTable {
			return openTable{caption, heading, root, rows}
		},
		"hasPage": func(slug string) bool {
			return slices.ContainsFunc(r.Content.Pages, func(p *brief.Page) bool { return p.Slug == slug })
		},
		"asset":      r.asset,
		"percent":    func(f float64) string { return strconv.FormatFloat(f, 'f', 0, 64) + "%" },
		"filterArgs": func(root, kind string) filterArgs { return filterArgs{root, kind} },
		"cards":      cards,
		"alerts": func(root string, set *FeedSet, name string) alertArgs {
			return alertArgs{Root: root, Set: set, Name: name}
		},
		// webcal makes the subscribe address of a calendar; webcal: is
		// safe here, as the address is the site's own.
		"webcal": func(path string) template.URL {
			u := r.Config.URL(path)
			return template.URL("webcal://" + u[strings.Index(u, "://")+3:])
		},
		"eventView": func(e brief.Event) *EventView {
			return &EventView{Event: e, KindLabel: brief.EventKinds[e.Kind]}
		},
	}
}

type navItem struct {
	Root, Target, Label string
	Current             bool
}

// filterArgs is what the "filters" template takes: the page's root and
// the kind of facet page it is on, whose own select it leaves out.
type filterArgs struct {
	Root string
	Kind string
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

// link makes an address from front matter absolute: a relative one is a
// path inside the site (a file under static/, say), resolved against the
// base URL.
func (r *renderer) link(s string) string {
	if strings.Contains(s, ":") {
		return s
	}
	return r.Config.URL(strings.TrimPrefix(s, "/"))
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

var templateErr = regexp.MustCompile(`template: ([^:]+):(\d+)(?::(\d+))?: (.*)`)

// templateDiag turns an html/template error into a positioned diagnostic.
func templateDiag(file string, err error) diag.Diagnostic {
	d := diag.Diagnostic{File: "templates/" + file, Line: 1, Col: 1, Severity: diag.Error, Rule: "template", Message: err.Error()}
	if m := templateErr.FindStringSubmatch(err.Error()); m != nil {
		d.File = "templates/" + m[1]
		d.Line, _ = strconv.Atoi(m[2])
		if m[3] != "" {
			// text/template counts columns from 0, in bytes.
			col, _ := strconv.Atoi(m[3])
			d.Col = col + 1
		}
		d.Message = m[4] + "; fix the template, or delete it from templates/ to use the built-in one"
	}
	return d
}

func (r *renderer) parseTemplates() diag.List {
	// ParseFS finds files through fs.Glob, which hides why one cannot be
	// opened: say it when a template is a link (never followed).
	var list diag.List
	for _, name := range append([]string{"base.html", "partials.html"}, pageTemplates...) {
		f, err := r.Templates.Open(name)
		if err == nil {
			f.Close()
		} else if errors.Is(err, sitefs.ErrSymlink) || errors.Is(err, sitefs.ErrSpecial) {
			list = append(list, diag.Diagnostic{File: "templates/" + name, Line: 1, Col: 1, Severity: diag.Error, Rule: "template", Message: err.Error()})
		}
	}
	if len(list) > 0 {
		return list
	}
	base, err := template.New("base.html").Funcs(r.funcs()).ParseFS(r.Templates, "base.html", "partials.html")
	if err != nil {
		return diag.List{templateDiag("base.html", err)}
	}
	r.tmpl = map[string]*template.Template{}
	for _, name := range pageTemplates {
		t := template.Must(base.Clone())
		if _, err := t.ParseFS(r.Templates, name); err != nil {
			list = append(list, templateDiag(name, err))
			continue
		}
		r.tmpl[name] = t
	}
	return list
}

// prepare works out every opportunity's status and labels, the facets and
// the events.
func (r *renderer) prepare() {
	cfg := r.Config
	for _, b := range r.Content.Briefs {
		o := &Opp{Brief: b, URL: "opportunities/" + b.Slug + "/"}
		o.Status = status(b, r.Now)
		o.StatusLabel = brief.Stages[o.Status]
		if b.Deadline.IsSet() {
			o.DaysLeft = daysLeft(r.Now, b.Deadline.Time, r.loc)
			o.ClosingSoon = o.Status == StatusOpen && b.Deadline.Sub(r.Now) <= time.Duration(cfg.Feeds.ClosingSoonDays)*24*time.Hour
		}
		o.BuyerInfo = cfg.Buyers[b.Buyer]
		o.Buyer = Named{Key: b.Buyer, Name: o.BuyerInfo.Name, URL: "buyers/" + b.Buyer + "/"}
		for _, t := range r.topicsOf(b) {
			o.Topics = append(o.Topics, Named{Key: t, Name: cfg.Topics[t].Name, URL: "topics/" + t + "/"})
		}
		for _, a := range b.Boroughs {
			n, _ := config.AreaName(a)
			o.Boroughs = append(o.Boroughs, Named{Key: a, Name: n, URL: "boroughs/" + a + "/"})
		}
		o.Value = ValueText(b.ValueMin, b.ValueMax)
		o.Tags = tags(o)
		if r.Cache != nil { // only a cache needs the key
			o.key = fmt.Sprintf("%x|%s|%d|%t", b.Sum, o.Status, o.DaysLeft, o.ClosingSoon)
		}
		o.Updated = b.Published.Time
		for _, u := range b.Updates {
			if u.Date.After(o.Updated) {
				o.Updated = u.Date.Time
			}
		}
		r.opps = append(r.opps, o)
		if o.Updated.After(r.newest) {
			r.newest = o.Updated
		}
	}
	r.foot = r.footer()
	r.fingerprint()
	r.facets()
	r.feedSets()
}

// topicsOf returns a brief's topics: those it names, and those whose CPV
// prefixes match one of its CPV codes, in key order.
func (r *renderer) topicsOf(b *brief.Brief) []string {
	ts := slices.Clone(b.Topics)
	for _, k := range r.Config.TopicKeys() {
		if slices.Contains(ts, k) {
			continue
		}
		if matchesCPV(r.Config.Topics[k].CPV, b.CPV) {
			ts = append(ts, k)
		}
	}
	slices.Sort(ts)
	return ts
}

func matchesCPV(prefixes, codes []string) bool {
	for _, p := range prefixes {
		for _, c := range codes {
			if strings.HasPrefix(c, p) {
				return true
			}
		}
	}
	return false
}

func tags(o *Opp) []Tag {
	var ts []Tag
	switch {
	case o.Status == StatusOpen && o.ClosingSoon:
		ts = append(ts, Tag{"Open", "tag-open"}, Tag{"Closing soon", "tag-soon"})
	default:
		ts = append(ts, Tag{o.StatusLabel, "tag-" + o.Status})
	}
	if o.SuitsSME() {
		ts = append(ts, Tag{brief.SuitableFor["sme"], "tag-sme"})
	}
	if o.SuitsVCSE() {
		ts = append(ts, Tag{brief.SuitableFor["vcse"], "tag-vcse"})
	}
	return ts
}

// sortOpps splits opportunities into open (closing soonest first),
// upcoming (newest first) and past (most recently closed first).
func sortOpps(all []*Opp) (open, upcoming, past []*Opp) {
	for _, o := range all {
		switch {
		case o.IsOpen():
			open = append(open, o)
		case o.IsUpcoming():
			upcoming = append(upcoming, o)
		default:
			past = append(past, o)
		}
	}
	slices.SortStableFunc(open, func(a, b *Opp) int {
		if c := a.Deadline.Compare(b.Deadline.Time); c != 0 {
			return c
		}
		return strings.Compare(a.Reference, b.Reference)
	})
	newest := func(a, b *Opp) int {
		if c := b.Published.Compare(a.Published.Time); c != 0 {
			return c
		}
		return strings.Compare(a.Reference, b.Reference)
	}
	slices.SortStableFunc(upcoming, newest)
	slices.SortStableFunc(past, func(a, b *Opp) int {
		if c := b.Deadline.Compare(a.Deadline.Time); c != 0 {
			return c
		}
		return newest(a, b)
	})
	return open, upcoming, past
}

func (r *renderer) facets() {
	cfg := r.Config
	topics := &FacetKind{Kind: "topic", Title: "Topics", Path: "topics/", Intro: "Opportunities grouped by the kind of work."}
	for _, k := range cfg.TopicKeys() {
		t := cfg.Topics[k]
		topics.Facets = append(topics.Facets, &Facet{Named: Named{k, t.Name, "topics/" + k + "/"}, Kind: "topic", Description: t.Description})
	}
	boroughs := &FacetKind{Kind: "borough", Title: "Boroughs", Path: "boroughs/", Intro: "Opportunities by where the work happens. Work across the whole of London is listed under every borough."}
	for _, a := range config.Areas {
		boroughs.Facets = append(boroughs.Facets, &Facet{Named: Named{a.Key, a.Name, "boroughs/" + a.Key + "/"}, Kind: "borough"})
	}
	buyers := &FacetKind{Kind: "buyer", Title: "Buyers", Path: "buyers/", Intro: "The organisations that publish opportunities here."}
	for _, k := range cfg.BuyerKeys() {
		b := cfg.Buyers[k]
		buyers.Facets = append(buyers.Facets, &Facet{Named: Named{k, b.Name, "buyers/" + k + "/"}, Kind: "buyer", Description: config.BuyerKinds[b.Kind]})
	}
	r.kinds = []*FacetKind{topics, boroughs, buyers}
	// One pass over the briefs, appending each to the facets it is in.
	index := map[string][]*Opp{}
	for _, o := range r.opps {
		for _, t := range o.Topics {
			index["topic:"+t.Key] = append(index["topic:"+t.Key], o)
		}
		if slices.Contains(o.Brief.Boroughs, config.LondonWide) {
			for _, a := range config.Areas {
				index["borough:"+a.Key] = append(index["borough:"+a.Key], o)
			}
		} else {
			for _, b := range o.Brief.Boroughs {
				index["borough:"+b] = append(index["borough:"+b], o)
			}
		}
		index["buyer:"+o.Brief.Buyer] = append(index["buyer:"+o.Brief.Buyer], o)
	}
	for _, k := range r.kinds {
		for _, f := range k.Facets {
			f.Open, f.Upcoming, f.Past = sortOpps(index[f.Kind+":"+f.Key])
		}
	}
}

// RecentPast is how many closed briefs a facet page lists: the newest.
const RecentPast = 20

// RecentPast is the newest closed briefs of the facet.
func (f *Facet) RecentPast() []*Opp { return f.Past[:min(len(f.Past), RecentPast)] }

// Count is how many opportunities are open or coming up.
func (f *Facet) Count() int { return len(f.Open) + len(f.Upcoming) }

func (r *renderer) events() *diag.Diagnostic {
	for _, o := range r.opps {
		for i := range o.Brief.Events {
			e := o.Brief.Events[i]
			buyer := o.Buyer
			r.evs = append(r.evs, &EventView{Event: e, KindLabel: brief.EventKinds[e.Kind], URL: o.URL + "#events",
				Reference: o.Reference + "-event-" + strconv.Itoa(i+1), Opp: o, Buyer: &buyer})
		}
	}
	for _, p := range r.Content.Events {
		ev := &EventView{Event: p.Event, KindLabel: brief.EventKinds[p.Kind], URL: "events/" + p.Slug + "/", Reference: p.Reference, Page: p}
		if p.Buyer != "" {
			ev.Buyer = &Named{Key: p.Buyer, Name: r.Config.Buyers[p.Buyer].Name, URL: "buyers/" + p.Buyer + "/"}
		}
		html, err := markdown.Render(r.md, p.Body)
		if err != nil {
			return &diag.Diagnostic{File: p.File, Line: p.BodyLine, Col: 1, Severity: diag.Error, Rule: "invalid", Message: "cannot render the body: " + err.Error()}
		}
		ev.BodyHTML = template.HTML(html)
		r.evs = append(r.evs, ev)
	}
	for _, e := range r.evs {
		end := e.End.Time
		if !e.End.IsSet() {
			end = e.Start.Time
		}
		e.Past = end.Before(r.Now)
	}
	slices.SortStableFunc(r.evs, func(a, b *EventView) int {
		if c := a.Start.Compare(b.Start.Time); c != 0 {
			return c
		}
		return strings.Compare(a.Reference, b.Reference)
	})
	return nil
}

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

func (r *renderer) footer() []Named {
	pages := slices.Clone(r.Content.Pages)
	slices.SortStableFunc(pages, func(a, b *brief.Page) int {
		if a.Weight != b.Weight {
			return a.Weight - b.Weight
		}
		return strings.Compare(a.Title, b.Title)
	})
	var out []Named
	for _, p := range pages {
		out = append(out, Named{Key: p.Slug, Name: p.Title, URL: p.Slug + "/"})
	}
	return out
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

// renderOpps renders every brief's own page and calendar, and its card for
// the listings, in parallel. Each body is parsed once: the tree goes to
// OnBody, then to the page.
func (r *renderer) renderOpps() diag.List {
	tmpl := r.tmpl["opportunity.html"]
	errs := make([]*diag.Diagnostic, len(r.opps))
	if c := r.Cache; c != nil && c.gen != r.Generation {
		c.mu.Lock()
		c.gen, c.opps, c.files = r.Generation, map[string]*cachedOpp{}, map[string]memoFile{}
		c.mu.Unlock()
	}
	parallel.Each(r.ctx, len(r.opps), func(i int) {
		o := r.opps[i]
		key := o.key
		if r.Cache != nil {
			if c := r.Cache.get(o.File, key); c != nil {
				o.card, o.BodyHTML, o.vevents = c.card, c.body, c.vevents
				r.put(o.URL+"index.html", c.page)
				if c.ics != nil {
					r.put(o.URL+"deadline.ics", c.ics)
				}
				return
			}
		}
		doc := markdown.Parse(r.md, o.Body)
		if r.OnBody != nil {
			r.OnBody(o.Brief, doc)
		}
		var buf bytes.Buffer
		buf.Grow(len(o.Body) + len(o.Body)/4)
		if err := r.md.Renderer().Render(&buf, o.Body, doc); err != nil {
			errs[i] = &diag.Diagnostic{File: o.File, Line: o.BodyLine, Col: 1, Severity: diag.Error, Rule: "invalid", Message: "cannot render the body: " + err.Error()}
			return
		}
		o.BodyHTML = template.HTML(buf.String())
		p := r.page(o.URL, o.Title, "opportunities")
		p.Description = o.Summary
		p.Opp = o
		var page bytes.Buffer
		page.Grow(4*buf.Len() + 8192)
		if err := tmpl.ExecuteTemplate(&page, "base.html", p); err != nil {
			d := templateDiag("opportunity.html", err)
			errs[i] = &d
			return
		}
		r.put(o.URL+"index.html", page.Bytes())
		var card bytes.Buffer
		root := r.cardRoot(o)
		if err := tmpl.ExecuteTemplate(&card, "opp-card", listArgs{Root: root, Opps: []*Opp{o}}); err != nil {
			d := templateDiag("partials.html", err)
			errs[i] = &d
			return
		}
		o.card = bytes.Split(card.Bytes(), []byte(root))
		if !r.Config.Feeds.FullContent {
			o.BodyHTML = "" // not needed again: free it
		}
		// Only a brief still to close has a calendar to add: its page links
		// to one only then.
		var ics []byte
		if o.IsOpen() || o.IsUpcoming() {
			ics = r.briefCalendar(o)
			r.put(o.URL+"deadline.ics", ics)
		}
		if r.Cache == nil {
			// A one-off build needs the source no more: let it go, so a
			// large site is not held in memory twice. Of the key positions
			// only that of aliases can still be reported.
			o.aliasesPos = o.Keys.Pos("aliases")
			o.Body, o.Front, o.Keys = nil, "", nil
		}
		if r.Cache != nil {
			r.Cache.set(o.File, &cachedOpp{key: key, page: page.Bytes(), ics: ics, card: o.card, body: o.BodyHTML, vevents: o.vevents})
		}
	})
	var list diag.List
	seen := map[string]bool{}
	for _, d := range errs {
		if d != nil && !seen[d.String()] {
			seen[d.String()] = true
			list = append(list, *d)
		}
	}
	list.Sort()
	return list
}

// cardRoot stands in for a page's Root in a rendered card, so one card
// serves listing pages at every depth. It is a hash of the brief's file and
// of site.toml, the two sources of every word on the card, so neither can
// hold it: a fixed marker written into a title would split the card there.
func (r *renderer) cardRoot(o *Opp) string {
	h := sha256.New()
	h.Write(o.Sum[:])
	h.Write(r.Config.Sum[:])
	return "r" + hex.EncodeToString(h.Sum(nil)[:12]) + "/"
}

// cards writes the cards of opps for a page whose root is root.
func cards(root string, opps []*Opp) template.HTML {
	n := 0
	for _, o := range opps {
		for _, part := range o.card {
			n += len(part) + len(root)
		}
	}
	var b strings.Builder
	b.Grow(n)
	for _, o := range opps {
		for i, part := range o.card {
			if i > 0 {
				b.WriteString(root)
			}
			b.Write(part)
		}
	}
	return template.HTML(b.String())
}

func (r *renderer) sitemap(jobs []job) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	paths := make([]string, 0, len(jobs))
	lastmod := map[string]time.Time{}
	for _, j := range jobs {
		if j.path != "404.html" {
			paths = append(paths, j.page.Path)
		}
	}
	for _, o := range r.opps {
		paths = append(paths, o.URL)
		lastmod[o.URL] = o.Updated
	}
	slices.Sort(paths)
	for _, p := range paths {
		b.WriteString("  <url><loc>")
		template.HTMLEscape(&b, []byte(r.Config.URL(p)))
		b.WriteString("</loc>")
		if t, ok := lastmod[p]; ok {
			b.WriteString("<lastmod>" + t.UTC().Format("2006-01-02") + "</lastmod>")
		}
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

// writtenUnder reports whether a folder that name would be in is a file
// the site has made, such as static/feed.xml/x under the feed feed.xml.
func (r *renderer) writtenUnder(name string) bool {
	for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
		if r.written[dir] {
			return true
		}
	}
	return false
}

// copyStatic copies the static folder to the root of the output.
func (r *renderer) copyStatic() *diag.Diagnostic {
	var clash *diag.Diagnostic
	err := fs.WalkDir(r.Static, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(path.Base(name), ".") {
			return err
		}
		if !d.Type().IsRegular() {
			return nil // a link or a special file: never read (sitefs.Check reports it)
		}
		if r.written[name] || r.writtenUnder(name) {
			clash = &diag.Diagnostic{File: "static/" + name, Line: 1, Col: 1, Severity: diag.Error, Rule: "invalid",
				Message: fmt.Sprintf("static/%s has the same address as a page the site makes, or is in a folder of that name; rename or move it", name)}
			return fs.SkipAll
		}
		if err := r.ctx.Err(); err != nil {
			return err
		}
		data, err := fs.ReadFile(r.Static, name)
		if err != nil {
			return err
		}
		r.put(name, data)
		if fp, ok := r.assets[name]; ok {
			r.put(fp, data)
		}
		return nil
	})
	if err != nil {
		return &diag.Diagnostic{File: "static", Line: 1, Col: 1, Severity: diag.Error, Rule: "invalid", Message: "cannot read static files: " + err.Error()}
	}
	return clash
}

func documentFormat(d brief.Document) string {
	if d.Format != "" {
		return d.Format
	}
	ext := strings.ToLower(path.Ext(strings.SplitN(d.URL, "?", 2)[0]))
	switch ext {
	case ".pdf":
		return "PDF"
	case ".doc", ".docx":
		return "Word"
	case ".xls", ".xlsx":
		return "Excel"
	case ".odt":
		return "OpenDocument text"
	case ".ods":
		return "OpenDocument spreadsheet"
	case ".csv":
		return "CSV"
	case ".html", ".htm", "":
		return "Web page"
	}
	return strings.ToUpper(strings.TrimPrefix(ext, "."))
}
