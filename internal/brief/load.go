package brief

import (
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/diag"
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
var ReservedBriefSlugs = []string{"closed", "index"}

// ReservedPageSlugs are file names a plain page may not take.
var ReservedPageSlugs = []string{"opportunities", "topics", "boroughs", "buyers", "events", "feeds", "data", "progress", "submit", "static", "index", "404"}

// Parser checks files against one site's settings.
type Parser struct {
	Config *config.Config
	Static fs.FS // the site's static/ folder; relative document links must name a file in it
}

// Brief parses and checks one brief. It returns nil when the file could not
// be read at all; otherwise the brief, with any problems in the list.
func (p *Parser) Brief(file string, src []byte) (*Brief, diag.List) {
	b := &Brief{}
	c, ok := p.start(file, src, b, &b.Source)
	if !ok {
		return nil, c.list
	}
	b.resolveDates(p.Config.Location)
	c.validate(b)
	c.list.Sort()
	return b, c.list
}

// Event parses and checks one file of content/events/.
func (p *Parser) Event(file string, src []byte) (*EventPage, diag.List) {
	e := &EventPage{}
	c, ok := p.start(file, src, e, &e.Source)
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
	c, ok := p.start(file, src, pg, &pg.Source)
	if !ok {
		return nil, c.list
	}
	c.required("title", pg.Title, `title = "About this site"`)
	c.list.Sort()
	return pg, c.list
}

// start reads the text, splits it and decodes the front matter into v. It
// reports ok = false when the file is unreadable or its TOML is broken.
func (p *Parser) start(file string, src []byte, v any, s *Source) (*checker, bool) {
	c := &checker{file: file, cfg: p.Config, static: p.Static}
	if d := CheckText(file, src); d != nil {
		c.list = diag.List{*d}
		return c, false
	}
	front, body, bodyLine, d := Split(file, src)
	if d != nil {
		c.list = diag.List{*d}
		return c, false
	}
	keys, list, bad := decodeFront(file, front, v)
	c.keys, c.list, c.bad = keys, list, bad
	*s = Source{File: file, Slug: Slug(file), Front: front, Body: body, BodyLine: bodyLine, Keys: keys}
	if len(list) > 0 && strings.HasPrefix(list[0].Message, "this is not valid TOML") {
		return c, false
	}
	return c, true
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

type job struct {
	file string
	kind int // 0 brief, 1 event, 2 page
}

// Load reads and checks every content file of the site in fsys (the site
// folder): briefs, events and plain pages, in parallel. It then checks what
// no single file can: that references and slugs are unique. The list holds
// every problem of every file, sorted by file and line; files with errors
// are left out of the Content.
func (p *Parser) Load(fsys fs.FS) (*Content, diag.List) {
	jobs, list := findFiles(fsys)
	type result struct {
		brief *Brief
		event *EventPage
		page  *Page
		list  diag.List
	}
	results := make([]result, len(jobs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				j := jobs[i]
				src, err := fs.ReadFile(fsys, j.file)
				if err != nil {
					results[i].list = diag.List{{File: j.file, Line: 1, Col: 1, Severity: diag.Error, Rule: "invalid", Message: "cannot read the file: " + err.Error()}}
					continue
				}
				r := &results[i]
				switch j.kind {
				case 0:
					r.brief, r.list = p.Brief(j.file, src)
				case 1:
					r.event, r.list = p.Event(j.file, src)
				case 2:
					r.page, r.list = p.Page(j.file, src)
				}
			}
		})
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()

	c := &Content{}
	for _, r := range results {
		list = append(list, r.list...)
		if r.list.Errors() > 0 {
			continue
		}
		switch {
		case r.brief != nil:
			c.Briefs = append(c.Briefs, r.brief)
		case r.event != nil:
			c.Events = append(c.Events, r.event)
		case r.page != nil:
			c.Pages = append(c.Pages, r.page)
		}
	}
	list = append(list, c.crossCheck()...)
	list.Sort()
	return c, list
}

// findFiles lists the content files in a stable order, warning about
// Markdown files in folders that are not read.
func findFiles(fsys fs.FS) ([]job, diag.List) {
	var jobs []job
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
		if !strings.HasSuffix(name, ".md") || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		switch dir := path.Dir(name); {
		case dir == ContentDir:
			jobs = append(jobs, job{name, 2})
		case dir == OpportunitiesDir || strings.HasPrefix(dir, OpportunitiesDir+"/"):
			jobs = append(jobs, job{name, 0})
		case dir == EventsDir || strings.HasPrefix(dir, EventsDir+"/"):
			jobs = append(jobs, job{name, 1})
		default:
			list = append(list, diag.Diagnostic{File: name, Line: 1, Col: 1, Severity: diag.Warning, Rule: "invalid",
				Message: "this file is not published: briefs go in content/opportunities/, events in content/events/ and plain pages in content/"})
		}
		return nil
	})
	if err != nil {
		list = append(list, diag.Diagnostic{File: ContentDir, Line: 1, Col: 1, Severity: diag.Error, Rule: "invalid",
			Message: "cannot read the content folder: " + err.Error() + "; a site needs content/opportunities/ with at least one brief"})
	}
	return jobs, list
}

// crossCheck finds duplicate references and slugs, and reserved slugs, and
// takes the offending files out of the content.
func (c *Content) crossCheck() diag.List {
	var list diag.List
	bad := map[string]bool{}
	report := func(file string, line, col int, format string, args ...any) {
		list = append(list, diag.Diagnostic{File: file, Line: line, Col: col, Severity: diag.Error, Rule: "invalid", Message: fmt.Sprintf(format, args...)})
		bad[file] = true
	}
	type ref struct {
		file string
		line int
	}
	refs := map[string]ref{}
	seeRef := func(s *Source, reference, kind string) {
		p := s.Keys.Pos("reference")
		if prev, ok := refs[reference]; ok {
			report(s.File, p.Line, p.Col, "reference %q is also used by %s:%d; give each %s its own reference", reference, prev.file, prev.line, kind)
			return
		}
		refs[reference] = ref{s.File, p.Line}
	}
	slugs := map[string]string{}
	seeSlug := func(s *Source, ns string, reserved []string) {
		if s.Slug == "" {
			report(s.File, 1, 1, "the file name makes an empty web address; rename it with letters or digits, such as cleaning-libraries.md")
			return
		}
		if slices.Contains(reserved, s.Slug) {
			report(s.File, 1, 1, "the file name %q is reserved for another page of the site; rename the file, such as %s-%s.md", path.Base(s.File), s.Slug, "brief")
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
		seeSlug(&b.Source, "brief:", ReservedBriefSlugs)
	}
	for _, e := range c.Events {
		seeRef(&e.Source, e.Reference, "event")
		seeSlug(&e.Source, "event:", nil)
	}
	for _, p := range c.Pages {
		seeSlug(&p.Source, "page:", ReservedPageSlugs)
	}
	c.Briefs = slices.DeleteFunc(c.Briefs, func(b *Brief) bool { return bad[b.File] })
	c.Events = slices.DeleteFunc(c.Events, func(e *EventPage) bool { return bad[e.File] })
	c.Pages = slices.DeleteFunc(c.Pages, func(p *Page) bool { return bad[p.File] })
	slices.SortFunc(c.Briefs, func(a, b *Brief) int { return strings.Compare(a.Slug, b.Slug) })
	slices.SortFunc(c.Events, func(a, b *EventPage) int { return strings.Compare(a.Slug, b.Slug) })
	slices.SortFunc(c.Pages, func(a, b *Page) int { return strings.Compare(a.Slug, b.Slug) })
	return list
}
