package site_test

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestAlsoPublishedOn: a brief that tenders import wrote links to the
// notice on its portal; one without [imported] says nothing of it.
func TestAlsoPublishedOn(t *testing.T) {
	_, fsys := fixture(t, "small")
	fsys["content/opportunities/imported.md"] = &fstest.MapFile{Data: []byte(`+++
title = "Imported"
reference = "ocds-h6vhtk-04f1a2"
buyer = "camden"
published = 2026-06-01T09:00:00Z
deadline = 2026-07-01T12:00:00Z
summary = "A notice from the portal."
category = "services"
topics = ["cleaning"]
apply_url = "https://example.org/bid"
[contact]
email = "a@camden.example"
[imported]
publisher = "Find a Tender"
ocid = "ocds-h6vhtk-04f1a2"
url = "https://www.find-tender.service.gov.uk/Notice/041001-2026"
+++
Text.
`)}
	out := buildSite(t, fsys, "")
	page := string(out["opportunities/imported/index.html"])
	if want := `<p>Also published on <a href="https://www.find-tender.service.gov.uk/Notice/041001-2026">Find a Tender</a>.</p>`; !strings.Contains(page, want) {
		t.Errorf("the page lacks %s", want)
	}
	for name, data := range out {
		if strings.HasPrefix(name, "opportunities/") && name != "opportunities/imported/index.html" && strings.Contains(string(data), "Also published on") {
			t.Errorf("%s says it is published elsewhere", name)
		}
	}
}
