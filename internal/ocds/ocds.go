// Package ocds publishes briefs as Open Contracting Data Standard 1.1
// releases (https://standard.open-contracting.org/1.1/): one release for
// each stage a brief has reached, gathered in a release package.
//
// Stages and tags: a brief in the pipeline or early talks is a "planning"
// release; once published for bids, a "tender" release; each [[updates]]
// entry a "tenderUpdate"; a cancelled brief a "tenderCancellation"; an
// awarded one an "award". The ocid is site.toml's [ocds] prefix, a hyphen,
// and the brief's reference.
//
// Beyond the core schema it uses the lots, suitability (sme, and vcse as UK
// portals publish it), selection criteria (for insurance) and location
// (where items are delivered) extensions.
package ocds

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/cpv"
)

// Package is a release package.
type Package struct {
	URI           string    `json:"uri"`
	Version       string    `json:"version"`
	Extensions    []string  `json:"extensions"`
	PublishedDate string    `json:"publishedDate"`
	Publisher     Publisher `json:"publisher"`
	License       string    `json:"license,omitempty"`
	Releases      []Release `json:"releases"`
}

// Publisher is who publishes the package.
type Publisher struct {
	Name string `json:"name"`
	URI  string `json:"uri,omitempty"`
}

// Release is one release.
type Release struct {
	OCID           string   `json:"ocid"`
	ID             string   `json:"id"`
	Date           string   `json:"date"`
	Tag            []string `json:"tag"`
	InitiationType string   `json:"initiationType"`
	Language       string   `json:"language"`
	Parties        []Party  `json:"parties"`
	Buyer          OrgRef   `json:"buyer"`
	Planning       *struct {
		Rationale string `json:"rationale,omitempty"`
	} `json:"planning,omitempty"`
	Tender Tender  `json:"tender"`
	Awards []Award `json:"awards,omitempty"`
}

// Party is an organisation in a release.
type Party struct {
	ID      string         `json:"id"`
	Name    string         `json:"name"`
	Roles   []string       `json:"roles"`
	Details map[string]any `json:"details,omitempty"`
	Address *Address       `json:"address,omitempty"`
	Contact *Contact       `json:"contactPoint,omitempty"`
}

// Address is where a party is, or where an item is delivered.
type Address struct {
	StreetAddress string `json:"streetAddress,omitempty"`
	Region        string `json:"region,omitempty"`
	PostalCode    string `json:"postalCode,omitempty"`
	CountryName   string `json:"countryName,omitempty"`
}

// Contact is who to ask.
type Contact struct {
	Name      string `json:"name,omitempty"`
	Email     string `json:"email,omitempty"`
	Telephone string `json:"telephone,omitempty"`
}

// OrgRef names a party.
type OrgRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Value is an amount of money.
type Value struct {
	Amount   float64 `json:"amount"`
	Currency string  `json:"currency"`
}

// Period is a span of time; either end may be missing.
type Period struct {
	StartDate string `json:"startDate,omitempty"`
	EndDate   string `json:"endDate,omitempty"`
}

// Tender is the tender section.
type Tender struct {
	ID                       string             `json:"id"`
	Title                    string             `json:"title"`
	Description              string             `json:"description"`
	Status                   string             `json:"status"`
	ProcuringEntity          OrgRef             `json:"procuringEntity"`
	Items                    []Item             `json:"items,omitempty"`
	Value                    *Value             `json:"value,omitempty"`
	MinValue                 *Value             `json:"minValue,omitempty"`
	ProcurementMethod        string             `json:"procurementMethod,omitempty"`
	ProcurementMethodDetails string             `json:"procurementMethodDetails,omitempty"`
	MainProcurementCategory  string             `json:"mainProcurementCategory"`
	SubmissionMethodDetails  string             `json:"submissionMethodDetails,omitempty"`
	TenderPeriod             *Period            `json:"tenderPeriod,omitempty"`
	EnquiryPeriod            *Period            `json:"enquiryPeriod,omitempty"`
	ContractPeriod           *Period            `json:"contractPeriod,omitempty"`
	Documents                []Document         `json:"documents,omitempty"`
	Milestones               []Milestone        `json:"milestones,omitempty"`
	Lots                     []Lot              `json:"lots,omitempty"`
	Suitability              *Suitability       `json:"suitability,omitempty"`
	SelectionCriteria        *SelectionCriteria `json:"selectionCriteria,omitempty"`
}

// Item is what is bought, by CPV code.
type Item struct {
	ID                string          `json:"id"`
	Description       string          `json:"description"`
	Classification    *Classification `json:"classification,omitempty"`
	DeliveryAddresses []Address       `json:"deliveryAddresses,omitempty"` // the location extension
}

// items are what a brief buys: one a CPV code, each delivered at every
// place of [[location]] (the location extension's deliveryAddresses). A
// brief with places but no CPV code has one item, described by its title.
func items(b *brief.Brief) []Item {
	var out []Item
	for i, code := range b.CPV {
		label, _ := cpv.Lookup(code)
		digits, _, _ := strings.Cut(code, "-")
		out = append(out, Item{ID: fmt.Sprint(i + 1), Description: label, Classification: &Classification{Scheme: "CPV", ID: digits, Description: label}})
	}
	if len(b.Location) == 0 {
		return out
	}
	if len(out) == 0 {
		out = append(out, Item{ID: "1", Description: b.Title})
	}
	var addrs []Address
	for _, p := range b.Location {
		addrs = append(addrs, Address{StreetAddress: p.Name, PostalCode: p.Postcode, CountryName: "United Kingdom"})
	}
	for i := range out {
		out[i].DeliveryAddresses = addrs
	}
	return out
}

// Classification is a code from a scheme.
type Classification struct {
	Scheme      string `json:"scheme"`
	ID          string `json:"id"`
	Description string `json:"description"`
}

// Document is a document of the tender.
type Document struct {
	ID           string `json:"id"`
	DocumentType string `json:"documentType"`
	Title        string `json:"title"`
	URL          string `json:"url"`
	Format       string `json:"format,omitempty"`
}

// Milestone is an event: meet the buyer, briefing, site visit.
type Milestone struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Type        string `json:"type"`
	Description string `json:"description,omitempty"`
	DueDate     string `json:"dueDate"`
	Status      string `json:"status"`
}

// Lot is a part of the tender (lots extension).
type Lot struct {
	ID          string       `json:"id"`
	Title       string       `json:"title"`
	Description string       `json:"description,omitempty"`
	Value       *Value       `json:"value,omitempty"`
	Suitability *Suitability `json:"suitability,omitempty"`
}

// Suitability says whom the buyer especially welcomes (suitability
// extension; vcse as UK portals publish it).
type Suitability struct {
	SME  bool `json:"sme"`
	VCSE bool `json:"vcse"`
}

// SelectionCriteria are the conditions a winner must meet (selection
// criteria extension): here, insurance.
type SelectionCriteria struct {
	Criteria []Criterion `json:"criteria"`
}

// Criterion is one condition.
type Criterion struct {
	Type         string   `json:"type"`
	Description  string   `json:"description"`
	MinimumValue string   `json:"minimumValue,omitempty"`
	AppliesTo    []string `json:"appliesTo,omitempty"`
}

// Award is who won.
type Award struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Status    string   `json:"status"`
	Date      string   `json:"date"`
	Value     *Value   `json:"value,omitempty"`
	Suppliers []OrgRef `json:"suppliers"`
}

// Extensions are the OCDS extensions the releases use.
var Extensions = []string{
	"https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json",
	"https://raw.githubusercontent.com/open-contracting-extensions/ocds_suitability_extension/master/extension.json",
	"https://raw.githubusercontent.com/open-contracting-extensions/ocds_selectionCriteria_extension/master/extension.json",
	"https://raw.githubusercontent.com/open-contracting-extensions/ocds_location_extension/v1.1.5/extension.json",
}

// stageOrder orders releases of the same moment.
var stageOrder = map[string]int{"planning": 0, "tender": 1, "tenderUpdate": 2, "award": 3, "tenderCancellation": 4}

// Input is a brief with what the site worked out about it.
type Input struct {
	Brief  *brief.Brief
	Status string // pipeline, engagement, open, closed, awarded, cancelled
	URL    string // the brief's page, absolute
}

// Write writes the release package of every brief to w, one brief's
// releases at a time, so a large site's package is never held in memory
// whole; releasesOf gives them, as Releases writes them (or a cache of
// what it wrote). Its publishedDate is the newest date of the content.
func Write(w io.Writer, cfg *config.Config, uri string, in []Input, releasesOf func(Input) ([]byte, error)) error {
	head := header(cfg, uri)
	head.PublishedDate = stamp(newestDate(in))
	in = slices.Clone(in)
	slices.SortStableFunc(in, func(a, b Input) int { return strings.Compare(OCID(cfg, a.Brief), OCID(cfg, b.Brief)) })
	data, err := json.MarshalIndent(head, "", "  ")
	if err != nil {
		return err
	}
	// The head ends with "releases": [] and the closing brace: write
	// the releases in between.
	cut := bytes.LastIndex(data, []byte(`"releases": []`))
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(data[:cut])
	bw.WriteString(`"releases": [`)
	first := true
	for _, x := range in {
		b, err := releasesOf(x)
		if err != nil {
			return err
		}
		if len(b) == 0 {
			continue
		}
		if !first {
			bw.WriteByte(',')
		}
		first = false
		bw.Write(b)
	}
	if !first {
		bw.WriteString("\n  ")
	}
	bw.WriteString("]")
	bw.Write(data[cut+len(`"releases": []`):])
	bw.WriteByte('\n')
	return bw.Flush()
}

// Releases writes the releases of one brief as they stand in the package's
// list: each on a line of its own, with commas between them. A release is
// not spread over lines and indented: that made the package 60% larger
// (44.4 MB against 27.3 MB at 10,000 synthetic briefs) for no reader, since every
// tool that reads OCDS reads JSON, and a release a line still reads and
// compares well as text.
func Releases(cfg *config.Config, x Input) ([]byte, error) {
	rs := releases(cfg, x)
	sortReleases(rs)
	var out []byte
	for i, r := range rs {
		b, err := json.Marshal(r)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			out = append(out, ',')
		}
		out = append(append(out, "\n    "...), b...)
	}
	return out, nil
}

func newestDate(in []Input) time.Time {
	var newest time.Time
	for _, x := range in {
		for _, t := range dates(x.Brief) {
			if t.After(newest) {
				newest = t
			}
		}
	}
	if newest.IsZero() {
		newest = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return newest
}

func sortReleases(rs []Release) {
	slices.SortStableFunc(rs, func(a, b Release) int {
		if c := strings.Compare(a.OCID, b.OCID); c != 0 {
			return c
		}
		if c := strings.Compare(a.Date, b.Date); c != 0 {
			return c
		}
		return stageOrder[a.Tag[0]] - stageOrder[b.Tag[0]]
	})
}

// header is the package without its releases.
func header(cfg *config.Config, uri string) Package {
	return Package{
		URI:        uri,
		Version:    "1.1",
		Extensions: Extensions,
		Publisher:  Publisher{Name: cfg.OCDS.Publisher, URI: cfg.Base.String()},
		License:    cfg.OCDS.License,
		Releases:   []Release{},
	}
}

func dates(b *brief.Brief) []time.Time {
	ts := []time.Time{b.Published.Time}
	for _, u := range b.Updates {
		ts = append(ts, u.Date.Time)
	}
	if b.Award != nil {
		ts = append(ts, b.Award.Date.Time)
	}
	return ts
}

// stamp writes a moment with its own offset: a date written without one
// keeps the site's timezone, so 2027-04-01 stays 1 April.
func stamp(t time.Time) string { return t.Format(time.RFC3339) }

func compact(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// OCID is a brief's open contracting id.
func OCID(cfg *config.Config, b *brief.Brief) string { return cfg.OCDS.Prefix + "-" + b.Reference }

var procedures = map[string]string{"open": "open", "selective": "selective", "quotes": "limited", "negotiated": "limited"}

// releases makes one release a stage.
func releases(cfg *config.Config, x Input) []Release {
	b := x.Brief
	ocid := OCID(cfg, b)
	buyer := cfg.Buyers[b.Buyer]
	buyerID := "buyer-" + b.Buyer
	base := Release{
		OCID:           ocid,
		InitiationType: "tender",
		Language:       strings.ToLower(strings.SplitN(cfg.Language, "-", 2)[0]),
		Buyer:          OrgRef{ID: buyerID, Name: buyer.Name},
		Parties: []Party{{
			ID: buyerID, Name: buyer.Name, Roles: []string{"buyer", "procuringEntity"},
			Contact: &Contact{Name: b.Contact.Name, Email: b.Contact.Email, Telephone: b.Contact.Phone},
			Address: &Address{Region: areaName(buyer.Borough), CountryName: "United Kingdom"},
		}},
		Tender: tender(cfg, x, buyerID, buyer.Name),
	}
	var out []Release
	add := func(tag string, t time.Time, status string) {
		r := base
		r.ID = ocid + "-" + tag + "-" + compact(t)
		r.Date = stamp(t)
		r.Tag = []string{tag}
		r.Tender.Status = status
		out = append(out, r)
	}
	switch x.Status {
	case brief.StatusPipeline, brief.StatusEngagement:
		r := base
		r.Planning = &struct {
			Rationale string `json:"rationale,omitempty"`
		}{Rationale: b.Summary}
		r.ID = ocid + "-planning-" + compact(b.Published.Time)
		r.Date = stamp(b.Published.Time)
		r.Tag = []string{"planning"}
		r.Tender.Status = "planning"
		if x.Status == brief.StatusPipeline {
			r.Tender.Status = "planned"
		}
		return append(out, r)
	}
	status := map[string]string{brief.StatusOpen: "active", brief.StatusClosed: "complete", brief.StatusAwarded: "complete", brief.StatusCancelled: "cancelled"}[x.Status]
	add("tender", b.Published.Time, "active")
	for _, u := range b.Updates {
		add("tenderUpdate", u.Date.Time, "active")
	}
	last := b.Published.Time
	for _, u := range b.Updates {
		if u.Date.After(last) {
			last = u.Date.Time
		}
	}
	switch x.Status {
	case brief.StatusCancelled:
		add("tenderCancellation", last, "cancelled")
	case brief.StatusAwarded:
		if a := b.Award; a != nil {
			r := base
			r.ID = ocid + "-award-" + compact(a.Date.Time)
			r.Date = stamp(a.Date.Time)
			r.Tag = []string{"award"}
			r.Tender.Status = "complete"
			supplierID := "supplier-" + brief.SlugFor(a.Supplier)
			details := map[string]any{"scale": "large"}
			if a.SME {
				details["scale"] = "sme"
			}
			details["vcse"] = a.VCSE
			details["local"] = a.Local
			r.Parties = append(slices.Clone(r.Parties), Party{ID: supplierID, Name: a.Supplier, Roles: []string{"supplier"}, Details: details,
				Address: &Address{Region: areaName(a.Borough), CountryName: "United Kingdom"}})
			r.Awards = []Award{{ID: ocid + "-award-1", Title: b.Title, Status: "active", Date: stamp(a.Date.Time),
				Value: &Value{float64(a.Value), "GBP"}, Suppliers: []OrgRef{{supplierID, a.Supplier}}}}
			out = append(out, r)
		}
	}
	// Every release of a brief carries the brief as it now stands.
	for i := range out {
		if out[i].Tag[0] != "tenderCancellation" && out[i].Tag[0] != "award" {
			out[i].Tender.Status = status
		}
	}
	return out
}

func tender(cfg *config.Config, x Input, buyerID, buyerName string) Tender {
	b := x.Brief
	t := Tender{
		ID:                       b.Reference,
		Title:                    b.Title,
		Description:              b.Summary,
		ProcuringEntity:          OrgRef{ID: buyerID, Name: buyerName},
		ProcurementMethod:        procedures[b.Procedure],
		ProcurementMethodDetails: brief.Procedures[b.Procedure],
		MainProcurementCategory:  b.Category,
		SubmissionMethodDetails:  "How to bid: " + b.ApplyURL,
		Suitability:              &Suitability{SME: slices.Contains(b.SuitableFor, "sme"), VCSE: slices.Contains(b.SuitableFor, "vcse")},
	}
	if b.ValueMax != nil {
		t.Value = &Value{float64(*b.ValueMax), "GBP"}
	}
	if b.ValueMin != nil {
		t.MinValue = &Value{float64(*b.ValueMin), "GBP"}
	}
	t.Items = items(b)
	if b.Published.IsSet() || b.Deadline.IsSet() {
		t.TenderPeriod = &Period{StartDate: optStamp(b.Published), EndDate: optStamp(b.Deadline)}
	}
	if b.QuestionsDeadline.IsSet() {
		t.EnquiryPeriod = &Period{StartDate: optStamp(b.Published), EndDate: optStamp(b.QuestionsDeadline)}
	}
	if b.ContractStart.IsSet() || b.ContractEnd.IsSet() {
		t.ContractPeriod = &Period{StartDate: optStamp(b.ContractStart), EndDate: optStamp(b.ContractEnd)}
	}
	for i, d := range b.Documents {
		u := d.URL
		if !strings.Contains(u, ":") {
			u = cfg.URL(u)
		}
		t.Documents = append(t.Documents, Document{ID: fmt.Sprint(i + 1), DocumentType: "tenderNotice", Title: d.Title, URL: u, Format: mimeType(u)})
	}
	for i, e := range b.Events {
		t.Milestones = append(t.Milestones, Milestone{ID: fmt.Sprint(i + 1), Title: e.Title, Type: "engagement", Description: e.Text, DueDate: optStamp(e.Start), Status: "scheduled"})
	}
	for i, l := range b.Lots {
		lot := Lot{ID: fmt.Sprint(i + 1), Title: l.Title, Description: l.Summary}
		if l.ValueMax != nil {
			lot.Value = &Value{float64(*l.ValueMax), "GBP"}
		}
		if len(l.SuitableFor) > 0 {
			lot.Suitability = &Suitability{SME: slices.Contains(l.SuitableFor, "sme"), VCSE: slices.Contains(l.SuitableFor, "vcse")}
		}
		t.Lots = append(t.Lots, lot)
	}
	if len(b.Insurance) > 0 {
		sc := &SelectionCriteria{}
		for _, in := range b.Insurance {
			when := map[string]string{"": "only the winner, before the contract starts", "at-award": "only the winner, before the contract starts", "at-bid": "every bidder"}[in.Needed]
			sc.Criteria = append(sc.Criteria, Criterion{Type: "economic", Description: fmt.Sprintf("%s insurance of at least £%d, needed by %s", brief.InsuranceKinds[in.Kind], in.Amount, when), MinimumValue: fmt.Sprint(in.Amount), AppliesTo: []string{"supplier"}})
		}
		t.SelectionCriteria = sc
	}
	return t
}

func optStamp(d brief.Date) string {
	if !d.IsSet() {
		return ""
	}
	return stamp(d.Time)
}

func areaName(key string) string {
	n, _ := config.AreaName(key)
	return n
}

func mimeType(u string) string {
	switch strings.ToLower(path.Ext(strings.SplitN(u, "?", 2)[0])) {
	case ".pdf":
		return "application/pdf"
	case ".docx":
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	case ".doc":
		return "application/msword"
	case ".xlsx":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case ".html", ".htm", "":
		return "text/html"
	}
	return ""
}
