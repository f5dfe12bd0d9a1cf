package lint

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/markdown"

	"github.com/london-anchors/tenders/internal/diag"
)

// Rules returns every rule, in the order they run and are listed.
func Rules() []*Rule {
	return []*Rule{
		{Name: "jargon", Title: "Jargon or a wordy phrase", Severity: diag.Warning, Run: runJargon,
			Doc: "Words, wordy phrases, legalese and procurement terms with a plainer alternative, or that need explaining."},
		{Name: "acronym", Title: "Acronym not spelt out", Severity: diag.Warning, Run: runAcronym,
			Doc: "An acronym not spelt out where it is first used, such as \"Disclosure and Barring Service (DBS)\"."},
		{Name: "sentence-length", Title: "Long sentence", Severity: diag.Warning, Run: runSentenceLength,
			Doc: "A sentence longer than [lint] sentence_length words (25): split it."},
		{Name: "readability", Title: "Hard-to-read paragraph", Severity: diag.Suggestion, Run: runReadability,
			Doc: "A paragraph whose Flesch-Kincaid grade is above [lint] readability_grade (12): very hard to read."},
		{Name: "passive", Title: "Passive voice", Severity: diag.Suggestion, Run: runPassive,
			Doc: "Passive voice (\"bids will be scored\"): say who does it (\"we will score bids\")."},
		{Name: "repeated-word", Title: "Word written twice", Severity: diag.Warning, Run: runRepeated,
			Doc: "The same word twice in a row (\"the the\")."},
		{Name: "capitals", Title: "Words in capitals", Severity: diag.Warning, Run: runCapitals,
			Doc: "Words in capitals that are not acronyms: they read as shouting and are harder to read."},
		{Name: "link-text", Title: "Link text that says nothing", Severity: diag.Warning, Run: runLinkText,
			Doc: "Link text that does not say where it goes (\"click here\", \"read more\"), or a bare web address."},
		{Name: "headings", Title: "Heading out of order", Severity: diag.Warning, Run: runHeadings,
			Doc: "A heading that skips a level, or a level-1 heading in the body (the title is the page's only one)."},
		{Name: "image-alt", Title: "Image without alt text", Severity: diag.Warning, Run: runImageAlt,
			Doc: "An image without alt text: screen-reader users cannot know what it shows."},
		{Name: "placeholder", Title: "Placeholder left in", Severity: diag.Error, Run: runPlaceholder,
			Doc: "Text left from tenders new for the buyer to fill in, such as \"TODO\" or \"[write ...]\", or a brief still named as the submit page proposed (new-brief-...)."},
		{Name: "insurance-at-bid", Title: "Insurance asked for at bid", Severity: diag.Error, Briefs: true, Run: runInsuranceAtBid,
			Doc: "Insurance demanded when bidding, in a field or in the body: the Procurement Act 2023, s22(3)(b), forbids it as a condition of taking part."},
		{Name: "insurance-proportion", Title: "Insurance out of proportion", Severity: diag.Warning, Briefs: true, Run: runInsuranceProportion,
			Doc: "Cover out of proportion, in a field or in the body: above max(£1m, 10 × value_max), employer's liability above £5m, or any cover on a contract under £10k."},
		{Name: "turnover", Title: "Turnover demand too high", Severity: diag.Warning, Briefs: true, Run: runTurnover,
			Doc: "A turnover demand, in a field or in the body, above twice the contract value ([lint] turnover_ratio)."},
		{Name: "accounts", Title: "Years of accounts asked for", Severity: diag.Warning, Briefs: true, Run: runAccounts,
			Doc: "Years of accounts asked for in the body (\"three years of audited accounts\"), which a new firm cannot show."},
		{Name: "public-sector-experience", Title: "Public sector experience asked for", Severity: diag.Warning, Briefs: true, Run: runPublicSector,
			Doc: "Experience of the public sector asked for in the body, which shuts out firms that did the same work for other customers."},
		{Name: "payment-terms", Title: "Slow payment terms", Severity: diag.Warning, Briefs: true, Run: runPaymentTerms,
			Doc: "Payment terms, in a field or in the body, longer than 30 days ([lint] max_payment_days)."},
		{Name: "response-time", Title: "Too little time to bid, or a deadline at a bad time", Severity: diag.Warning, Briefs: true, Run: runResponseTime,
			Doc: "Too little time to bid, a deadline at a weekend, at 00:00 or outside 9am to 5pm, or questions closing too near the deadline: every one that applies."},
		{Name: "or-equivalent", Title: "Standard without \"or equivalent\"", Severity: diag.Warning, Run: runOrEquivalent,
			Doc: "A named standard or accreditation (ISO 9001, Cyber Essentials, CHAS...) without \"or equivalent\"."},
		{Name: "social-value", Title: "Social value without details", Severity: diag.Warning, Briefs: true, Run: runSocialValue,
			Doc: "Social value mentioned with no [social_value], or a weighting with no asks."},
		{Name: "sections", Title: "Section missing", Severity: diag.Warning, Briefs: true, Run: runSections,
			Doc: "A missing section: What we need, Who this is for, What you need to apply, How we will choose, How to apply."},
		{Name: "sme-contradiction", Title: "Says it suits small firms, then shuts them out", Severity: diag.Error, Briefs: true, Run: runSMEContradiction,
			Doc: "Says it suits small firms or charities, but asks for insurance or turnover out of their reach."},
		{Name: "value-missing", Title: "No value given", Severity: diag.Suggestion, Briefs: true, Run: runValueMissing,
			Doc: "No value: suppliers decide whether to bid by what a contract is worth."},
		{Name: "pdf-only", Title: "Only PDF documents", Severity: diag.Warning, Briefs: true, Run: runPDFOnly,
			Doc: "Every document is a PDF: offer an accessible format too (a web page or Word)."},
	}
}

func runJargon(p *Pass) {
	goods := p.Brief != nil && p.Brief.Category == "goods"
	var explained map[string]bool // acronyms of the list the file spells out
	for _, pr := range p.Prose {
		toks := pr.tokens()
		for _, m := range p.words.find(toks, pr.Text) {
			s := p.span(pr, toks[m.from].start, toks[m.to-1].end)
			written := pr.Text[toks[m.from].start:toks[m.to-1].end]
			if acronymEntries[m.entry.Phrase] {
				if explained == nil {
					explained = spelledOut(p.Prose)
				}
				if explained[strings.TrimSuffix(written, "s")] {
					continue
				}
			}
			if m.entry.Explain {
				p.Report(s, "%q is %s many suppliers will not know; %s", written, kindOf(m.entry.Category), m.entry.Plain)
				p.term(m.entry.Phrase)
				continue
			}
			start, end := toks[m.from].start, toks[m.to-1].end
			if fix := p.safeFix(pr, m.entry.Phrase, start, end, s); fix != "" {
				p.ReportSafe(s, fix, "%q is %s; %s", written, kindOf(m.entry.Category), instead(m.entry.Plain))
				p.term(m.entry.Phrase)
				continue
			}
			p.ReportFix(s, firstAlternative(m.entry.Plain), "%q is %s; %s", written, kindOf(m.entry.Category), instead(m.entry.Plain))
			p.term(m.entry.Phrase)
		}
		for _, t := range toks {
			if !goods && deliverForms[t.lower] {
				p.Report(p.span(pr, t.start, t.end), "%q is a word to avoid for services and works; say what will happen: run, provide, build, do", pr.Text[t.start:t.end])
				p.term("deliver")
			}
		}
		if !maybeDotted(pr.Text) {
			continue
		}
		for _, e := range p.words.dotted {
			re := dottedRE(e.Phrase)
			for _, loc := range re.FindAllStringIndex(pr.Text, -1) {
				p.ReportFix(p.span(pr, loc[0], loc[1]), firstAlternative(e.Plain), "%q is %s; %s", pr.Text[loc[0]:loc[1]], kindOf(e.Category), instead(e.Plain))
				p.term(e.Phrase)
			}
		}
	}
}

// kindOf names a category of the word list as a message says it: "a
// wordy phrase", but "legalese".
func kindOf(category string) string {
	switch category {
	case CatLegalese:
		return "legalese"
	case CatSite:
		return "a word this site avoids"
	}
	return "a " + category
}

// instead says what to write: "write use", or for an alternative in
// brackets, what it says ("leave it out").
func instead(plain string) string {
	if inner, ok := strings.CutPrefix(plain, "("); ok && strings.HasSuffix(inner, ")") && !strings.Contains(inner, "(") {
		return strings.TrimSuffix(inner, ")")
	}
	return "write " + plain
}

// maybeDotted reports whether s may hold an abbreviation with dots, such
// as "e.g." or "viz.": a cheap test before the regular expressions.
func maybeDotted(s string) bool {
	for i := 2; i < len(s); i++ {
		if s[i] == '.' && (s[i-2] == '.' || (i >= 3 && strings.EqualFold(s[i-3:i], "viz"))) {
			return true
		}
	}
	return false
}

// deliverForms is "deliver", which suits goods, not services or works.
var deliverForms = map[string]bool{"deliver": true, "delivers": true, "delivered": true, "delivering": true}

// dottedCache holds the patterns of the built-in entries with dots; it is
// written once, at start-up, and only read after.
var dottedCache = map[string]*regexp.Regexp{}

func dottedRE(phrase string) *regexp.Regexp {
	if re, ok := dottedCache[phrase]; ok {
		return re
	}
	return regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(phrase))
}

func init() {
	for _, w := range Words {
		if strings.Contains(w.Phrase, ".") {
			dottedCache[w.Phrase] = regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(w.Phrase))
		}
	}
}

// firstAlternative is the first of a comma-separated list of alternatives,
// when it can stand in for the word as it is.
func firstAlternative(plain string) string {
	if strings.ContainsAny(plain, "()") {
		return ""
	}
	alt, _, _ := strings.Cut(plain, ",")
	return strings.TrimSpace(alt)
}

// KnownAcronyms need no expansion: readers know them.
var KnownAcronyms = map[string]bool{
	"UK": true, "NHS": true, "VAT": true, "EU": true, "US": true, "USA": true, "BBC": true, "CEO": true,
	"CV": true, "CVS": true, "DIY": true, "FAQ": true, "FAQS": true, "GP": true, "GPS": true, "ID": true, "IT": true, "MP": true,
	"PDF": true, "PIN": true, "TV": true, "UN": true, "URL": true, "OK": true, "AM": true, "PM": true,
	"HMRC": true, "LGBT": true, "LGBTQ": true, "COVID": true, "GCSE": true, "CCTV": true, "HR": true,
	"SMS": true, "ATM": true, "PAYE": true, "CIC": true, "LTD": true, "PLC": true, "LLP": true, "CEng": true,
	"A": true, "AA": true, "AAA": true, // conformance levels, as in "WCAG 2.2 level AA"
	"DWG": true, "PNG": true, "JPEG": true, "HTML": true, "CSV": true, "ICS": true, "RSS": true, "API": true,
}

func runAcronym(p *Pass) {
	known := map[string]bool{"ISO": true, "BS": true, "PAS": true}
	for _, a := range p.Config.Lint.Acronyms {
		known[strings.ToUpper(a)] = true
	}
	for _, s := range append(slices.Clone(Standards), p.Config.Lint.Standards...) {
		// A standard's own name is checked by or-equivalent, not here.
		known[strings.ToUpper(s)] = true
	}
	seen := map[string]bool{}
	for _, pr := range p.Prose {
		toks := pr.tokens()
		for i, t := range toks {
			if !t.caps || t.hasDigit || t.masked {
				continue
			}
			word := pr.Text[t.start:t.end]
			key := strings.TrimSuffix(strings.ToUpper(word), "S")
			if len(word) > 6 || word == "TODO" || KnownAcronyms[strings.ToUpper(word)] || KnownAcronyms[key] || known[strings.ToUpper(word)] || known[key] || acronymEntries[strings.ToLower(key)] || seen[key] {
				continue
			}
			seen[key] = true
			if i > 0 && i+1 < len(toks) && strings.HasSuffix(strings.TrimSpace(pr.Text[toks[i-1].end:t.start]), "(") && strings.HasPrefix(strings.TrimSpace(pr.Text[t.end:toks[i+1].start]), ")") {
				continue // "Disclosure and Barring Service (DBS)"
			}
			if i > 0 && i+1 >= len(toks) && strings.HasSuffix(strings.TrimSpace(pr.Text[toks[i-1].end:t.start]), "(") && strings.HasPrefix(strings.TrimSpace(pr.Text[t.end:]), ")") {
				continue
			}
			rest := strings.TrimLeft(pr.Text[t.end:], " ")
			if strings.HasPrefix(rest, "(") {
				inner, _, ok := strings.Cut(rest[1:], ")")
				if ok && len(strings.Fields(inner)) >= 2 {
					continue // "DBS (Disclosure and Barring Service)"
				}
			}
			if isShouting(toks, i) {
				continue // the capitals rule reports it
			}
			p.Report(p.span(pr, t.start, t.end), "spell out %s the first time you use it, with the letters after in brackets: \"what it stands for (%s)\"", word, word)
		}
	}
}

func runSentenceLength(p *Pass) {
	limit := p.Config.Lint.SentenceLength
	for _, pr := range p.Prose {
		if pr.Kind == "heading" {
			continue
		}
		toks := pr.tokens()
		for _, s := range pr.sentences() {
			if n := s.to - s.from; n > limit {
				p.Report(p.span(pr, toks[s.from].start, toks[s.to-1].end), "this sentence has %d words; split it so no sentence is over %d", n, limit)
			}
		}
	}
}

func runReadability(p *Pass) {
	for _, pr := range p.Prose {
		st := pr.stats()
		if pr.Kind != "paragraph" || st.words < 20 {
			continue
		}
		if _, grade := st.scores(); grade > p.Config.Lint.ReadabilityGrade {
			toks := pr.tokens()
			p.Report(p.span(pr, toks[0].start, toks[len(toks)-1].end), "this paragraph is very hard to read (grade %.0f); use shorter sentences and shorter words", grade)
		}
	}
}

var beVerbs = map[string]bool{"am": true, "is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "being": true}

var irregular = map[string]bool{"given": true, "taken": true, "made": true, "done": true, "written": true, "chosen": true, "sent": true,
	"paid": true, "held": true, "known": true, "shown": true, "seen": true, "built": true, "bought": true, "kept": true,
	"told": true, "found": true, "brought": true, "put": true, "set": true, "met": true, "run": true, "won": true, "spent": true,
	"taught": true, "understood": true, "drawn": true, "awarded": true, "let": true, "sought": true, "led": true}

// notParticiples end in -ed but are adjectives after "be", or plain words.
var notParticiples = map[string]bool{"need": true, "based": true, "interested": true, "concerned": true, "involved": true,
	"qualified": true, "experienced": true, "skilled": true, "tired": true, "pleased": true, "closed": true, "red": true,
	"bed": true, "shed": true, "needed": false, "limited": true, "registered": true, "located": true, "used": true, "supposed": true}

func runPassive(p *Pass) {
	for _, pr := range p.Prose {
		toks := pr.tokens()
		for i := 0; i+1 < len(toks); i++ {
			if !beVerbs[toks[i].lower] {
				continue
			}
			j := i + 1
			if j < len(toks) && (strings.HasSuffix(toks[j].lower, "ly") || toks[j].lower == "not") && j+1 < len(toks) {
				j++
			}
			w := toks[j].lower
			if notParticiples[w] || !(irregular[w] || (strings.HasSuffix(w, "ed") && len(w) > 4)) {
				continue
			}
			if !onlySpace(pr.Text[toks[i].end:toks[i+1].start]) {
				continue
			}
			p.Report(p.span(pr, toks[i].start, toks[j].end), "%q is passive; say who does it, such as \"we will ...\" or \"you must ...\"", pr.Text[toks[i].start:toks[j].end])
		}
	}
}

func runRepeated(p *Pass) {
	for _, pr := range p.Prose {
		toks := pr.tokens()
		for i := 1; i < len(toks); i++ {
			a, b := toks[i-1], toks[i]
			if a.masked || a.hasDigit || a.lower != b.lower || a.lower == "had" || a.lower == "that" || !onlySpace(pr.Text[a.end:b.start]) {
				continue
			}
			p.ReportFix(p.span(pr, a.start, b.end), pr.Text[a.start:a.end], "%q is written twice", pr.Text[b.start:b.end])
		}
	}
}

// shouted are words written in capitals for emphasis, not as acronyms.
var shouted = map[string]bool{"MUST": true, "NOTE": true, "IMPORTANT": true, "ONLY": true, "NEVER": true, "PLEASE": true,
	"URGENT": true, "WARNING": true, "DEADLINE": true, "MANDATORY": true, "REQUIRED": true, "LATE": true, "NOT": true,
	"ALL": true, "WILL": true, "SHALL": true, "NO": true, "ANY": true, "EVERY": true, "STRICTLY": true, "FINAL": true}

// isShouting reports whether token i is capitals for emphasis: a word we
// know is shouted, or one of two or more capitalised words in a row.
func isShouting(toks []token, i int) bool {
	t := toks[i]
	if !t.caps || t.hasDigit {
		return false
	}
	if shouted[strings.ToUpper(t.lower)] {
		return true
	}
	return (i > 0 && toks[i-1].caps && !toks[i-1].hasDigit) || (i+1 < len(toks) && toks[i+1].caps && !toks[i+1].hasDigit)
}

func runCapitals(p *Pass) {
	for _, pr := range p.Prose {
		toks := pr.tokens()
		for i := 0; i < len(toks); i++ {
			if !isShouting(toks, i) || KnownAcronyms[strings.ToUpper(toks[i].lower)] && !shouted[strings.ToUpper(toks[i].lower)] {
				continue
			}
			j := i
			for j+1 < len(toks) && isShouting(toks, j+1) {
				j++
			}
			text := pr.Text[toks[i].start:toks[j].end]
			p.ReportFix(p.span(pr, toks[i].start, toks[j].end), strings.ToLower(text), "%q is in capitals, which reads as shouting and is harder to read; use normal letters, and bold if it must stand out", text)
			i = j
		}
	}
}

var vagueLinks = []string{"click here", "here", "read more", "more", "click", "this link", "link", "this page", "find out more", "more information", "more info", "this"}

func runLinkText(p *Pass) {
	src := p.Source.Body
	_ = markdown.Walk(p.Doc, func(n markdown.Node, entering bool) (markdown.WalkStatus, error) {
		if !entering {
			return markdown.WalkContinue, nil
		}
		switch n := n.(type) {
		case *markdown.Link:
			text := strings.TrimSpace(plainText(n, src))
			norm := strings.Trim(strings.ToLower(text), ".!:… ")
			switch {
			case slices.Contains(vagueLinks, norm):
				p.Report(p.nodeSpan(n), "link text %q does not say where the link goes; use the name of the page or document, such as \"the cleaning specification\"", text)
			case looksLikeURL(text):
				p.Report(p.nodeSpan(n), "a web address as link text is hard to read aloud; write what the link is, such as [the bidding website](%s)", string(n.Destination))
			}
		case *markdown.AutoLink:
			if n.AutoLinkType == markdown.AutoLinkURL {
				// Its own span, found from its neighbours: nodeSpan would
				// walk the whole paragraph for each link.
				var sp Span
				if start, end := autoLinkSpan(n, src); start >= 0 {
					sp = p.lines.span(start, end)
				} else {
					sp = p.nodeSpan(n)
				}
				p.Report(sp, "a bare web address is hard to read aloud; make it a link with words: [the bidding website](%s)", string(n.URL(src)))
			}
		case *markdown.CodeSpan, *markdown.FencedCodeBlock, *markdown.CodeBlock:
			return markdown.WalkSkipChildren, nil
		}
		return markdown.WalkContinue, nil
	})
}

func runHeadings(p *Pass) {
	prev := 1
	for n := p.Doc.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*markdown.Heading)
		if !ok {
			continue
		}
		s := p.nodeSpan(h)
		s.Col = 1
		switch {
		case h.Level == 1:
			p.Report(s, "a level-1 heading in the body: the title is the page's heading; start sections with ##")
		case h.Level > prev+1:
			p.ReportFix(s, strings.Repeat("#", prev+1), "this heading skips from level %d to level %d; use %s", prev, h.Level, strings.Repeat("#", prev+1))
		}
		prev = h.Level
	}
}

func runImageAlt(p *Pass) {
	src := p.Source.Body
	_ = markdown.Walk(p.Doc, func(n markdown.Node, entering bool) (markdown.WalkStatus, error) {
		if img, ok := n.(*markdown.Image); ok && entering {
			if strings.TrimSpace(plainText(img, src)) == "" {
				p.Report(p.imageSpan(img), "this image has no alt text; describe what it shows in the brackets: ![a map of the three areas](%s)", string(img.Destination))
			}
		}
		return markdown.WalkContinue, nil
	})
}

// imageSpan points at an image: its alt text, or its paragraph.
func (f *file) imageSpan(img *markdown.Image) Span {
	if img.FirstChild() != nil {
		return f.nodeSpan(img)
	}
	return f.blockSpan(img.Parent())
}

// placeholderRE matches what tenders new leaves for a buyer to replace.
var placeholderRE = regexp.MustCompile(`\bTODO\b|\[(?:write|add|say|describe|list|explain|replace)[^\]]*\]`)

func runPlaceholder(p *Pass) {
	for _, pr := range p.Prose {
		if !strings.Contains(pr.Text, "TODO") && strings.IndexByte(pr.Text, '[') < 0 {
			continue
		}
		for _, loc := range placeholderRE.FindAllStringIndex(pr.Text, -1) {
			p.Report(p.span(pr, loc[0], loc[1]), "%q is a placeholder from tenders new; replace it with your own words", pr.Text[loc[0]:loc[1]])
		}
	}
	if b := p.Brief; b != nil {
		if brief.IsNewBriefSlug(b.Slug) {
			name := "cleaning-two-libraries"
			if !placeholderRE.MatchString(b.Title) && brief.SlugFor(b.Title) != "" {
				name = brief.SlugFor(b.Title)
			}
			p.Report(Span{Line: 1, Col: 1, EndLine: 1, EndCol: 4}, "the file name %s is the placeholder the submit page proposed, and would be the page's address; rename the file after the opportunity, such as %s.md", path.Base(p.Source.File), name)
		}
		if strings.HasPrefix(strings.ToLower(b.Contact.Email), "todo@") {
			p.ReportKey("contact.email", "contact.email still holds the placeholder %q; write the address suppliers should ask questions at", b.Contact.Email)
		}
		for _, k := range []struct{ path, value string }{{"title", b.Title}, {"reference", b.Reference}, {"apply_url", b.ApplyURL}, {"contact.name", b.Contact.Name}} {
			if placeholderRE.MatchString(k.value) {
				p.ReportKey(k.path, "%s still holds the placeholder %q; replace it", k.path, k.value)
			}
		}
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
