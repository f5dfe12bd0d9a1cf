package importer

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/london-anchors/tenders/internal/brief"
)

// owned are the fields the import writes, and so fingerprints: every
// field but those only a person writes.
var owned = slices.DeleteFunc(slices.Clone(fields), func(f field) bool {
	return slices.Contains([]string{"payment_days", "turnover_min", "aliases", "insurance", "social_value", "events", "updates"}, f.key)
})

// bodyKey is the body's name among the sums.
const bodyKey = "body"

// sums are the fingerprints of b's fields and body, "key:hex", for the
// fields that are set.
func sums(b *brief.Brief, body string, loc *time.Location) []string {
	var out []string
	for _, f := range owned {
		if c := chunk(b, f, loc); c != "" {
			out = append(out, f.key+":"+sum(c))
		}
	}
	if body != "" {
		out = append(out, bodyKey+":"+sum(body))
	}
	return out
}

// recorded reads [imported] sums back; a field missing was not set.
func recorded(im *brief.Imported) map[string]string {
	m := map[string]string{}
	if im != nil {
		for _, s := range im.Sums {
			if k, v, ok := strings.Cut(s, ":"); ok {
				m[k] = v
			}
		}
	}
	return m
}

// update compares a brief already in the site with the notice as it is
// now (nw, body), field by field, and plans the file it becomes: it
// returns its bytes when it is Updated.
func (im *Import) update(res *Result, old *Existing, nw *brief.Brief, body string, partial bool) []byte {
	loc := im.loc()
	cur := old.Brief
	curBody := bodyText(old.File, old.Src)
	rec := recorded(cur.Imported)
	was := func(key string) string {
		if s, ok := rec[key]; ok {
			return s
		}
		return sum("")
	}
	// When the releases read now are not all those read before (a walk
	// from a later date), a field they leave out was not said: it keeps
	// its value.
	nw.Imported.Releases = union(cur.Imported.Releases, nw.Imported.Releases)
	if partial && cur.Imported.Updated.After(nw.Imported.Updated.Time) {
		nw.Imported.Updated = cur.Imported.Updated
	}
	var newSums []string
	out := *cur
	out.Source = brief.Source{}
	outBody := curBody
	for _, f := range owned {
		if partial && chunk(nw, f, loc) == "" {
			if r, ok := rec[f.key]; ok {
				newSums = append(newSums, f.key+":"+r)
			}
			continue
		}
		if c := chunk(nw, f, loc); c != "" {
			newSums = append(newSums, f.key+":"+sum(c))
		}
		r, c, n := was(f.key), sum(chunk(cur, f, loc)), sum(chunk(nw, f, loc))
		switch {
		case n == r || c == n:
		case c == r:
			copyField(&out, nw, f)
			res.Changed = append(res.Changed, f.key)
		default:
			res.Conflicts = append(res.Conflicts, fmt.Sprintf("%s: the notice now has %s but the brief was edited, so it was kept as it is; make the change by hand if it is still wanted",
				f.key, shown(chunk(nw, f, loc))))
		}
	}
	if partial && body == "" {
		if r, ok := rec[bodyKey]; ok {
			newSums = append(newSums, bodyKey+":"+r)
		}
	} else if body != "" {
		newSums = append(newSums, bodyKey+":"+sum(body))
	}
	if r, c, n := was(bodyKey), sum(curBody), sum(body); !(partial && body == "") && n != r && c != n {
		if c == r {
			outBody = body
			res.Changed = append(res.Changed, bodyKey)
		} else {
			res.Conflicts = append(res.Conflicts, "body: the notice's description changed but the body was rewritten, so it was kept; compare it with the notice")
		}
	}
	out.Updates = append(slices.Clone(cur.Updates), newsOf(cur, &out, nw.Imported.Updated, loc)...)
	imp := *nw.Imported
	imp.Sums = newSums
	out.Imported = &imp
	data := file(&out, outBody, loc)
	switch {
	case string(data) == string(old.Src):
		res.Outcome, res.Changed = Unchanged, nil
	case string(file(cur, curBody, loc)) != string(old.Src):
		// Rewriting would lose what a person wrote in the front matter.
		res.Outcome = Unchanged
		for _, k := range res.Changed {
			res.Conflicts = append(res.Conflicts, fmt.Sprintf("%s: the notice changed it, but the front matter was edited by hand (comments, layout or keys import does not write), so import does not rewrite the file; make the change by hand", k))
		}
		res.Changed = nil
	default:
		res.Outcome = Updated
		return data
	}
	return nil
}

// shown is a chunk for a message: its first line, shortened.
func shown(c string) string {
	c = strings.TrimSpace(c)
	if c == "" {
		return "nothing"
	}
	line, _, _ := strings.Cut(c, "\n")
	if r := []rune(line); len(r) > 160 {
		line = string(r[:160]) + "…"
	}
	return line
}

// bodyText is the body of a brief file as the import writes it: what
// follows the closing fence and its blank line.
func bodyText(file string, src []byte) string {
	_, body, bodyLine, d := brief.Split(file, src)
	if d != nil {
		return ""
	}
	return strings.TrimPrefix(string(body[bodyLine-1:]), "\n")
}

// newsOf is the [[updates]] entry that tells subscribers what the
// notice changed that a supplier must hear of: a deadline or an estimated
// value given, moved or taken away, or a cancellation. It is one entry,
// dated as the notice, since a feed names an update by its date.
func newsOf(cur, out *brief.Brief, when brief.Date, loc *time.Location) []brief.Update {
	var says []string
	switch was, now := cur.Deadline, out.Deadline; {
	case !was.IsSet() && now.IsSet():
		says = append(says, fmt.Sprintf("The deadline is now %s.", human(now, loc)))
	case was.IsSet() && !now.IsSet():
		says = append(says, "The notice no longer gives a deadline.")
	case was.IsSet() && !was.Equal(now.Time):
		says = append(says, fmt.Sprintf("The deadline moved from %s to %s.", human(was, loc), human(now, loc)))
	}
	switch was, now := headline(cur), headline(out); {
	case was == nil && now != nil:
		says = append(says, fmt.Sprintf("The estimated value is now %s.", brief.Money(*now)))
	case was != nil && now == nil:
		says = append(says, "The notice no longer gives an estimated value.")
	case was != nil && *was != *now:
		says = append(says, fmt.Sprintf("The estimated value changed from %s to %s.", brief.Money(*was), brief.Money(*now)))
	}
	if cur.Stage != "cancelled" && out.Stage == "cancelled" {
		says = append(says, "The buyer cancelled this procurement.")
	}
	if len(says) == 0 || slices.ContainsFunc(cur.Updates, func(u brief.Update) bool { return u.Date.Equal(when.Time) }) {
		return nil
	}
	return []brief.Update{{Date: when, Text: strings.Join(says, " ")}}
}

// headline is the value a brief leads with: its estimate, or failing
// one, its least.
func headline(b *brief.Brief) *int64 {
	if b.ValueMax != nil {
		return b.ValueMax
	}
	return b.ValueMin
}

func human(d brief.Date, loc *time.Location) string {
	return d.Time.In(loc).Format("15:04 on 2 January 2006")
}

func containsAll(have, want []string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

// union is a's ids, then b's that a does not hold.
func union(a, b []string) []string {
	out := slices.Clone(a)
	for _, s := range b {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
