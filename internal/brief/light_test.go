package brief_test

import (
	"context"
	"os"
	"path"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
)

// exampleSite is the example site's site.toml and briefs, with one brief
// written with a byte order mark and CRLF line ends, as some editors save.
func exampleSite(t *testing.T) (*config.Config, fstest.MapFS) {
	t.Helper()
	siteTOML, err := os.ReadFile("../../site.toml")
	if err != nil {
		t.Fatal(err)
	}
	cfg, list := config.Parse("site.toml", string(siteTOML))
	if list.Errors() > 0 {
		t.Fatal(list)
	}
	fsys := fstest.MapFS{}
	names, err := os.ReadDir("../../content/opportunities")
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range names {
		data, err := os.ReadFile(path.Join("../../content/opportunities", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			data = []byte("\ufeff" + strings.ReplaceAll(string(data), "\n", "\r\n"))
		}
		fsys["content/opportunities/"+e.Name()] = &fstest.MapFile{Data: data}
	}
	return cfg, fsys
}

// TestLightStoreRestores: a light store keeps each brief's facts but not
// its text, and Restore brings back the very front matter, body and key
// positions a full read gives.
func TestLightStoreRestores(t *testing.T) {
	cfg, fsys := exampleSite(t)
	ctx := context.Background()
	full, _ := brief.NewStore(&brief.Parser{Config: cfg}).Update(ctx, fsys)
	ls := brief.NewStore(&brief.Parser{Config: cfg})
	ls.Light = true
	light, _ := ls.Update(ctx, fsys)
	if len(full) < 5 || len(light) != len(full) {
		t.Fatalf("read %d briefs fully and %d lightly", len(full), len(light))
	}
	for i, e := range light {
		want := full[i].Doc.(*brief.Brief)
		got := e.Doc.(*brief.Brief)
		if !got.Light() || got.Body != nil || got.Front != "" {
			t.Fatalf("%s: a light store kept the text", got.File)
		}
		if got.Pos("reference") != want.Keys.Pos("reference") || got.Pos("aliases") != want.Keys.Pos("aliases") {
			t.Errorf("%s: the light brief lost where reference is", got.File)
		}
		if d := got.Restore(fsys); d != nil {
			t.Fatalf("%s: %v", got.File, d)
		}
		if got.Light() {
			t.Errorf("%s is still light after Restore", got.File)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s restored differs from the full read:\nfront %q\nwant  %q\nkeys %v\nwant %v", got.File, got.Front, want.Front, got.Keys, want.Keys)
		}
		if d := got.Restore(nil); d != nil {
			t.Errorf("%s: Restore of a source that is not light read again: %v", got.File, d)
		}
	}
}

// TestRestoreRefusesAChangedFile: a file edited or removed between the
// first read and the page is an error naming it, never the new text
// under the old facts.
func TestRestoreRefusesAChangedFile(t *testing.T) {
	cfg, fsys := exampleSite(t)
	ls := brief.NewStore(&brief.Parser{Config: cfg})
	ls.Light = true
	entries, _ := ls.Update(context.Background(), fsys)
	a := entries[1].Doc.(*brief.Brief)
	b := entries[2].Doc.(*brief.Brief)
	fsys[a.File] = &fstest.MapFile{Data: append(fsys[a.File].Data, "One more line.\n"...)}
	delete(fsys, b.File)
	cases := []struct {
		b    *brief.Brief
		want string
	}{
		{a, "the file changed while the site was being built; build again"},
		{b, "cannot read the file again to render it: "},
	}
	for _, c := range cases {
		d := c.b.Restore(fsys)
		if d == nil || d.File != c.b.File || d.Line != 1 || !strings.HasPrefix(d.Message, c.want) {
			t.Errorf("%s: got %v, want an error at line 1 starting %q", c.b.File, d, c.want)
		}
	}
	if d := entries[3].Doc.(*brief.Brief).Restore(nil); d == nil {
		t.Error("a light source restored without a site folder")
	}
}
