package build_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/london-anchors/tenders/internal/build"
	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/publish"
	"github.com/london-anchors/tenders/internal/site"
	"github.com/london-anchors/tenders/internal/sitefs"
	"github.com/london-anchors/tenders/internal/synth"
	"github.com/london-anchors/tenders/internal/theme"
)

var defaults = site.Defaults{Templates: theme.Templates(), Static: theme.Static()}

func sameOutput(t *testing.T, what string, got, want site.Output) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d files, a full build makes %d", what, len(got), len(want))
	}
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s: %s differs from a full build", what, name)
		}
	}
}

// TestSessionMatchesFullBuild edits a brief, a plain page and a template
// between rebuilds; each rebuild must equal a full build byte for byte.
func TestSessionMatchesFullBuild(t *testing.T) {
	eachMode(t, testSessionMatchesFullBuild)
}

func testSessionMatchesFullBuild(t *testing.T, start starter) {
	fsys, stamp := stampedSynthFS(60)
	fsys["content/about.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"About\"\n+++\nHello.\n"), ModTime: stamp}
	s := start(t, build.NewSession(fsys, defaults, ""))
	check := func(what string) {
		t.Helper()
		matchesFullBuild(t, s, fsys, what, benchNow)
	}
	check("first build")
	check("no change")

	name := "content/opportunities/brief-000007.md"
	fsys[name] = &fstest.MapFile{Data: bytes.Replace(fsys[name].Data, []byte("title = \""), []byte("title = \"Edited: "), 1), ModTime: stamp.Add(time.Second)}
	check("brief edited")

	fsys["content/about.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"About us\"\n+++\nHello.\n"), ModTime: stamp.Add(2 * time.Second)}
	check("page edited")

	// A comment moves every line of a brief with findings down by one:
	// the rebuild reports them at their new lines.
	_, found, err := build.Build(context.Background(), fsys, defaults, build.Options{Now: benchNow})
	if err != nil || len(found) == 0 {
		t.Fatal(err, found)
	}
	name = found[0].File
	fsys[name] = &fstest.MapFile{Data: bytes.Replace(fsys[name].Data, []byte("+++\n"), []byte("+++\n# Checked by the team.\n"), 1), ModTime: stamp.Add(3 * time.Second)}
	check("comment added to a brief")

	// The chrome is made once a render: a new title is in every header.
	fsys["site.toml"] = &fstest.MapFile{Data: bytes.Replace(fsys["site.toml"].Data, []byte(`title = "`), []byte(`title = "Renamed `), 1), ModTime: stamp.Add(2 * time.Second)}
	check("site.toml edited")

	fsys["templates/partials.html"] = &fstest.MapFile{Data: []byte(strings.Replace(readDefault(t, "partials.html"), `<p class="opp-summary">`, `<p class="opp-summary changed">`, 1)), ModTime: stamp}
	check("template edited")

	css, err := fs.ReadFile(theme.Static(), "css/site.css")
	if err != nil {
		t.Fatal(err)
	}
	fsys["static/css/site.css"] = &fstest.MapFile{Data: append(css, "\n.changed { color: red; }\n"...), ModTime: stamp.Add(3 * time.Second)}
	fsys["static/notes.txt"] = &fstest.MapFile{Data: []byte("Notes.\n"), ModTime: stamp}
	check("static files added")

	fsys["static/notes.txt"] = &fstest.MapFile{Data: []byte("Other notes.\n"), ModTime: stamp.Add(4 * time.Second)}
	check("static file edited")

	// Copied in with its time kept (cp -p): same size, same time.
	fsys["static/notes.txt"] = &fstest.MapFile{Data: []byte("Other n0tes.\n"), ModTime: stamp.Add(4 * time.Second)}
	check("static file edited, its size and time kept")
	fsys["templates/partials.html"] = &fstest.MapFile{Data: []byte(strings.Replace(readDefault(t, "partials.html"), `<p class="opp-summary">`, `<p class="opp-summary chanGed">`, 1)), ModTime: stamp}
	check("template edited, its size and time kept")

	gone := fsys["content/opportunities/brief-000008.md"]
	delete(fsys, "content/opportunities/brief-000008.md")
	check("brief deleted")
	// Put back as it was: its page's key is the one the cache kept, but
	// a folder kept up to date no longer holds the page.
	fsys["content/opportunities/brief-000008.md"] = gone
	check("brief put back")
	delete(fsys, "content/opportunities/brief-000008.md")
	check("brief deleted again")

	got, _, err := s(benchNow.Add(40 * 24 * time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	want, _, err := build.Build(context.Background(), fsys, defaults, build.Options{Now: benchNow.Add(40 * 24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	sameOutput(t, "clock moved on", got, want)
}

func readDefault(t *testing.T, name string) string {
	data, err := fsReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// BenchmarkRebuildOneBrief edits one brief of a large site and rebuilds:
// in memory (Build, the site in an fstest.MapFS), and as serve does
// ("serve": the site in a folder on disk read through sitefs, the edit
// told to it as the watcher tells it, the output kept up to date in a
// folder by BuildInto). It reports the heap after the first build too
// (heap-MB), live objects only: the session's store and cache, and in
// memory the site it built, less the benchmark's own copy of the sources.
func BenchmarkRebuildOneBrief(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		for _, into := range []string{"memory", "serve"} {
			b.Run(briefsName(n)+"/"+into, func(b *testing.B) {
				benchRebuild(b, n, into == "serve")
			})
		}
	}
}

func benchRebuild(b *testing.B, n int, serve bool) {
	files := synth.Site(n)
	name, data := synth.Brief(5)
	var edit func(i int)
	var rebuild func()
	sources := 0
	if serve {
		dir := b.TempDir()
		for name, data := range files {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				b.Fatal(err)
			}
		}
		fsys, err := sitefs.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		defer fsys.Close()
		live, err := publish.NewLive(b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		defer live.Close()
		s := build.NewSession(fsys, defaults, "")
		edit = func(i int) {
			if err := os.WriteFile(filepath.Join(dir, name), append(bytes.Clone(data), []byte("\nOne more line.\n")[:1+i%15]...), 0o644); err != nil {
				b.Fatal(err)
			}
			fsys.Refresh([]string{name})
			s.Touch([]string{name})
		}
		rebuild = func() {
			if list, err := s.BuildInto(context.Background(), benchNow, live); err != nil || list.Errors() > 0 {
				b.Fatal(err, list)
			}
		}
	} else {
		fsys := fstest.MapFS{}
		stamp := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		for name, data := range files {
			fsys[name] = &fstest.MapFile{Data: data, ModTime: stamp}
			sources += len(data)
		}
		s := build.NewSession(fsys, defaults, "")
		edit = func(i int) {
			fsys[name] = &fstest.MapFile{Data: append(bytes.Clone(data), []byte("\nOne more line.\n")[:1+i%15]...), ModTime: stamp.Add(time.Duration(i) * time.Second)}
		}
		rebuild = func() {
			out, list, err := s.Build(context.Background(), benchNow)
			if err != nil || list.Errors() > 0 {
				b.Fatal(err, list)
			}
			keep = out
		}
	}
	files = nil
	rebuild()
	runtime.GC()
	var mem runtime.MemStats
	runtime.ReadMemStats(&mem)
	i := 0
	for b.Loop() {
		i++
		edit(i)
		rebuild()
	}
	b.ReportMetric(float64(int(mem.HeapAlloc)-sources)/(1<<20), "heap-MB")
	keep = nil
}

// stampedSynthFS is synthFS(n) with every file's time set to stamp, so
// a test's edits can move times on from it.
func stampedSynthFS(n int) (fstest.MapFS, time.Time) {
	fsys := synthFS(n)
	stamp := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, f := range fsys {
		f.ModTime = stamp
	}
	return fsys, stamp
}

// keep holds the last site built in memory, as serve held it.
var keep site.Output

// matchesFullBuild rebuilds with s at now and holds the output to a full
// build of fsys, byte for byte.
func matchesFullBuild(t *testing.T, s rebuild, fsys fs.FS, what string, now time.Time) {
	t.Helper()
	got, list, err := s(now)
	if err != nil {
		t.Fatal(err)
	}
	if list.Errors() > 0 {
		t.Fatalf("%s: %v", what, list)
	}
	want, wantList, err := build.Build(context.Background(), fsys, defaults, build.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	sameOutput(t, what, got, want)
	sameFindings(t, what, list, wantList)
}

// sameFindings holds a rebuild's findings to a full build's: each once,
// in the same order, none missing.
func sameFindings(t *testing.T, what string, got, want diag.List) {
	t.Helper()
	if len(want) == 0 {
		t.Fatalf("%s: a full build finds nothing, so the findings are not tested", what)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: %d findings, a full build has %d:\n%v\nwant:\n%v", what, len(got), len(want), got, want)
	}
}

// TestSessionMovesEditedBrief makes the edits that move a brief between
// listings, facets, feeds, the search index's groups and the events, one
// after another; after each, a rebuild must equal a full build byte for
// byte.
func TestSessionMovesEditedBrief(t *testing.T) {
	eachMode(t, testSessionMovesEditedBrief)
}

func testSessionMovesEditedBrief(t *testing.T, start starter) {
	fsys, stamp := stampedSynthFS(60)
	s := start(t, build.NewSession(fsys, defaults, ""))
	check := func(what string, now time.Time) {
		t.Helper()
		matchesFullBuild(t, s, fsys, what, now)
	}
	check("first build", benchNow)
	edits := 0
	edit := func(what, name, old, new string) {
		t.Helper()
		f := fsys[name]
		if !bytes.Contains(f.Data, []byte(old)) {
			t.Fatalf("%s: %s has no %q", what, name, old)
		}
		edits++
		fsys[name] = &fstest.MapFile{Data: bytes.Replace(f.Data, []byte(old), []byte(new), 1), ModTime: stamp.Add(time.Duration(edits) * time.Second)}
		check(what, benchNow)
	}
	b12 := "content/opportunities/brief-000012.md"
	edit("title", b12, `title = "`, `title = "Newly worded: `)
	edit("topic", b12, `topics = ["repairs", "photography"]`, `topics = ["cleaning"]`)
	edit("borough", b12, `boroughs = ["lambeth"]`, `boroughs = ["hackney"]`)
	edit("london-wide", b12, `boroughs = ["hackney"]`, `boroughs = ["london-wide"]`)
	edit("buyer", b12, `buyer = "buyer-12"`, `buyer = "buyer-03"`)
	edit("event", b12, `title = "Meet the buyer"`, `title = "Meet the buyers"`)
	edit("reopened", b12, "deadline = 2026-02-25T12:00:00Z\nquestions_deadline = 2026-02-18T12:00:00Z",
		"deadline = 2026-12-20T12:00:00Z\nquestions_deadline = 2026-12-10T12:00:00Z")
	edit("closing soon", b12, "deadline = 2026-12-20T12:00:00Z\nquestions_deadline = 2026-12-10T12:00:00Z",
		"deadline = 2026-12-03T12:00:00Z\nquestions_deadline = 2026-12-02T12:00:00Z")
	edit("cancelled", b12, "\n[contact]", "stage = \"cancelled\"\n\n[contact]")
	edit("update added", b12, "\n[contact]", "\n[[updates]]\ndate = 2026-11-30T09:00:00Z\ntext = \"We moved the deadline.\"\n\n[contact]")
	edits++
	fsys[b12] = &fstest.MapFile{Data: append(bytes.Clone(fsys[b12].Data), "\nOne more line.\n"...), ModTime: stamp.Add(time.Duration(edits) * time.Second)}
	check("body edited", benchNow)
	edit("an awarded brief", "content/opportunities/brief-000019.md", `title = "`, `title = "Won: `)
	edit("no longer cancelled", b12, "stage = \"cancelled\"\n", "")
	// A brief's file renamed, its bytes the same: its address changes.
	edits++
	fsys["content/opportunities/renamed-brief.md"] = &fstest.MapFile{Data: fsys[b12].Data, ModTime: stamp.Add(time.Duration(edits) * time.Second)}
	delete(fsys, b12)
	check("renamed", benchNow)
	// The clock passes the edited brief's deadline: it closes.
	check("deadline passed", time.Date(2026, 12, 3, 13, 0, 0, 0, time.UTC))
	check("back", benchNow)
}

// TestSessionFindingsWhenStopped: when a finding at error level stops a
// rebuild before its render, every brief is linted all the same, as a full
// build lints them: on the first build, and after an edit.
func TestSessionFindingsWhenStopped(t *testing.T) {
	fsys, stamp := stampedSynthFS(40)
	fsys["content/about.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"About\"\n+++\nTODO: write this page.\n"), ModTime: stamp}
	s := build.NewSession(fsys, defaults, "")
	check := func(what string) {
		t.Helper()
		_, got, err := s.Build(context.Background(), benchNow)
		if err != nil {
			t.Fatal(err)
		}
		_, want, err := build.Build(context.Background(), fsys, defaults, build.Options{Now: benchNow})
		if err != nil {
			t.Fatal(err)
		}
		if want.Errors() == 0 {
			t.Fatalf("%s: nothing at error level, so the build is not stopped", what)
		}
		sameFindings(t, what, got, want)
	}
	check("a page with a placeholder")

	delete(fsys, "content/about.md")
	cfg := fsys["site.toml"]
	fsys["site.toml"] = &fstest.MapFile{Data: append(bytes.Clone(cfg.Data), "\n[lint.rules]\nresponse-time = \"error\"\n"...), ModTime: stamp.Add(time.Second)}
	check("a lint rule at error level")
	_, found, err := build.Build(context.Background(), fsys, defaults, build.Options{Now: benchNow})
	if err != nil {
		t.Fatal(err)
	}
	name := found[len(found)-1].File
	fsys[name] = &fstest.MapFile{Data: bytes.Replace(fsys[name].Data, []byte("+++\n"), []byte("+++\n# Checked by the team.\n"), 1), ModTime: stamp.Add(2 * time.Second)}
	check("a brief with findings edited")
}
