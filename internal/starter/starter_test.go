package starter

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/london-anchors/tenders/internal/build"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/schema"
)

func london(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func mapFS(t *testing.T, o Options) fstest.MapFS {
	t.Helper()
	files, err := Files(o)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range files {
		fsys[f.Path] = &fstest.MapFile{Data: f.Data}
	}
	return fsys
}

// TestFilesCheckClean: the new site has no finding at all, whatever day
// it is made on: each day of two weeks, the days around both changes of
// the clocks, and the ends of months and of years.
func TestFilesCheckClean(t *testing.T) {
	loc := london(t)
	var days []time.Time
	for d := range 14 {
		days = append(days, time.Date(2027, 1, 4+d, 7, 30, 0, 0, time.UTC))
	}
	for _, at := range []string{
		"2027-03-27T23:30:00Z", "2027-03-28T08:00:00Z", "2027-03-29T08:00:00Z",
		"2027-10-30T23:30:00Z", "2027-10-31T08:00:00Z", "2027-11-01T08:00:00Z",
		"2027-12-31T23:59:59Z", "2028-01-31T12:00:00Z", "2028-02-28T12:00:00Z", "2028-02-29T12:00:00Z",
	} {
		d, err := time.Parse(time.RFC3339, at)
		if err != nil {
			t.Fatal(err)
		}
		days = append(days, d)
	}
	for _, now := range days {
		fsys := mapFS(t, Options{Title: "Anchors", BaseURL: "https://example.org/", Now: now, Loc: loc})
		checked, err := build.Check(context.Background(), fsys, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(checked.List) > 0 {
			d := checked.List[0]
			t.Errorf("made on %s: %d findings, first %s:%d: %s", now.Format(time.RFC3339), len(checked.List), d.File, d.Line, d.Message)
		}
	}
}

// TestSiteTOMLHasEveryKey: every key of site.toml's schema is in the new
// site.toml, set or as a line to uncomment, with its note; and it
// parses.
func TestSiteTOMLHasEveryKey(t *testing.T) {
	data := string(SiteTOML(Options{Title: "Anchors", BaseURL: "https://example.org/"}))
	flat := strings.Join(strings.Fields(data), " ")
	named := strings.NewReplacer("buyers.*", "buyers."+exampleBuyer, "topics.*", "topics."+exampleTopic)
	for _, fd := range config.Schema.Fields {
		if _, ok := config.Schema.Field(fd.Key + ".*"); ok {
			continue // a table of tables by name: [buyers.KEY] stands for it
		}
		name := fd.Name()
		if name == "*" {
			name = fd.AnyKey // any key of the table, such as a rule's name
		}
		line := name + " = "
		if fd.Type == schema.Table || fd.Type == schema.TableList {
			line = "[" + named.Replace(fd.Key) + "]"
		}
		if !strings.Contains(data, "\n"+line) && !strings.Contains(data, "\n# "+line) {
			t.Errorf("site.toml lacks %s (%s)", fd.Key, line)
		}
		if !strings.Contains(flat, firstWords(fd.Doc)) {
			t.Errorf("site.toml lacks the note on %s (%q)", fd.Key, fd.Doc)
		}
	}
	var v map[string]any
	if _, err := toml.Decode(data, &v); err != nil {
		t.Fatalf("site.toml does not parse: %v", err)
	}
}

// firstWords is the start of a note, before TOML's writer may wrap it.
func firstWords(doc string) string {
	w := strings.Fields(doc)
	return strings.Join(w[:min(3, len(w))], " ")
}

// TestWorkflowsUseTheRelease: a release of tenders writes workflows that
// install that release through the action at the same tag; any other
// build, the action from main, which builds from source.
func TestWorkflowsUseTheRelease(t *testing.T) {
	rel := mapFS(t, Options{Title: "Anchors", BaseURL: "https://example.org/", Version: "v1.2.0"})
	dev := mapFS(t, Options{Title: "Anchors", BaseURL: "https://example.org/"})
	for _, name := range []string{".github/workflows/check.yml", ".github/workflows/publish.yml", ".github/workflows/import.yml"} {
		r, d := string(rel[name].Data), string(dev[name].Data)
		if !strings.Contains(r, "uses: "+Repository+"@v1.2.0\n") || !strings.Contains(r, "version: v1.2.0\n") {
			t.Errorf("%s for v1.2.0 does not use that release:\n%s", name, r)
		}
		if !strings.Contains(d, "uses: "+Repository+"@main\n") || strings.Contains(d, "version:") {
			t.Errorf("%s for a build that is not a release does not use main alone:\n%s", name, d)
		}
	}
}

// TestWritingGuideIsTheExample's: the new site's writing guide is the
// example site's, which the checks' messages link to by section; a new
// rule's section goes into both.
func TestWritingGuideIsTheExamples(t *testing.T) {
	want, err := os.ReadFile("../../content/writing-guide.md")
	if err != nil {
		t.Fatal(err)
	}
	got, err := files.ReadFile("files/content/writing-guide.md")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("internal/starter/files/content/writing-guide.md differs from content/writing-guide.md; copy it")
	}
}
