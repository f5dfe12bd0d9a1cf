package lint

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// A demand is an ask of suppliers written in prose rather than in a field:
// insurance, turnover, years of accounts, experience of the public sector,
// or payment terms. The fairness rules that read a field read its demands
// too, so a buyer cannot avoid a rule by writing a sentence instead.
type demand struct {
	kind   demandKind
	cover  string // insurance: the kind, as brief.InsuranceKinds names it, or ""
	amount int64  // pounds; years for accounts; calendar days for payment
	atBid  bool   // insurance asked for when suppliers bid; one a sentence
	listed bool   // atBid because it is under "What you need to apply"
	pr     *Prose
	start  int // the bytes of pr.Text the demand is written in
	end    int
}

type demandKind int

const (
	demandInsurance demandKind = iota + 1
	demandTurnover
	demandAccounts
	demandPublicSector
	demandPayment
)

// demands finds the demands of a brief's prose, once a file: one walk over
// the Prose the other rules read, looking deeper only at a sentence with a
// word that may start one.
func (f *file) demands() []demand {
	if f.found != nil {
		return *f.found
	}
	var out []demand
	apply := false // under "What you need to apply"
	for _, pr := range f.Prose {
		if pr.Kind == "heading" {
			apply = strings.EqualFold(strings.Trim(pr.Text, " .:?!"), Sections[2])
			continue
		}
		toks := pr.tokens()
		var moneys []money
		for _, s := range pr.sentences() {
			if !mayDemand(toks[s.from:s.to]) {
				continue
			}
			if moneys == nil {
				moneys = findMoney(pr.Text, toks)
			}
			sc := sentenceScan{f: f, pr: pr, toks: toks, s: s, moneys: moneys, listed: apply && pr.offs != nil}
			out = append(out, sc.scan()...)
		}
	}
	f.found = &out
	return out
}

// mayDemand reports whether a sentence has the words a demand needs: one
// that may start it, or for payment terms both a number of days and a
// word of paying. It runs on every word of a brief, so it looks at a
// word's first letter before comparing it with the words it might be.
func mayDemand(toks []token) bool {
	days, pay := false, false
	for _, t := range toks {
		w := t.lower
		if len(w) < 3 {
			continue
		}
		switch w[0] {
		case 'i', 'l', 't', 'a', 's', 'g':
			switch w {
			case "insurance", "insured", "indemnity", "liability", "turnover", "accounts", "sector", "authority", "authorities", "government":
				return true
			case "settle", "settled", "settles":
				pay = true
			}
		case 'p':
			switch w {
			case "public-sector":
				return true
			case "pay", "pays", "paid", "paying", "payment", "payments":
				pay = true
			}
		case 'd':
			days = days || w == "days" || w == "day"
		default:
			days = days || t.hasDigit && (strings.HasSuffix(w, "-day") || strings.HasSuffix(w, "-days"))
		}
		if days && pay {
			return true
		}
	}
	return false
}

// money is an amount written with a pound sign: "£10m", "£2.5 million",
// "£100,000", "£500k".
type money struct {
	start, end int // its bytes in the text, the pound sign included
	tok        int // the token of its first digits
	amount     int64
}

// findMoney finds every amount in pounds in text.
func findMoney(text string, toks []token) []money {
	var out []money
	ti := 0
	for i := strings.Index(text, "£"); i >= 0; {
		at := i + len("£")
		if amount, end, ok := parseMoney(text, at); ok {
			for ti < len(toks) && toks[ti].end <= at {
				ti++
			}
			if ti < len(toks) {
				out = append(out, money{start: i, end: end, tok: ti, amount: amount})
			}
		}
		j := strings.Index(text[at:], "£")
		if j < 0 {
			break
		}
		i = at + j
	}
	return out
}

// parseMoney reads digits with commas, decimals and a multiplier from
// text[at:], returning the amount in pounds and where it ends.
func parseMoney(text string, at int) (int64, int, bool) {
	i := at
	var whole strings.Builder
	for i < len(text) && (isDigit(text[i]) || (text[i] == ',' && i > at && i+1 < len(text) && isDigit(text[i+1]))) {
		if text[i] != ',' {
			whole.WriteByte(text[i])
		}
		i++
	}
	if whole.Len() == 0 || whole.Len() > 15 {
		return 0, 0, false
	}
	frac := ""
	if i+1 < len(text) && text[i] == '.' && isDigit(text[i+1]) {
		j := i + 1
		for j < len(text) && isDigit(text[j]) {
			j++
		}
		frac, i = text[i+1:j], j
	}
	n, _ := strconv.ParseFloat(whole.String()+"."+frac+"0", 64)
	mult, end := multiplier(text, i)
	if v := n * float64(mult); v < 1e15 {
		return int64(v + 0.5), end, true
	}
	return 0, 0, false // more money than there is: not a demand to weigh
}

// multiplier reads "m", "million", "k", "thousand", "bn" or "billion"
// after an amount, with or without a space, as a whole word.
func multiplier(text string, i int) (int64, int) {
	j := i
	if j < len(text) && text[j] == ' ' {
		j++
	}
	for _, m := range []struct {
		word string
		n    int64
	}{{"million", 1e6}, {"thousand", 1e3}, {"billion", 1e9}, {"bn", 1e9}, {"m", 1e6}, {"k", 1e3}} {
		if len(text)-j >= len(m.word) && strings.EqualFold(text[j:j+len(m.word)], m.word) {
			k := j + len(m.word)
			if r, _ := utf8.DecodeRuneInString(text[k:]); k == len(text) || !isWordRune(r) {
				return m.n, k
			}
		}
	}
	return 1, i
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
