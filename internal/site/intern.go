package site

import "github.com/london-anchors/tenders/internal/config"

// interner makes the values many briefs have in common once a render,
// for prepare: a topic's, a borough's or a buyer's Named, and the tags of
// a brief whose status no deadline will change. At 100,000 briefs each
// brief's own copies came to tens of megabytes. What it gives is shared,
// so it is never changed.
type interner struct {
	buyers map[string]*config.Buyer
	named  map[[2]string]Named
	tags   map[tagsKey][]Tag
}

type tagsKey struct {
	status    string
	sme, vcse bool
}

// buyer is site.toml's entry for the buyer key.
func (in *interner) buyer(cfg *config.Config, key string) *config.Buyer {
	if b, ok := in.buyers[key]; ok {
		return b
	}
	if in.buyers == nil {
		in.buyers = map[string]*config.Buyer{}
	}
	b := cfg.Buyers[key]
	in.buyers[key] = &b
	return &b
}

// namedOf is the Named of key under folder ("topics/"), called name.
func (in *interner) namedOf(folder, key, name string) Named {
	k := [2]string{folder, key}
	if n, ok := in.named[k]; ok && n.Name == name {
		return n
	}
	if in.named == nil {
		in.named = map[[2]string]Named{}
	}
	n := Named{Key: key, Name: name, URL: folder + key + "/"}
	in.named[k] = n
	return n
}

// tagsOf is o's tags (renderer.tags): shared by every brief with the same
// status and suitability, unless it is open, when they hold its moments.
func (in *interner) tagsOf(r *renderer, o *Opp) []Tag {
	if o.IsOpen() {
		return r.tags(o)
	}
	k := tagsKey{o.Status, o.SuitsSME(), o.SuitsVCSE()}
	if ts, ok := in.tags[k]; ok {
		return ts
	}
	if in.tags == nil {
		in.tags = map[tagsKey][]Tag{}
	}
	ts := r.tags(o)
	in.tags[k] = ts
	return ts
}
