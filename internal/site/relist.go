package site

import (
	"slices"

	"github.com/london-anchors/tenders/internal/config"
)

// sortListings sorts the briefs into the listings and the facets. When the
// last render of a Cache had the same briefs under the same site.toml, and
// those that changed still sort and fall into facets as before, it takes
// the last render's lists with this render's Opps in them instead: the
// sorting is most of the work of prepare on a large site.
func (r *renderer) sortListings() {
	if last := r.Cache.lastLists(r.Config); last != nil {
		if swap, ok := last.swaps(r.opps); ok {
			r.open, r.upcoming, r.past = swapped(last.open, swap), swapped(last.upcoming, swap), swapped(last.past, swap)
			r.facetKinds()
			for _, k := range r.kinds {
				for _, f := range k.Facets {
					old := last.facets[facetID{f.Kind, f.Key}]
					f.Open, f.Upcoming, f.Past = swapped(old[0], swap), swapped(old[1], swap), swapped(old[2], swap)
				}
			}
			r.Cache.keepLists(r)
			return
		}
	}
	r.open, r.upcoming, r.past = sortOpps(r.opps)
	r.facets()
	r.Cache.keepLists(r)
}

// listings are the lists a render sorted, kept for the next.
type listings struct {
	cfg                  *config.Config // the site.toml they were sorted under
	opps                 []*Opp
	open, upcoming, past []*Opp
	facets               map[facetID][3][]*Opp // each facet's open, upcoming and past
}

type facetID struct{ kind, key string }

func (c *Cache) lastLists(cfg *config.Config) *listings {
	if c == nil || c.lists == nil || c.lists.cfg != cfg {
		return nil
	}
	return c.lists
}

func (c *Cache) keepLists(r *renderer) {
	if c == nil {
		return
	}
	l := &listings{cfg: r.Config, opps: r.opps, open: r.open, upcoming: r.upcoming, past: r.past, facets: map[facetID][3][]*Opp{}}
	for _, k := range r.kinds {
		for _, f := range k.Facets {
			l.facets[facetID{f.Kind, f.Key}] = [3][]*Opp{f.Open, f.Upcoming, f.Past}
		}
	}
	c.lists = l
}

// swaps pairs each of l's Opps with the one of opps at its place, where
// they differ; it reports whether every pair sorts and falls into facets
// alike, and at most one in eight differ.
func (l *listings) swaps(opps []*Opp) (map[*Opp]*Opp, bool) {
	if len(opps) != len(l.opps) {
		return nil, false
	}
	swap := map[*Opp]*Opp{}
	for i, o := range opps {
		old := l.opps[i]
		if o == old {
			continue
		}
		if !sortsAlike(old, o) || len(swap) > len(opps)/8 {
			return nil, false
		}
		swap[old] = o
	}
	return swap, true
}

// sortsAlike reports whether a and b are the same brief and everything
// sortOpps and facets read of them is the same.
func sortsAlike(a, b *Opp) bool {
	return a.File == b.File && a.Reference == b.Reference &&
		a.IsOpen() == b.IsOpen() && a.IsUpcoming() == b.IsUpcoming() &&
		a.Deadline.Time.Equal(b.Deadline.Time) && a.Published.Time.Equal(b.Published.Time) &&
		slices.EqualFunc(a.Topics, b.Topics, func(x, y Named) bool { return x.Key == y.Key }) &&
		slices.Equal(a.Brief.Boroughs, b.Brief.Boroughs) && a.Brief.Buyer == b.Brief.Buyer
}

// swapped is a copy of list with each Opp swap names replaced.
func swapped(list []*Opp, swap map[*Opp]*Opp) []*Opp {
	out := slices.Clone(list)
	if len(swap) == 0 {
		return out
	}
	for i, o := range out {
		if n, ok := swap[o]; ok {
			out[i] = n
		}
	}
	return out
}
