package mediatype

import (
	"strings"
	"testing"
)

func TestOf(t *testing.T) {
	for name, want := range map[string]string{
		"feed.xml":                     "application/rss+xml; charset=utf-8",
		"topics/cleaning/atom.xml":     "application/atom+xml; charset=utf-8",
		"sitemap.xml":                  "application/xml; charset=utf-8",
		"data/ocds.json":               "application/json; charset=utf-8",
		"feed.json":                    "application/feed+json; charset=utf-8",
		"opportunities/x/deadline.ics": "text/calendar; charset=utf-8",
		"index.html":                   "text/html; charset=utf-8",
		"data/opportunities.csv":       "text/csv; charset=utf-8",
		"docs/spec.docx":               "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		"_headers":                     Unknown,
	} {
		if got := Of(name); got != want {
			t.Errorf("Of(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestOrder: no row is hidden behind an earlier one with a shorter suffix
// that it ends with.
func TestOrder(t *testing.T) {
	for i, a := range Types {
		for _, b := range Types[:i] {
			if strings.HasSuffix(a.Suffix, b.Suffix) {
				t.Errorf("%q can never match: %q comes first", a.Suffix, b.Suffix)
			}
		}
	}
}
