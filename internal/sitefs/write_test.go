package sitefs

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteFile replaces a file in place, keeping its permissions and
// leaving nothing beside it, and refuses links, folders and new names.
func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"content/a.md": "old", "outside.md": "secret", "content/sub/b.md": "b"})
	if err := os.Chmod(filepath.Join(dir, "content/a.md"), 0o640); err != nil {
		t.Fatal(err)
	}
	link(t, "../outside.md", filepath.Join(dir, "content/link.md"))
	link(t, "sub", filepath.Join(dir, "content/dirlink"))
	f := open(t, dir)
	if err := f.WriteFile("content/a.md", []byte("new")); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "content/a.md"))
	if err != nil || string(data) != "new" {
		t.Fatalf("got %q, %v; want new", data, err)
	}
	if info, _ := os.Stat(filepath.Join(dir, "content/a.md")); info.Mode().Perm() != 0o640 {
		t.Errorf("permissions %v; want 0640 as before", info.Mode().Perm())
	}
	if names, _ := os.ReadDir(filepath.Join(dir, "content")); len(names) != 4 {
		t.Errorf("content/ holds %d entries; want a.md, sub and the two links, nothing left beside", len(names))
	}
	for _, name := range []string{"content/link.md", "content/dirlink/b.md"} {
		if err := f.WriteFile(name, []byte("x")); !errors.Is(err, ErrSymlink) {
			t.Errorf("%s: got %v; want a refusal of the link", name, err)
		}
	}
	if err := f.WriteFile("content/sub", []byte("x")); err == nil {
		t.Error("a folder was written over")
	}
	if err := f.WriteFile("content/new.md", []byte("x")); err == nil {
		t.Error("a new file was made; WriteFile only replaces")
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "outside.md")); string(data) != "secret" {
		t.Errorf("the link's target was changed: %q", data)
	}
}
