package brief

import (
	"reflect"

	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/schema"
)

// The keys of each kind of content file. The checks' messages take their
// examples from these, tenders new writes every key of BriefSchema, and
// README.md's key reference and tenders schema are made from them. A test
// compares each with the toml tags of its struct.
var (
	BriefSchema = &schema.File{
		Name:   "brief",
		Title:  "The front matter of a tender brief",
		Path:   OpportunitiesDir + "/*.md",
		Fields: briefFields(),
	}
	EventSchema = &schema.File{
		Name:   "event",
		Title:  "The front matter of an event page",
		Path:   EventsDir + "/*.md",
		Fields: eventPageFields(),
	}
	PageSchema = &schema.File{
		Name:  "page",
		Title: "The front matter of a plain page",
		Path:  ContentDir + "/*.md",
		Fields: []schema.Field{
			{Key: "title", Type: schema.Text, Required: true, Example: `"About this site"`,
				Doc: "The page's title"},
			{Key: "description", Type: schema.Text, Example: `"Who runs this site, and why."`,
				Doc: "A sentence on what the page is about, for search engines and link previews"},
			{Key: "weight", Type: schema.Integer, Example: "10",
				Doc: "Its place among the pages in the footer: lower comes first"},
		},
	}
)

// SchemaLeaves gives the schema Type of the values that read themselves,
// for schema.StructKeys.
var SchemaLeaves = map[reflect.Type]schema.Type{reflect.TypeFor[Date](): schema.Date}

func briefFields() []schema.Field {
	f := append(briefKeys(), briefTables()...)
	for _, e := range eventFields() {
		e.Key = "events." + e.Key
		f = append(f, e)
	}
	return append(f, briefLaterTables()...)
}

// briefKeys are the keys at the top of a brief.
func briefKeys() []schema.Field {
	return []schema.Field{
		{Key: "title", Type: schema.Text, Required: true, Example: `"Cleaning for two community libraries"`,
			Doc: "The opportunity's name in plain words, as suppliers would search for it"},
		{Key: "reference", Type: schema.Text, Required: true, Example: `"CAM-2026-014"`,
			Doc: "Your own reference: unique in the site, and never changed once published, since feeds, calendars and open data use it as the id"},
		{Key: "buyer", Type: schema.Text, Required: true, KeysOf: "buyers", Example: `"camden"`,
			Doc: "Your organisation"},
		{Key: "published", Type: schema.Date, Required: true, Example: "2026-11-20T09:00:00Z",
			Doc: "When suppliers can first see it"},
		{Key: "deadline", Type: schema.Date, Required: true, Unless: &schema.Cond{Key: "stage", Values: []string{"pipeline", "engagement"}},
			Example: "2026-12-18T12:00:00Z",
			Doc:     "When bids close: a weekday, between 9am and 5pm; a date alone means 23:59 that day"},
		{Key: "questions_deadline", Type: schema.Date, Example: "2026-12-08T17:00:00Z",
			Doc: "The last time for questions: a few working days before the deadline"},
		{Key: "summary", Type: schema.Text, Required: true, Example: `"What you need, where and when, in one or two sentences."`,
			Doc: "One or two plain sentences, at most 300 characters, on one line: what you need, where and when. Lists and feeds show it"},
		{Key: "category", Type: schema.Text, Required: true, Values: config.SortedKeys(Categories), Example: `"services"`,
			Doc: "What is bought"},
		{Key: "topics", Type: schema.TextList, Required: true, KeysOf: "topics", Example: `["cleaning"]`,
			Doc: "What the work is, for the topic pages and their feeds"},
		{Key: "cpv", Type: schema.TextList, Example: `["90911200-8"]`,
			Doc: "CPV 2008 codes, each with its check digit after the hyphen"},
		{Key: "boroughs", Type: schema.TextList, Values: config.AreaKeys(), Example: `["camden"]`,
			Doc: "Where the work is: London borough keys in lower case with hyphens, such as tower-hamlets, or london-wide"},
		{Key: "value_min", Type: schema.Integer, Example: "40000",
			Doc: "The least the contract may be worth, in whole pounds"},
		{Key: "value_max", Type: schema.Integer, Example: "60000",
			Doc: "The most the contract may be worth, in whole pounds. Suppliers decide whether to bid by this: give at least an estimate (without either value, pages say Value not stated)"},
		{Key: "contract_start", Type: schema.Date, Example: "2027-04-01",
			Doc: "When the work starts"},
		{Key: "contract_end", Type: schema.Date, Example: "2029-03-31",
			Doc: "When the contract ends: after it starts"},
		{Key: "suitable_for", Type: schema.TextList, Values: config.SortedKeys(SuitableFor), Example: `["sme", "vcse"]`,
			Doc: "Who you especially welcome: small businesses (sme), charities and social enterprises (vcse)"},
		{Key: "procedure", Type: schema.Text, Values: config.SortedKeys(Procedures), Example: `"open"`,
			Doc: "How you will choose: anyone can bid (open), you ask for quotes, you shortlist first (selective), or you talk with bidders before final offers (negotiated)"},
		{Key: "apply_url", Type: schema.Text, Required: true, Example: `"https://www.find-tender.service.gov.uk/..."`,
			Doc: "Where bids go: your bidding website, a mailto: address, or a path inside the site"},
		{Key: "stage", Type: schema.Text, Values: config.SortedKeys(Stages), Example: `"open"`,
			Doc: "Where the brief stands. Leave it out, or write open, to close it at the deadline by itself"},
		{Key: "payment_days", Type: schema.Integer, Example: "30",
			Doc: "How many days you take to pay a correct invoice: 30 at most"},
		{Key: "turnover_min", Type: schema.Integer, Example: "100000",
			Doc: "The yearly turnover a bidder needs, in whole pounds: at most twice the contract's value, or leave it out"},
		{Key: "aliases", Type: schema.TextList, Example: `["old-file-name"]`,
			Doc: "Old addresses of this brief that must keep working after a rename: the old file name, or a path such as opportunities/old-name/"},
	}
}

// briefTables are a brief's tables up to [[events]].
func briefTables() []schema.Field {
	return []schema.Field{
		{Key: "contact", Type: schema.Table, Required: true,
			Doc: "Who suppliers can ask"},
		{Key: "contact.name", Type: schema.Text, Example: `"Sam Patel"`,
			Doc: "A person's name"},
		{Key: "contact.email", Type: schema.Text, Required: true, Example: `"procurement@example.org"`,
			Doc: "The address suppliers send questions to"},
		{Key: "contact.phone", Type: schema.Text, Example: `"020 7946 0000"`,
			Doc: "A number suppliers can call"},

		{Key: "location", Type: schema.TableList,
			Doc: "Where the work happens: one table for each place. Leave it out for work that has no place"},
		{Key: "location.name", Type: schema.Text, Required: true, Example: `"Kentish Town Library"`,
			Doc: "The place, as people there know it"},
		{Key: "location.postcode", Type: schema.Text, Example: `"NW5 1XN"`,
			Doc: "Its postcode, so suppliers can see how far away it is"},

		{Key: "insurance", Type: schema.TableList,
			Doc: "Cover the winner must hold, one table for each kind. Ask for it at award: asking when suppliers bid shuts out small firms"},
		{Key: "insurance.kind", Type: schema.Text, Required: true, Values: config.SortedKeys(InsuranceKinds), Example: `"public liability"`,
			Doc: "The kind of cover"},
		{Key: "insurance.amount", Type: schema.Integer, Required: true, Example: "1000000",
			Doc: "The cover, in whole pounds"},
		{Key: "insurance.needed", Type: schema.Text, Values: config.SortedKeys(InsuranceNeeded), Example: `"at-award"`,
			Doc: "When it is needed: at-award (the default) means only the winner needs it; the Procurement Act 2023 forbids at-bid as a condition of taking part"},

		{Key: "social_value", Type: schema.Table,
			Doc: "What you ask for beyond the work itself, and how much it counts"},
		{Key: "social_value.weighting", Type: schema.Integer, Example: "10",
			Doc: "Its share of the score, in percent: 0 to 100"},
		{Key: "social_value.asks", Type: schema.TextList, Example: `["Hire at least one apprentice from Camden"]`,
			Doc: "What you ask bidders to offer, each in a sentence"},

		{Key: "documents", Type: schema.TableList,
			Doc: "Files suppliers need. Offer a web page or a Word file, not only a PDF"},
		{Key: "documents.title", Type: schema.Text, Required: true, Example: `"Specification"`,
			Doc: "What the document is"},
		{Key: "documents.url", Type: schema.Text, Required: true, Example: `"https://example.org/spec.pdf"`,
			Doc: "A full address, or the path of a file under static/"},
		{Key: "documents.format", Type: schema.Text, Example: `"PDF"`,
			Doc: "Such as PDF, Word or Web page; guessed from the address when left out"},
		{Key: "documents.size", Type: schema.Text, Example: `"240 KB"`,
			Doc: "How big the file is"},

		{Key: "events", Type: schema.TableList,
			Doc: "Meetings about this brief: meet the buyer, briefings, site visits"},
	}
}

// briefLaterTables are a brief's tables after [[events]].
func briefLaterTables() []schema.Field {
	return []schema.Field{
		{Key: "lots", Type: schema.TableList,
			Doc: "Parts of the work that can be bid for on their own"},
		{Key: "lots.title", Type: schema.Text, Required: true, Example: `"Lot 1: Kentish Town library"`,
			Doc: "The lot's name"},
		{Key: "lots.summary", Type: schema.Text, Example: `"Daily cleaning of the library and its garden."`,
			Doc: "What the lot covers, in a plain sentence or two"},
		{Key: "lots.value_max", Type: schema.Integer, Example: "30000",
			Doc: "The most the lot may be worth, in whole pounds"},
		{Key: "lots.suitable_for", Type: schema.TextList, Values: config.SortedKeys(SuitableFor), Example: `["sme"]`,
			Doc: "Who you especially welcome for this lot"},

		{Key: "updates", Type: schema.TableList,
			Doc: "Changes after publishing, newest last. Each is sent to the feeds' subscribers"},
		{Key: "updates.date", Type: schema.Date, Required: true, Example: "2026-12-01T10:00:00Z",
			Doc: "When the change was made"},
		{Key: "updates.text", Type: schema.Text, Required: true, Example: `"Deadline moved to 12pm on 18 December."`,
			Doc: "What changed"},

		{Key: "award", Type: schema.Table, OnlyWith: &schema.Cond{Key: "stage", Values: []string{"awarded"}},
			Doc: "Who won the contract"},
		{Key: "award.supplier", Type: schema.Text, Required: true, Example: `"Bright Cleaning Co-operative Ltd"`,
			Doc: "The winner's name"},
		{Key: "award.value", Type: schema.Integer, Example: "96000",
			Doc: "What the contract is worth, in whole pounds"},
		{Key: "award.date", Type: schema.Date, Required: true, Example: "2027-01-15",
			Doc: "When the contract was awarded"},
		{Key: "award.sme", Type: schema.Bool, Example: "true",
			Doc: "The winner is a small or medium-sized business"},
		{Key: "award.vcse", Type: schema.Bool, Example: "true",
			Doc: "The winner is a charity or social enterprise"},
		{Key: "award.local", Type: schema.Bool, Example: "true",
			Doc: "The winner is based in London"},
		{Key: "award.borough", Type: schema.Text, Values: config.AreaKeys(), Example: `"hackney"`,
			Doc: "Where the winner is based, when local: a London borough key"},

		{Key: "imported", Type: schema.Table,
			Doc: "Where the brief came from, when tenders import wrote it: leave this table as it is, since the next import reads it to find the brief and to tell your edits from changes on the portal"},
		{Key: "imported.publisher", Type: schema.Text, Required: true, Example: `"Find a Tender"`,
			Doc: "The portal the notice is on; pages say \"Also published on\" it"},
		{Key: "imported.ocid", Type: schema.Text, Required: true, Example: `"ocds-h6vhtk-04f1a2"`,
			Doc: "The notice's open contracting id"},
		{Key: "imported.url", Type: schema.Text, Example: `"https://www.find-tender.service.gov.uk/Notice/012345-2026"`,
			Doc: "The notice's own page on the portal"},
		{Key: "imported.releases", Type: schema.TextList, Example: `["012345-2026"]`,
			Doc: "The ids of the notice's releases that were read, oldest first"},
		{Key: "imported.updated", Type: schema.Date, Example: "2026-11-20T09:00:00Z",
			Doc: "The date of the newest of them"},
		{Key: "imported.sums", Type: schema.TextList, Example: `["title:1a2b3c4d"]`,
			Doc: "A fingerprint of each field as it was imported"},
	}
}

// eventFields are the keys of an event: each [[events]] of a brief, and
// the front matter of an event page.
func eventFields() []schema.Field {
	return []schema.Field{
		{Key: "title", Type: schema.Text, Required: true, Example: `"Meet the buyer: cleaning contracts"`,
			Doc: "What the event is"},
		{Key: "kind", Type: schema.Text, Required: true, Values: config.SortedKeys(EventKinds), Example: `"meet-the-buyer"`,
			Doc: "The kind of event"},
		{Key: "start", Type: schema.Date, Required: true, Example: "2026-12-02T10:00:00Z",
			Doc: "When it starts"},
		{Key: "end", Type: schema.Date, Example: "2026-12-02T12:00:00Z",
			Doc: "When it ends: after it starts"},
		{Key: "place", Type: schema.Text, Required: true, Unless: &schema.Cond{Key: "online_url"}, Example: `"Kentish Town Library, NW5 1XN"`,
			Doc: "Where it happens: the full address, with the postcode"},
		{Key: "online_url", Type: schema.Text, Required: true, Unless: &schema.Cond{Key: "place"}, Example: `"https://meet.example.org/cleaning"`,
			Doc: "Where to join it online"},
		{Key: "booking_url", Type: schema.Text, Example: `"https://example.org/book"`,
			Doc: "Where to book a place"},
		{Key: "access", Type: schema.Text, Example: `"Step-free entrance and an accessible toilet."`,
			Doc: "Step-free access, hearing loops, BSL interpreters, and what else you can offer"},
		{Key: "text", Type: schema.Text, Example: `"Meet the team, hear what we buy and ask questions."`,
			Doc: "A sentence or two on what happens"},
	}
}

// eventPageFields are the keys of an event page: an event's, with its
// own reference and what lists it.
func eventPageFields() []schema.Field {
	e := eventFields()
	f := append([]schema.Field{}, e[0],
		schema.Field{Key: "reference", Type: schema.Text, Required: true, Example: `"NET-EVENT-2026-03"`,
			Doc: "A reference unique in the site, never changed once published: calendars use it as the id"},
		schema.Field{Key: "buyer", Type: schema.Text, KeysOf: "buyers", Example: `"camden"`,
			Doc: "The organisation holding the event, when it is one buyer"},
	)
	f = append(f, e[1:]...)
	return append(f,
		schema.Field{Key: "summary", Type: schema.Text, Example: `"What you need, where and when, in one or two sentences."`,
			Doc: "One or two plain sentences, at most 300 characters, on one line, for the list of events"},
		schema.Field{Key: "topics", Type: schema.TextList, KeysOf: "topics", Example: `["cleaning"]`,
			Doc: "What the event is about, for the topic pages"},
		schema.Field{Key: "boroughs", Type: schema.TextList, Values: config.AreaKeys(), Example: `["camden"]`,
			Doc: "Where it is for: London borough keys, or london-wide"},
	)
}
