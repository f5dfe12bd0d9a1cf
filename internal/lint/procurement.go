package lint

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/london-anchors/tenders/internal/markdown"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
)

func runInsuranceAtBid(p *Pass) {
	for i, in := range p.Brief.Insurance {
		if in.Needed == "at-bid" {
			p.ReportKey("insurance."+strconv.Itoa(i)+".needed",
				"asking for %s insurance when suppliers bid shuts out small firms, and the Procurement Act 2023, s22(3)(b), forbids it as a condition of taking part; write needed = \"at-award\"", strings.ToLower(brief.InsuranceKinds[in.Kind]))
		}
	}
	for _, d := range p.demands() {
		if d.kind != demandInsurance || !d.atBid {
			continue
		}
		what := strings.TrimPrefix(d.cover+" insurance", " ")
		if d.listed {
			p.Report(p.span(d.pr, d.start, d.end), "%s listed under \"%s\" is asked for when suppliers bid, which shuts out small firms, and the Procurement Act 2023, s22(3)(b), forbids it as a condition of taking part; say that only the winner needs it, before the contract starts", what, Sections[2])
			continue
		}
		p.Report(p.span(d.pr, d.start, d.end), "asking for %s when suppliers bid shuts out small firms, and the Procurement Act 2023, s22(3)(b), forbids it as a condition of taking part; say that only the winner needs it, before the contract starts", what)
	}
}

// contractValue is the most a brief is worth, or 0 when not stated.
func contractValue(b *brief.Brief) int64 {
	switch {
	case b.ValueMax != nil:
		return *b.ValueMax
	case b.ValueMin != nil:
		return *b.ValueMin
	}
	return 0
}

// coverProblem says why cover of a kind ("" when not said) and amount is
// out of proportion to a contract worth value (0 when not stated), or "".
// Employer's liability has its own cap, and motor cover is set by law and
// insurers, not by the buyer, so neither is held to the multiple of the
// contract's value.
func coverProblem(kind string, amount, value int64, l config.Lint) string {
	limit := int64(max(float64(l.InsuranceFloor), l.InsuranceRatio*float64(value)))
	switch {
	case value > 0 && value < l.SmallContract:
		return fmt.Sprintf("the contract is worth %s, under %s: ask for no insurance on work this small", brief.Money(value), brief.Money(l.SmallContract))
	case kind == "employer's liability" && amount > l.EmployersLiabilityMax:
		return fmt.Sprintf("employer's liability of %s is more than the %s that is the usual legal minimum; ask for %s", brief.Money(amount), brief.Money(l.EmployersLiabilityMax), brief.Money(l.EmployersLiabilityMax))
	case value > 0 && kind != "employer's liability" && kind != "motor" && amount > limit:
		name := "cover"
		if kind != "" {
			name = strings.ToLower(brief.InsuranceKinds[kind]) + " cover"
		}
		return fmt.Sprintf("%s of %s is out of proportion to a contract worth %s; ask for no more than %s", name, brief.Money(amount), brief.Money(value), brief.Money(limit))
	}
	return ""
}

// disproportionate lists the insurance demands out of proportion to the
// contract, fields and prose, each with the reason: a field's key path, or
// a demand.
func disproportionate(p *Pass) []unfair {
	value := contractValue(p.Brief)
	var out []unfair
	for i, in := range p.Brief.Insurance {
		if why := coverProblem(in.Kind, in.Amount, value, p.Config.Lint); why != "" {
			out = append(out, unfair{path: "insurance." + strconv.Itoa(i) + ".amount", why: why})
		}
	}
	for _, d := range p.demands() {
		if d.kind == demandInsurance && d.amount > 0 {
			if why := coverProblem(d.cover, d.amount, value, p.Config.Lint); why != "" {
				out = append(out, unfair{d: d, why: why})
			}
		}
	}
	return out
}

// unfair is a demand a rule reports: a field's, at its key path, or one
// written in prose.
type unfair struct {
	path string
	d    demand
	why  string
}

func (p *Pass) reportUnfair(list []unfair) {
	for _, u := range list {
		if u.path != "" {
			p.ReportKey(u.path, "%s", u.why)
		} else {
			p.Report(p.span(u.d.pr, u.d.start, u.d.end), "%s", u.why)
		}
	}
}

func runInsuranceProportion(p *Pass) {
	p.reportUnfair(disproportionate(p))
}

// turnoverTooHigh lists the turnover demands above [lint] turnover_ratio
// times the contract's value, the field's and the prose's.
func turnoverTooHigh(p *Pass) []unfair {
	b := p.Brief
	value := contractValue(b)
	if value == 0 {
		return nil
	}
	limit := int64(p.Config.Lint.TurnoverRatio * float64(value))
	why := func(amount int64) string {
		return fmt.Sprintf("a yearly turnover of %s is more than %g times the contract's value of %s; ask for no more than %s, or none", brief.Money(amount), p.Config.Lint.TurnoverRatio, brief.Money(value), brief.Money(limit))
	}
	var out []unfair
	if b.TurnoverMin != nil && *b.TurnoverMin > limit {
		out = append(out, unfair{path: "turnover_min", why: why(*b.TurnoverMin)})
	}
	for _, d := range p.demands() {
		if d.kind == demandTurnover && d.amount > limit {
			out = append(out, unfair{d: d, why: why(d.amount)})
		}
	}
	return out
}

func runTurnover(p *Pass) {
	p.reportUnfair(turnoverTooHigh(p))
}

func runPaymentTerms(p *Pass) {
	most := int64(p.Config.Lint.MaxPaymentDays)
	if d := p.Brief.PaymentDays; d != nil && *d > most {
		p.ReportKey("payment_days", "paying in %d days is slow for a small firm; pay within %d days (public bodies must pay their suppliers within 30)", *d, most)
	}
	for _, d := range p.demands() {
		if d.kind == demandPayment && d.amount > most {
			p.Report(p.span(d.pr, d.start, d.end), "paying in %s is slow for a small firm; pay within %d days (public bodies must pay their suppliers within 30)", d.pr.Text[d.start:d.end], most)
		}
	}
}

func runAccounts(p *Pass) {
	for _, d := range p.demands() {
		if d.kind == demandAccounts {
			p.Report(p.span(d.pr, d.start, d.end), "asking for %q shuts out firms younger than %s; accept what a new firm can show, such as management accounts or a letter from its bank", d.pr.Text[d.start:d.end], plural(int(d.amount), "year", "years"))
		}
	}
}

func runPublicSector(p *Pass) {
	for _, d := range p.demands() {
		if d.kind == demandPublicSector {
			p.Report(p.span(d.pr, d.start, d.end), "asking for experience of the public sector shuts out firms that have done the same work for other customers; ask for experience of similar work, for any customer")
		}
	}
}

func runResponseTime(p *Pass) {
	b, l := p.Brief, p.Config.Lint
	if !b.Deadline.IsSet() {
		return
	}
	loc := p.Config.Location
	d := b.Deadline.In(loc)
	if b.Published.IsSet() {
		if days := int(b.Deadline.Sub(b.Published.Time).Hours() / 24); days < l.MinResponseDays {
			p.ReportKey("deadline", "suppliers get only %s from publishing to the deadline; give at least %d days so small firms can bid", plural(days, "day", "days"), l.MinResponseDays)
		}
	}
	for _, msg := range deadlineProblems(d) {
		p.ReportKey("deadline", "%s", msg)
	}
	if b.QuestionsDeadline.IsSet() {
		if n := workingDays(b.QuestionsDeadline.In(loc), d); n < l.QuestionsWorkingDays {
			p.ReportKey("questions_deadline", "questions close %s before the deadline; leave at least %d working days so answers can reach every bidder in time", plural(n, "working day", "working days"), l.QuestionsWorkingDays)
		}
	}
}

// deadlineProblems lists what is wrong with the moment a deadline falls,
// one message a problem, so a buyer who fixes one does not then meet the
// next: a weekend, 00:00, or outside 9am to 5pm. 00:00 is outside working
// hours too, and its own message says more, so it gets that one alone.
func deadlineProblems(d time.Time) []string {
	var out []string
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		out = append(out, fmt.Sprintf("the deadline falls on a %s, when nobody can help with a problem; choose a weekday", wd))
	}
	h, m := d.Hour(), d.Minute()
	switch {
	case h == 0 && m == 0:
		before := d.AddDate(0, 0, -1)
		out = append(out, fmt.Sprintf("a deadline at 00:00 on %s is the first minute of that day, so bids are due by the end of %s, yet many suppliers will read it as the end of %s; choose a time in working hours, such as midday",
			d.Format("Monday 2 January 2006"), before.Format("Monday 2 January"), d.Format("Monday")))
	case h < 9 || h > 17 || (h == 17 && m > 0):
		out = append(out, fmt.Sprintf("the deadline is at %s, outside working hours; choose a time between 9am and 5pm, such as midday", d.Format("15:04")))
	}
	return out
}

// workingDays counts the weekdays after a's date up to and including b's,
// in constant time whatever the dates.
func workingDays(a, b time.Time) int {
	day := time.Date(a.Year(), a.Month(), a.Day(), 12, 0, 0, 0, time.UTC)
	end := time.Date(b.Year(), b.Month(), b.Day(), 12, 0, 0, 0, time.UTC)
	days := int((end.Unix() - day.Unix()) / 86400) // Sub would cap at 292 years
	if days <= 0 {
		return 0
	}
	n := days / 7 * 5
	wd := day.Weekday()
	for range days % 7 {
		if wd = (wd + 1) % 7; wd != time.Saturday && wd != time.Sunday {
			n++
		}
	}
	return n
}

// Standards are named standards and accreditations that must be followed by
// "or equivalent", so firms with an equal one are not shut out.
var Standards = []string{"ISO 9001", "ISO 14001", "ISO 27001", "ISO 45001", "ISO 50001", "ISO 22301", "Cyber Essentials Plus", "Cyber Essentials",
	"CHAS", "Constructionline", "SafeContractor", "SMAS", "Achilles", "Investors in People", "BS 7858", "BS 5839", "NICEIC", "PAS 91", "Acclaim", "Builders Profile"}

var orEquivalentRE = regexp.MustCompile(`(?i)\bor (an? )?(equivalent|equal|similar)\b`)

func runOrEquivalent(p *Pass) {
	names := standardPhrases
	if len(p.Config.Lint.Standards) > 0 {
		names = newPhrases(append(slices.Clone(Standards), p.Config.Lint.Standards...))
	}
	for _, pr := range p.Prose {
		if pr.Kind == "heading" {
			continue
		}
		toks := pr.tokens()
		for _, m := range names.find(toks, pr.Text) {
			start, end := toks[m[0]].start, toks[m[1]-1].end
			if orEquivalentRE.MatchString(restOfSentence(pr.Text[end:])) || equivalentBefore(pr, toks, m[0]) {
				continue
			}
			name := pr.Text[start:end]
			p.ReportFix(p.span(pr, start, end), name+" or equivalent", "asking for %s alone shuts out firms with an equal standard; write \"%s or equivalent\"", name, name)
		}
	}
}

var standardPhrases = newPhrases(Standards)

// equivalentBefore reports whether the sentence of token i says
// "equivalent" before it: "an equivalent of ISO 9001", "ISO 14001 or
// equivalent, or ISO 9001".
func equivalentBefore(pr *Prose, toks []token, i int) bool {
	for _, s := range pr.sentences() {
		if i >= s.from && i < s.to {
			for j := s.from; j < i; j++ {
				if w := toks[j].lower; w == "equivalent" || w == "equivalents" {
					return true
				}
			}
			return false
		}
	}
	return false
}

// phrases finds fixed phrases (any case, whole words, no inflections) in
// tokens, longest first.
type phrases map[string][][]string

func newPhrases(list []string) phrases {
	ps := phrases{}
	for _, s := range list {
		words := strings.Fields(strings.ToLower(s))
		if len(words) > 0 {
			ps[words[0]] = append(ps[words[0]], words)
		}
	}
	for _, v := range ps {
		slices.SortFunc(v, func(a, b []string) int { return len(b) - len(a) })
	}
	return ps
}

// find returns [from, to) token ranges of the phrases found.
func (ps phrases) find(toks []token, text string) [][2]int {
	var out [][2]int
	for i := 0; i < len(toks); i++ {
		for _, words := range ps[toks[i].lower] {
			if i+len(words) > len(toks) {
				continue
			}
			ok := true
			for k := 1; k < len(words) && ok; k++ {
				ok = toks[i+k].lower == words[k] && onlySpace(text[toks[i+k-1].end:toks[i+k].start])
			}
			if ok {
				out = append(out, [2]int{i, i + len(words)})
				i += len(words) - 1
				break
			}
		}
	}
	return out
}

// restOfSentence is s up to the end of its sentence.
func restOfSentence(s string) string {
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(".!?", s[i]) >= 0 && (i+1 == len(s) || s[i+1] == ' ') {
			return s[:i]
		}
	}
	return s
}

var socialValueRE = regexp.MustCompile(`(?i)\bsocial value\b`)

// containsFold reports whether s holds the lower-case ASCII word w in any
// case: a cheap test before a regular expression.
func containsFold(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		if s[i]|0x20 != w[0] {
			continue
		}
		if strings.EqualFold(s[i:i+len(w)], w) {
			return true
		}
	}
	return false
}

func runSocialValue(p *Pass) {
	b := p.Brief
	if sv := b.SocialValue; sv != nil {
		if sv.Weighting > 0 && len(sv.Asks) == 0 {
			p.ReportKey("social_value.weighting", "social value counts for %d%% of the score but there are no asks; add asks = [\"...\"] so bidders know what you want", sv.Weighting)
		}
		return
	}
	for _, pr := range p.Prose {
		if pr.Kind == "heading" || !containsFold(pr.Text, "social value") {
			continue
		}
		if loc := socialValueRE.FindStringIndex(pr.Text); loc != nil {
			p.Report(p.span(pr, loc[0], loc[1]), "the brief talks of social value but has no [social_value]; add it with the weighting and what you ask for, so bidders know what counts")
			return
		}
	}
}

// Sections are the body's headings a buyer is nudged to write.
var Sections = []string{"What we need", "Who this is for", "What you need to apply", "How we will choose", "How to apply"}

func runSections(p *Pass) {
	have := map[string]bool{}
	src := p.Source.Body
	for n := p.Doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*markdown.Heading); ok {
			have[normalHeading(plainText(h, src))] = true
		}
	}
	line := p.Source.BodyLine
	for _, s := range Sections {
		if !have[normalHeading(s)] {
			p.Report(Span{Line: line, Col: 1, EndLine: line, EndCol: 1}, "the body has no %q section; add \"## %s\" so suppliers find what they need", s, s)
		}
	}
}

func normalHeading(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.Trim(s, " .:?!"))), " ")
}

func runSMEContradiction(p *Pass) {
	b := p.Brief
	if len(b.SuitableFor) == 0 {
		return
	}
	var why []string
	if len(disproportionate(p)) > 0 {
		why = append(why, "insurance out of proportion")
	}
	if len(turnoverTooHigh(p)) > 0 {
		why = append(why, "a high turnover")
	}
	if len(why) > 0 {
		var who []string
		for _, s := range b.SuitableFor {
			who = append(who, strings.ToLower(strings.TrimPrefix(brief.SuitableFor[s], "Suitable for ")))
		}
		p.ReportKey("suitable_for", "the brief says it suits %s but demands %s; lower the demand, or remove the claim", strings.Join(who, " and "), strings.Join(why, " and "))
	}
}

func runValueMissing(p *Pass) {
	if p.Brief.ValueMin == nil && p.Brief.ValueMax == nil {
		p.Report(Span{Line: 1, Col: 1, EndLine: 1, EndCol: 4}, "no value is given; suppliers decide whether to bid by what a contract is worth: add value_max, even as an estimate")
	}
}

func runPDFOnly(p *Pass) {
	docs := p.Brief.Documents
	if len(docs) == 0 {
		return
	}
	for _, d := range docs {
		f := strings.ToLower(d.Format)
		if f == "" {
			f = strings.TrimPrefix(strings.ToLower(pathExt(d.URL)), ".")
		}
		if f != "pdf" {
			return
		}
	}
	p.ReportKey("documents", "every document is a PDF, which many screen readers and phones handle badly; offer a web page or Word version too")
}

func pathExt(u string) string {
	u, _, _ = strings.Cut(u, "?")
	if i := strings.LastIndexByte(u, '.'); i > strings.LastIndexByte(u, '/') {
		return u[i:]
	}
	return ""
}
