package importer

import (
	"strings"
	"unicode"

	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/ocdsread"
)

// buyerOf is the notice's buyer: the party with the role buyer, or the
// party the buyer field names, or (OCDS 1.0) the buyer field itself.
func buyerOf(n *ocdsread.Notice) *ocdsread.Organization {
	for i := range n.Parties {
		for _, r := range n.Parties[i].Roles {
			if r == "buyer" {
				return &n.Parties[i]
			}
		}
	}
	if n.Buyer == nil {
		if n.Tender.ProcuringEntity != nil {
			return n.Tender.ProcuringEntity
		}
		return nil
	}
	for i := range n.Parties {
		if n.Buyer.ID != "" && n.Parties[i].ID == n.Buyer.ID {
			return &n.Parties[i]
		}
	}
	return n.Buyer
}

// identifiers are every id an organisation gives: its party id when it
// is an organisation identifier, and scheme-id of each identifier.
func identifiers(o *ocdsread.Organization) []string {
	var out []string
	add := func(s string) {
		if s = strings.ToUpper(strings.TrimSpace(s)); s != "" {
			out = append(out, s)
		}
	}
	add(string(o.ID))
	for _, id := range append([]ocdsread.Identifier{derefID(o.Identifier)}, o.AdditionalIdentifiers...) {
		if id.Scheme != "" && id.ID != "" {
			add(id.Scheme + "-" + string(id.ID))
		}
	}
	return out
}

func derefID(id *ocdsread.Identifier) ocdsread.Identifier {
	if id == nil {
		return ocdsread.Identifier{}
	}
	return *id
}

// matchBuyer finds the site's buyer of a notice: the first whose ids hold
// one of the buyer's identifiers, or, among buyers without ids, the one
// whose name is the same but for case, spaces and punctuation.
func matchBuyer(cfg *config.Config, n *ocdsread.Notice) (key string, who string) {
	b := buyerOf(n)
	if b == nil {
		return "", ""
	}
	ids := identifiers(b)
	for _, k := range cfg.BuyerKeys() {
		for _, id := range cfg.Buyers[k].IDs {
			for _, have := range ids {
				if strings.EqualFold(id, have) {
					return k, b.Name
				}
			}
		}
	}
	name := fold(b.Name)
	for _, k := range cfg.BuyerKeys() {
		if by := cfg.Buyers[k]; len(by.IDs) == 0 && name != "" && fold(by.Name) == name {
			return k, b.Name
		}
	}
	return "", b.Name
}

// fold keeps only letters and digits, in lower case.
func fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
