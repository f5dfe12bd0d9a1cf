package site

import (
	"slices"

	"github.com/london-anchors/tenders/internal/config"
)

func (r *renderer) facets() {
	cfg := r.Config
	topics := &FacetKind{Kind: "topic", Title: "Topics", Path: "topics/", Intro: "Opportunities grouped by the kind of work."}
	for _, k := range r.topicKeys {
		t := cfg.Topics[k]
		topics.Facets = append(topics.Facets, &Facet{Named: Named{k, t.Name, "topics/" + k + "/"}, Kind: "topic", Description: t.Description})
	}
	boroughs := &FacetKind{Kind: "borough", Title: "Boroughs", Path: "boroughs/", Intro: "Opportunities by where the work happens. Work across the whole of London is listed under every borough."}
	for _, a := range config.Areas {
		boroughs.Facets = append(boroughs.Facets, &Facet{Named: Named{a.Key, a.Name, "boroughs/" + a.Key + "/"}, Kind: "borough"})
	}
	buyers := &FacetKind{Kind: "buyer", Title: "Buyers", Path: "buyers/", Intro: "The organisations that publish opportunities here."}
	for _, k := range cfg.BuyerKeys() {
		b := cfg.Buyers[k]
		buyers.Facets = append(buyers.Facets, &Facet{Named: Named{k, b.Name, "buyers/" + k + "/"}, Kind: "buyer", Description: config.BuyerKinds[b.Kind]})
	}
	r.topics, r.boroughs, r.buyers = topics, boroughs, buyers
	r.kinds = []*FacetKind{topics, boroughs, buyers}
	// One pass over the briefs, appending each to the facets it is in.
	type facetKey struct{ kind, key string }
	index := map[facetKey][]*Opp{}
	add := func(kind, key string, o *Opp) { index[facetKey{kind, key}] = append(index[facetKey{kind, key}], o) }
	for _, o := range r.opps {
		for _, t := range o.Topics {
			add("topic", t.Key, o)
		}
		if slices.Contains(o.Brief.Boroughs, config.LondonWide) {
			for _, a := range config.Areas {
				add("borough", a.Key, o)
			}
		} else {
			for _, b := range o.Brief.Boroughs {
				add("borough", b, o)
			}
		}
		add("buyer", o.Brief.Buyer, o)
	}
	for _, k := range r.kinds {
		for _, f := range k.Facets {
			f.Open, f.Upcoming, f.Past = sortOpps(index[facetKey{f.Kind, f.Key}])
		}
	}
}

// Count is how many opportunities are open or coming up.
func (f *Facet) Count() int { return len(f.Open) + len(f.Upcoming) }
