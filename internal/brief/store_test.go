package brief_test

import (
	"context"
	"testing"
	"testing/fstest"
	"time"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
)

// TestStore: a file is parsed again only when its bytes change; a touched
// file keeps its document; a removed file leaves the store.
func TestStore(t *testing.T) {
	cfg, list := config.Parse("site.toml", defaultSiteTOML)
	if list.Errors() > 0 {
		t.Fatal(list)
	}
	page := func(title string) []byte { return []byte("+++\ntitle = \"" + title + "\"\n+++\nText.\n") }
	t0 := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	fsys := fstest.MapFS{
		"content/about.md": {Data: page("About"), ModTime: t0},
		"content/help.md":  {Data: page("Help"), ModTime: t0},
	}
	s := brief.NewStore(&brief.Parser{Config: cfg})
	ctx := context.Background()
	first, _ := s.Update(ctx, fsys)
	if len(first) != 2 || first[0].Doc == nil || first[0].Doc.Src().File != "content/about.md" {
		t.Fatalf("first update: %+v", first)
	}
	about := first[0].Doc

	// Touched, same bytes: the same document.
	fsys["content/about.md"].ModTime = t0.Add(time.Minute)
	// Changed: a new one.
	fsys["content/help.md"] = &fstest.MapFile{Data: page("Help us"), ModTime: t0.Add(time.Minute)}
	second, _ := s.Update(ctx, fsys)
	if second[0].Doc != about {
		t.Error("a touched file with the same bytes was parsed again")
	}
	if got := second[1].Doc.(*brief.Page).Title; got != "Help us" {
		t.Errorf("a changed file still has the title %q", got)
	}

	delete(fsys, "content/help.md")
	third, _ := s.Update(ctx, fsys)
	if len(third) != 1 || third[0].File.Path != "content/about.md" {
		t.Errorf("after removing a file: %d entries", len(third))
	}
	content, _ := brief.Gather(third)
	if len(content.Pages) != 1 {
		t.Errorf("Gather: %d pages", len(content.Pages))
	}
}
