package importer

import (
	"strings"
	"testing"

	"github.com/london-anchors/tenders/internal/brief"
)

// planned is the first notice of a process: a pipeline notice, with no
// deadline; extra is more of its tender.
func planned(extra string) string {
	return `{"ocid":"ocds-h6vhtk-0a0b0c","id":"030001-2026","date":"2026-11-01T09:00:00Z","tag":["planning"],` +
		`"parties":[{"id":"GB-LAE-CMD","name":"London Borough of Camden","roles":["buyer"],"contactPoint":{"email":"cleaning@camden.example"}}],` +
		`"tender":{"id":"t","title":"Cleaning of the town hall","status":"planning","description":"Cleaning of the town hall, five days a week.",` +
		`"submissionMethodDetails":"https://camden.example/tenders/1","items":[{"id":"1","classification":{"scheme":"CPV","id":"90911200"}}]` + extra + `}}`
}

// later is a release after it; tender is its tender.
func later(tag, tender string) string {
	return `{"ocid":"ocds-h6vhtk-0a0b0c","id":"030002-2026","date":"2026-11-20T10:00:00Z","tag":["` + tag + `"],"tender":{"id":"t"` + tender + `}}`
}

const open = `,"status":"active","tenderPeriod":{"endDate":"2027-01-08T12:00:00Z"}`

// TestUpdatesTellSubscribers: what a later notice changes that a
// supplier must hear of is one [[updates]] entry, dated as the notice.
func TestUpdatesTellSubscribers(t *testing.T) {
	for _, c := range []struct {
		name, first, next string
		want              string // the entry's text; "" for none
	}{
		{"a deadline for the first time", planned(""), later("tender", open),
			"The deadline is now 12:00 on 8 January 2027."},
		{"a value for the first time", planned(""), later("planningUpdate", `,"value":{"amount":200000,"currency":"GBP"}`),
			"The estimated value is now £200,000."},
		{"a minimum value alone, for the first time", planned(""), later("planningUpdate", `,"minValue":{"amount":90000,"currency":"GBP"}`),
			"The estimated value is now £90,000."},
		{"both for the first time", planned(""), later("tender", open+`,"value":{"amount":200000,"currency":"GBP"}`),
			"The deadline is now 12:00 on 8 January 2027. The estimated value is now £200,000."},
		{"a deadline moved", planned(open), later("tenderUpdate", `,"tenderPeriod":{"endDate":"2027-01-15T17:00:00Z"}`),
			"The deadline moved from 12:00 on 8 January 2027 to 17:00 on 15 January 2027."},
		{"a value changed", planned(`,"value":{"amount":180000,"currency":"GBP"}`), later("planningUpdate", `,"value":{"amount":200000,"currency":"GBP"}`),
			"The estimated value changed from £180,000 to £200,000."},
		{"a value taken away", planned(`,"value":{"amount":180000,"currency":"GBP"}`), later("planningUpdate", `,"value":null`),
			"The notice no longer gives an estimated value."},
		{"a cancellation", planned(open), later("tenderCancellation", `,"status":"cancelled"`),
			"The buyer cancelled this procurement."},
		{"a new description only", planned(""), later("planningUpdate", `,"description":"Cleaning of the town hall, six days a week."`),
			""},
		{"the same value again", planned(`,"value":{"amount":180000,"currency":"GBP"}`), later("planningUpdate", `,"value":{"amount":180000,"currency":"GBP"}`),
			""},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newSite(t)
			plan := s.run(c.first)
			if len(plan) != 1 || plan[0].Outcome != New {
				t.Fatalf("first import: %+v", plan)
			}
			file := plan[0].File
			plan = s.run(c.first + "\n" + c.next)
			if len(plan) != 1 || plan[0].Outcome != Updated || len(plan[0].Conflicts) > 0 {
				t.Fatalf("second import: %+v", plan)
			}
			ups := s.updates(file)
			switch {
			case c.want == "" && len(ups) > 0:
				t.Errorf("updates %+v, want none", ups)
			case c.want != "" && (len(ups) != 1 || ups[0].Text != c.want || ups[0].Date.UTC().Format("2006-01-02T15:04") != "2026-11-20T10:00"):
				t.Errorf("updates %+v, want one of 2026-11-20T10:00Z: %q", ups, c.want)
			}
			if errs := s.check(file); len(errs) > 0 {
				t.Errorf("the updated brief does not pass the checks:\n%v", errs)
			}
			// Again: no second entry.
			if plan := s.run(c.first + "\n" + c.next); plan[0].Outcome != Unchanged {
				t.Errorf("third import: %+v", plan[0])
			}
		})
	}
}

// TestNoUpdateForAnEditKept: a deadline the buyer changed by hand is
// kept, so no entry says it moved.
func TestNoUpdateForAnEditKept(t *testing.T) {
	s := newSite(t)
	first := planned(open)
	plan := s.run(first)
	file := plan[0].File
	s.write(file, strings.Replace(s.read(file), "deadline = 2027-01-08T12:00:00Z", "deadline = 2027-01-11T12:00:00Z", 1))
	plan = s.run(first + "\n" + later("tenderUpdate", `,"tenderPeriod":{"endDate":"2027-01-15T17:00:00Z"}`))
	if len(plan) != 1 || len(plan[0].Conflicts) != 1 || !strings.HasPrefix(plan[0].Conflicts[0], "deadline:") {
		t.Fatalf("plan %+v", plan)
	}
	if ups := s.updates(file); len(ups) > 0 {
		t.Errorf("updates %+v, want none", ups)
	}
}

// updates are the [[updates]] of a brief in the site.
func (s *site) updates(name string) []brief.Update {
	s.t.Helper()
	p := &brief.Parser{Config: s.cfg}
	b, list := p.Brief(name, []byte(s.read(name)))
	if b == nil {
		s.t.Fatalf("%s could not be read: %v", name, list)
	}
	return b.Updates
}

// TestNoTopic: a notice whose codes are under none of the site's topics
// is written without topics; the summary says so, and check's error
// tells the buyer to choose them.
func TestNoTopic(t *testing.T) {
	for _, c := range []struct{ name, items, note, check string }{
		{"codes under no topic", `,"items":[{"id":"1","classification":{"scheme":"CPV","id":"45233142"}}]`,
			"no topic of site.toml has a cpv prefix of its CPV codes (45233142-6), so it has no topics, and tenders check fails until its buyer chooses them: add topics by hand, or the codes' first digits to a topic's cpv in site.toml",
			`topics is missing: no topic of site.toml has a cpv prefix of the notice's CPV codes (45233142-6), so tenders import could not choose them; choose from the site's topics ("catering", "cleaning") the ones a supplier would look under, and add a line such as topics = ["catering"] in the front matter`},
		{"no codes", "",
			"it gives no CPV code, so it has no topics, and tenders check fails until its buyer chooses them: add topics by hand",
			`topics is missing: the notice gives no CPV code, so tenders import could not choose them; choose from the site's topics ("catering", "cleaning") the ones a supplier would look under, and add a line such as topics = ["catering"] in the front matter`},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newSite(t)
			plan := s.run(`{"ocid":"ocds-h6vhtk-0a0b0d","id":"1","date":"2026-11-01T09:00:00Z","tag":["tender"],` +
				`"parties":[{"id":"GB-LAE-CMD","name":"Camden","roles":["buyer"],"contactPoint":{"email":"a@camden.example"}}],` +
				`"tender":{"title":"Road resurfacing","description":"Resurface two roads.","tenderPeriod":{"endDate":"2027-01-08T12:00:00Z"},` +
				`"mainProcurementCategory":"works","submissionMethodDetails":"https://camden.example/t"` + c.items + `}}`)
			if len(plan) != 1 || plan[0].Outcome != New || strings.Join(plan[0].Notes, "\n") != c.note {
				t.Fatalf("plan %+v", plan)
			}
			errs := s.check(plan[0].File)
			if len(errs) != 1 || errs[0].Message != c.check || errs[0].Line != 1 {
				t.Errorf("check: %v\nwant one error at line 1: %s", errs, c.check)
			}
		})
	}
}
