package brief

import (
	"fmt"
	"strings"
	"time"
	"unicode"
)

// Skeleton is the brief that tenders new writes: every key present, either
// set or commented out, each explained in plain English. What the buyer must
// replace is marked "TODO" or "[write ...]", which tenders check reports as
// errors until it is done; everything else is valid as it stands.
func Skeleton(title, buyer, topic string, now time.Time, loc *time.Location) []byte {
	today := now.In(loc)
	published := time.Date(today.Year(), today.Month(), today.Day(), 9, 0, 0, 0, loc)
	deadline := time.Date(today.Year(), today.Month(), today.Day(), 12, 0, 0, 0, loc).AddDate(0, 0, 28)
	switch deadline.Weekday() { // a deadline on a weekday, when someone can help
	case time.Saturday:
		deadline = deadline.AddDate(0, 0, 2)
	case time.Sunday:
		deadline = deadline.AddDate(0, 0, 1)
	}
	questions := deadline.AddDate(0, 0, -7)
	stamp := func(t time.Time) string { return t.Format("2006-01-02T15:04:05") }
	var b strings.Builder
	fmt.Fprintf(&b, `+++
# The brief's front matter. Lines starting with # are notes for you and are
# never published. Dates without a time zone are in the site's time zone.

title = %q
# reference: your own reference for this opportunity. It must be unique on the
# site and must never change once published: feeds and calendars use it.
reference = "TODO-REF"
buyer = %q                     # your organisation, as listed in site.toml
published = %s   # when suppliers can first see it
deadline = %s    # when bids close: a weekday, between 9am and 5pm
questions_deadline = %s   # last day for questions: at least 3 working days before the deadline

# summary: one or two plain sentences, at most 300 characters: what you need,
# where and when. Suppliers see it in lists and feeds.
summary = "[write one or two sentences: what you need, where and when]"

category = "services"          # goods, services or works
topics = [%q]                  # keys of [topics] in site.toml
# cpv = ["90911200-8"]         # optional: CPV codes, with the digit after the hyphen
boroughs = ["london-wide"]     # where the work is: borough keys, or "london-wide"

# What the contract is worth, in whole pounds. Suppliers decide whether to bid
# by this: give at least an estimate.
# value_min = 10000
value_max = 10000

# contract_start = %s
# contract_end = %s

suitable_for = ["sme", "vcse"]  # who you especially welcome: small businesses (sme), charities and social enterprises (vcse)
procedure = "open"              # open, quotes, selective or negotiated
payment_days = 30               # how soon you pay a correct invoice: 30 days at most
# turnover_min = 20000          # a yearly turnover bidders need: at most twice the contract's value, or leave it out
apply_url = "https://example.org/TODO"   # where bids go: your bidding website, or mailto:your@address
# stage = "open"                # leave out to close automatically at the deadline; or pipeline, engagement, closed, awarded, cancelled

[contact]
name = "TODO your name"
email = "todo@example.org"      # the address suppliers ask questions at

# Insurance the winner must hold. Ask for it only at award: asking when
# suppliers bid shuts out small firms, and the Procurement Act 2023 forbids it.
# [[insurance]]
# kind = "public liability"     # public liability, employer's liability, professional indemnity, product liability, motor, cyber
# amount = 1000000
# needed = "at-award"

# What you ask for beyond the work itself, and how much it counts.
# [social_value]
# weighting = 10                # percent of the score
# asks = ["Offer one paid trainee place to a local resident"]

# Documents suppliers need. Offer a web page or Word file, not only a PDF.
# [[documents]]
# title = "What we need in full"
# url = "https://example.org/spec.docx"

# Events: meet the buyer, briefings, site visits.
# [[events]]
# title = "Visit the site"
# kind = "site-visit"           # meet-the-buyer, briefing, site-visit, market-engagement
# start = %s
# end = %s
# place = "The full address, with postcode"
# access = "Step-free access; tell us what else you need"

# Parts of the work that can be bid for on their own.
# [[lots]]
# title = "Part 1: ..."
# value_max = 5000

# Changes after publishing, newest last: each is sent to feed subscribers.
# [[updates]]
# date = %s
# text = "Deadline moved to 12pm on ..."
+++

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
`, title, buyer, stamp(published), stamp(deadline), stamp(questions), topic,
		deadline.AddDate(0, 2, 0).Format("2006-01-02"), deadline.AddDate(1, 2, 0).Format("2006-01-02"),
		stamp(published.AddDate(0, 0, 7).Add(time.Hour)), stamp(published.AddDate(0, 0, 7).Add(3*time.Hour)),
		stamp(published.AddDate(0, 0, 3)))
	return []byte(b.String())
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
