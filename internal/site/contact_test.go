package site_test

import (
	"strings"
	"testing"

	"github.com/london-anchors/tenders/internal/site"
)

func TestTelURL(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"020 7946 0000", "tel:02079460000"},
		{"020-7946-0000", "tel:02079460000"},
		{"(020) 7946 0000", "tel:02079460000"},
		{"+44 20 7946 0000", "tel:+442079460000"},
		{"+44 (0)20 7946 0000", "tel:+442079460000"}, // the (0) is not dialled from abroad
		{"0800 123 4567 (freephone)", "tel:08001234567"},
		{"020 7946 0000 ext 123", "tel:02079460000"}, // the extension is not part of the number
		{"020 7946 0000, option 2", "tel:02079460000"},
		{"111", "tel:111"},
		{"call reception", ""},
		{"12", ""},
		{"", ""},
	} {
		if got := site.TelURL(c.in); got != c.want {
			t.Errorf("TelURL(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestContactLinks: the brief's page links the contact's e-mail address
// with mailto: and the phone number with tel:, showing the number as the
// buyer wrote it.
func TestContactLinks(t *testing.T) {
	_, fsys := fixture(t, "small")
	out := buildSite(t, fsys, "")
	page := string(out["opportunities/cleaning-libraries/index.html"])
	for _, want := range []string{
		`<a href="mailto:procurement@camden.example">procurement@camden.example</a>`,
		`<a href="tel:02079460000">020 7946 0000</a>`,
		`<div><dt>Procedure</dt><dd>Open: anyone can bid</dd></div>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if strings.Contains(page, "How we choose") {
		t.Error(`the procedure is still labelled "How we choose", like the body's "How we will choose"`)
	}
}
