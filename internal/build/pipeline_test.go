package build_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/london-anchors/tenders/internal/build"
)

// TestCheckLintsCleanFiles: check lints every file that parsed cleanly,
// whatever is wrong with the others (it once linted nothing as soon as
// any file had an error), and never lints a file that has one.
func TestCheckLintsCleanFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":                     {Data: []byte(hostileSite)},
		"content/opportunities/good.md": {Data: []byte(hostileFront + "+++\n## What we need\n\nWe will utilise the hall.\n")},
		"content/opportunities/bad.md":  {Data: []byte(strings.Replace(hostileFront, `buyer = "camden"`, `buyer = "nobody"`, 1) + "+++\nWe will utilise the hall.\n")},
		"content/about.md":              {Data: []byte("+++\ntitle = \"About\"\n+++\nWe will utilise the hall.\n")},
	}
	c, err := build.Check(t.Context(), fsys, "")
	if err != nil {
		t.Fatal(err)
	}
	jargon := map[string]bool{}
	for _, d := range c.List {
		if d.Rule == "jargon" {
			jargon[d.File] = true
		}
	}
	if !jargon["content/opportunities/good.md"] || !jargon["content/about.md"] {
		t.Errorf("clean files were not linted: %v", c.List.Error())
	}
	if jargon["content/opportunities/bad.md"] {
		t.Errorf("a file with an error was linted")
	}
	if c.List.Errors() == 0 {
		t.Errorf("the bad buyer was not reported")
	}
	if len(c.Summaries) != 2 {
		t.Errorf("%d summaries, want one for each clean file", len(c.Summaries))
	}
}
