package site_test

import (
	"strings"
	"testing"

	"github.com/london-anchors/tenders/internal/audit"
	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/build"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/site"
)

// FuzzFeeds renders a brief whose text is arbitrary, past the checks that
// would refuse most of it, as a second line of defence: every feed and
// calendar the site writes must still parse, and no HTML field of a feed
// may hold markup that runs.
func FuzzFeeds(f *testing.F) {
	f.Add("Cleaning", "Tea & coffee ]]> for staff.", "<script>alert(1)</script>", "Camden", "Sam")
	f.Add("\x00\x01\x1b[2J", "\u202e\r\n<!--", "]]>]]><![CDATA[", "a\n::error::x", "=cmd|' /C calc'!A0")
	f.Add(strings.Repeat("é£", 60), "&amp; &lt;b&gt;", "<img src=x onerror=alert(2)>", "<b>", "\xff\xfe")
	_, fsys := fixture(f, "small")
	cfg, list := build.LoadConfig(fsys, "")
	if list.Errors() > 0 {
		f.Fatal(list)
	}
	content, list := (&brief.Parser{Config: cfg}).Load(f.Context(), fsys)
	if list.Errors() > 0 {
		f.Fatal(list)
	}
	f.Fuzz(func(t *testing.T, title, summary, update, buyer, contact string) {
		b := *content.Briefs[0] // a copy: the fuzzed text goes into it alone
		b.Title, b.Summary, b.Contact.Name = title, summary, contact
		b.Updates = append([]brief.Update{{Date: b.Published, Text: update}}, b.Updates...)
		b.Events = append([]brief.Event(nil), b.Events...)
		if len(b.Events) > 0 {
			b.Events[0].Place, b.Events[0].Text = summary, update
		}
		c := *cfg
		c.Buyers = map[string]config.Buyer{}
		for k, v := range cfg.Buyers {
			v.Name = buyer
			c.Buyers[k] = v
		}
		sink := &mapSink{out: site.Output{}}
		s := &site.Site{Config: &c, Content: &brief.Content{Briefs: []*brief.Brief{&b}},
			Now: fixedNow, Templates: defaults.Templates, Static: defaults.Static}
		if _, err := site.Render(t.Context(), s, sink); err != nil {
			t.Fatal(err)
		}
		feeds := map[string][]byte{}
		for name, data := range sink.out {
			if strings.HasSuffix(name, ".xml") && !strings.HasSuffix(name, "sitemap.xml") || strings.HasSuffix(name, ".json") && !strings.HasPrefix(name, "data/") || strings.HasSuffix(name, ".ics") {
				feeds[name] = data
			}
		}
		for _, p := range audit.Site(feeds) {
			t.Fatal(p)
		}
	})
}
