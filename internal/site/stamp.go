package site

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"html"
	"html/template"
)

// The build's stamp is when it ran, as pages that show statuses say it for
// readers without JavaScript: "Last updated at 9am on Tuesday 1 December
// 2026" (the updated template function). It changes with every build, so
// a page kept by tenders serve between builds must not hold it: with a
// Cache, updated writes a mark instead, each page is kept split at the
// marks, and put joins the parts with the stamp of the build at hand. The
// mark is random, so no content can hold it, and the same for the life of
// the cache, so a card kept from an earlier build (which a site's own
// opp-card could have stamped) is cut where a page made now is; it never
// reaches the output. Without a Cache, updated writes the stamp itself and
// nothing is split.

// setStamp sets the stamp from the build clock, and the mark when there is
// a cache.
func (r *renderer) setStamp() {
	r.stamp = []byte(html.EscapeString(When(r.Now, r.loc)))
	if r.Cache != nil {
		r.stampMark = r.Cache.mark
	}
}

// newMark makes a cache's stand-in for the stamp.
func newMark() []byte {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // never fails
	return []byte("tenders-stamp-" + hex.EncodeToString(b))
}

// updated is the template function: the stamp, or the mark in its place.
func (r *renderer) updated() template.HTML {
	if r.stampMark != nil {
		return template.HTML(r.stampMark)
	}
	return template.HTML(r.stamp)
}

// split cuts a rendered page at the marks, for a cache to keep. A cache
// keeps the parts in a buffer of their own size (fit), not the one the
// page was made in, which is larger.
func (r *renderer) split(page []byte) [][]byte {
	if r.stampMark == nil {
		return [][]byte{page}
	}
	if !bytes.Contains(page, r.stampMark) {
		return [][]byte{fit(page)}
	}
	parts := bytes.Split(page, r.stampMark)
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	buf := make([]byte, 0, n)
	for i, p := range parts {
		from := len(buf)
		buf = append(buf, p...)
		parts[i] = buf[from:len(buf):len(buf)]
	}
	return parts
}

// fit returns b in a buffer of its own size when its own is much larger:
// what a cache keeps stays as long as the site, and the buffers a page is
// made in are made larger than it, by as much as half (about 55 MB on a
// site of 10,000 briefs).
func fit(b []byte) []byte {
	if cap(b)-len(b) > len(b)/16 {
		return bytes.Clone(b)
	}
	return b
}

// join puts a split page together with this build's stamp.
func (r *renderer) join(parts [][]byte) []byte {
	if len(parts) == 1 {
		return parts[0]
	}
	return bytes.Join(parts, r.stamp)
}

// kept is a page a cache keeps: its parts, and the last build's join of
// them, which a build with the same stamp (serve's stamp is to the
// minute) puts again instead of joining its own copy. Into a KeepSink a
// page is put once and then kept there: the cache keeps only the parts of
// a page that holds the stamp, which another minute's build joins again,
// and none of a page that does not.
type kept struct {
	parts  [][]byte
	joined []byte // parts joined with stamp
	stamp  string

	// held: the KeepSink holds the page, joined with stamp when it has
	// parts. Cache.Undo clears it when the render that put it failed.
	held bool
}

// joinKept is join for a page a cache keeps, and keeps the join.
func (r *renderer) joinKept(k *kept) []byte {
	if len(k.parts) == 1 {
		return k.parts[0]
	}
	if k.joined == nil || k.stamp != string(r.stamp) {
		k.joined, k.stamp = r.join(k.parts), string(r.stamp)
	}
	return k.joined
}

// putKept puts a page the cache kept at name: into a KeepSink that holds
// it as this build would put it, by Keep. It reports false when it cannot,
// and the render must make the page again: the cache kept no parts of it,
// and the sink does not hold it (a brief deleted, then put back as it
// was; a render that failed; a sink that keeps nothing).
func (r *renderer) putKept(name string, k *kept) bool {
	if k == nil {
		return false
	}
	if r.keeper == nil {
		if k.parts == nil {
			return false
		}
		r.put(name, r.joinKept(k))
		return true
	}
	if k.held && (len(k.parts) <= 1 || k.stamp == string(r.stamp)) && r.keep(name) {
		return true
	}
	if k.parts == nil {
		k.held = false
		return false
	}
	data := r.join(k.parts)
	r.put(name, data)
	r.held(k)
	return true
}

// putPage puts a page made now at name and returns what a cache keeps of
// it.
func (r *renderer) putPage(name string, page []byte) *kept {
	if r.keeper != nil && (r.stampMark == nil || !bytes.Contains(page, r.stampMark)) {
		r.put(name, page)
		k := &kept{}
		r.held(k)
		return k
	}
	k := &kept{parts: r.split(page)}
	r.putKept(name, k)
	return k
}

// held marks k as held by the KeepSink, joined with this build's stamp,
// and lets go of what the sink holds instead.
func (r *renderer) held(k *kept) {
	k.held, k.stamp, k.joined = true, string(r.stamp), nil
	if len(k.parts) == 1 {
		k.parts = nil
	}
	r.Cache.touch(k)
}
