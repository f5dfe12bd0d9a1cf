package brief

import (
	"crypto/sha256"

	"github.com/london-anchors/tenders/internal/markdown"
)

// Rebody is d with the body of src, new bytes for d's file, without
// decoding and checking its front matter again: it is for a change made
// only to the body, such as tenders check --fix makes. It returns nil when
// the front matter of src is not exactly d's, or when src is not readable
// text or its body breaks a limit of the Markdown; the caller then parses
// src in full.
func Rebody(d Doc, src []byte) Doc {
	old := d.Src()
	if CheckText(old.File, src) != nil {
		return nil
	}
	front, body, bodyLine, bad := Split(old.File, src)
	if bad != nil || front != old.Front || bodyLine != old.BodyLine || len(markdown.CheckLimits(body)) > 0 {
		return nil
	}
	s := *old
	s.Body, s.Sum = body, sha256.Sum256(src)
	switch d := d.(type) {
	case *Brief:
		c := *d
		c.Source = s
		return &c
	case *EventPage:
		c := *d
		c.Source = s
		return &c
	case *Page:
		c := *d
		c.Source = s
		return &c
	}
	return nil
}
