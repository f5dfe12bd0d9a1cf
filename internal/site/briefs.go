package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"html/template"

	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/ocds"
	"github.com/london-anchors/tenders/internal/parallel"
)

// renderOpps renders every brief's own page and calendar, and its card for
// the listings, in parallel. Each body is parsed once: the tree goes to
// OnBody, then to the page.
func (r *renderer) renderOpps() diag.List {
	errs := make([]*diag.Diagnostic, len(r.opps))
	if c := r.Cache; c != nil && c.gen != r.Generation {
		c.mu.Lock()
		c.gen, c.opps, c.files = r.Generation, map[string]*cachedOpp{}, map[string]memoFile{}
		c.mu.Unlock()
	}
	parallel.Each(r.ctx, len(r.opps), func(i int) {
		o := r.opps[i]
		if r.Cache != nil {
			if c := r.Cache.get(o.File, o.key); c != nil && r.putKept(o.URL+"index.html", c.page) {
				o.card, o.BodyHTML, o.vevents, o.words = c.card, c.body, c.vevents, c.words
				o.releases, o.csvLine, o.dataSum = c.releases, c.csvLine, c.dataSum
				if c.ics != nil {
					r.put(o.URL+"deadline.ics", c.ics)
				}
				return
			}
		}
		errs[i] = r.renderOpp(o)
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

// renderOpp renders one brief: its page, its card and its calendar.
func (r *renderer) renderOpp(o *Opp) *diag.Diagnostic {
	if d := o.Restore(r.Sources); d != nil {
		return d
	}
	page, d := r.oppPage(o)
	if d != nil {
		return d
	}
	var kp *kept
	if r.Cache == nil {
		r.putBuffer(o.URL+"index.html", page)
	} else {
		kp = r.putPage(o.URL+"index.html", page.Bytes())
	}
	o.words = oppWords(o)
	var card bytes.Buffer
	root := r.cardRoot(o)
	if err := r.tmpl["opportunity.html"].ExecuteTemplate(&card, "opp-card", listArgs{Root: root, Opps: []*Opp{o}}); err != nil {
		d := templateDiag("partials.html", err)
		return &d
	}
	// In a buffer of its own size: a cache keeps it as long as the site.
	o.card = bytes.Split(fit(card.Bytes()), []byte(root))
	if !r.Config.Feeds.FullContent {
		o.BodyHTML = "" // not needed again: free it
	}
	r.spillOpp(o)
	// Only a brief still to close has a calendar to add: its page links
	// to one only then.
	var ics []byte
	if o.IsOpen() || o.IsUpcoming() {
		ics = r.briefCalendar(o)
		r.put(o.URL+"deadline.ics", ics)
	}
	if r.Cache != nil {
		// A cached render keeps the brief's open data too, so that a
		// change to one brief does not make every brief's again.
		rel, err := ocds.Releases(r.Config, r.ocdsInput(o))
		if err == nil {
			o.releases = rel
			o.csvLine, err = r.csvLineOf(o)
		}
		if err != nil {
			return &diag.Diagnostic{File: o.File, Line: 1, Col: 1, Severity: diag.Error, Rule: "invalid", Message: "cannot make the open data: " + err.Error()}
		}
		o.dataSum = hashKey(string(o.releases) + "\x00" + string(o.csvLine))
		r.Cache.set(o.File, &cachedOpp{key: o.key, page: kp, ics: ics, card: o.card, body: o.BodyHTML, vevents: o.vevents, words: o.words,
			releases: o.releases, csvLine: o.csvLine, dataSum: o.dataSum})
		// The cache holds all the next render takes from the brief's text:
		// let it go too (a third of what a session holds), and read the
		// file again in the render that needs it, under another
		// generation, say, or status.
		o.Lighten()
		return nil
	}
	// A one-off build needs the source no more: let it go, so a large site
	// is not held in memory twice. Of the key positions only those of
	// reference and aliases can still be reported.
	o.Lighten()
	return nil
}

// oppPage parses a brief's body, hands the tree to OnBody, and renders the
// brief's page.
func (r *renderer) oppPage(o *Opp) (*bytes.Buffer, *diag.Diagnostic) {
	doc := r.md.Parse(o.Body)
	if r.OnBody != nil {
		r.OnBody(o.Brief, doc)
	}
	buf := r.buffer(len(o.Body) + len(o.Body)/4)
	defer r.reuse(buf) // copied into BodyHTML
	if err := r.md.RenderTree(buf, o.Body, doc); err != nil {
		return nil, &diag.Diagnostic{File: o.File, Line: o.BodyLine, Col: 1, Severity: diag.Error, Rule: "invalid", Message: "cannot render the body: " + err.Error()}
	}
	o.BodyHTML = template.HTML(buf.String())
	p := r.page(o.URL, o.Title, "opportunities")
	p.Description = o.Summary
	p.Opp = o
	// The page is its body and about the same amount around it as the
	// last brief's page had.
	page := r.buffer(buf.Len() + max(r.sizes.hint("opportunity.html"), 8192))
	if err := r.tmpl["opportunity.html"].ExecuteTemplate(page, "base.html", p); err != nil {
		d := templateDiag("opportunity.html", err)
		return nil, &d
	}
	r.sizes.saw("opportunity.html", page.Len()-buf.Len())
	return page, nil
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
