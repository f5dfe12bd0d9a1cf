package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func newTestLive(t *testing.T) *Live {
	t.Helper()
	l, err := NewLive(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func mustPut(t *testing.T, l *Live, name, data string) {
	t.Helper()
	if err := l.Put(name, []byte(data)); err != nil {
		t.Fatal(err)
	}
}

// files lists what the folder holds, the staging folder's files included,
// but for its marker.
func files(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel == liveMarker {
			return nil
		}
		data, err := os.ReadFile(p)
		got[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func sameFiles(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d files %v, want %d %v", what, len(got), got, len(want), want)
		return
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %s = %q, want %q", what, k, got[k], v)
		}
	}
}

// TestLive takes a folder through builds: files appear only at Commit,
// stay as they were after Abort, go when a build neither puts nor keeps
// them (and their folders with them), and a file may take a folder's place.
func TestLive(t *testing.T) {
	l := newTestLive(t)
	// A first build that fails leaves nothing (its files are written in
	// place, since there is no build to serve until one is committed).
	mustPut(t, l, "gone/index.html", "never")
	l.Abort()
	sameFiles(t, "after a first build's Abort", files(t, l.Dir()), map[string]string{})
	mustPut(t, l, "index.html", "home")
	mustPut(t, l, "a/b/index.html", "b")
	mustPut(t, l, "x", "file x")
	if l.Has("index.html") || l.Len() != 0 {
		t.Error("the folder holds a file before Commit")
	}
	if err := l.Commit(); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, "first build", files(t, l.Dir()), map[string]string{"index.html": "home", "a/b/index.html": "b", "x": "file x"})

	// A build that fails: nothing of it stays, nor is seen before.
	mustPut(t, l, "index.html", "new home")
	mustPut(t, l, "c.html", "c")
	if got := files(t, l.Dir()); got["index.html"] != "home" || got["c.html"] != "" || l.Has("c.html") {
		t.Errorf("a file is in place before Commit: %v", got)
	}
	l.Abort()
	sameFiles(t, "after Abort", files(t, l.Dir()), map[string]string{"index.html": "home", "a/b/index.html": "b", "x": "file x"})

	// Kept, put the same, put anew, gone; x becomes a folder.
	info, _ := os.Stat(filepath.Join(l.Dir(), "index.html"))
	time.Sleep(10 * time.Millisecond)
	mustPut(t, l, "index.html", "home")
	if !l.Keep("x") {
		t.Fatal("Keep of a file the folder holds says it does not")
	}
	if err := l.Commit(); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, "second build", files(t, l.Dir()), map[string]string{"index.html": "home", "x": "file x"})
	if _, err := os.Stat(filepath.Join(l.Dir(), "a")); !os.IsNotExist(err) {
		t.Errorf("the folder of a file gone stays: %v", err)
	}
	if again, _ := os.Stat(filepath.Join(l.Dir(), "index.html")); !os.SameFile(info, again) || !again.ModTime().Equal(info.ModTime()) {
		t.Error("a file put with the bytes it had was written again")
	}
	mustPut(t, l, "x/index.html", "x is a folder")
	mustPut(t, l, "index.html", "home")
	if err := l.Commit(); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, "third build", files(t, l.Dir()), map[string]string{"index.html": "home", "x/index.html": "x is a folder"})
	if data, err := l.ReadFile("x/index.html"); err != nil || string(data) != "x is a folder" || !l.Has("x/index.html") || l.Len() != 2 {
		t.Errorf("ReadFile: %q, %v; Has, Len = %v, %d", data, err, l.Has("x/index.html"), l.Len())
	}
}

// TestLiveRefuses: names outside the folder or in its staging folder, and
// a file kept that the folder does not hold.
func TestLiveRefuses(t *testing.T) {
	l := newTestLive(t)
	for _, name := range []string{"../up", "/abs", "", ".", ".tenders-next", ".tenders-next/1", "a/../../b"} {
		if err := l.Put(name, []byte("x")); err == nil {
			t.Errorf("Put(%q) was taken", name)
		}
		if _, err := l.ReadFile(name); err == nil {
			t.Errorf("ReadFile(%q) read", name)
		}
	}
	if l.Keep("never.html") {
		t.Error("Keep of a file never put says the folder holds it")
	}
}

// TestLiveWriteFails: a folder that cannot be written names the file and
// the cause (here its staging folder is gone, a file in its place).
func TestLiveWriteFails(t *testing.T) {
	l := newTestLive(t)
	mustPut(t, l, "index.html", "first")
	if err := l.Commit(); err != nil {
		t.Fatal(err)
	}
	stage := filepath.Join(l.Dir(), staging)
	if err := os.Remove(stage); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stage, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	err := l.Put("index.html", []byte("x"))
	if err == nil || !strings.Contains(err.Error(), l.Dir()) || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("Put with no staging folder: %v", err)
	}
}

// TestLiveRemovesStale: a new live folder removes those of previews that
// were killed (marker not locked), and keeps a running one's, an empty
// one's name alone, and anything else.
func TestLiveRemovesStale(t *testing.T) {
	if !canLock {
		t.Skip("no file locks on this system: nothing is removed")
	}
	parent := t.TempDir()
	running := newTestLiveIn(t, parent)
	dead := filepath.Join(parent, livePrefix+"123")
	if err := os.MkdirAll(filepath.Join(dead, "opportunities"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{liveMarker, "opportunities/index.html"} {
		if err := os.WriteFile(filepath.Join(dead, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Killed an hour ago: a folder made a moment ago may be another
	// preview's, not locked yet, and is left alone.
	young := filepath.Join(parent, livePrefix+"789")
	if err := os.MkdirAll(young, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(young, liveMarker), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	hour := time.Now().Add(-time.Hour)
	if err := os.Chtimes(dead, hour, hour); err != nil {
		t.Fatal(err)
	}
	notOurs := filepath.Join(parent, livePrefix+"456")
	other := filepath.Join(parent, livePrefix+"notes")
	for _, d := range []string{notOurs, other} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "keep.txt"), []byte("mine"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(d, hour, hour); err != nil {
			t.Fatal(err)
		}
	}
	newTestLiveIn(t, parent)
	if _, err := os.Stat(dead); !os.IsNotExist(err) {
		t.Errorf("a killed preview's folder stays: %v", err)
	}
	for _, d := range []string{running.Dir(), young, notOurs, other} {
		if _, err := os.Stat(d); err != nil {
			t.Errorf("%s was removed: %v", d, err)
		}
	}
}

func newTestLiveIn(t *testing.T, parent string) *Live {
	t.Helper()
	l, err := NewLive(parent)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}
