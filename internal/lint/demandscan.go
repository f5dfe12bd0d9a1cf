package lint

import (
	"strconv"
	"strings"
)

// sentenceScan reads one sentence of a Prose for demands. Token indices
// are the Prose's; the sentence is tokens [s.from, s.to).
type sentenceScan struct {
	f      *file
	pr     *Prose
	toks   []token
	s      sentence
	moneys []money // of the whole Prose
	listed bool    // the Prose is under "What you need to apply"
}

// cues are where the words that say what an amount is for are.
type cues struct {
	insurance, turnover, value, pay []int
	negated, award                  bool
}

var (
	liabilityKinds = map[string]string{"public": "public liability", "employer's": "employer's liability", "employers": "employer's liability",
		"employer’s": "employer's liability", "product": "product liability", "products": "product liability"}
	valueWords = map[string]bool{"worth": true, "value": true, "valued": true, "budget": true, "cost": true, "costs": true, "price": true,
		"spend": true, "spent": true, "fee": true, "fees": true, "salary": true}
	payWords = map[string]bool{"pay": true, "pays": true, "paid": true, "paying": true, "payment": true, "payments": true,
		"settle": true, "settled": true, "settles": true}
	negations = map[string]bool{"not": true, "no": true, "never": true, "without": true, "don't": true, "don’t": true,
		"doesn't": true, "doesn’t": true, "needn't": true, "needn’t": true}
	awardWords = map[string]bool{"win": true, "wins": true, "winner": true, "winners": true, "winning": true, "successful": true,
		"award": true, "awarded": true, "awarding": true, "start": true, "starts": true, "begins": true}
	// bidPhrases say that something is needed to bid.
	bidPhrases = newPhrases([]string{"at the time of bidding", "at the time of bid", "at the time of tender", "at the time of tendering",
		"at the time of application", "at the time of your bid", "at bid", "at the bid stage", "at tender stage", "at the tender stage",
		"at selection stage", "at the selection stage", "when you bid", "when bidding", "when you apply", "when applying", "when you tender",
		"when tendering", "with your bid", "with your tender", "with your application", "with your submission", "in your bid",
		"in your tender", "before you bid", "before bidding", "before you apply", "to bid", "to tender", "to take part",
		"bidders must", "bidders should", "bidders will", "bidders need", "all bidders", "every bidder", "each bidder",
		"tenderers must", "applicants must"})
)

func (sc *sentenceScan) cues() cues {
	var c cues
	for i := sc.s.from; i < sc.s.to; i++ {
		w := sc.toks[i].lower
		switch {
		case w == "insurance" || w == "insured" || w == "indemnity":
			c.insurance = append(c.insurance, i)
		case w == "liability" && i > sc.s.from && liabilityKinds[sc.toks[i-1].lower] != "":
			c.insurance = append(c.insurance, i)
		case w == "turnover":
			c.turnover = append(c.turnover, i)
		case valueWords[w]:
			c.value = append(c.value, i)
		case payWords[w]:
			c.pay = append(c.pay, i)
		case negations[w]:
			c.negated = true
		case awardWords[w]:
			c.award = true
		}
	}
	return c
}

func (sc *sentenceScan) scan() []demand {
	c := sc.cues()
	var out []demand
	if !c.negated {
		if len(c.insurance) > 0 {
			out = append(out, sc.insurance(c)...)
		}
		if len(c.turnover) > 0 {
			out = append(out, sc.turnover(c)...)
		}
		out = append(out, sc.accounts()...)
		out = append(out, sc.publicSector()...)
	}
	return append(out, sc.payment(c)...)
}

// inSentence lists the amounts of the sentence, each with the token its
// digits end at.
func (sc *sentenceScan) inSentence() [][2]int {
	var out [][2]int // index in moneys, last token
	for i, m := range sc.moneys {
		if m.tok < sc.s.from || m.tok >= sc.s.to {
			continue
		}
		last := m.tok
		for last+1 < sc.s.to && sc.toks[last+1].start < m.end {
			last++
		}
		out = append(out, [2]int{i, last})
	}
	return out
}

// nearest is the cue of list closest to tokens [from, to], and how far.
func nearest(list []int, from, to int) (int, int) {
	best, dist := -1, 1<<30
	for _, i := range list {
		d := 0
		switch {
		case i < from:
			d = from - i
		case i > to:
			d = i - to
		}
		if d < dist {
			best, dist = i, d
		}
	}
	return best, dist
}

// isFor says whether an amount at tokens [from, to] is nearer to a cue of
// the kind want (0 insurance, 1 turnover) than to any other kind of cue,
// and which.
func isFor(want int, c cues, from, to int) (int, bool) {
	kinds := [][]int{c.insurance, c.turnover, c.value}
	at, d := nearest(kinds[want], from, to)
	if at < 0 {
		return -1, false
	}
	for k, other := range kinds {
		if _, od := nearest(other, from, to); k != want && od < d {
			return -1, false
		}
	}
	return at, true
}

// near says whether an amount at tokens [from, to] is written with the
// phrase at tokens [start, end] it is for: at most 6 words after it ("a
// turnover of at least £100,000"), or just before it ("£10m public
// liability insurance", "£2m of cover").
func near(start, end, from, to int) bool {
	return (from > end && from-end <= 6) || (to < start && start-to <= 2)
}

// insurance finds amounts of cover, and asks for insurance at bid.
func (sc *sentenceScan) insurance(c cues) []demand {
	b := sc.f.Brief
	said := len(bidPhrases.find(sc.toks[sc.s.from:sc.s.to], sc.pr.Text)) > 0
	atBid := !c.award && (said || sc.listed)
	listed := atBid && !said // at bid only because of where it is listed
	var out []demand
	for _, ml := range sc.inSentence() {
		m := sc.moneys[ml[0]]
		cue, ok := isFor(0, c, m.tok, ml[1])
		if !ok || (b.ValueMax != nil && m.amount == *b.ValueMax) || (b.ValueMin != nil && m.amount == *b.ValueMin) {
			continue // an amount that is the contract's own value is not cover
		}
		cover, from := sc.cover(cue)
		if !near(from, cue, m.tok, ml[1]) {
			continue
		}
		out = append(out, demand{kind: demandInsurance, cover: cover, amount: m.amount, atBid: atBid && len(out) == 0, listed: listed,
			pr: sc.pr, start: min(m.start, sc.toks[from].start), end: max(m.end, sc.toks[cue].end)})
	}
	if len(out) == 0 && atBid {
		cue := c.insurance[0]
		cover, from := sc.cover(cue)
		out = append(out, demand{kind: demandInsurance, cover: cover, atBid: true, listed: listed, pr: sc.pr, start: sc.toks[from].start, end: sc.toks[cue].end})
	}
	return out
}

// cover names the kind of insurance a cue is about, and the token its
// phrase starts at: "public liability insurance" starts at "public".
func (sc *sentenceScan) cover(cue int) (string, int) {
	prev := func(i int) string {
		if i-1 < sc.s.from {
			return ""
		}
		return sc.toks[i-1].lower
	}
	i := cue
	if w := sc.toks[i].lower; (w == "insurance" || w == "insured") && (prev(i) == "liability" || prev(i) == "indemnity" || prev(i) == "motor") {
		i--
	}
	switch sc.toks[i].lower {
	case "liability":
		if k := liabilityKinds[prev(i)]; k != "" {
			return k, i - 1
		}
	case "indemnity":
		if prev(i) == "professional" {
			return "professional indemnity", i - 1
		}
	case "motor":
		return "motor", i
	}
	return "", i
}

func (sc *sentenceScan) turnover(c cues) []demand {
	var out []demand
	for _, ml := range sc.inSentence() {
		m := sc.moneys[ml[0]]
		if cue, ok := isFor(1, c, m.tok, ml[1]); ok && near(cue, cue, m.tok, ml[1]) {
			out = append(out, demand{kind: demandTurnover, amount: m.amount, pr: sc.pr, start: min(m.start, sc.toks[cue].start), end: max(m.end, sc.toks[cue].end)})
		}
	}
	return out
}

// accountsAlternatives, anywhere in the paragraph, say what a firm without
// years of accounts may send instead.
var accountsAlternatives = []string{"management accounts", "bank", "new firm", "newer", "less than", "fewer than", "or equivalent", "forecast"}

// Words that may stand between a number of years and "accounts", either
// way round: "three years of audited accounts", "accounts for the last two
// years".
var (
	yearsOfAccounts = map[string]bool{"of": true, "audited": true, "published": true, "filed": true, "full": true, "financial": true,
		"annual": true, "trading": true, "certified": true, "your": true, "the": true, "company": true, "statutory": true}
	accountsForYears = map[string]bool{"for": true, "from": true, "covering": true, "over": true, "of": true, "the": true, "last": true,
		"past": true, "previous": true, "most": true, "recent": true, "at": true, "least": true}
)

// accounts finds "three years of audited accounts", "accounts for the last
// two years" and the like.
func (sc *sentenceScan) accounts() []demand {
	var out []demand
	for i := sc.s.from; i < sc.s.to; i++ {
		if sc.toks[i].lower != "accounts" {
			continue
		}
		j, ok := sc.yearsNear(i)
		if !ok {
			continue
		}
		for _, alt := range accountsAlternatives {
			if containsFold(sc.pr.Text, alt) {
				return nil
			}
		}
		from, to := min(i, j-1), max(i, j)
		out = append(out, demand{kind: demandAccounts, amount: numberOf(sc.toks[j-1].lower), pr: sc.pr, start: sc.toks[from].start, end: sc.toks[to].end})
	}
	return out
}

// yearsNear finds the token "years", after a number, joined to the token
// "accounts" at i by the words that may stand between them.
func (sc *sentenceScan) yearsNear(i int) (int, bool) {
	isYears := func(j int) bool {
		w := sc.toks[j].lower
		return (w == "years" || w == "year" || w == "year's" || w == "year’s") && j-1 >= sc.s.from && numberOf(sc.toks[j-1].lower) > 0
	}
	for j := i - 1; j > sc.s.from && j >= i-5; j-- {
		if isYears(j) {
			return j, true
		}
		if !yearsOfAccounts[sc.toks[j].lower] {
			break
		}
	}
	for j := i + 1; j < sc.s.to && j <= i+6; j++ {
		if isYears(j) {
			return j, true
		}
		if !accountsForYears[sc.toks[j].lower] && numberOf(sc.toks[j].lower) == 0 {
			break
		}
	}
	return -1, false
}

var experienceWords = map[string]bool{"experience": true, "experienced": true, "worked": true, "track": true, "references": true}

// ofWords may stand between "experience" and "the public sector".
var ofWords = map[string]bool{"of": true, "in": true, "with": true, "for": true, "within": true, "across": true, "working": true,
	"work": true, "the": true, "a": true, "record": true, "previous": true, "recent": true}

// publicSector finds a demand for experience of the public sector: "public
// sector experience", "experience of working with local authorities".
func (sc *sentenceScan) publicSector() []demand {
	for i := sc.s.from; i < sc.s.to; i++ {
		w, next := sc.toks[i].lower, ""
		if i+1 < sc.s.to {
			next = sc.toks[i+1].lower
		}
		end := i + 1
		switch {
		case w == "public-sector":
			end = i
		case (w == "public" && next == "sector") || (w == "local" && (next == "authority" || next == "authorities" || next == "government")):
		default:
			continue
		}
		if sc.optional() {
			return nil
		}
		if end+1 < sc.s.to && experienceWords[sc.toks[end+1].lower] {
			return []demand{{kind: demandPublicSector, pr: sc.pr, start: sc.toks[i].start, end: sc.toks[end+1].end}}
		}
		for j := i - 1; j >= max(i-6, sc.s.from); j-- {
			if experienceWords[sc.toks[j].lower] {
				return []demand{{kind: demandPublicSector, pr: sc.pr, start: sc.toks[j].start, end: sc.toks[end].end}}
			}
			if !ofWords[sc.toks[j].lower] {
				break
			}
		}
	}
	return nil
}

// optional says the sentence asks for nothing: "public sector experience
// is welcome, but optional".
func (sc *sentenceScan) optional() bool {
	for i := sc.s.from; i < sc.s.to; i++ {
		switch sc.toks[i].lower {
		case "optional", "welcome", "helpful", "useful", "bonus":
			return true
		}
	}
	return false
}

var payLinks = map[string]bool{"within": true, "in": true, "after": true, "of": true, "net": true, "are": true, "is": true, "be": true, "than": true, "to": true, "due": true}

// payment finds payment terms: "we pay within 60 days", "payment 45 days
// after the invoice", "60-day payment terms". Working days count as 7/5
// calendar days.
func (sc *sentenceScan) payment(c cues) []demand {
	if len(c.pay) == 0 {
		return nil
	}
	var out []demand
	for d := sc.s.from; d < sc.s.to; d++ {
		w := sc.toks[d].lower
		num, n, working := d, int64(0), false
		switch {
		case strings.HasSuffix(w, "-day") || strings.HasSuffix(w, "-days"):
			n = numberOf(w[:strings.LastIndexByte(w, '-')])
		case w == "days" && d > sc.s.from:
			num = d - 1
			if k := sc.toks[num].lower; (k == "working" || k == "calendar" || k == "business") && num > sc.s.from {
				working = k != "calendar"
				num--
			}
			n = numberOf(sc.toks[num].lower)
		}
		if n <= 0 {
			continue
		}
		linked := (num > sc.s.from && payLinks[sc.toks[num-1].lower]) || (d+1 < sc.s.to && (sc.toks[d+1].lower == "payment" || sc.toks[d+1].lower == "terms"))
		if at, dist := nearest(c.pay, num, d); !linked || at < 0 || dist > 8 {
			continue
		}
		if working {
			n = (n*7 + 4) / 5
		}
		out = append(out, demand{kind: demandPayment, amount: n, pr: sc.pr, start: sc.toks[num].start, end: sc.toks[d].end})
	}
	return out
}

var numberWords = map[string]int64{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "forty-five": 45, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100}

// numberOf reads a count written in digits or in words, or 0.
func numberOf(w string) int64 {
	if n, ok := numberWords[w]; ok {
		return n
	}
	n, err := strconv.ParseInt(w, 10, 64)
	if err != nil || n < 0 || n > 10000 {
		return 0
	}
	return n
}
