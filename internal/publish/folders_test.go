package publish

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPublishManyFolders: files in far more folders than handles are
// kept, in and out of order, written whole or streamed, all land where
// their names say.
func TestPublishManyFolders(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	p, err := NewPublisher(out)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for round := range 2 {
		for i := range 3 * maxOpen {
			name := fmt.Sprintf("opportunities/b%03d/index.html", i)
			if round == 1 {
				name = fmt.Sprintf("opportunities/b%03d/deadline.ics", 3*maxOpen-1-i)
			}
			want[name] = name
			if err := p.Put(name, []byte(name)); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, name := range []string{"data/ocds.json", "opportunities/b005/more/deep.txt", "top.txt"} {
		want[name] = name
		if err := p.PutStream(name, func(w io.Writer) error { _, err := io.WriteString(w, name); return err }); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Commit(); err != nil {
		t.Fatal(err)
	}
	got := snapshot(t, out)
	delete(got, Marker)
	if !equal(got, want) {
		t.Errorf("got %d files, want %d", len(got), len(want))
		for name, data := range want {
			if got[name] != data {
				t.Errorf("%s: %q", name, got[name])
			}
		}
	}
}

// TestPublishRefusesPlantedLink: a link that something else puts into the
// new folder while the build runs is not followed; the write fails, naming
// the place, and nothing lands where the link points.
func TestPublishRefusesPlantedLink(t *testing.T) {
	parent := t.TempDir()
	outside := filepath.Join(parent, "elsewhere")
	if err := os.Mkdir(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ link, put string }{
		{"opportunities", "opportunities/x/index.html"}, // a folder on the way
		{"feed.xml", "feed.xml"},                        // the file itself
	} {
		out := filepath.Join(parent, "public")
		p, err := NewPublisher(out)
		if err != nil {
			t.Fatal(err)
		}
		target := filepath.Join(outside, "target")
		if c.link == "feed.xml" {
			target = filepath.Join(outside, "feed.xml")
		}
		if err := os.Symlink(target, filepath.Join(p.tmp, c.link)); err != nil {
			t.Fatal(err)
		}
		os.Mkdir(filepath.Join(outside, "target"), 0o755)
		if err := p.Put(c.put, []byte("x")); err != nil {
			t.Fatal(err)
		}
		err = p.Commit()
		if err == nil || !strings.Contains(err.Error(), "cannot write "+filepath.Join(out, c.link)) {
			t.Errorf("link at %s: got %v, want a failure to write it", c.link, err)
		}
		if files := snapshot(t, outside); len(files) != 0 {
			t.Errorf("link at %s: wrote outside the output folder: %v", c.link, files)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("link at %s: the failed build was published", c.link)
		}
	}
}
