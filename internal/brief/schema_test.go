package brief_test

import (
	"strings"
	"testing"

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
