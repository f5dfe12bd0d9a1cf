package site

import (
	"reflect"
	"testing"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/synth"
)

// TestOppCopiesEveryFact: every fact of a brief is also a field of its Opp,
// with the brief's value (see Opp: templates find it there much faster).
// A new field of brief.Brief fails here until Opp and newOpp copy it.
func TestOppCopiesEveryFact(t *testing.T) {
	own := map[string]bool{"Buyer": true, "Topics": true, "Boroughs": true} // the Opp's, with names and addresses
	cfg, list := config.Parse("site.toml", string(synth.SiteTOML()))
	if list.Errors() > 0 {
		t.Fatal(list)
	}
	p := &brief.Parser{Config: cfg}
	bt := reflect.TypeOf(brief.Brief{})
	ot := reflect.TypeOf(Opp{})
	filled := map[string]bool{}
	for i := range 60 {
		name, src := synth.Brief(i)
		b, list := p.Brief(name, src)
		if b == nil || list.Errors() > 0 {
			t.Fatalf("%s: %v", name, list)
		}
		// What the synthetic briefs leave out.
		b.Aliases, b.Location, b.Imported, b.Stage = []string{"old-name"}, []brief.Place{{Name: "Kentish Town Library"}}, &brief.Imported{}, "open"
		o := newOpp(b)
		ov, bv := reflect.ValueOf(o).Elem(), reflect.ValueOf(b).Elem()
		for j := range bt.NumField() {
			f := bt.Field(j)
			if f.Anonymous || own[f.Name] {
				continue
			}
			of, ok := ot.FieldByName(f.Name)
			if !ok || len(of.Index) != 1 || of.Type != f.Type {
				t.Fatalf("Opp has no field %s %s of its own: add it to Opp and newOpp", f.Name, f.Type)
			}
			if got, want := ov.FieldByIndex(of.Index), bv.Field(j); !reflect.DeepEqual(got.Interface(), want.Interface()) {
				t.Errorf("%s: Opp.%s = %v, want the brief's %v", name, f.Name, got, want)
			}
			if !bv.Field(j).IsZero() {
				filled[f.Name] = true
			}
		}
	}
	for j := range bt.NumField() {
		if f := bt.Field(j); !f.Anonymous && !own[f.Name] && !filled[f.Name] {
			t.Errorf("no synthetic brief sets %s, so its copy is not tested", f.Name)
		}
	}
}
