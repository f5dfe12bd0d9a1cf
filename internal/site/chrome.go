package site

import (
	"bytes"
	"errors"
	"html/template"
	"sync"

	"github.com/london-anchors/tenders/internal/config"
)

// Chrome is what the parts every page shares take (base.html's
// "site-head", "site-header" and "site-footer"): only the few facts of a
// page they may show. Pages with the same facts share the same bytes, so
// the chrome function executes each part once for each set of facts and
// reuses what it wrote: ten thousand brief pages at one depth have one
// header between them.
type Chrome struct {
	Site    *config.Config
	Root    string  // as the page's Root
	Footer  []Named // the footer's plain pages
	Current string  // the page's Path, for the navigation to mark the page you are on
	Marked  bool    // whether Current may be marked: not on a brief's or an event's own page (never one of the navigation's), nor on the 404 page
	Live    bool    // the page's Live: it loads the status script
	Search  bool    // a facet's page or the home page: it loads the search script
}

// Nav is the argument of "nav-item" for a link of the main navigation to
// target, a path inside the site.
func (c *Chrome) Nav(target, label string) navItem {
	return navItem{Root: c.Root, Target: target, Label: label, Current: c.Marked && c.Current == target}
}

// chromeKey is what a part of the chrome is made from: its name and the
// facts of its Chrome that vary between pages (Site and Footer are the
// render's own, the same on every page).
type chromeKey struct {
	name, root, current  string
	marked, live, search bool
}

// chromeParts keeps the chrome one set of templates has made, by key.
type chromeParts struct {
	mu    sync.Mutex
	parts map[chromeKey]template.HTML
}

// chrome makes the template function chrome for the set of templates t:
// {{chrome "name" .}} is the template name executed with the page's
// Chrome, made the first time and reused after. It is bound to each page
// template's own set, since a page template may define a part anew.
func (r *renderer) chrome(t *template.Template) func(string, *Page) (template.HTML, error) {
	kept := &chromeParts{parts: map[chromeKey]template.HTML{}}
	return func(name string, p *Page) (template.HTML, error) {
		c := r.chromeOf(p)
		key := chromeKey{name: name, root: c.Root, current: c.Current, marked: c.Marked, live: c.Live, search: c.Search}
		kept.mu.Lock()
		part, ok := kept.parts[key]
		kept.mu.Unlock()
		if ok {
			return part, nil
		}
		var buf bytes.Buffer
		if err := t.ExecuteTemplate(&buf, name, c); err != nil {
			return "", err
		}
		part = template.HTML(buf.String())
		kept.mu.Lock()
		kept.parts[key] = part
		kept.mu.Unlock()
		return part, nil
	}
}

// chromeOf is the Chrome of the page p.
func (r *renderer) chromeOf(p *Page) *Chrome {
	c := &Chrome{Site: r.Config, Root: p.Root, Footer: r.foot, Live: p.Live(), Search: p.Facet != nil || p.Section == "home"}
	if !p.NotFound && p.Opp == nil && p.Event == nil {
		c.Current, c.Marked = p.Path, true
	}
	return c
}

// unboundChrome stands for chrome in the functions the templates are
// parsed with; each page template's set gets its own (parseTemplates).
func unboundChrome(string, *Page) (template.HTML, error) {
	return "", errors.New("chrome is not bound to a set of templates")
}
