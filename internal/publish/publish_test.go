package publish

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// snapshot reads every file under dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestPublishReplaces(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := Files(out, map[string][]byte{"index.html": []byte("one"), "old/index.html": []byte("gone soon")}); err != nil {
		t.Fatal(err)
	}
	if err := Files(out, map[string][]byte{"index.html": []byte("two"), "new/x.txt": []byte("x")}); err != nil {
		t.Fatal(err)
	}
	got := snapshot(t, out)
	if len(got) != 3 || got["index.html"] != "two" || got["new/x.txt"] != "x" || !strings.HasPrefix(got[Marker], "tenders build ") {
		t.Errorf("after the second build: %v; files of the first build must not survive, and the marker must be there", got)
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("temporary folders left beside the output: %v", entries)
	}
}

// TestPublishFailureLeavesOutput: when a write fails part way, the previous
// output is byte-for-byte as it was and nothing else is left behind.
func TestPublishFailureLeavesOutput(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	first := map[string][]byte{"index.html": []byte("<p>first</p>"), "a/b/index.html": []byte("deep")}
	if err := Files(out, first); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, out)
	for _, bad := range []map[string][]byte{
		{"index.html": []byte("second"), "../escape.html": []byte("outside")},
		{"index.html": []byte("second"), "a/../../escape.html": []byte("outside")},
		{"index.html": []byte("second"), "/etc/passwd": []byte("outside")},
		{"index.html": []byte("second"), "x/index.html": []byte("file"), "x/index.html/y": []byte("under a file")},
	} {
		if err := Files(out, bad); err == nil {
			t.Errorf("Publish(%v) succeeded", bad)
		}
		if after := snapshot(t, out); !equal(before, after) {
			t.Errorf("output changed after a failed publish: %v", after)
		}
		entries, _ := os.ReadDir(parent)
		if len(entries) != 1 {
			t.Errorf("left behind: %v", entries)
		}
		if _, err := os.Stat(filepath.Join(parent, "escape.html")); err == nil {
			t.Error("a file was written outside the output folder")
		}
	}
}

func TestPublishRefusesSiteFolder(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "site.toml"), []byte("title = \"x\""), 0o644)
	err := Files(dir, map[string][]byte{"index.html": []byte("x")})
	if err == nil || !strings.Contains(err.Error(), "tenders build did not make") {
		t.Fatalf("got %v, want a refusal", err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "site.toml")); string(data) != "title = \"x\"" {
		t.Error("the site folder was touched")
	}
}

// TestPublishRefuses: --out may only be a new folder, an empty one, or one
// an earlier build made; never a file, a folder of someone else's, the
// site folder, a folder above it, or anything inside its inputs.
func TestPublishRefuses(t *testing.T) {
	work := t.TempDir()
	site := filepath.Join(work, "site")
	for name, data := range map[string]string{
		"site.toml": "x", "content/opportunities/a.md": "a", "templates/page.html": "t", "static/css/x.css": "c",
		"notes/mine.txt": "mine",
	} {
		p := filepath.Join(site, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(data), 0o644)
	}
	os.WriteFile(filepath.Join(work, "notes.txt"), []byte("notes"), 0o644)
	os.Mkdir(filepath.Join(site, "empty"), 0o755)
	if err := os.Symlink(filepath.Join(site, "content"), filepath.Join(work, "sneaky")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	before := snapshot(t, work)
	sep := string(filepath.Separator)
	for _, c := range []struct{ out, want string }{
		{filepath.Join(work, "notes.txt"), "is a file"},
		{filepath.Join(work, "notes.txt") + sep, "is a file"},
		{site, "is the site folder"},
		{site + sep, "is the site folder"},
		{filepath.Join(site, "content", "..", "."), "is the site folder"},
		{work, "holds the site folder"},
		{filepath.Dir(work), "holds the site folder"},
		{filepath.Join(site, "content"), "inside the site's content/ folder"},
		{filepath.Join(site, "content", "opportunities"), "inside the site's content/ folder"},
		{filepath.Join(site, "content", "opportunities") + sep, "inside the site's content/ folder"},
		{filepath.Join(site, "content", "new", "deeper"), "inside the site's content/ folder"},
		{filepath.Join(site, "templates"), "inside the site's templates/ folder"},
		{filepath.Join(site, "static", "public"), "inside the site's static/ folder"},
		{filepath.Join(site, "STATIC", "public"), "inside the site's static/ folder"},
		{filepath.Join(site, "Templates"), "inside the site's templates/ folder"},
		{filepath.Join(work, "sneaky", "public"), "inside the site's content/ folder"},
		{filepath.Join(site, "notes"), "tenders build did not make"},
	} {
		p, err := NewPublisher(c.out, site)
		if err == nil {
			p.Abort()
			t.Errorf("NewPublisher(%s) was allowed", c.out)
			continue
		}
		if !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "such as") {
			t.Errorf("NewPublisher(%s): %q, want %q and what to do", c.out, err, c.want)
		}
	}
	if after := snapshot(t, work); !equal(before, after) {
		t.Errorf("a refused --out changed files: %v", after)
	}
	entries, _ := os.ReadDir(site)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("left behind: %s", e.Name())
		}
	}

	// Allowed: a new folder inside the site, an empty one, and then the
	// same folders again, since a build made them.
	for _, out := range []string{filepath.Join(site, "public"), filepath.Join(site, "empty"), filepath.Join(site, "public"), filepath.Join(site, "empty")} {
		p, err := NewPublisher(out, site)
		if err != nil {
			t.Errorf("NewPublisher(%s): %v", out, err)
			continue
		}
		p.Put("index.html", []byte("x"))
		if err := p.Commit(); err != nil {
			t.Errorf("Commit(%s): %v", out, err)
		}
	}
	// A build folder whose marker was taken away is someone else's now.
	os.Remove(filepath.Join(site, "public", Marker))
	if _, err := NewPublisher(filepath.Join(site, "public"), site); err == nil || !strings.Contains(err.Error(), "did not make") {
		t.Errorf("a folder without the marker: %v", err)
	}
}

// TestPublishRemovesStaleFolders: a build removes the folders a killed
// build of the same output left beside it, and nothing else: not one
// without the marker, not another output's, not a live build's.
func TestPublishRemovesStaleFolders(t *testing.T) {
	if !canLock {
		t.Skip("no file locks here, so no folder is ever taken for a killed build's")
	}
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	marker := "tenders build made this folder\n"
	for _, name := range []string{".public.new-123", ".public.new-456.old", ".public.new-789", ".public.other", ".publicx.new-1", ".public.new-12x", "mine"} {
		os.Mkdir(filepath.Join(parent, name), 0o755)
		os.WriteFile(filepath.Join(parent, name, "index.html"), []byte("x"), 0o644)
		if name != ".public.new-789" {
			os.WriteFile(filepath.Join(parent, name, Marker), []byte(marker), 0o644)
		}
	}
	// Killed between making its marker and writing it.
	os.Mkdir(filepath.Join(parent, ".public.new-321"), 0o755)
	os.WriteFile(filepath.Join(parent, ".public.new-321", Marker), nil, 0o644)
	live, err := NewPublisher(filepath.Join(parent, "public"))
	if err != nil {
		t.Fatal(err)
	}
	live.Put("index.html", []byte("live"))
	names := func() []string {
		entries, _ := os.ReadDir(parent)
		var got []string
		for _, e := range entries {
			got = append(got, e.Name())
		}
		return got
	}
	got := names()
	if slices.Contains(got, ".public.new-123") || slices.Contains(got, ".public.new-456.old") || slices.Contains(got, ".public.new-321") {
		t.Errorf("stale folders left: %v", got)
	}
	for _, keep := range []string{".public.new-789", ".public.other", ".publicx.new-1", ".public.new-12x", "mine"} {
		if !slices.Contains(got, keep) {
			t.Errorf("%s was removed", keep)
		}
	}
	// A second build while the first is still writing leaves its folder
	// alone.
	second, err := NewPublisher(out)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(live.tmp); err != nil {
		t.Errorf("a live build's folder was removed: %v", err)
	}
	second.Abort()
	if err := live.Commit(); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(out, "index.html")); string(data) != "live" {
		t.Errorf("index.html: %q", data)
	}
}

func equal(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestPutRelease: each file's release is called once its bytes are
// written, before Commit returns, and at once for a path refused; after
// Abort, for every file queued too.
func TestPutRelease(t *testing.T) {
	for _, commit := range []bool{true, false} {
		out := filepath.Join(t.TempDir(), "public")
		p, err := NewPublisher(out)
		if err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		released := map[string]int{}
		release := func(name string) func() {
			return func() {
				// Given back once written, not before.
				if data, err := os.ReadFile(filepath.Join(p.tmp, filepath.FromSlash(name))); commit && (err != nil || string(data) != "<p>"+name+"</p>") {
					t.Errorf("%s given back before it was written: %q, %v", name, data, err)
				}
				mu.Lock()
				released[name]++
				mu.Unlock()
			}
		}
		for _, name := range []string{"index.html", "a/b/index.html", "feed.xml"} {
			if err := p.PutRelease(name, []byte("<p>"+name+"</p>"), release(name)); err != nil {
				t.Fatal(err)
			}
		}
		if commit {
			if err := p.Commit(); err != nil {
				t.Fatal(err)
			}
			if got := snapshot(t, out); got["a/b/index.html"] != "<p>a/b/index.html</p>" || len(got) != 4 {
				t.Errorf("published %v", got)
			}
		} else {
			if err := p.PutRelease("../outside.html", []byte("x"), release("../outside.html")); err == nil {
				t.Error("a path outside the folder was taken")
			}
			p.Abort()
		}
		want := map[string]int{"index.html": 1, "a/b/index.html": 1, "feed.xml": 1}
		if !commit {
			want["../outside.html"] = 1
		}
		mu.Lock()
		if !maps.Equal(released, want) {
			t.Errorf("commit %t: released %v, want each file once: %v", commit, released, want)
		}
		mu.Unlock()
	}
}
