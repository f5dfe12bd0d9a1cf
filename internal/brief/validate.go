package brief

import (
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/cpv"
	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/schema"
	"github.com/london-anchors/tenders/internal/tomldec"
)

// MaxSummary is the longest summary allowed, in characters.
const MaxSummary = 300

// checker collects the problems of one file.
type checker struct {
	file   string
	schema *schema.File // the kind of file: where the examples in messages come from
	keys   tomldec.Keys
	cfg    *config.Config
	static fs.FS // the site's static/ folder, for relative document links
	list   diag.List
	bad    map[string]bool // key paths whose values could not be decoded
}

// report adds a problem at path, unless its value was already reported as
// the wrong type: one problem a key is enough.
func (c *checker) report(path, format string, args ...any) {
	if c.bad[path] {
		return
	}
	c.list = append(c.list, errAt(c.file, c.keys.Pos(path), fmt.Sprintf(format, args...)))
}

// missing reports a required key that was not written, with a line that
// sets it to the schema's example. It points at the table the key belongs
// in, or at the opening +++ for a top-level key.
func (c *checker) missing(path string) { c.missingAs(path, c.schema.Line(path)) }

// missingAs is missing with the example line given.
func (c *checker) missingAs(path, example string) {
	if c.bad[path] {
		return
	}
	parent := ""
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		parent = path[:i]
	}
	p := tomldec.Pos{Line: 1, Col: 1}
	if parent != "" {
		if q := c.keys.Pos(parent); q.Line > 0 {
			p = q
		}
	}
	name := path[strings.LastIndexByte(path, '.')+1:]
	where := "in the front matter"
	if parent != "" {
		where = "under [" + tableName(parent) + "]"
	}
	c.list = append(c.list, errAt(c.file, p, fmt.Sprintf("%s is missing; add a line such as %s %s", name, example, where)))
}

func tableName(path string) string {
	parts := strings.Split(path, ".")
	if len(parts) > 1 {
		if _, err := strconv.Atoi(parts[len(parts)-1]); err == nil {
			return "[" + strings.Join(parts[:len(parts)-1], ".") + "]"
		}
	}
	return path
}

// required reports a required text key that is missing or empty, with the
// schema's example, and reports whether it has a value.
func (c *checker) required(path, value string) bool {
	if strings.TrimSpace(value) == "" {
		if _, written := c.keys[path]; written {
			c.report(path, "%s is empty; write something such as %s", path[strings.LastIndexByte(path, '.')+1:], c.schema.Line(path))
		} else {
			c.missing(path)
		}
		return false
	}
	return true
}

func (c *checker) oneOf(path, what, value string, allowed map[string]string) bool {
	if _, ok := allowed[value]; ok {
		return true
	}
	keys := config.SortedKeys(allowed)
	msg := fmt.Sprintf("%s %q is not allowed; use one of %s", what, value, quoteAll(keys))
	if best := tomldec.Closest(value, keys); best != "" {
		msg = fmt.Sprintf("%s %q is not allowed; did you mean %q? (allowed: %s)", what, value, best, quoteAll(keys))
	}
	c.report(path, "%s", msg)
	return false
}

func quoteAll(ks []string) string {
	q := make([]string, len(ks))
	for i, k := range ks {
		q[i] = strconv.Quote(k)
	}
	return strings.Join(q, ", ")
}

func (c *checker) link(path, what, s string) {
	if msg := config.CheckLink(s); msg != "" {
		c.report(path, "%s %s", what, msg)
		return
	}
	u, _ := url.Parse(s)
	if u.Scheme == "" && what == "url" && c.static != nil && u.Path != "" {
		name := strings.TrimPrefix(u.Path, "/")
		if _, err := fs.Stat(c.static, name); err != nil || !fs.ValidPath(name) {
			c.report(path, "url %q is not a file under static/; put the file at static/%s or give its full https:// address", s, name)
		}
	}
}

// MaxMoney is the largest sum of money a brief may give: £100 billion.
// It keeps totals of every award on a site far from overflowing.
const MaxMoney = 100_000_000_000

// MaxDays is the longest span in days a brief may give, such as payment
// terms.
const MaxDays = 3650

// MaxItems is the most items one list in front matter may hold: topics,
// documents, lots and the rest.
const MaxItems = 100

func (c *checker) money(path string, v *int64) {
	if v == nil {
		return
	}
	switch {
	case *v < 0:
		c.report(path, "%s is %d; money must be zero or more, in whole pounds", path[strings.LastIndexByte(path, '.')+1:], *v)
	case *v > MaxMoney:
		c.report(path, "%s is %d, over %s, the most a brief may give; check the number (it is in whole pounds)", path[strings.LastIndexByte(path, '.')+1:], *v, Money(MaxMoney))
	}
}

func (c *checker) count(path string, v *int64) {
	example := c.schema.Line(path)
	switch {
	case v == nil:
	case *v < 0:
		c.report(path, "%s is %d; it cannot be below zero: write a number such as %s", path, *v, example)
	case *v > MaxDays:
		c.report(path, "%s is %d, over %d; check the number: write one such as %s", path, *v, MaxDays, example)
	}
}

// items reports a list longer than MaxItems.
func (c *checker) items(path string, n int) bool {
	if n > MaxItems {
		c.report(path, "%s lists %d items; at most %d are allowed", path[strings.LastIndexByte(path, '.')+1:], n, MaxItems)
		return false
	}
	return true
}

// list_ checks each value of a list of keys with valid, and that no value
// is given twice.
func (c *checker) list_(path, what string, values []string, valid func(string) (bool, string)) {
	if !c.items(path, len(values)) {
		return
	}
	for i, v := range values {
		if j := slices.Index(values[:i], v); j >= 0 {
			c.list = append(c.list, errAt(c.file, c.keys.Pos(path), fmt.Sprintf("%s %q is listed twice in %s (items %d and %d); list it once", what, v, path, j+1, i+1)))
			continue
		}
		if ok, hint := valid(v); !ok {
			c.list = append(c.list, errAt(c.file, c.keys.Pos(path), fmt.Sprintf("%s %q (item %d of %s) %s", what, v, i+1, path, hint)))
		}
	}
}

func (c *checker) buyer(path, key string) {
	if _, ok := c.cfg.Buyers[key]; ok {
		return
	}
	keys := c.cfg.BuyerKeys()
	hint := ""
	if best := tomldec.Closest(key, keys); best != "" {
		hint = fmt.Sprintf("did you mean %q? ", best)
	}
	c.report(path, "buyer %q is not in site.toml; %sthe buyers are %s, or add [buyers.%s] to site.toml", key, hint, quoteAll(keys), key)
}

func (c *checker) topicValid(key string) (bool, string) {
	if _, ok := c.cfg.Topics[key]; ok {
		return true, ""
	}
	keys := c.cfg.TopicKeys()
	if best := tomldec.Closest(key, keys); best != "" {
		return false, fmt.Sprintf("is not a topic in site.toml; did you mean %q? (topics: %s)", best, quoteAll(keys))
	}
	return false, fmt.Sprintf("is not a topic in site.toml; use one of %s, or add [topics.%s] to site.toml", quoteAll(keys), key)
}

func areaValid(key string) (bool, string) {
	if _, ok := config.AreaName(key); ok {
		return true, ""
	}
	return false, "is not a London borough key; " + config.SuggestArea(key) + " (write borough names in lower case with hyphens, such as \"tower-hamlets\", or \"london-wide\")"
}

func enumValid(allowed map[string]string) func(string) (bool, string) {
	return func(v string) (bool, string) {
		if _, ok := allowed[v]; ok {
			return true, ""
		}
		return false, "is not allowed; use " + quoteAll(config.SortedKeys(allowed))
	}
}

var cpvDigits = regexp.MustCompile(`^[0-9]{8}$`)

func cpvValid(code string) (bool, string) {
	if _, ok := cpv.Lookup(code); ok {
		return true, ""
	}
	digits, _, _ := strings.Cut(code, "-")
	if cpvDigits.MatchString(digits) {
		if full, ok := cpv.ByDigits(digits); ok {
			return false, fmt.Sprintf("has a wrong or missing check digit; write %q", full)
		}
	}
	return false, "is not in the CPV 2008 list; look the code up and write it with its check digit, such as \"90911200-8\""
}

// Patterns a brief's keys must match, with what to write instead, for
// forms that check as a buyer types (the web editor's configuration).
// The checks here use the same expressions.
var Patterns = map[string][2]string{
	"reference":         {ReferencePattern, "Letters, digits and . _ / - only, starting with a letter or digit, such as CAM-2026-014"},
	"cpv":               {`^[0-9]{8}-[0-9]$`, "Eight digits, a hyphen and the check digit, such as 90911200-8"},
	"contact.email":     {`^[^@\s]+@[^@\s]+\.[^@\s]+$`, "An e-mail address, such as procurement@example.org"},
	"location.postcode": {PostcodePattern, "A UK postcode in capitals with its space, such as NW5 1XN"},
}

// ReferencePattern is what a reference must match.
const ReferencePattern = `^[A-Za-z0-9][A-Za-z0-9._/-]*$`

var referenceRE = regexp.MustCompile(ReferencePattern)

// plainText reports why s is not plain text, or "".
func plainText(s string) string {
	switch {
	case strings.ContainsAny(s, "\n\r"):
		return "must be one paragraph with no line breaks"
	case htmlTag.MatchString(s):
		return "must be plain text without HTML tags"
	case mdMarkup.MatchString(s):
		return "must be plain text without Markdown links or emphasis; put formatting in the body"
	}
	return ""
}

var (
	htmlTag  = regexp.MustCompile(`<[A-Za-z!/][^>]*>`)
	mdMarkup = regexp.MustCompile(`\]\(|\*\*|__|^#|` + "`")
)

func (c *checker) summary(path, s string) {
	if !c.required(path, s) {
		return
	}
	if n := utf8.RuneCountInString(s); n > MaxSummary {
		c.report(path, "summary is %d characters, over the %d allowed; keep it to one or two plain sentences and put the detail in the body", n, MaxSummary)
	}
	if why := plainText(s); why != "" {
		c.report(path, "summary %s", why)
	}
}

func (c *checker) order(before, after string, a, b Date, why string) {
	if a.IsSet() && b.IsSet() && a.After(b.Time) {
		c.report(after, "%s (%s) is before %s (%s); %s", after[strings.LastIndexByte(after, '.')+1:], b.human(), before[strings.LastIndexByte(before, '.')+1:], a.human(), why)
	}
}

// validate checks a decoded brief against site.toml.
func (c *checker) validate(b *Brief) {
	c.about(b)
	c.terms(b)
	c.tables(b)
	c.award(b)
	c.imported(b.Imported)
	c.list_("aliases", "alias", b.Aliases, func(a string) (bool, string) {
		if AliasPath(a) == "" {
			return false, `is not an address in the site; write the old file name, such as "cleaning-libraries", or the old path, such as "opportunities/cleaning-libraries/"`
		}
		return true, ""
	})
}

// about checks what a brief is, whose it is and when: its title,
// reference, buyer, dates, summary and how it is filed.
func (c *checker) about(b *Brief) {
	if c.required("title", b.Title) {
		if why := plainText(b.Title); why != "" {
			c.report("title", "title %s", why)
		}
	}
	if c.required("reference", b.Reference) && !referenceRE.MatchString(b.Reference) {
		c.report("reference", "reference %q may hold only letters, digits, hyphens, dots and slashes, such as %s", b.Reference, c.schema.Example("reference"))
	}
	if c.required("buyer", b.Buyer) {
		c.buyer("buyer", b.Buyer)
	}
	if !b.Published.IsSet() {
		c.missing("published")
	}
	if b.Stage != "" {
		c.oneOf("stage", "stage", b.Stage, Stages)
	}
	if !b.Deadline.IsSet() && b.Stage != StatusPipeline && b.Stage != StatusEngagement {
		c.missing("deadline")
	}
	c.summary("summary", b.Summary)
	if c.required("category", b.Category) {
		c.oneOf("category", "category", b.Category, Categories)
	}
	if len(b.Topics) == 0 {
		if _, written := c.keys["topics"]; written {
			c.report("topics", "topics is empty; name at least one, such as topics = [%q]", first(c.cfg.TopicKeys()))
		} else {
			c.topicsMissing(b)
		}
	}
	c.list_("topics", "topic", b.Topics, c.topicValid)
	c.list_("cpv", "CPV code", b.CPV, cpvValid)
	c.list_("boroughs", "borough", b.Boroughs, areaValid)
	c.londonWide("boroughs", b.Boroughs)
	c.order("published", "deadline", b.Published, b.Deadline, "bids cannot close before the brief is published")
	c.order("questions_deadline", "deadline", b.QuestionsDeadline, b.Deadline, "the questions deadline must come before the bid deadline")
	c.order("contract_start", "contract_end", b.ContractStart, b.ContractEnd, "check the contract dates")
}

// terms checks the terms a brief offers: value, payment, turnover, who it
// suits, how to bid and whom to ask.
func (c *checker) terms(b *Brief) {
	c.list_("suitable_for", "suitable_for value", b.SuitableFor, enumValid(SuitableFor))
	c.money("value_min", b.ValueMin)
	c.money("value_max", b.ValueMax)
	if b.ValueMin != nil && b.ValueMax != nil && *b.ValueMin > *b.ValueMax {
		c.report("value_min", "value_min (%d) is more than value_max (%d); swap them, or give value_max alone", *b.ValueMin, *b.ValueMax)
	}
	c.count("payment_days", b.PaymentDays)
	c.money("turnover_min", b.TurnoverMin)
	if b.Procedure != "" {
		c.oneOf("procedure", "procedure", b.Procedure, Procedures)
	}
	if c.required("apply_url", b.ApplyURL) {
		c.link("apply_url", "apply_url", b.ApplyURL)
	}
	if c.required("contact.email", b.Contact.Email) {
		if msg := config.CheckEmail(b.Contact.Email); msg != "" {
			c.report("contact.email", "email %s", msg)
		}
	}
	if sv := b.SocialValue; sv != nil {
		if sv.Weighting < 0 || sv.Weighting > 100 {
			c.report("social_value.weighting", "weighting is %d; it is a percentage of the score, from 0 to 100", sv.Weighting)
		}
		c.items("social_value.asks", len(sv.Asks))
	}
}

// tables checks a brief's lists of tables: insurance, documents, events,
// lots and updates.
func (c *checker) tables(b *Brief) {
	for _, l := range []struct {
		path string
		n    int
	}{{"location", len(b.Location)}, {"insurance", len(b.Insurance)}, {"documents", len(b.Documents)}, {"events", len(b.Events)}, {"lots", len(b.Lots)}, {"updates", len(b.Updates)}} {
		c.items(l.path, l.n)
	}
	for i, pl := range b.Location {
		c.place("location."+strconv.Itoa(i), pl)
	}
	for i := range b.Insurance {
		c.insurance(b.Insurance, i)
	}
	for i, d := range b.Documents {
		p := "documents." + strconv.Itoa(i)
		c.required(p+".title", d.Title)
		if c.required(p+".url", d.URL) {
			c.link(p+".url", "url", d.URL)
		}
	}
	for i := range b.Events {
		c.event("events."+strconv.Itoa(i), &b.Events[i])
	}
	for i, l := range b.Lots {
		p := "lots." + strconv.Itoa(i)
		c.required(p+".title", l.Title)
		c.money(p+".value_max", l.ValueMax)
		c.list_(p+".suitable_for", "suitable_for value", l.SuitableFor, enumValid(SuitableFor))
	}
	for i, u := range b.Updates {
		p := "updates." + strconv.Itoa(i)
		if !u.Date.IsSet() {
			c.missing(p + ".date")
		}
		c.required(p+".text", u.Text)
	}
}

// londonWide reports london-wide listed with named boroughs: a brief for
// all of London is listed on every borough's page already, so with others
// it says two things at once.
func (c *checker) londonWide(path string, areas []string) {
	if len(areas) > 1 && slices.Contains(areas, config.LondonWide) {
		c.report(path, `boroughs lists "london-wide" with named boroughs; choose one: boroughs = ["london-wide"] for work anywhere in London, or only the boroughs where the work is`)
	}
}

// postcodeRE is a UK postcode, in capitals with its space: NW5 1XN.
// PostcodePattern is what a postcode must match.
const PostcodePattern = `^(GIR 0AA|[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2})$`

var postcodeRE = regexp.MustCompile(PostcodePattern)

// place checks one [[location]].
func (c *checker) place(p string, pl Place) {
	if c.required(p+".name", pl.Name) {
		if why := plainText(pl.Name); why != "" {
			c.report(p+".name", "name %s", why)
		}
	}
	if pl.Postcode != "" && !postcodeRE.MatchString(pl.Postcode) {
		c.report(p+".postcode", "postcode %q is not a UK postcode as we write them; write it in capitals with its space, such as %s", pl.Postcode, c.schema.Example(p+".postcode"))
	}
}

// insurance checks entry i of [[insurance]].
func (c *checker) insurance(all []Insurance, i int) {
	in, p := all[i], "insurance."+strconv.Itoa(i)
	if c.required(p+".kind", in.Kind) && c.oneOf(p+".kind", "insurance kind", in.Kind, InsuranceKinds) {
		if j := slices.IndexFunc(all[:i], func(o Insurance) bool { return o.Kind == in.Kind }); j >= 0 {
			c.report(p+".kind", "insurance kind %q is also asked for in [[insurance]] number %d; ask for each kind once", in.Kind, j+1)
		}
	}
	if in.Amount <= 0 && !c.bad[p+".amount"] {
		c.report(p+".amount", "amount is missing or not above zero; give the cover in whole pounds, such as %s", c.schema.Line(p+".amount"))
	} else {
		c.money(p+".amount", &in.Amount)
	}
	if in.Needed != "" {
		c.oneOf(p+".needed", "needed", in.Needed, InsuranceNeeded)
	}
}

var aliasRE = regexp.MustCompile(`^[a-z0-9]+(?:[-_/][a-z0-9]+)*$`)

// AliasPath turns an alias into the folder it names in the output, such as
// "opportunities/old-name/", or "" when it is not a plain path. A bare name
// is an old file name in content/opportunities/.
func AliasPath(a string) string {
	a = strings.Trim(strings.TrimSpace(a), "/")
	if !aliasRE.MatchString(a) {
		return ""
	}
	if !strings.Contains(a, "/") {
		a = "opportunities/" + a
	}
	return a + "/"
}

func (c *checker) award(b *Brief) {
	a := b.Award
	if a == nil {
		if b.Stage == "awarded" {
			c.report("stage", `stage is "awarded" but there is no [award]; add [award] with supplier, value and date`)
		}
		return
	}
	if b.Stage != "awarded" {
		c.report("award", `[award] is given but stage is not "awarded"; add stage = "awarded", or remove [award] until the contract is awarded`)
	}
	c.required("award.supplier", a.Supplier)
	c.money("award.value", &a.Value)
	if !a.Date.IsSet() {
		c.missing("award.date")
	}
	if a.Borough != "" {
		if ok, hint := areaValid(a.Borough); !ok {
			c.report("award.borough", "borough %q %s", a.Borough, hint)
		}
	}
}

func (c *checker) event(prefix string, e *Event) {
	p := func(key string) string {
		if prefix == "" {
			return key
		}
		return prefix + "." + key
	}
	c.required(p("title"), e.Title)
	if c.required(p("kind"), e.Kind) {
		c.oneOf(p("kind"), "event kind", e.Kind, EventKinds)
	}
	if !e.Start.IsSet() {
		c.missing(p("start"))
	}
	c.order(p("start"), p("end"), e.Start, e.End, "an event must end after it starts")
	if e.OnlineURL != "" {
		c.link(p("online_url"), "online_url", e.OnlineURL)
	}
	if e.BookingURL != "" {
		c.link(p("booking_url"), "booking_url", e.BookingURL)
	}
	if e.Place == "" && e.OnlineURL == "" {
		c.report(p("start"), "this event has neither a place nor an online_url; say where it happens, such as %s", c.schema.Line(p("place")))
	}
}

func (c *checker) validateEvent(e *EventPage) {
	if c.required("reference", e.Reference) && !referenceRE.MatchString(e.Reference) {
		c.report("reference", "reference %q may hold only letters, digits, hyphens, dots and slashes", e.Reference)
	}
	if e.Buyer != "" {
		c.buyer("buyer", e.Buyer)
	}
	if e.Summary != "" {
		c.summary("summary", e.Summary)
	}
	c.list_("topics", "topic", e.Topics, c.topicValid)
	c.list_("boroughs", "borough", e.Boroughs, areaValid)
	c.londonWide("boroughs", e.Boroughs)
	c.event("", &e.Event)
}

func first(ks []string) string {
	if len(ks) == 0 {
		return "cleaning"
	}
	return ks[0]
}

// resolveDates places every local date in the site's timezone.
func (b *Brief) resolveDates(loc *time.Location) {
	b.Published.resolve(loc, false)
	b.Deadline.resolve(loc, true)
	b.QuestionsDeadline.resolve(loc, true)
	b.ContractStart.resolve(loc, false)
	b.ContractEnd.resolve(loc, false)
	for i := range b.Events {
		b.Events[i].resolveDates(loc)
	}
	for i := range b.Updates {
		b.Updates[i].Date.resolve(loc, false)
	}
	if b.Award != nil {
		b.Award.Date.resolve(loc, false)
	}
	if b.Imported != nil {
		b.Imported.Updated.resolve(loc, false)
	}
}

func (e *Event) resolveDates(loc *time.Location) {
	e.Start.resolve(loc, false)
	e.End.resolve(loc, false)
}
