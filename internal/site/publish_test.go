package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// snapshot reads every file under dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
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
	if err := Publish(out, Output{"index.html": []byte("one"), "old/index.html": []byte("gone soon")}); err != nil {
		t.Fatal(err)
	}
	if err := Publish(out, Output{"index.html": []byte("two"), "new/x.txt": []byte("x")}); err != nil {
		t.Fatal(err)
	}
	got := snapshot(t, out)
	if len(got) != 2 || got["index.html"] != "two" || got["new/x.txt"] != "x" {
		t.Errorf("after the second build: %v; files of the first build must not survive", got)
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
	first := Output{"index.html": []byte("<p>first</p>"), "a/b/index.html": []byte("deep")}
	if err := Publish(out, first); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, out)
	for _, bad := range []Output{
		{"index.html": []byte("second"), "../escape.html": []byte("outside")},
		{"index.html": []byte("second"), "a/../../escape.html": []byte("outside")},
		{"index.html": []byte("second"), "/etc/passwd": []byte("outside")},
		{"index.html": []byte("second"), "x/index.html": []byte("file"), "x/index.html/y": []byte("under a file")},
	} {
		if err := Publish(out, bad); err == nil {
			t.Errorf("Publish(%v) succeeded", bad.Paths())
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
	err := Publish(dir, Output{"index.html": []byte("x")})
	if err == nil || !strings.Contains(err.Error(), "looks like a site") {
		t.Fatalf("got %v, want a refusal", err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "site.toml")); string(data) != "title = \"x\"" {
		t.Error("the site folder was touched")
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
