package site

import (
	"slices"

	"github.com/london-anchors/tenders/internal/config"
)

// facets makes the facets and puts each brief in its own.
func (r *renderer) facets() {
	r.facetKinds()
	r.fillFacets()
}

// facetKinds makes the facets of site.toml's topics, every area and
// site.toml's buyers, empty.
func (r *renderer) facetKinds() {
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
}

// fillFacets puts each brief in the facets it is in.
func (r *renderer) fillFacets() {
	topics, boroughs, buyers := r.topics, r.boroughs, r.buyers
	// One pass over the listings, appending each brief to the facets it
	// is in: each facet's lists come out in the listings' order, which is
	// a total order (references are unique), so as sortOpps would sort
	// them.
	byKey := func(k *FacetKind) map[string]*Facet {
		m := make(map[string]*Facet, len(k.Facets))
		for _, f := range k.Facets {
			m[f.Key] = f
		}
		return m
	}
	topicOf, boroughOf, buyerOf := byKey(topics), byKey(boroughs), byKey(buyers)
	for section, list := range [][]*Opp{r.open, r.upcoming, r.past} {
		add := func(f *Facet, o *Opp) {
			if f == nil {
				return
			}
			switch section {
			case 0:
				f.Open = append(f.Open, o)
			case 1:
				f.Upcoming = append(f.Upcoming, o)
			default:
				f.Past = append(f.Past, o)
			}
		}
		for _, o := range list {
			for _, t := range o.Topics {
				add(topicOf[t.Key], o)
			}
			if slices.Contains(o.Brief.Boroughs, config.LondonWide) {
				for _, f := range boroughs.Facets {
					add(f, o)
				}
			} else {
				for _, b := range o.Brief.Boroughs {
					add(boroughOf[b], o)
				}
			}
			add(buyerOf[o.Brief.Buyer], o)
		}
	}
}

// Count is how many opportunities are open or coming up.
func (f *Facet) Count() int { return len(f.Open) + len(f.Upcoming) }
