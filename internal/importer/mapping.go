package importer

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/cpv"
	"github.com/london-anchors/tenders/internal/ocds"
	"github.com/london-anchors/tenders/internal/ocdsread"
)

// mapper turns one compiled notice into a brief.
type mapper struct {
	cfg      *config.Config
	loc      *time.Location
	n        *ocdsread.Notice
	notes    []string // what was left out or guessed, for the summary
	noticeAt string   // the notice's own page
	buyer    string   // the site's key of its buyer
}

func (m *mapper) note(format string, args ...any) {
	m.notes = append(m.notes, fmt.Sprintf(format, args...))
}

// brief maps the notice; buyer is the site's key of its buyer. What the
// notice does not say is left out: fill guesses it.
func (m *mapper) brief(buyer string) (*brief.Brief, string) {
	n, t := m.n, &m.n.Tender
	m.buyer = buyer
	b := &brief.Brief{
		Title:     plain(t.Title),
		Reference: n.OCID,
		Buyer:     buyer,
		Published: m.date("tender.datePublished", t.DatePublished),
	}
	if t.TenderPeriod != nil {
		b.Deadline = m.date("tender.tenderPeriod.endDate", t.TenderPeriod.EndDate)
	}
	if t.EnquiryPeriod != nil {
		b.QuestionsDeadline = m.date("tender.enquiryPeriod.endDate", t.EnquiryPeriod.EndDate)
	}
	ps := paragraphs(t.Description)
	b.Summary = summaryOf(ps, b.Title)
	b.CPV = m.cpv()
	b.Category = m.n.Tender.MainProcurementCategory
	if brief.Categories[b.Category] == "" {
		b.Category = ""
	}
	b.Topics = m.topics(b.CPV)
	b.Boroughs, b.Location = m.places()
	b.ValueMin = m.money("tender.minValue", t.MinValue)
	b.ValueMax = m.money("tender.value", t.Value)
	if path, p := m.contractPeriod(); p != nil {
		b.ContractStart = m.date(path+".startDate", p.StartDate)
		b.ContractEnd = m.date(path+".endDate", p.EndDate)
	}
	b.SuitableFor = suitable(t.Suitability)
	b.Procedure = procedures[t.ProcurementMethod]
	if config.CheckWebURL(strings.TrimSpace(t.SubmissionMethodDetails)) == "" {
		b.ApplyURL = strings.TrimSpace(t.SubmissionMethodDetails)
	}
	b.Contact = m.contact()
	b.Documents = m.documents()
	b.Lots = m.lots()
	b.Stage, b.Award = m.stage()
	return b, bodyOf(ps)
}

// contractPeriod is the tender's contract period, or failing it the
// first contract's or award's, with its path for messages.
func (m *mapper) contractPeriod() (string, *ocds.Period) {
	if p := m.n.Tender.ContractPeriod; p != nil {
		return "tender.contractPeriod", p
	}
	for i, c := range m.n.Contracts {
		if c.Period != nil {
			return fmt.Sprintf("contracts[%d].period", i), c.Period
		}
	}
	for i, a := range m.n.Awards {
		if a.ContractPeriod != nil {
			return fmt.Sprintf("awards[%d].contractPeriod", i), a.ContractPeriod
		}
	}
	return "", nil
}

// procedures maps OCDS procurementMethod to a brief's procedure.
var procedures = map[string]string{"open": "open", "selective": "selective", "limited": "negotiated", "direct": "negotiated"}

func (m *mapper) date(path, s string) brief.Date {
	if strings.TrimSpace(s) == "" {
		return brief.Date{}
	}
	t, ok := ocdsread.ParseDate(s, m.loc)
	if !ok || t.Year() < brief.MinYear || t.Year() > brief.MaxYear {
		m.note("%s %q is not a date we can read: left out", path, s)
		return brief.Date{}
	}
	return brief.Date{Time: t.In(m.loc)}
}

// maxMoney is the largest sum a brief takes, as site.toml's limits do.
const maxMoney = 100_000_000_000

func (m *mapper) money(path string, v *ocdsread.Value) *int64 {
	if v == nil || v.Amount == "" {
		return nil
	}
	f, err := strconv.ParseFloat(v.Amount.String(), 64)
	switch {
	case err != nil || math.IsInf(f, 0) || math.IsNaN(f) || f < 0 || f > maxMoney:
		m.note("%s.amount %s is not a sum a brief can hold (0 to %d pounds): left out", path, v.Amount, int64(maxMoney))
		return nil
	case v.Currency != "" && v.Currency != "GBP":
		m.note("%s is in %s, not pounds: left out", path, v.Currency)
		return nil
	}
	n := int64(math.Round(f))
	return &n
}

// cpv gathers the CPV codes of the tender and its items, with their
// check digits.
func (m *mapper) cpv() []string {
	t := &m.n.Tender
	var cs []ocds.Classification
	if t.Classification != nil {
		cs = append(cs, *t.Classification)
	}
	cs = append(cs, t.AdditionalClassifications...)
	for _, it := range t.Items {
		if it.Classification != nil {
			cs = append(cs, *it.Classification)
		}
		cs = append(cs, it.AdditionalClassifications...)
	}
	var out []string
	for _, c := range cs {
		if !strings.EqualFold(c.Scheme, "CPV") {
			continue
		}
		digits := strings.TrimSpace(c.ID)
		if len(digits) > 8 {
			digits = digits[:8]
		}
		code, ok := cpv.ByDigits(digits)
		if !ok {
			m.note("CPV code %q is not in the CPV 2008 list: left out", c.ID)
			continue
		}
		if !slices.Contains(out, code) {
			out = append(out, code)
		}
	}
	return out
}

// fill guesses what a brief needs and the notice did not say, from all
// its releases: published is the first release's date, the category
// comes from the first CPV code's division, apply_url is the notice's
// own page when it gives no submission address.
func (m *mapper) fill(b *brief.Brief, first time.Time) {
	if !b.Published.IsSet() {
		b.Published = brief.Date{Time: first.In(m.loc)}
	}
	if b.Category == "" {
		b.Category = m.category(b.CPV)
	}
	if b.ApplyURL == "" {
		b.ApplyURL = m.noticeAt
	}
}

// category guesses a category from the first CPV code's division.
func (m *mapper) category(codes []string) string {
	if len(codes) == 0 {
		m.note("it says neither its category nor a CPV code: category guessed as services")
		return "services"
	}
	switch div := codes[0][:2]; {
	case div == "45":
		return "works"
	case div < "45" || div == "48":
		return "goods"
	}
	return "services"
}

// topics are the site's topics whose CPV prefixes match a code.
func (m *mapper) topics(codes []string) []string {
	var out []string
	for _, k := range m.cfg.TopicKeys() {
		for _, p := range m.cfg.Topics[k].CPV {
			if slices.ContainsFunc(codes, func(c string) bool { return strings.HasPrefix(c, p) }) {
				out = append(out, k)
				break
			}
		}
	}
	switch {
	case len(out) > 0:
	case len(codes) == 0:
		m.note("it gives no CPV code, so it has no topics, and tenders check fails until its buyer chooses them: add topics by hand")
	default:
		m.note("no topic of site.toml has a cpv prefix of its CPV codes (%s), so it has no topics, and tenders check fails until its buyer chooses them: add topics by hand, or the codes' first digits to a topic's cpv in site.toml", strings.Join(codes, ", "))
	}
	return out
}

func suitable(s *ocdsread.Suitability) []string {
	var out []string
	if s != nil && s.SME != nil && *s.SME {
		out = append(out, "sme")
	}
	if s != nil && s.VCSE != nil && *s.VCSE {
		out = append(out, "vcse")
	}
	return out
}

var postcodeRE = regexp.MustCompile(`^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$`)

// postcode writes a UK postcode as briefs do, in capitals with its space,
// or "" when it is not one.
func postcode(s string) string {
	s = strings.ToUpper(strings.Join(strings.Fields(s), ""))
	if len(s) < 5 {
		return ""
	}
	s = s[:len(s)-3] + " " + s[len(s)-3:]
	if !postcodeRE.MatchString(s) {
		return ""
	}
	return s
}

// places are the boroughs of the delivery addresses (or, failing them,
// the buyer's), and the delivery addresses as places.
func (m *mapper) places() ([]string, []brief.Place) {
	t := &m.n.Tender
	addrs := slices.Clone(t.DeliveryAddresses)
	for _, it := range t.Items {
		addrs = append(addrs, it.DeliveryAddresses...)
		if it.DeliveryAddress != nil {
			addrs = append(addrs, *it.DeliveryAddress)
		}
	}
	var places []brief.Place
	for _, a := range addrs {
		name := plain(strings.Join(nonEmpty(a.StreetAddress, a.Locality), ", "))
		if name != "" && len(places) < 20 {
			p := brief.Place{Name: name, Postcode: postcode(a.PostalCode)}
			if !slices.Contains(places, p) {
				places = append(places, p)
			}
		}
	}
	// A delivery point names one borough: it is surer than a region.
	if areas := m.pointAreas(); len(areas) > 0 {
		slices.Sort(areas)
		return areas, places
	}
	if b := m.buyerParty(); len(addrs) == 0 && b != nil && b.Address != nil {
		addrs = append(addrs, *b.Address)
	}
	var areas []string
	for _, a := range addrs {
		for _, k := range areasOf(a.Region) {
			if !slices.Contains(areas, k) {
				areas = append(areas, k)
			}
		}
	}
	if len(areas) > 1 {
		areas = slices.DeleteFunc(areas, func(k string) bool { return k == "london-wide" })
	}
	// An ITL 3 code may cover two or three boroughs: when the buyer's own
	// borough is among them, the work is surely there.
	if home := m.cfg.Buyers[m.buyer].Borough; len(areas) > 1 && slices.Contains(areas, home) && len(addrs) == 1 {
		areas = []string{home}
	}
	slices.Sort(areas)
	return areas, places
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// buyerParty is the party with the role buyer, or the 1.0 buyer.
func (m *mapper) buyerParty() *ocdsread.Organization {
	return buyerOf(m.n)
}

func (m *mapper) contact() brief.Contact {
	var c brief.Contact
	if b := m.buyerParty(); b != nil && b.ContactPoint != nil {
		c = brief.Contact{Name: plain(b.ContactPoint.Name), Email: strings.TrimSpace(b.ContactPoint.Email), Phone: plain(b.ContactPoint.Telephone)}
	}
	if c.Email == "" {
		m.note("it gives no contact e-mail: add [contact] email by hand")
	}
	return c
}

func (m *mapper) documents() []brief.Document {
	var out []brief.Document
	for _, d := range m.n.Tender.Documents {
		u := strings.TrimSpace(d.URL)
		if u == "" || u == m.noticeAt || d.NoticeType != "" || strings.HasSuffix(d.DocumentType, "Notice") || config.CheckWebURL(u) != "" {
			continue // the notice itself is linked as the brief's source
		}
		title := plain(d.Title)
		if title == "" {
			title = "Document " + string(d.ID)
		}
		if len(out) < 50 {
			out = append(out, brief.Document{Title: title, URL: u})
		}
	}
	return out
}

func (m *mapper) lots() []brief.Lot {
	var out []brief.Lot
	for i, l := range m.n.Tender.Lots {
		title := plain(l.Title)
		if title == "" {
			title = fmt.Sprintf("Lot %d", i+1)
		}
		out = append(out, brief.Lot{
			Title: title, Summary: summaryOf(paragraphs(l.Description), title),
			ValueMax: m.money(fmt.Sprintf("tender.lots[%d].value", i), l.Value), SuitableFor: suitable(l.Suitability),
		})
	}
	if len(out) == 1 {
		return nil // one lot is the tender itself
	}
	return out
}
