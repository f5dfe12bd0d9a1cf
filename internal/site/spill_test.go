package site_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/london-anchors/tenders/internal/build"
	"github.com/london-anchors/tenders/internal/site"
	"github.com/london-anchors/tenders/internal/synth"
)

func synthSite(n int) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range synth.Site(n) {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	return fsys
}

// TestSpillFile: the cards and words a one-off render keeps in a
// temporary file come back as they went, so a site whose spill is written
// to the file every few hundred bytes is the same, byte for byte, as one
// whose spill never leaves memory.
func TestSpillFile(t *testing.T) {
	fsys := synthSite(120)
	want := buildSite(t, fsys, "")
	restore := site.SetSpillBuffer(300)
	defer restore()
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	got := buildSite(t, fsys, "")
	if len(got) != len(want) {
		t.Fatalf("%d files, want %d", len(got), len(want))
	}
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s differs when the spill goes to its file", name)
		}
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("the render left %s in the temporary folder", left[0].Name())
	}
}

// TestSpillCannotMakeFile: a temporary file that cannot be made fails the
// render with the place and the cause, not a finding and not a site with
// listings missing.
func TestSpillCannotMakeFile(t *testing.T) {
	defer site.SetSpillBuffer(300)()
	missing := filepath.Join(t.TempDir(), "no-such-folder")
	t.Setenv("TMPDIR", missing)
	_, list, err := build.Build(context.Background(), synthSite(20), defaults, build.Options{Now: fixedNow})
	if err == nil {
		t.Fatalf("the build went on without its temporary file; findings: %v", list)
	}
	for _, want := range []string{"temporary file", missing, "no such file or directory"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}
