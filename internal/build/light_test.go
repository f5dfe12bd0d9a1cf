package build_test

import (
	"context"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/london-anchors/tenders/internal/build"
	"github.com/london-anchors/tenders/internal/diag"
)

// editedFS gives the file name its first bytes on the first read and
// others on every later one: a brief saved while the site is built.
type editedFS struct {
	fstest.MapFS
	name  string
	later []byte
	mu    sync.Mutex
	reads int
}

// Open and ReadFile hold the lock while they look in the map, since read
// may change it from another goroutine.
func (e *editedFS) Open(name string) (fs.File, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.read(name)
	return e.MapFS.Open(name)
}

func (e *editedFS) ReadFile(name string) ([]byte, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.read(name)
	return e.MapFS.ReadFile(name)
}

// read counts the reads of the edited file, and edits it after the first;
// the caller holds the lock.
func (e *editedFS) read(name string) {
	if name != e.name {
		return
	}
	e.reads++
	if e.reads > 1 {
		e.MapFS[name] = &fstest.MapFile{Data: e.later}
	}
}

// TestBuildRefusesABriefEditedMidway: a one-off build reads each brief
// again to render its page; if the file changed in between, the build
// fails on that file and publishes nothing, rather than a page of new text
// under the old facts.
func TestBuildRefusesABriefEditedMidway(t *testing.T) {
	fsys := synthFS(30)
	name := "content/opportunities/brief-000007.md"
	orig := fsys[name].Data
	later := []byte(strings.Replace(string(orig), "+++\n", "+++\ntitle = \"Something else\"\n", 1))
	efs := &editedFS{MapFS: fsys, name: name, later: later}
	out, list, err := build.Build(context.Background(), efs, defaults, build.Options{Now: benchNow})
	if err != nil {
		t.Fatal(err)
	}
	if out != nil || list.Errors() != 1 {
		t.Fatalf("got %d files and %v; want nothing and one error", len(out), list)
	}
	var d diag.Diagnostic
	for _, x := range list {
		if x.Severity == diag.Error {
			d = x
		}
	}
	if d.File != name || d.Line != 1 || d.Message != "the file changed while the site was being built; build again" {
		t.Errorf("got %v", d)
	}
	if efs.reads != 2 {
		t.Errorf("the brief was read %d times; want twice, once to check and once to render", efs.reads)
	}
}
