package brief

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/london-anchors/tenders/internal/schema"
)

// Facts are what the buyer said about a new brief. A fact not given is
// written as the placeholder TODO, which tenders check reports as an
// error, so that no brief states a buyer, topic, value or deadline that
// nobody chose.
type Facts struct {
	Buyer    string // a key of [buyers]
	Topic    string // a key of [topics]
	Value    int64  // the most it is worth, in whole pounds; 0 when not given
	Deadline string // as TOML writes it, such as 2026-12-18T12:00:00; "" when not given
}

// Placeholder is what a skeleton holds for a fact the buyer did not give.
const Placeholder = "TODO"

// Skeleton is the brief that tenders new writes: every key of BriefSchema
// but [imported] present, either set or commented out, each with its note above it. What
// the buyer must replace is marked "TODO" or "[write ...]", which tenders
// check reports as errors until it is done; everything else is valid as
// it stands. It is published today at 9am in loc.
func Skeleton(title string, f Facts, now time.Time, loc *time.Location) []byte {
	return skeleton(title, f, now, loc, byHand, skeletonIntro)
}

// byHand leaves out the table that only tenders import writes.
func byHand(f schema.Field) bool {
	return f.Key != "imported" && !strings.HasPrefix(f.Key, "imported.")
}

// ShortSkeleton is Skeleton with only the keys it sets: the brief the
// submit page's new-file links open in GitHub's editor, whose address
// would otherwise be too long for some servers on the way.
func ShortSkeleton(title string, f Facts, now time.Time, loc *time.Location) []byte {
	only := func(f schema.Field) bool {
		return slices.ContainsFunc(skeletonSet, func(k string) bool { return k == f.Key || strings.HasPrefix(k, f.Key+".") })
	}
	return skeleton(title, f, now, loc, only, shortIntro)
}

func skeleton(title string, f Facts, now time.Time, loc *time.Location, only func(schema.Field) bool, intro string) []byte {
	values := skeletonValues(title, f, now, loc)
	var b strings.Builder
	b.WriteString(Fence + "\n" + intro + "\n")
	b.WriteString(schema.TOML(BriefSchema, schema.TOMLOptions{
		Above: true,
		Only:  only,
		Value: schema.ValuesOr(values, skeletonSet),
	}))
	b.WriteString(Fence + "\n" + SkeletonBody)
	return []byte(b.String())
}

// NewBriefName starts the file name the submit page proposes for a new
// brief, a placeholder the buyer must replace: its name is the page's
// address.
const NewBriefName = "new-brief"

// NewBriefFile is the file name the submit page proposes for a brief that
// buyer starts on the day of now in loc, such as
// "new-brief-camden-2026-12-01.md": two buyers starting at once do not
// propose the same file, and tenders check reports it until it is renamed.
func NewBriefFile(buyer string, now time.Time, loc *time.Location) string {
	return NewBriefName + "-" + buyer + "-" + now.In(loc).Format("2006-01-02") + ".md"
}

// newBriefRE matches the slugs of the names NewBriefFile makes, and of
// "new-brief.md", which the submit page proposed before.
var newBriefRE = regexp.MustCompile(`^` + NewBriefName + `(-[a-z0-9-]+-[0-9]{4}-[0-9]{2}-[0-9]{2})?$`)

// IsNewBriefSlug reports whether a brief's slug is still the placeholder
// the submit page proposed.
func IsNewBriefSlug(slug string) bool { return newBriefRE.MatchString(slug) }

// shortIntro opens the short skeleton's front matter.
const shortIntro = `# The brief's front matter. Lines that start with # are never published:
# above each key is a note on what it is for. Replace everything marked
# TODO or [write ...]: the checks report it until you do. Dates without a
# time zone are in the site's time zone. More keys (insurance, documents,
# events, lots, updates) are in README.md and in what tenders new writes.
`

// skeletonIntro opens the skeleton's front matter.
const skeletonIntro = `# The brief's front matter. Lines that start with # are never published:
# above each key is a note on what it is for. A key that starts with # is
# one you may use: delete the "# " in front of it, and in front of its
# table's header, to set it. Replace everything marked TODO or [write ...]:
# tenders check reports it until you do. Dates without a time zone are in
# the site's time zone.
`

// SkeletonBody is the skeleton's body: the five sections, each with a line
// of guidance to replace. The web editor starts a new brief's body with it.
const SkeletonBody = `
## What we need

[write what the work is, where, when and how much of it, in short sentences]

## Who this is for

[write who could do this: the size of firm, the experience needed, whether groups of small firms can bid together]

## What you need to apply

[list what a bidder must send: keep it short, and say that bidders need insurance only if they win]

## How we will choose

[write how you will score bids: quality and price, each as a percentage]

## How to apply

[write how and where to send a bid, and who to ask questions]
`

// skeletonSet are the keys the skeleton sets; the rest are comments.
var skeletonSet = []string{
	"title", "reference", "buyer", "published", "deadline", "summary",
	"category", "topics", "boroughs", "value_max", "suitable_for", "procedure", "payment_days",
	"apply_url", "contact.name", "contact.email",
}

// skeletonValues are the skeleton's values where they are not the
// schema's examples: the title and facts given, other dates from today,
// and placeholders for what only the buyer knows.
func skeletonValues(title string, f Facts, now time.Time, loc *time.Location) map[string]string {
	today := now.In(loc)
	published := time.Date(today.Year(), today.Month(), today.Day(), 9, 0, 0, 0, loc)
	deadline := time.Date(today.Year(), today.Month(), today.Day(), 12, 0, 0, 0, loc).AddDate(0, 0, 28)
	switch deadline.Weekday() { // a deadline on a weekday, when someone can help
	case time.Saturday:
		deadline = deadline.AddDate(0, 0, 2)
	case time.Sunday:
		deadline = deadline.AddDate(0, 0, 1)
	}
	stamp := func(t time.Time) string { return t.Format("2006-01-02T15:04:05") }
	day := func(t time.Time) string { return t.Format("2006-01-02") }
	visit := published.AddDate(0, 0, 7).Add(time.Hour)
	given := func(v string) string {
		if v == "" {
			return Placeholder
		}
		return v
	}
	value, due := fmt.Sprintf("%q", Placeholder), fmt.Sprintf("%q", Placeholder)
	if f.Value > 0 {
		value = fmt.Sprint(f.Value)
	}
	if f.Deadline != "" {
		due = f.Deadline
	}
	return map[string]string{
		"title":              fmt.Sprintf("%q", title),
		"reference":          `"TODO-REF"`,
		"buyer":              fmt.Sprintf("%q", given(f.Buyer)),
		"published":          stamp(published),
		"deadline":           due,
		"questions_deadline": stamp(deadline.AddDate(0, 0, -7)),
		"summary":            `"[write one or two sentences: what you need, where and when]"`,
		"topics":             fmt.Sprintf("[%q]", given(f.Topic)),
		"boroughs":           `["london-wide"]`,
		"value_min":          "10000",
		"value_max":          value,
		"contract_start":     day(deadline.AddDate(0, 2, 0)),
		"contract_end":       day(deadline.AddDate(1, 2, 0)),
		"turnover_min":       "20000",
		"apply_url":          `"https://example.org/TODO"`,
		"contact.name":       `"TODO your name"`,
		"contact.email":      `"todo@example.org"`,
		"social_value.asks":  `["Offer one paid trainee place to a local resident"]`,
		"documents.title":    `"What we need in full"`,
		"documents.url":      `"https://example.org/spec.docx"`,
		"documents.format":   `"Word"`,
		"events.title":       `"Visit the site"`,
		"events.kind":        `"site-visit"`,
		"events.start":       stamp(visit),
		"events.end":         stamp(visit.Add(2 * time.Hour)),
		"events.place":       `"The full address, with postcode"`,
		"lots.title":         `"Part 1: ..."`,
		"updates.date":       stamp(published.AddDate(0, 0, 3)),
		"updates.text":       `"Deadline moved to 12pm on ..."`,
		"award.date":         day(deadline.AddDate(0, 1, 0)),
	}
}

// SlugFor makes a file name from a title: lower-case ASCII letters and
// digits with hyphens, with accents dropped ("Café" makes "cafe").
func SlugFor(title string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(title) {
		if a, ok := ascii[r]; ok {
			r = a
		}
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			// Another script: leave it out.
		default:
			hyphen = true
		}
	}
	s := b.String()
	if len(s) > 60 {
		s = strings.TrimRight(s[:60], "-")
		if i := strings.LastIndexByte(s, '-'); i > 40 {
			s = s[:i]
		}
	}
	return s
}

var ascii = map[rune]rune{
	'à': 'a', 'á': 'a', 'â': 'a', 'ä': 'a', 'ã': 'a', 'å': 'a', 'ç': 'c', 'è': 'e', 'é': 'e', 'ê': 'e', 'ë': 'e',
	'ì': 'i', 'í': 'i', 'î': 'i', 'ï': 'i', 'ñ': 'n', 'ò': 'o', 'ó': 'o', 'ô': 'o', 'ö': 'o', 'õ': 'o', 'ø': 'o',
	'ù': 'u', 'ú': 'u', 'û': 'u', 'ü': 'u', 'ý': 'y', 'ÿ': 'y', 'ß': 's', 'æ': 'a', 'œ': 'o', 'ł': 'l', 'ś': 's', 'ż': 'z', 'ź': 'z',
}
