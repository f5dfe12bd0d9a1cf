package tenders_test

import (
	"os"
	"testing"

	"github.com/london-anchors/tenders/internal/audit"
	"github.com/london-anchors/tenders/internal/build"
	"github.com/london-anchors/tenders/internal/site"
	"github.com/london-anchors/tenders/internal/theme"
)

// TestExampleAudit: the example site passes the audit the hostile corpus
// is held to, so the audit itself finds nothing in a good site.
func TestExampleAudit(t *testing.T) {
	out, list, err := build.Build(t.Context(), os.DirFS("."), site.Defaults{Templates: theme.Templates(), Static: theme.Static()}, build.Options{Now: exampleNow, BaseURL: "https://example.org/opportunities/"})
	if err != nil {
		t.Fatal(err)
	}
	if list.Errors() > 0 {
		t.Fatal(list)
	}
	for _, p := range audit.Site(out) {
		t.Error(p)
	}
}
