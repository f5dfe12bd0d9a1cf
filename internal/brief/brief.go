// Package brief reads the content of a tenders site: tender briefs in
// content/opportunities/, events in content/events/ and plain pages in
// content/*.md.
//
// Each file is TOML front matter between two lines that are exactly "+++",
// then a Markdown body. The keys of each kind of file are the toml tags of
// Brief, EventPage and Page below; BriefSchema, EventSchema and PageSchema
// describe them, and README.md's reference is made from those.
//
// Parse reads one file; Load reads a whole site folder and checks every file
// against site.toml. Every problem is a diag.Diagnostic at the line and
// column of the key it concerns, with a message that says what to write
// instead. A file with an error never reaches the site.
package brief

import (
	"time"

	"github.com/london-anchors/tenders/internal/tomldec"
)

// Brief is one tender opportunity.
type Brief struct {
	Title             string       `toml:"title"`
	Reference         string       `toml:"reference"` // unique in the site; the stable id of feeds, calendars and open data
	Buyer             string       `toml:"buyer"`     // a key of [buyers] in site.toml
	Published         Date         `toml:"published"`
	Deadline          Date         `toml:"deadline"` // when bids close
	QuestionsDeadline Date         `toml:"questions_deadline"`
	Summary           string       `toml:"summary"`  // plain text, at most 300 characters
	Category          string       `toml:"category"` // goods, services or works
	Topics            []string     `toml:"topics"`   // keys of [topics] in site.toml
	CPV               []string     `toml:"cpv"`      // CPV 2008 codes, such as "90911200-8"
	Boroughs          []string     `toml:"boroughs"` // London borough keys, or "london-wide"
	ValueMin          *int64       `toml:"value_min"`
	ValueMax          *int64       `toml:"value_max"`
	ContractStart     Date         `toml:"contract_start"`
	ContractEnd       Date         `toml:"contract_end"`
	SuitableFor       []string     `toml:"suitable_for"` // sme, vcse
	Procedure         string       `toml:"procedure"`    // open, quotes, selective, negotiated
	ApplyURL          string       `toml:"apply_url"`
	Stage             string       `toml:"stage"` // pipeline, engagement, open, closed, awarded, cancelled
	PaymentDays       *int64       `toml:"payment_days"`
	TurnoverMin       *int64       `toml:"turnover_min"`
	Aliases           []string     `toml:"aliases"` // old addresses of this brief, such as "old-file-name", that must keep working
	Contact           Contact      `toml:"contact"`
	Location          []Place      `toml:"location"` // where the work happens
	Insurance         []Insurance  `toml:"insurance"`
	SocialValue       *SocialValue `toml:"social_value"`
	Documents         []Document   `toml:"documents"`
	Events            []Event      `toml:"events"`
	Lots              []Lot        `toml:"lots"`
	Updates           []Update     `toml:"updates"`
	Award             *Award       `toml:"award"`
	Imported          *Imported    `toml:"imported"` // written by tenders import

	Source
}

// Doc is one parsed content file: a *Brief, an *EventPage or a *Page.
type Doc interface {
	Src() *Source   // its file, body and key positions
	FileKind() Kind // which of the three it is
}

// Src returns the source of a document.
func (s *Source) Src() *Source { return s }

// FileKind says what a document is.
func (*Brief) FileKind() Kind     { return KindBrief }
func (*EventPage) FileKind() Kind { return KindEvent }
func (*Page) FileKind() Kind      { return KindPage }

// Source is what every content file carries besides its front matter.
type Source struct {
	File     string       `toml:"-"` // path under the site folder, with forward slashes
	Slug     string       `toml:"-"` // from the file name: the last part of the page's address
	Front    string       `toml:"-"` // the front matter, without its +++ lines; it starts on line 2
	Body     []byte       `toml:"-"` // the Markdown body, padded with newlines so its line N is line N of the file
	BodyLine int          `toml:"-"` // the file line where the body starts
	Keys     tomldec.Keys `toml:"-"` // where each front-matter key was written
	Sum      [32]byte     `toml:"-"` // SHA-256 of the file's bytes: it changes when the file does

	light              bool        // Front, Body and Keys were let go: see Restore
	refPos, aliasesPos tomldec.Pos // where reference and aliases were, once Keys is let go
}

// Contact is who suppliers can ask: [contact].
type Contact struct {
	Name  string `toml:"name"`
	Email string `toml:"email"`
	Phone string `toml:"phone"`
}

// Place is somewhere the work happens: [[location]].
type Place struct {
	Name     string `toml:"name"`     // as people know it, such as "Kentish Town Library"
	Postcode string `toml:"postcode"` // a UK postcode, such as "NW5 1XN"
}

// String writes the place as pages and open data show it:
// "Kentish Town Library, NW5 1XN".
func (p Place) String() string {
	if p.Postcode == "" {
		return p.Name
	}
	return p.Name + ", " + p.Postcode
}

// Insurance is cover the winner must hold: [[insurance]].
type Insurance struct {
	Kind   string `toml:"kind"`   // see InsuranceKinds
	Amount int64  `toml:"amount"` // pounds
	Needed string `toml:"needed"` // at-award (default) or at-bid
}

// SocialValue is what the buyer asks for beyond the work itself: [social_value].
type SocialValue struct {
	Weighting int64    `toml:"weighting"` // percent of the score
	Asks      []string `toml:"asks"`
}

// Document is a file suppliers need: [[documents]].
type Document struct {
	Title  string `toml:"title"`
	URL    string `toml:"url"`    // absolute, or a path of a file under static/
	Format string `toml:"format"` // such as "PDF" or "Word"; guessed from the address when absent
	Size   string `toml:"size"`   // such as "240 KB"
}

// Event is a meeting about a brief, or the front matter of an events page.
type Event struct {
	Title      string `toml:"title"`
	Kind       string `toml:"kind"` // see EventKinds
	Start      Date   `toml:"start"`
	End        Date   `toml:"end"`
	Place      string `toml:"place"`
	OnlineURL  string `toml:"online_url"`
	BookingURL string `toml:"booking_url"`
	Access     string `toml:"access"` // step-free access, hearing loops, BSL and so on
	Text       string `toml:"text"`   // a sentence or two on what happens
}

// Lot is one part of a brief that can be bid for on its own: [[lots]].
type Lot struct {
	Title       string   `toml:"title"`
	Summary     string   `toml:"summary"`
	ValueMax    *int64   `toml:"value_max"`
	SuitableFor []string `toml:"suitable_for"`
}

// Update is an amendment: [[updates]].
type Update struct {
	Date Date   `toml:"date"`
	Text string `toml:"text"`
}

// Award is who won: [award].
type Award struct {
	Supplier string `toml:"supplier"`
	Value    int64  `toml:"value"`
	Date     Date   `toml:"date"`
	SME      bool   `toml:"sme"`
	VCSE     bool   `toml:"vcse"`
	Local    bool   `toml:"local"`
	Borough  string `toml:"borough"` // where the supplier is based, when local
}

// Imported says where a brief that tenders import wrote came from:
// [imported]. The import keeps it, and reads it to find the brief again.
type Imported struct {
	Publisher string   `toml:"publisher"` // the portal, such as "Find a Tender"
	OCID      string   `toml:"ocid"`      // the contracting process's open contracting id
	URL       string   `toml:"url"`       // the notice's own page on the portal
	Releases  []string `toml:"releases"`  // the ids of the releases read, oldest first
	Updated   Date     `toml:"updated"`   // the date of the newest of them
	// Sums are fingerprints of each field as the import last wrote it,
	// "name:hex", so that a later import can tell a buyer's edit from a
	// change in the notice.
	Sums []string `toml:"sums"`
}

// EventPage is a file in content/events/: an event of its own, such as a
// meet-the-buyer day for several buyers.
type EventPage struct {
	Event
	Reference string   `toml:"reference"` // unique in the site; the stable id in calendars
	Buyer     string   `toml:"buyer"`     // optional: a key of [buyers]
	Summary   string   `toml:"summary"`
	Topics    []string `toml:"topics"`
	Boroughs  []string `toml:"boroughs"`

	Source
}

// Page is a plain page, such as content/about.md.
type Page struct {
	Title       string `toml:"title"`
	Description string `toml:"description"`
	Weight      int    `toml:"weight"` // order in the footer; lower first

	Source
}

// Where a brief stands: the values of stage, and of Status.
const (
	StatusPipeline   = "pipeline"
	StatusEngagement = "engagement"
	StatusOpen       = "open"
	StatusClosed     = "closed"
	StatusAwarded    = "awarded"
	StatusCancelled  = "cancelled"
)

// Status decides where a brief stands at the clock now: stage when it says
// pipeline, engagement, closed, awarded or cancelled; otherwise open until
// the deadline, closed from then on. Stages holds each status's label.
func Status(b *Brief, now time.Time) string {
	switch b.Stage {
	case StatusPipeline, StatusEngagement, StatusClosed, StatusAwarded, StatusCancelled:
		return b.Stage
	}
	if b.Deadline.IsSet() && !now.Before(b.Deadline.Time) {
		return StatusClosed
	}
	return StatusOpen
}

// Enumerations: the allowed values, each with its plain-English label.
var (
	Categories = map[string]string{
		"goods":    "Goods",
		"services": "Services",
		"works":    "Building or works",
	}
	Procedures = map[string]string{
		"open":       "Open: anyone can bid",
		"quotes":     "Quotes: we ask for quotes and pick the best",
		"selective":  "Selective: we shortlist suppliers first, then invite bids",
		"negotiated": "Negotiated: we talk with bidders before final offers",
	}
	Stages = map[string]string{
		"pipeline":   "Coming soon",
		"engagement": "Early talks",
		"open":       "Open",
		"closed":     "Closed",
		"awarded":    "Awarded",
		"cancelled":  "Cancelled",
	}
	SuitableFor = map[string]string{
		"sme":  "Suitable for small businesses",
		"vcse": "Suitable for charities and social enterprises",
	}
	InsuranceKinds = map[string]string{
		"public liability":       "Public liability",
		"employer's liability":   "Employer's liability",
		"professional indemnity": "Professional indemnity",
		"product liability":      "Product liability",
		"motor":                  "Motor",
		"cyber":                  "Cyber",
	}
	InsuranceNeeded = map[string]string{
		"at-award": "only if you win",
		"at-bid":   "when you bid",
	}
	EventKinds = map[string]string{
		"meet-the-buyer":    "Meet the buyer",
		"briefing":          "Briefing",
		"site-visit":        "Site visit",
		"market-engagement": "Market engagement",
	}
)
