package site_test

import (
	"context"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/build"
	"github.com/london-anchors/tenders/internal/site"
)

// renderUnchecked renders a site without build's check for links, as a
// second line of defence: the render's own walks must not follow them.
func renderUnchecked(t *testing.T, fsys fstest.MapFS) (site.Output, error) {
	t.Helper()
	cfg, list := build.LoadConfig(fsys, "")
	if list.Errors() > 0 {
		t.Fatal(list)
	}
	content, list := (&brief.Parser{Config: cfg}).Load(context.Background(), fsys)
	if list.Errors() > 0 {
		t.Fatal(list)
	}
	templates, _ := fs.Sub(fsys, "templates")
	static, _ := fs.Sub(fsys, "static")
	sink := &mapSink{out: site.Output{}}
	rlist, err := site.Render(context.Background(), &site.Site{Config: cfg, Content: content, Now: fixedNow,
		Templates: site.Overlay(templates, defaults.Templates), Static: site.Overlay(static, defaults.Static)}, sink)
	if err != nil {
		return nil, err
	}
	return sink.out, rlist.Err()
}

type mapSink struct {
	mu  sync.Mutex
	out site.Output
}

func (m *mapSink) Put(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.out[name] = data
	return nil
}

// TestRenderSkipsLinks: linked static files are not copied or
// fingerprinted, and a linked template is an error, not used and not
// silently replaced by the built-in one.
func TestRenderSkipsLinks(t *testing.T) {
	_, fsys := fixture(t, "small")
	fsys["static/env.txt"] = &fstest.MapFile{Data: []byte("../site.toml"), Mode: fs.ModeSymlink}
	fsys["static/css/evil.css"] = &fstest.MapFile{Data: []byte("../../site.toml"), Mode: fs.ModeSymlink}
	out, err := renderUnchecked(t, fsys)
	if err != nil {
		t.Fatal(err)
	}
	for name := range out {
		if name == "env.txt" || strings.HasPrefix(name, "css/evil") {
			t.Errorf("%s was published through a link", name)
		}
	}

	fsys["other/page.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}LEAKED{{end}}`)}
	fsys["templates/page.html"] = &fstest.MapFile{Data: []byte("../other/page.html"), Mode: fs.ModeSymlink}
	out, err = renderUnchecked(t, fsys)
	if err == nil || !strings.Contains(err.Error(), "templates/page.html") || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("a linked template: %v, want an error naming templates/page.html", err)
	}
	for name, data := range out {
		if strings.Contains(string(data), "LEAKED") {
			t.Errorf("%s was made with a linked template", name)
		}
	}
}
