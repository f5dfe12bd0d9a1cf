package brief_test

import (
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/schema"
	"github.com/london-anchors/tenders/internal/tomldec"
)

// TestSchemas: each schema is consistent, and has a field for every key
// of its struct and no other.
func TestSchemas(t *testing.T) {
	for _, c := range []struct {
		file *schema.File
		v    any
	}{{brief.BriefSchema, brief.Brief{}}, {brief.EventSchema, brief.EventPage{}}, {brief.PageSchema, brief.Page{}}} {
		if err := c.file.Check(); err != nil {
			t.Error(err)
		}
		keys, err := schema.StructKeys(c.v, brief.SchemaLeaves)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range c.file.Compare(keys) {
			t.Error(d)
		}
	}
}

// TestEventFieldsShared: a brief's [[events]] and an event page have the
// same keys, with the same notes and examples.
func TestEventFieldsShared(t *testing.T) {
	for _, f := range brief.BriefSchema.Fields {
		name, ok := strings.CutPrefix(f.Key, "events.")
		if !ok {
			continue
		}
		e, found := brief.EventSchema.Field(name)
		if !found || e.Doc != f.Doc || e.Example != f.Example || e.Required != f.Required {
			t.Errorf("%s differs from the event page's %s", f.Key, name)
		}
	}
}

// TestSchemaExamplesDecode: a file of every key set to its example decodes
// into its struct without a problem.
func TestSchemaExamplesDecode(t *testing.T) {
	for _, c := range []struct {
		file *schema.File
		v    any
	}{{brief.BriefSchema, &brief.Brief{}}, {brief.EventSchema, &brief.EventPage{}}, {brief.PageSchema, &brief.Page{}}} {
		src := schema.TOML(c.file, schema.TOMLOptions{})
		if _, problems := tomldec.Decode(src, c.v); len(problems) > 0 {
			t.Errorf("%s: %v\n%s", c.file.Name, problems, src)
		}
	}
}

// TestMessageExamples: the messages that give an example take it from the
// schema, and read as they always have, for the keys that
// testdata/validate does not reach.
func TestMessageExamples(t *testing.T) {
	const brief = "+++\ntitle = \"T\"\nreference = \"R\"\nbuyer = \"camden\"\npublished = 2026-11-20T09:00:00Z\ndeadline = 2026-12-18T12:00:00Z\n" +
		"summary = \"S\"\ncategory = \"goods\"\ntopics = [\"cleaning\"]\napply_url = \"https://example.org/\"\n"
	tests := []struct {
		name, file, src, want string
	}{
		{"empty title", "content/opportunities/x.md", strings.Replace(brief, `title = "T"`, `title = " "`, 1) + "[contact]\nemail = \"a@example.org\"\n+++\n",
			`title is empty; write something such as title = "Cleaning for two community libraries"`},
		{"reference", "content/opportunities/x.md", strings.Replace(brief, `reference = "R"`, `reference = "R 1"`, 1) + "[contact]\nemail = \"a@example.org\"\n+++\n",
			`reference "R 1" may hold only letters, digits, hyphens, dots and slashes, such as "CAM-2026-014"`},
		{"insurance", "content/opportunities/x.md", brief + "[contact]\nemail = \"a@example.org\"\n[[insurance]]\nneeded = \"at-award\"\n+++\n",
			`kind is missing; add a line such as kind = "public liability" under [[insurance]]` + "\n" +
				`amount is missing or not above zero; give the cover in whole pounds, such as amount = 1000000`},
		{"documents", "content/opportunities/x.md", brief + "[contact]\nemail = \"a@example.org\"\n[[documents]]\nsize = \"1 KB\"\n+++\n",
			`title is missing; add a line such as title = "Specification" under [[documents]]` + "\n" +
				`url is missing; add a line such as url = "https://example.org/spec.pdf" under [[documents]]`},
		{"events", "content/opportunities/x.md", brief + "[contact]\nemail = \"a@example.org\"\n[[events]]\naccess = \"Step-free\"\n+++\n",
			`title is missing; add a line such as title = "Meet the buyer: cleaning contracts" under [[events]]` + "\n" +
				`kind is missing; add a line such as kind = "meet-the-buyer" under [[events]]` + "\n" +
				`start is missing; add a line such as start = 2026-12-02T10:00:00Z under [[events]]` + "\n" +
				`this event has neither a place nor an online_url; say where it happens, such as place = "Kentish Town Library, NW5 1XN"`},
		{"lots and updates", "content/opportunities/x.md", brief + "[contact]\nemail = \"a@example.org\"\n[[lots]]\nvalue_max = 1\n[[updates]]\ntext = \" \"\n+++\n",
			`title is missing; add a line such as title = "Lot 1: Kentish Town library" under [[lots]]` + "\n" +
				`date is missing; add a line such as date = 2026-12-01T10:00:00Z under [[updates]]` + "\n" +
				`text is empty; write something such as text = "Deadline moved to 12pm on 18 December."`},
		{"event page summary", "content/events/x.md", "+++\ntitle = \"Fair\"\nreference = \"E-1\"\nkind = \"briefing\"\nstart = 2026-12-02T10:00:00Z\nplace = \"Here\"\nsummary = \" \"\n+++\n",
			`summary is empty; write something such as summary = "What you need, where and when, in one or two sentences."`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := load(t, &txtar.Archive{Files: []txtar.File{{Name: tt.file, Data: []byte(tt.src)}}})
			for _, want := range strings.Split(tt.want, "\n") {
				if !strings.Contains(got, want) {
					t.Errorf("no finding says %q; got\n%s", want, got)
				}
			}
		})
	}
}
