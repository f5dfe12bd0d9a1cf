package site

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"sync"

	"github.com/london-anchors/tenders/internal/config"
)

// Chrome is what the parts every page shares take (base.html's
// "site-head", "feed-links", "site-header" and "site-footer"): only the
// few facts of a page they may show. Pages with the same facts share the same bytes, so
// the chrome function executes each part once for each set of facts and
// reuses what it wrote: ten thousand brief pages at one depth have one
// header between them.
type Chrome struct {
	Site    *config.Config
	Root    string     // as the page's Root
	Footer  []Named    // the footer's plain pages
	Current string     // the page's Path, for the navigation to mark the page you are on
	Marked  bool       // whether Current may be marked: not on a brief's or an event's own page (never one of the navigation's), nor on the 404 page
	Live    bool       // the page's Live: it loads the status script
	Search  bool       // a facet's page or the home page: it loads the search script
	Feeds   []FeedLink // the page's Feeds, for its <link rel="alternate">
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
	// The page's Feeds, by where they are: pages share their lists
	// (renderer.siteLinks, and a facet's pages theirs), and nothing
	// changes one once it is made.
	feeds  *FeedLink
	nfeeds int
}

// pieces holds the parts one set of templates has made, by key: a
// chromeKey, or a sharedKey.
type pieces struct {
	mu    sync.Mutex
	parts map[any]template.HTML
}

// get returns the part made for key, making it with t's template name
// and data the first time.
func (k *pieces) get(t *template.Template, key any, name string, data any) (template.HTML, error) {
	k.mu.Lock()
	part, ok := k.parts[key]
	k.mu.Unlock()
	if ok {
		return part, nil
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, data); err != nil {
		return "", err
	}
	part = template.HTML(buf.String())
	k.mu.Lock()
	k.parts[key] = part
	k.mu.Unlock()
	return part, nil
}

// chrome makes the template function chrome for the set of templates t:
// {{chrome "name" .}} is the template name executed with the page's
// Chrome, made the first time and reused after. It is bound to each page
// template's own set, since a page template may define a part anew.
func (r *renderer) chrome(t *template.Template) func(string, *Page) (template.HTML, error) {
	parts := &pieces{parts: map[any]template.HTML{}}
	return func(name string, p *Page) (template.HTML, error) {
		c := r.chromeOf(p)
		key := chromeKey{name: name, root: c.Root, current: c.Current, marked: c.Marked, live: c.Live, search: c.Search, nfeeds: len(c.Feeds)}
		if len(c.Feeds) > 0 {
			key.feeds = &c.Feeds[0]
		}
		return parts.get(t, key, name, c)
	}
}

// sharedKey is what shared keeps a part by: the template's name and the
// value it is executed with.
type sharedKey struct {
	name string
	data any
}

// shared makes the template function shared for the set of templates t:
// {{shared "name" ARGS}} writes what {{template "name" ARGS}} would, made
// once for each value of ARGS and reused after, for a piece many pages
// share, such as the filter form of a listing. ARGS must be a plain value
// (strings, numbers, booleans, and structs and arrays of them), so that
// the same value always makes the same bytes: the template functions
// give the same results all through a build.
func (r *renderer) shared(t *template.Template) func(string, any) (template.HTML, error) {
	parts := &pieces{parts: map[any]template.HTML{}}
	return func(name string, data any) (template.HTML, error) {
		if !plain(reflect.TypeOf(data)) {
			return "", fmt.Errorf("shared %q: the arguments must be a plain value, not a %T", name, data)
		}
		return parts.get(t, sharedKey{name, data}, name, data)
	}
}

// plain reports whether a value of type t holds nothing but strings,
// numbers and booleans: no pointer, slice, map or interface, through
// which the same value could show different things.
func plain(t reflect.Type) bool {
	if t == nil {
		return false
	}
	switch t.Kind() {
	case reflect.Bool, reflect.String, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return true
	case reflect.Array:
		return plain(t.Elem())
	case reflect.Struct:
		for i := range t.NumField() {
			if !plain(t.Field(i).Type) {
				return false
			}
		}
		return true
	}
	return false
}

// chromeOf is the Chrome of the page p.
func (r *renderer) chromeOf(p *Page) *Chrome {
	c := &Chrome{Site: r.Config, Root: p.Root, Footer: r.foot, Live: p.Live(), Search: p.Facet != nil || p.Section == "home", Feeds: p.Feeds}
	if !p.NotFound && p.Opp == nil && p.Event == nil {
		c.Current, c.Marked = p.Path, true
	}
	return c
}

// bindChrome gives the set of templates t its own chrome and shared, with
// nothing kept yet: each render makes its pieces afresh, since site.toml
// may have changed since the last.
func (r *renderer) bindChrome(t *template.Template) {
	t.Funcs(template.FuncMap{"chrome": r.chrome(t), "shared": r.shared(t)})
}

// unboundChrome and unboundShared stand for chrome and shared in the
// functions the templates are parsed with; each page template's set gets
// its own (parseTemplates).
func unboundChrome(string, *Page) (template.HTML, error) {
	return "", errors.New("chrome is not bound to a set of templates")
}

func unboundShared(string, any) (template.HTML, error) {
	return "", errors.New("shared is not bound to a set of templates")
}
