package site_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/london-anchors/tenders/internal/build"
)

// TestChromeEachPage: the chrome is made once for each set of facts and
// reused, yet every page still gets its own: the navigation marks exactly
// the page you are on, and the status script is on exactly the pages that
// show a status still to change.
func TestChromeEachPage(t *testing.T) {
	_, fsys := fixture(t, "small")
	out := buildSite(t, fsys, "")
	targets := map[string]bool{"": true, "topics/": true, "boroughs/": true, "buyers/": true, "events/": true, "opportunities/closed/": true}
	pages := 0
	for name, data := range out {
		dir, ok := strings.CutSuffix(name, "index.html")
		if !ok || !bytes.HasPrefix(data, []byte("<!DOCTYPE html>")) {
			continue
		}
		pages++
		root := strings.Repeat("../", strings.Count(dir, "/"))
		if root == "" {
			root = "./"
		}
		marked := bytes.Count(data, []byte(`aria-current="page"`))
		here := bytes.Contains(data, []byte(`href="`+root+dir+`" aria-current="page"`))
		if want := targets[dir]; marked != map[bool]int{true: 1}[want] || here != want {
			t.Errorf("%s: %d links marked as the page you are on, this page's among them = %v; want it alone marked = %v", name, marked, here, want)
		}
		live := bytes.Contains(data, []byte("data-until=")) || bytes.Contains(data, []byte("data-after="))
		if got := bytes.Contains(data, []byte("js/status.")); got != live {
			t.Errorf("%s: loads the status script = %v, though it has marks to update = %v", name, got, live)
		}
	}
	if pages < 10 {
		t.Fatalf("only %d pages", pages)
	}
}

// TestChromeOwnPart: a page template that defines a part of the chrome
// anew gets its own, and the other pages keep the theme's.
func TestChromeOwnPart(t *testing.T) {
	_, fsys := fixture(t, "small")
	fsys["templates/page.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<h1>{{.Title}}</h1>{{end}}{{define "site-header"}}<header>Own header at {{.Root}}</header>{{end}}`)}
	out := buildSite(t, fsys, "")
	if !bytes.Contains(out["about/index.html"], []byte("<header>Own header at ../</header>")) {
		t.Errorf("the plain page has not its own header:\n%s", out["about/index.html"])
	}
	if bytes.Contains(out["index.html"], []byte("Own header")) || !bytes.Contains(out["index.html"], []byte(`<header class="site-header">`)) {
		t.Error("the home page has not the theme's header")
	}
}

// TestSharedFilters: the filter form is made once for each set of its
// arguments, and each facet's pages still get their own.
func TestSharedFilters(t *testing.T) {
	_, fsys := fixture(t, "small")
	out := buildSite(t, fsys, "")
	facets := 0
	for name, data := range out {
		parts := strings.Split(name, "/")
		if len(parts) != 3 || parts[2] != "index.html" || !bytes.Contains(data, []byte(`id="filters"`)) {
			continue
		}
		kind := map[string]string{"topics": "topic", "boroughs": "borough", "buyers": "buyer"}[parts[0]]
		if kind == "" {
			continue
		}
		facets++
		if want := `data-facet="` + kind + ":" + parts[1] + `"`; !bytes.Contains(data, []byte(want)) {
			t.Errorf("%s: the filter form has not %s", name, want)
		}
		if bytes.Contains(data, []byte(`id="filter-`+kind+`"`)) {
			t.Errorf("%s: the filter form offers a choice of %s on a %s's own page", name, kind, kind)
		}
	}
	if facets == 0 {
		t.Fatal("no facet page has a filter form")
	}
}

// TestSharedPlain: shared refuses arguments through which the same value
// could show different things, with an error that says so.
func TestSharedPlain(t *testing.T) {
	_, fsys := fixture(t, "small")
	fsys["templates/page.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{shared "own" .}}{{end}}{{define "own"}}{{.Title}}{{end}}`)}
	_, list, err := build.Build(context.Background(), fsys, defaults, build.Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(fmt.Sprint(list), "must be a plain value") {
		t.Errorf("got %v, want an error that the arguments must be a plain value", list)
	}
}
