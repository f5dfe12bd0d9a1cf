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
	// Every file has its summary, the one that did not parse too, with
	// its error counted and no reading scores.
	if len(c.Summaries) != 3 {
		t.Fatalf("%d summaries, want one for each file", len(c.Summaries))
	}
	for _, s := range c.Summaries {
		switch s.File {
		case "content/opportunities/bad.md":
			if s.Errors != 1 || s.Words != 0 {
				t.Errorf("the file that did not parse: %+v, want 1 error and no words", s)
			}
		case "content/opportunities/good.md", "content/about.md":
			if s.Errors != 0 || s.Warnings == 0 || s.Words == 0 {
				t.Errorf("a clean file: %+v, want its warning and its words", s)
			}
		default:
			t.Errorf("a summary of %s", s.File)
		}
	}
}
