package site

import (
	"errors"
	"fmt"
	"html/template"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/sitefs"
)

// pageTemplates are the templates that render a page, besides base.html and
// partials.html: a brief's, and each of pageKinds'.
func pageTemplates() []string {
	names := []string{"opportunity.html"}
	for _, k := range pageKinds {
		if !slices.Contains(names, k.template) {
			names = append(names, k.template)
		}
	}
	return names
}

func (r *renderer) funcs() template.FuncMap {
	return template.FuncMap{
		"money": Money,
		"when":  r.when,
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
			return count(n) + " " + many
		},
		"count":            count,
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
		"hasPrefix":        strings.HasPrefix,
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
		"asset":   r.asset,
		"chrome":  unboundChrome,
		"shared":  unboundShared,
		"updated": r.updated,
		"icons":   r.icons,
		"logo":    r.logo,
		"percent": func(f float64) string { return strconv.FormatFloat(f, 'f', 0, 64) + "%" },
		"filterArgs": func(root string, f *Facet) filterArgs {
			if f == nil {
				return filterArgs{Root: root}
			}
			return filterArgs{root, f.Kind, f.Kind + ":" + f.Key}
		},
		"mapArgs":       func(root string, m *BoroughMap) mapArgs { return mapArgs{root, m} },
		"cards":         r.cards,
		"insuranceText": insuranceText,
		"csvGroups":     func() []CSVGroup { return CSVGroups },
		"alerts": func(root string, set *FeedSet, name string) alertArgs {
			return alertArgs{Root: root, Set: set, Name: name}
		},
		// webcal makes the subscribe address of a calendar; webcal: is
		// safe here, as the address is the site's own.
		"webcal": func(path string) template.URL {
			u := r.Config.URL(path)
			return template.URL("webcal://" + u[strings.Index(u, "://")+3:])
		},
		// tel is safe as an href: TelURL writes only "tel:", "+" and digits.
		"tel": func(phone string) template.URL { return template.URL(TelURL(phone)) },
		"eventView": func(e brief.Event) *EventView {
			return &EventView{Event: e, KindLabel: brief.EventKinds[e.Kind]}
		},
	}
}

// when is the template function: When for a time.Time, WhenDate for a
// front-matter date (so an event's date alone is written as its day).
func (r *renderer) when(v any) (string, error) {
	switch x := v.(type) {
	case time.Time:
		return When(x, r.loc), nil
	case brief.Date:
		return WhenDate(x, r.loc), nil
	}
	return "", fmt.Errorf("when takes a time or a date, not %T", v)
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
	kept := r.Cache.generation(r.Generation)
	if kept.tmpl != nil {
		// The templates are as last time: bind their functions to this
		// render instead of parsing them again (Funcs may replace them).
		funcs := r.funcs()
		for _, t := range kept.tmpl {
			t.Funcs(funcs)
			r.bindChrome(t)
		}
		r.tmpl = kept.tmpl
		return nil
	}
	// ParseFS finds files through fs.Glob, which hides why one cannot be
	// opened: say it when a template is a link (never followed).
	var list diag.List
	for _, name := range append([]string{"base.html", "partials.html"}, pageTemplates()...) {
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
	for _, name := range pageTemplates() {
		t := template.Must(base.Clone())
		if _, err := t.ParseFS(r.Templates, name); err != nil {
			list = append(list, templateDiag(name, err))
			continue
		}
		r.bindChrome(t)
		r.tmpl[name] = t
	}
	if len(list) == 0 {
		kept.tmpl = r.tmpl
	}
	return list
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

// count writes a whole number with its thousands grouped: 10,234.
func count(n int) string { return strings.TrimPrefix(Money(int64(n)), "£") }
