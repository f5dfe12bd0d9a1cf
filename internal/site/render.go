package site

import (
	"bytes"
	"context"
	"html/template"
	"io"
	"io/fs"
	"sync"
	"time"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/markdown"
)

// Site is everything a render needs.
type Site struct {
	Config    *config.Config
	Content   *brief.Content
	Now       time.Time // the build clock: decides open and closed
	Templates fs.FS     // the templates folder: the site's own over the defaults
	Static    fs.FS     // the static folder: the site's own over the defaults

	// OnBody, when set, is called with the parsed body of every brief
	// whose page is made (with a Cache, not those it reuses), from several
	// goroutines at once, so a caller can lint the tree the page is
	// rendered from instead of parsing it again.
	OnBody func(b *brief.Brief, doc markdown.Node)

	// Cache, when set, keeps each brief's rendered page, card and calendar
	// between renders: a brief whose text, status and days left are as
	// before, under the same Generation, is not rendered again. Generation
	// must change whenever anything else a brief's page shows changes:
	// site.toml, templates, static files, plain pages.
	Cache      *Cache
	Generation string

	// Sources is the site folder, for briefs whose text a light store or
	// a render with a Cache let go (brief.Source.Restore): each is read
	// again just before its page. A render with a Cache lets go of each
	// brief's text once it has made its page, since the cache holds all a
	// render takes from it.
	Sources fs.FS
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

// ReleaseSink is a Sink that says when it is done with a file's bytes:
// PutRelease is Put, and calls release once data is no longer read
// (written, or thrown away), so a one-off render makes its next page in
// the same memory (the Publisher, which writes files in the background).
type ReleaseSink interface {
	Sink
	PutRelease(name string, data []byte, release func()) error
}

// KeepSink is a Sink that holds the files of the renders it was given, as
// an output folder kept up to date does (tenders serve): Keep says that a
// file is as the sink already holds it, and reports false when the sink
// holds no file there (one a later render removed), which the render then
// makes again. A render with a Cache into a KeepSink does not keep pages
// in memory between renders, only what it needs to know that one is
// unchanged; after a render that fails, the sink must go back to what it
// held before it and the cache be told (Cache.Undo).
type KeepSink interface {
	Sink
	Keep(name string) bool
}

// Output is the rendered site: file path (with forward slashes, no leading
// slash) to its bytes.
type Output map[string][]byte

// Paths returns the output's paths in order.
func (o Output) Paths() []string { return config.SortedKeys(o) }

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
	r := &renderer{Site: s, ctx: ctx, md: markdown.New(s.Config.Base), loc: s.Config.Location, sink: sink, written: make(map[string]bool, s.Cache.lastCount())}
	if list := r.parseTemplates(); len(list) > 0 {
		return list, nil
	}
	if ks, ok := sink.(KeepSink); ok && r.Cache != nil {
		r.keeper = ks
	}
	if rs, ok := sink.(ReleaseSink); ok && r.Cache == nil {
		r.release = rs // a cached render keeps some pages: not in shared buffers
	}
	r.Cache.begin()
	if r.Cache == nil {
		r.spill = &spill{}
		defer r.spill.close() // unlinked once made: nothing to lose
	}
	r.setStamp()
	r.prepare()
	if d := r.events(); d != nil {
		return diag.List{*d}, nil
	}
	// The open data of a one-off build needs only the briefs' facts and
	// statuses: it is written beside the pages, on its own goroutine, so
	// that its one long stream does not hold up the end of the render. A
	// cached render takes each brief's part of it from the brief's render,
	// so it waits for them.
	var data chan error
	if r.Cache == nil {
		data = make(chan error, 1)
		go func() { data <- r.writeData() }()
	}
	list, err := r.renderAll()
	var derr error
	if data != nil {
		derr = <-data
	} else if err == nil && len(list) == 0 {
		derr = r.writeData()
	}
	if err == nil && len(list) == 0 {
		err = derr // the sink names the file
	}
	if err == nil {
		err = r.failure()
	}
	r.Cache.wrote(len(r.written))
	return list, err
}

// renderAll renders the briefs' pages, then every other file but the open
// data.
func (r *renderer) renderAll() (diag.List, error) {
	if list := r.renderOpps(); len(list) > 0 {
		return list, r.failure()
	}
	if err := r.failure(); err != nil {
		return nil, err
	}
	return r.render()
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
	ctx  context.Context // the render stops when it ends
	md   *markdown.Converter
	loc  *time.Location
	tmpl map[string]*template.Template
	opps []*Opp
	evs  []*EventView

	// The briefs sorted as listings show them (sortOpps).
	open, upcoming, past []*Opp

	topicKeys []string // site.toml's topics, in order: config.TopicKeys, sorted once

	// The kinds of facet, each by name and all in order.
	topics, boroughs, buyers *FacetKind
	kinds                    []*FacetKind

	// The feed sets: the whole site's and closing soon's by name, and all
	// of them (these two, then a facet's each) in order.
	siteFeeds, soonFeeds *FeedSet
	siteLinks            []FeedLink // siteFeeds.Links(), at its length: every page's Feeds start with it
	sets                 []*FeedSet
	// newest is the latest content date of any brief: the updated date of
	// a feed with no items, so that it too comes from content.
	newest time.Time
	foot   []Named // the footer's plain pages

	assets        map[string]string // static file -> its fingerprinted name
	netLogo       *Logo             // the network's logo, read once a render: readLogo
	londonMap     *BoroughMap       // drawn once a render: boroughMap
	network       *Progress         // the network's awards
	buyerProgress []*Progress       // each buyer's

	// stamp is when the build ran, as pages say it; stampMark stands in
	// for it in pages a cache keeps (stamp.go).
	stamp, stampMark []byte

	sizes sizes // of the pages made so far, by template: sizes.go

	spill    *spill // a one-off render's cards and words: spill.go
	wordsBuf []byte // wordsOf's, reused

	sink    Sink
	keeper  KeepSink    // sink, when it is one and there is a Cache
	release ReleaseSink // sink, when it is one and there is no Cache
	bufs    sync.Pool   // of *bytes.Buffer given back by release: buffer
	mu      sync.Mutex
	written map[string]bool // every path given to sink
	failed  error           // the first error of sink
}

// put gives a file to the sink and remembers its path.
func (r *renderer) put(name string, data []byte) {
	r.wrote(name)
	r.sank(r.sink.Put(name, data))
}

// wrote remembers that the sink has a file at name from this render.
func (r *renderer) wrote(name string) {
	r.mu.Lock()
	r.written[name] = true
	r.mu.Unlock()
}

// maxPooled is the largest buffer reuse keeps for another file: the rare
// larger one is left to the collector.
const maxPooled = 1 << 20

// buffer returns an empty buffer of at least n bytes to make a file in,
// one a ReleaseSink gave back if there is one; putBuffer gives the file to
// the sink. Without a ReleaseSink, every buffer is new and stays the sink's.
func (r *renderer) buffer(n int) *bytes.Buffer {
	b, _ := r.bufs.Get().(*bytes.Buffer)
	if b == nil {
		b = new(bytes.Buffer)
	}
	b.Reset()
	b.Grow(n)
	return b
}

// putBuffer puts the file made in b at name, as put does, and takes b
// back for another file once a ReleaseSink is done with it.
func (r *renderer) putBuffer(name string, b *bytes.Buffer) {
	if r.release == nil {
		r.put(name, b.Bytes())
		return
	}
	r.wrote(name)
	r.sank(r.release.PutRelease(name, b.Bytes(), func() { r.reuse(b) }))
}

// reuse keeps b for another file, when the render has a ReleaseSink and
// b is not one of the rare large ones; nothing may read b after.
func (r *renderer) reuse(b *bytes.Buffer) {
	if r.release != nil && b.Cap() <= maxPooled {
		r.bufs.Put(b)
	}
}

// sank records the sink's first failure.
func (r *renderer) sank(err error) {
	if err != nil {
		r.mu.Lock()
		if r.failed == nil {
			r.failed = err
		}
		r.mu.Unlock()
	}
}

// keep tells a KeepSink that the file at name is as it holds it, and
// reports whether it holds one there.
func (r *renderer) keep(name string) bool {
	if !r.keeper.Keep(name) {
		return false
	}
	r.wrote(name)
	return true
}
