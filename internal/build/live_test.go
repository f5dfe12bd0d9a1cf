package build_test

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/london-anchors/tenders/internal/build"
	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/publish"
	"github.com/london-anchors/tenders/internal/site"
)

// rebuild builds a session's site again at now and returns what it made.
type rebuild func(now time.Time) (site.Output, diag.List, error)

// starter gives the rebuilds of a session one way.
type starter func(t *testing.T, s *build.Session) rebuild

// eachMode runs test with a session that builds into memory (Build) and
// with one that keeps a folder up to date (BuildInto), as serve does.
func eachMode(t *testing.T, test func(t *testing.T, start starter)) {
	t.Run("memory", func(t *testing.T) { test(t, inMemory) })
	t.Run("folder", func(t *testing.T) { test(t, inFolder) })
}

func inMemory(_ *testing.T, s *build.Session) rebuild {
	return func(now time.Time) (site.Output, diag.List, error) { return s.Build(context.Background(), now) }
}

func inFolder(t *testing.T, s *build.Session) rebuild {
	live := newLive(t)
	return func(now time.Time) (site.Output, diag.List, error) {
		list, err := s.BuildInto(context.Background(), now, live)
		if err != nil || list.Errors() > 0 {
			return nil, list, err
		}
		return readLive(t, live), list, nil
	}
}

func newLive(t *testing.T) *publish.Live {
	t.Helper()
	live, err := publish.NewLive(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { live.Close() })
	return live
}

// readLive reads every file of a live folder, which must hold no staged
// file between builds.
func readLive(t *testing.T, live *publish.Live) site.Output {
	t.Helper()
	out := site.Output{}
	err := fs.WalkDir(os.DirFS(live.Dir()), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if name == ".tenders-preview" { // the folder's marker
			return nil
		}
		if strings.HasPrefix(name, ".tenders-next/") {
			t.Errorf("%s: a staged file left after the build", name)
			return nil
		}
		data, err := live.ReadFile(name)
		out[name] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if live.Len() != len(out) {
		t.Errorf("the folder holds %d files; it says %d", len(out), live.Len())
	}
	return out
}

// failingLive is a live folder whose disk fails once, at one file.
type failingLive struct {
	*publish.Live
	at string
}

func (f *failingLive) Put(name string, data []byte) error {
	if name == f.at {
		f.at = ""
		return errors.New("no space left on device")
	}
	return f.Live.Put(name, data)
}

// TestBuildIntoFailure: a build into a folder that fails part way, once
// its edited brief's page is made, leaves the folder as the last good
// build made it; the next build, the disk mended, is a full build's.
func TestBuildIntoFailure(t *testing.T) {
	fsys, stamp := stampedSynthFS(60)
	live := &failingLive{Live: newLive(t)}
	s := build.NewSession(fsys, defaults, "")
	if list, err := s.BuildInto(context.Background(), benchNow, live); err != nil || list.Errors() > 0 {
		t.Fatal(err, list)
	}
	before := readLive(t, live.Live)

	name := "content/opportunities/brief-000007.md"
	fsys[name] = &fstest.MapFile{Data: []byte(strings.Replace(string(fsys[name].Data), `title = "`, `title = "Edited: `, 1)), ModTime: stamp.Add(time.Second)}
	live.at = "opportunities/page/2/index.html" // made after the briefs' pages
	if _, err := s.BuildInto(context.Background(), benchNow, live); err == nil || !strings.Contains(err.Error(), "no space left") {
		t.Fatalf("build: %v; want the disk's failure", err)
	}
	sameOutput(t, "after the failure", readLive(t, live.Live), before)

	// A brief with an error: nothing is rendered, the folder stays.
	bad := fsys[name]
	fsys[name] = &fstest.MapFile{Data: []byte("+++\ntitle = \n+++\n"), ModTime: stamp.Add(2 * time.Second)}
	if list, err := s.BuildInto(context.Background(), benchNow, live); err != nil || list.Errors() == 0 {
		t.Fatalf("build: %v, %v; want the brief's error", err, list)
	}
	sameOutput(t, "after an error in a brief", readLive(t, live.Live), before)
	fsys[name] = bad

	s2 := func(now time.Time) (site.Output, diag.List, error) {
		list, err := s.BuildInto(context.Background(), now, live)
		if err != nil || list.Errors() > 0 {
			return nil, list, err
		}
		return readLive(t, live.Live), list, nil
	}
	matchesFullBuild(t, s2, fsys, "disk mended", benchNow)
	// A template that fails once the briefs' pages are made: the folder
	// stays as it was, and the build after the fix is a full build's.
	good := readLive(t, live.Live)
	fsys["templates/list.html"] = &fstest.MapFile{Data: []byte(strings.Replace(readDefault(t, "list.html"), "<h1>", `{{index "" 5}}<h1>`, 1)), ModTime: stamp}
	if list, err := s.BuildInto(context.Background(), benchNow, live); err != nil || list.Errors() == 0 {
		t.Fatalf("build: %v, %v; want the template's error", err, list)
	}
	sameOutput(t, "after a template error", readLive(t, live.Live), good)
	delete(fsys, "templates/list.html")
	matchesFullBuild(t, s2, fsys, "template mended", benchNow)

	// A lint rule at error level: site.toml changed, so every brief is
	// linted afresh, from the tree its page is made from, and the
	// findings stop the build once the pages are made. The folder stays.
	good = readLive(t, live.Live)
	cfg := fsys["site.toml"]
	fsys["site.toml"] = &fstest.MapFile{Data: append(bytes.Clone(cfg.Data), "\n[lint.rules]\nresponse-time = \"error\"\n"...), ModTime: stamp.Add(3 * time.Second)}
	list, err := s.BuildInto(context.Background(), benchNow, live)
	if err != nil || list.Errors() == 0 || !slices.ContainsFunc(list, func(d diag.Diagnostic) bool { return d.Rule == "response-time" && d.Severity == diag.Error }) {
		t.Fatalf("build: %v, %v; want response-time at error level", err, list)
	}
	sameOutput(t, "after a lint error", readLive(t, live.Live), good)
	fsys["site.toml"] = cfg
	matchesFullBuild(t, s2, fsys, "lint error mended", benchNow)
}

// TestSessionTouch: a brief changed with its size and time kept (copied
// over with cp -p) is read again once the session is told of it, and
// not before; each build is still whole.
func TestSessionTouch(t *testing.T) {
	fsys, stamp := stampedSynthFS(30)
	s := build.NewSession(fsys, defaults, "")
	into := inFolder(t, s)
	if _, list, err := into(benchNow); err != nil || list.Errors() > 0 {
		t.Fatal(err, list)
	}
	name := "content/opportunities/brief-000004.md"
	fsys[name] = &fstest.MapFile{Data: []byte(strings.Replace(string(fsys[name].Data), `title = "`, `title = "X`, 1)[:len(fsys[name].Data)]), ModTime: stamp}
	got, _, err := into(benchNow)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(got["opportunities/brief-000004/index.html"]), "<h1>X") {
		t.Fatal("the brief was read again with its size and time the same: the test shows nothing")
	}
	s.Touch([]string{name})
	matchesFullBuild(t, into, fsys, "touched", benchNow)
}
