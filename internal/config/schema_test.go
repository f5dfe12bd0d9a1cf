package config

import (
	"testing"

	"github.com/london-anchors/tenders/internal/schema"
)

// TestSchema: the schema is consistent, and has a field for every key of
// Config and no other.
func TestSchema(t *testing.T) {
	if err := Schema.Check(); err != nil {
		t.Error(err)
	}
	keys, err := schema.StructKeys(Config{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range Schema.Compare(keys) {
		t.Error(d)
	}
}

// TestSchemaExampleParses: site.toml made of every example of the schema
// is a valid site.toml.
func TestSchemaExampleParses(t *testing.T) {
	src := schema.TOML(Schema, schema.TOMLOptions{})
	if _, list := Parse(FileName, src); len(list) > 0 {
		t.Errorf("the schema's examples make a site.toml with problems:\n%v\n%s", list, src)
	}
}
