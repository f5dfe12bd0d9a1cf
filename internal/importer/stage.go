package importer

import (
	"slices"
	"strconv"
	"strings"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/ocdsread"
)

// stage is the brief's stage from the notice's tags, statuses and UK
// notice types, with the award when there is one: a cancelled tender is
// cancelled; an active award with a supplier is awarded; an award notice
// without one is closed; a planning notice, or UK1 (pipeline) and UK2 or
// UK3 (preliminary market engagement, planned procurement), is in the
// pipeline or in early talks; anything else is open.
func (m *mapper) stage() (string, *brief.Award) {
	n := m.n
	tags := n.Tag
	switch {
	case n.Tender.Status == "cancelled" || slices.Contains(tags, "tenderCancellation"):
		return "cancelled", nil
	}
	if a := m.award(); a != nil {
		return "awarded", a
	}
	notice := latestNotice(n)
	switch {
	case len(n.Awards) > 0 || slices.Contains(tags, "award") || n.Tender.Status == "complete" || n.Tender.Status == "unsuccessful":
		return "closed", nil
	case notice == "UK2" || notice == "UK3":
		return "engagement", nil
	case notice == "UK1" || n.Tender.Status == "planning" || n.Tender.Status == "planned" ||
		len(tags) > 0 && !slices.ContainsFunc(tags, func(t string) bool { return strings.HasPrefix(t, "tender") }) && slices.ContainsFunc(tags, func(t string) bool { return strings.HasPrefix(t, "planning") }):
		return "pipeline", nil
	}
	return "open", nil
}

// latestNotice is the UK notice type of the last document that has one.
func latestNotice(n *ocdsread.Notice) string {
	var docs []ocdsread.Document
	if n.Planning != nil {
		docs = append(docs, n.Planning.Documents...)
	}
	docs = append(docs, n.Tender.Documents...)
	last := ""
	for _, d := range docs {
		if d.NoticeType != "" {
			last = strings.ToUpper(strings.TrimSpace(d.NoticeType))
		}
	}
	return last
}

// award is the first active (or, failing one, pending) award that names
// a supplier.
func (m *mapper) award() *brief.Award {
	for _, status := range []string{"active", "pending"} {
		for i, a := range m.n.Awards {
			if a.Status != status || len(a.Suppliers) == 0 {
				continue
			}
			s := a.Suppliers[0]
			name := plain(s.Name)
			details := s.Details
			if p := m.party(s.ID); p != nil {
				if name == "" {
					name = plain(p.Name)
				}
				if details == nil {
					details = p.Details
				}
			}
			date := m.date("awards.date", a.Date)
			if name == "" || !date.IsSet() {
				continue
			}
			out := &brief.Award{Supplier: name, Date: date}
			if v := m.money("awards["+strconv.Itoa(i)+"].value", a.Value); v != nil {
				out.Value = *v
			}
			if details != nil {
				out.SME = slices.Contains([]string{"micro", "sme", "small", "medium", "selfEmployed"}, details.Scale)
				out.VCSE = details.VCSE != nil && *details.VCSE
			}
			return out
		}
	}
	return nil
}

func (m *mapper) party(id ocdsread.Text) *ocdsread.Organization {
	if id == "" {
		return nil
	}
	for i := range m.n.Parties {
		if m.n.Parties[i].ID == id {
			return &m.n.Parties[i]
		}
	}
	return nil
}
