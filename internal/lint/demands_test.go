package lint_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// demandFront is a brief worth £20,000, marked for no one, for the table
// of demands written in prose.
const demandFront = `+++
title = "Demands"
reference = "D-1"
buyer = "camden"
published = 2026-11-02T09:00:00Z
deadline = 2026-12-18T12:00:00Z
summary = "Cleaning."
category = "services"
topics = ["cleaning"]
value_max = 20000
apply_url = "https://example.org/bid"
[contact]
email = "a@camden.example"
+++
`

// fairness are the rules that read demands.
var fairness = []string{"insurance-at-bid", "insurance-proportion", "turnover", "accounts", "public-sector-experience", "payment-terms", "or-equivalent"}

// TestDemandsInProse: each sentence, written on line 18 under a section,
// gets exactly the fairness findings listed (rule@column), and no other.
func TestDemandsInProse(t *testing.T) {
	for _, c := range []struct {
		section, text string
		want          []string
	}{
		{"What we need", "Bidders must hold £10m public liability insurance at the time of bidding.", []string{"insurance-at-bid@19", "insurance-proportion@19"}},
		{"What we need", "You must have £10 million employer's liability insurance with your tender.", []string{"insurance-at-bid@15", "insurance-proportion@15"}},
		{"What we need", "At tender stage, send proof of professional indemnity insurance.", []string{"insurance-at-bid@32"}},
		{"What we need", "Café owners must hold £2,500,000 product liability insurance to bid.", []string{"insurance-at-bid@23", "insurance-proportion@23"}},
		{"What we need", "The winner will need public liability insurance of £1m before the contract starts.", nil},
		{"What we need", "You will need public liability insurance of £5m if you win.", []string{"insurance-proportion@15"}},
		{"What we need", "You do not need insurance to bid.", nil},
		{"What we need", "We do not ask for insurance at tender stage.", nil},
		{"What we need", "The contract is worth £20,000, and the winner needs insurance.", nil},
		{"What we need", "Insurance of £20,000 is not what this is about; the budget is £20,000.", nil},
		{"What we need", "Motor insurance of £5m is needed only by the successful bidder.", nil},
		{"What you need to apply", "- Public liability insurance of £10 million", []string{"insurance-at-bid@3", "insurance-proportion@3"}},
		{"What you need to apply", "- Public liability insurance of £1 million by the time the contract starts", nil},
		{"What you need to apply", "- a price for each year", nil},
		{"What we need", "You must have a minimum turnover of £100,000.", []string{"turnover@25"}},
		{"What we need", "An annual turnover above £40k is fine, and £30k is too.", nil},
		{"What we need", "We need a yearly turnover of at least £1.5m from bidders.", []string{"turnover@18"}},
		{"What we need", "Send three years of audited accounts.", []string{"accounts@6"}},
		{"What we need", "Send your accounts for the last 2 years.", []string{"accounts@11"}},
		{"What we need", "Send two years of accounts, or management accounts if your firm is newer.", nil},
		{"What we need", "We want at least two years of experience of cleaning.", nil},
		{"What we need", "Send three years' audited accounts.", []string{"accounts@6"}},
		{"What we need", "Send audited accounts for the past three years.", []string{"accounts@14"}},
		{"What we need", "The contract runs for 2 years, with accounts checked each year.", nil},
		{"What we need", "We pay 3 accounts, each for one year.", nil},
		{"What we need", "Public sector experience is welcome, but optional.", nil},
		{"What we need", "You must have public sector experience.", []string{"public-sector-experience@15"}},
		{"What we need", "We want experience of working with local authorities.", []string{"public-sector-experience@9"}},
		{"What we need", "This is a public sector contract, and experience of similar work for any customer counts.", nil},
		{"What we need", "You do not need experience of the public sector.", nil},
		{"What we need", "We will pay within 30 days.", nil},
		{"What we need", "We will pay correct invoices within 60 days.", []string{"payment-terms@37"}},
		{"What we need", "Payment is due forty-five days after we receive the invoice.", []string{"payment-terms@16"}},
		{"What we need", "We pay within 25 working days.", []string{"payment-terms@15"}},
		{"What we need", "We pay within 20 working days.", nil},
		{"What we need", "We offer 90-day payment terms.", []string{"payment-terms@10"}},
		{"What we need", "The work lasts 90 days and we pay monthly.", nil},
		{"What we need", "Bids stay valid for 90 days.", nil},
		{"What we need", "You must hold ISO 9001.", []string{"or-equivalent@15"}},
		{"What we need", "You must hold ISO 9001 or equivalent.", nil},
		{"What we need", "An equivalent of ISO 9001 will do.", nil},
		{"What we need", "We pay all correct invoices within 30 days, and usually within 10.", nil},
		{"What we need", "Interpreters must arrive within 2 days of a request, and we pay monthly.", nil},
		{"What we need", "We pay within 30 days of the end of each 90-day period.", nil},
		{"What we need", "Public sector bodies must pay their suppliers within 30 days.", nil},
		{"What we need", "Our budget is £20,000, and the winner needs £1m public liability insurance.", nil},
		{"What we need", "If you win, you must hold employer's liability insurance of £5 million, as the law asks.", nil},
		{"What we need", "You do not need to send insurance certificates with your bid.", nil},
		{"What we need", "Lots of small firms have told us that 60 days is too long to wait, so we pay in 10.", nil},
		{"What we need", "The service runs 7 days a week, and we pay within 20 days.", nil},
		{"What we need", "We keep records for 6 years and pay invoices within 30 days.", nil},
		{"What we need", "We spent £60,000 last year, and want a turnover of at least £30,000.", nil},
		{"What we need", "Bidders must be able to get insurance before the contract starts.", nil},
		{"What we need", "We pay 60% of the price at the start and the rest within 30 days.", nil},
		{"What we need", "Bidders must hold £10m public liability insurance at the time of bidding.\n\n## Who this is for\n\nAnyone.", []string{"insurance-at-bid@19", "insurance-proportion@19"}},
	} {
		t.Run(c.text, func(t *testing.T) {
			e, parse := fixEnv(t)
			d := parse([]byte(demandFront + "\n## " + c.section + "\n\n" + c.text + "\n"))
			if d == nil {
				t.Fatal("the brief does not parse")
			}
			list, _ := e.CheckFile(d)
			var got []string
			for _, f := range list {
				if slices.Contains(fairness, f.Rule) {
					if f.Line != 18 {
						t.Errorf("%s on line %d, want 18: %s", f.Rule, f.Line, f.Message)
					}
					got = append(got, f.Rule+"@"+strconv.Itoa(f.Col))
				}
			}
			slices.Sort(got)
			want := slices.Sorted(slices.Values(c.want))
			if !slices.Equal(got, want) {
				t.Errorf("got %v, want %v%s", got, want, messages(list, "content/opportunities/fix.md", 18))
			}
		})
	}
}

// TestDemandMessages: a demand in prose is told in the words of its field's
// rule, with the amount read from the sentence.
func TestDemandMessages(t *testing.T) {
	e, parse := fixEnv(t)
	d := parse([]byte(demandFront + "\n## What we need\n\nBidders must hold £10m public liability insurance. A turnover of £2.5 million is needed. We pay in 60 days.\n"))
	list, _ := e.CheckFile(d)
	var all []string
	for _, f := range list {
		all = append(all, f.Rule+": "+f.Message)
	}
	text := strings.Join(all, "\n")
	for _, want := range []string{
		"insurance-at-bid: asking for public liability insurance when suppliers bid shuts out small firms, and the Procurement Act 2023, s22(3)(b), forbids it",
		"insurance-proportion: public liability cover of £10,000,000 is out of proportion to a contract worth £20,000; ask for no more than £1,000,000",
		"turnover: a yearly turnover of £2,500,000 is more than 2 times the contract's value of £20,000; ask for no more than £40,000, or none",
		"payment-terms: paying in 60 days is slow for a small firm; pay within 30 days",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("no message %q in\n%s", want, text)
		}
	}
}
