package brief

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/markdown"
	"github.com/london-anchors/tenders/internal/schema"
	"github.com/london-anchors/tenders/internal/tomldec"
)

// Content is everything under a site's content/ folder that passed its
// checks, each kind sorted by slug.
type Content struct {
	Briefs []*Brief
	Events []*EventPage
	Pages  []*Page
}

// The folders content is read from, under the site folder.
const (
	ContentDir       = "content"
	OpportunitiesDir = "content/opportunities"
	EventsDir        = "content/events"
	StaticDir        = "static"
)

// ReservedBriefSlugs are file names a brief may not take, because the site
// uses the address for something else.
var ReservedBriefSlugs = []string{"closed", "index", "page"}

// ReservedPageSlugs are file names a plain page may not take.
var ReservedPageSlugs = []string{"opportunities", "topics", "boroughs", "buyers", "events", "feeds", "data", "progress", "submit", "closing-soon", "static", "index", "404", "page", "search", "admin", "check"}

// Parser checks files against one site's settings.
type Parser struct {
	Config *config.Config
	Static fs.FS // the site's static/ folder; relative document links must name a file in it

	owned bool // the bytes it is given are its own to overwrite: a light Store's
}

// Brief parses and checks one brief. It returns nil when the file could not
// be read at all; otherwise the brief, with any problems in the list.
func (p *Parser) Brief(file string, src []byte) (*Brief, diag.List) {
	b := &Brief{}
	c, ok := p.start(file, src, BriefSchema, b, &b.Source)
	if !ok {
		return nil, c.list
	}
	if b.Award != nil && *b.Award == (Award{}) && !c.badUnder("award") {
		b.Award = nil // left empty, as a form writes a table it shows: not given
	}
	b.resolveDates(p.Config.Location)
	c.validate(b)
	c.list.Sort()
	return b, c.list
}

// Event parses and checks one file of content/events/.
func (p *Parser) Event(file string, src []byte) (*EventPage, diag.List) {
	e := &EventPage{}
	c, ok := p.start(file, src, EventSchema, e, &e.Source)
	if !ok {
		return nil, c.list
	}
	e.resolveDates(p.Config.Location)
	c.validateEvent(e)
	c.list.Sort()
	return e, c.list
}

// Page parses and checks one plain page.
func (p *Parser) Page(file string, src []byte) (*Page, diag.List) {
	pg := &Page{}
	c, ok := p.start(file, src, PageSchema, pg, &pg.Source)
	if !ok {
		return nil, c.list
	}
	c.required("title", pg.Title)
	c.list.Sort()
	return pg, c.list
}

// badUnder reports whether a value in the table at path could not be
// decoded.
func (c *checker) badUnder(path string) bool {
	for k := range c.bad {
		if strings.HasPrefix(k, path+".") {
			return true
		}
	}
	return false
}

// start reads the text, splits it and decodes the front matter into v, a
// file of the kind sch describes. It reports ok = false when the file is
// unreadable or its TOML is broken.
func (p *Parser) start(file string, src []byte, sch *schema.File, v any, s *Source) (*checker, bool) {
	c := &checker{file: file, schema: sch, cfg: p.Config, static: p.Static}
	if d := CheckText(file, src); d != nil {
		c.list = diag.List{*d}
		return c, false
	}
	sum := sha256.Sum256(src) // before split, which may overwrite src
	front, body, bodyLine, d := split(file, src, p.owned)
	if d != nil {
		c.list = diag.List{*d}
		return c, false
	}
	keys, list, bad, fatal := decodeFront(file, front, v)
	for _, p := range markdown.CheckLimits(body) {
		list = append(list, errAt(file, tomldec.Pos{Line: p.Line, Col: p.Col}, p.Msg))
	}
	c.keys, c.list, c.bad = keys, list, bad
	*s = Source{File: file, Slug: Slug(file), Front: front, Body: body, BodyLine: bodyLine, Keys: keys, Sum: sum}
	return c, !fatal
}

// Slug makes the address part of a file: its name without ".md", in lower
// case, with every run of other characters turned into one hyphen.
func Slug(file string) string {
	name := strings.TrimSuffix(path.Base(file), ".md")
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(name) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
			continue
		}
		hyphen = true
	}
	return b.String()
}

// Kind is what a content file is.
type Kind int

const (
	KindBrief Kind = iota // content/opportunities/**.md
	KindEvent             // content/events/**.md
	KindPage              // content/*.md
)

// File is a content file found in a site folder.
type File struct {
	Path string // under the site folder, with forward slashes
	Kind Kind
	Info fs.FileInfo // its size and time, for callers that cache results
}

// Load reads and checks every content file of the site in fsys (the site
// folder): briefs, events and plain pages, in parallel, then checks what no
// single file can (Gather). The list holds every problem of every file,
// sorted by file and line; files with errors are left out of the Content.
// It is a Store used once: a caller that reads the same site again keeps a
// Store. When ctx ends first, Load stops after the files being read and
// returns empty content with diag.Stopped(ctx.Err()).
func (p *Parser) Load(ctx context.Context, fsys fs.FS) (*Content, diag.List) {
	entries, list := NewStore(p).Update(ctx, fsys)
	if err := ctx.Err(); err != nil {
		return &Content{}, diag.List{diag.Stopped(err)}
	}
	c, more := Gather(entries)
	list = append(list, more...)
	list.Sort()
	return c, list
}

// ParseFile reads and checks one content file of the kind f says. The
// document is nil when the file could not be read or decoded at all.
func (p *Parser) ParseFile(fsys fs.FS, f File) (Doc, diag.List) {
	src, err := fs.ReadFile(fsys, f.Path)
	if err != nil {
		return nil, diag.List{{File: f.Path, Line: 1, Col: 1, Severity: diag.Error, Rule: "invalid", Message: "cannot read the file: " + err.Error()}}
	}
	return p.Parse(f.Kind, f.Path, src)
}

// Parse checks the bytes of one content file of the given kind. The
// document is nil when the file could not be decoded at all.
func (p *Parser) Parse(kind Kind, file string, src []byte) (Doc, diag.List) {
	switch kind {
	case KindBrief:
		b, list := p.Brief(file, src)
		return docOrNil(b, b == nil), list
	case KindEvent:
		e, list := p.Event(file, src)
		return docOrNil(e, e == nil), list
	}
	pg, list := p.Page(file, src)
	return docOrNil(pg, pg == nil), list
}

// docOrNil is d, or a nil Doc when the pointer in it is nil (a nil *Brief
// in an interface is not a nil interface).
func docOrNil(d Doc, isNil bool) Doc {
	if isNil {
		return nil
	}
	return d
}

// Add puts a parsed document into the content.
func (c *Content) Add(d Doc) {
	switch d := d.(type) {
	case *Brief:
		c.Briefs = append(c.Briefs, d)
	case *EventPage:
		c.Events = append(c.Events, d)
	case *Page:
		c.Pages = append(c.Pages, d)
	}
}

// Docs lists every document of the content: briefs, events, then pages.
func (c *Content) Docs() []Doc {
	docs := make([]Doc, 0, len(c.Briefs)+len(c.Events)+len(c.Pages))
	for _, b := range c.Briefs {
		docs = append(docs, b)
	}
	for _, e := range c.Events {
		docs = append(docs, e)
	}
	for _, p := range c.Pages {
		docs = append(docs, p)
	}
	return docs
}

// FindFiles lists the content files in a stable order, warning about
// Markdown files in folders that are not read. Only plain files are
// listed: a symbolic link or a special file is left out, never opened
// (sitefs.Check reports it).
func FindFiles(fsys fs.FS) ([]File, diag.List) {
	var jobs []File
	var list diag.List
	err := fs.WalkDir(fsys, ContentDir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if base := d.Name(); name != ContentDir && (strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_")) {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || !strings.HasSuffix(name, ".md") || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		kind := KindPage
		switch dir := path.Dir(name); {
		case dir == ContentDir:
		case dir == OpportunitiesDir || strings.HasPrefix(dir, OpportunitiesDir+"/"):
			kind = KindBrief
		case dir == EventsDir || strings.HasPrefix(dir, EventsDir+"/"):
			kind = KindEvent
		default:
			list = append(list, diag.Diagnostic{File: name, Line: 1, Col: 1, Severity: diag.Warning, Rule: "invalid",
				Message: "this file is not published: briefs go in content/opportunities/, events in content/events/ and plain pages in content/"})
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		jobs = append(jobs, File{Path: name, Kind: kind, Info: info})
		return nil
	})
	if err != nil {
		list = append(list, diag.Diagnostic{File: ContentDir, Line: 1, Col: 1, Severity: diag.Error, Rule: "invalid",
			Message: "cannot read the content folder: " + err.Error() + "; a site needs content/opportunities/ with at least one brief"})
	}
	return jobs, list
}

// CrossCheck finds duplicate references and slugs, and reserved slugs,
// takes the offending files out of the content, and sorts it.
func (c *Content) CrossCheck() diag.List {
	var list diag.List
	bad := map[string]bool{}
	report := func(file string, line, col int, format string, args ...any) {
		list = append(list, diag.Diagnostic{File: file, Line: line, Col: col, Severity: diag.Error, Rule: "invalid", Message: fmt.Sprintf(format, args...)})
		bad[file] = true
	}
	// The place of a reference is looked up only when two clash: finding
	// it for every brief was a tenth of a one-brief rebuild in serve.
	refs := map[string]*Source{}
	seeRef := func(s *Source, reference, kind string) {
		if prev, ok := refs[reference]; ok {
			p := s.Pos("reference")
			report(s.File, p.Line, p.Col, "reference %q is also used by %s:%d; give each %s its own reference", reference, prev.File, prev.Pos("reference").Line, kind)
			return
		}
		refs[reference] = s
	}
	slugs := map[string]string{}
	seeSlug := func(s *Source, ns, kind string, reserved []string) {
		if s.Slug == "" {
			report(s.File, 1, 1, "the file name makes an empty web address; rename it with letters or digits, such as cleaning-libraries.md")
			return
		}
		if slices.Contains(reserved, s.Slug) {
			report(s.File, 1, 1, "the file name %q is reserved for another page of the site; rename the file, such as %s-%s.md", path.Base(s.File), s.Slug, kind)
			return
		}
		if prev, ok := slugs[ns+s.Slug]; ok {
			report(s.File, 1, 1, "this file gets the web address %q, as %s already does; rename one of them", s.Slug, prev)
			return
		}
		slugs[ns+s.Slug] = s.File
	}
	for _, b := range c.Briefs {
		seeRef(&b.Source, b.Reference, "brief")
		seeSlug(&b.Source, "brief:", "brief", ReservedBriefSlugs)
	}
	for _, e := range c.Events {
		seeRef(&e.Source, e.Reference, "event")
		seeSlug(&e.Source, "event:", "event", nil)
	}
	for _, p := range c.Pages {
		seeSlug(&p.Source, "page:", "page", ReservedPageSlugs)
	}
	c.Briefs = slices.DeleteFunc(c.Briefs, func(b *Brief) bool { return bad[b.File] })
	c.Events = slices.DeleteFunc(c.Events, func(e *EventPage) bool { return bad[e.File] })
	c.Pages = slices.DeleteFunc(c.Pages, func(p *Page) bool { return bad[p.File] })
	slices.SortFunc(c.Briefs, func(a, b *Brief) int { return strings.Compare(a.Slug, b.Slug) })
	slices.SortFunc(c.Events, func(a, b *EventPage) int { return strings.Compare(a.Slug, b.Slug) })
	slices.SortFunc(c.Pages, func(a, b *Page) int { return strings.Compare(a.Slug, b.Slug) })
	return list
}
