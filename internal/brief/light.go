package brief

import (
	"crypto/sha256"
	"io/fs"

	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/tomldec"
)

// A one-off build reads every brief before it renders any, since listings
// and cross-file checks need them all; holding every body and front matter
// from the first read to the page would keep the whole site's text in
// memory at once (half the peak at 10,000 briefs). So a light Store lets a
// brief's text go once it is parsed and checked, keeping the positions the
// cross-file checks report, and the render reads the file again, just
// before the brief's page, with Restore.

// Lighten lets go of the front matter's text, the body and the keys'
// positions, keeping those of reference and aliases, which the checks
// across files and of aliases still report (Pos): a light store does so
// once a brief is checked, and a render again once its page is made.
func (s *Source) Lighten() {
	s.refPos, s.aliasesPos = s.Keys.Pos("reference"), s.Keys.Pos("aliases")
	s.Front, s.Body, s.Keys, s.light = "", nil, nil, true
}

// Pos is where the key path was written (tomldec.Keys.Pos); of a light
// source, only reference and aliases are known.
func (s *Source) Pos(path string) tomldec.Pos {
	if s.light {
		switch path {
		case "reference":
			return s.refPos
		case "aliases":
			return s.aliasesPos
		}
		return tomldec.Pos{}
	}
	return s.Keys.Pos(path)
}

// Light reports whether the source's text was let go: Restore brings it
// back.
func (s *Source) Light() bool { return s.light }

// Restore reads a light source's file from fsys again, the site folder it
// was first read from, and brings back its front matter, body and keys'
// positions. A file whose bytes are no longer those first read is an
// error: the site changed while it was being built. A source that is not
// light is left as it is.
func (s *Source) Restore(fsys fs.FS) *diag.Diagnostic {
	if !s.light {
		return nil
	}
	bad := func(msg string) *diag.Diagnostic {
		return &diag.Diagnostic{File: s.File, Line: 1, Col: 1, Severity: diag.Error, Rule: "invalid", Message: msg}
	}
	if fsys == nil {
		return bad("cannot read the file again to render it: no site folder was given")
	}
	src, err := fs.ReadFile(fsys, s.File)
	if err != nil {
		return bad("cannot read the file again to render it: " + err.Error())
	}
	if sha256.Sum256(src) != s.Sum {
		return bad("the file changed while the site was being built; build again")
	}
	front, body, _, d := split(s.File, src, true)
	if d != nil {
		return d // it was split once: only a change could do this, and the sum rules that out
	}
	keys, p := tomldec.ScanKeys(front)
	if p != nil {
		return bad("cannot read the front matter again: " + p.Msg)
	}
	for k, pos := range keys {
		pos.Line++ // the front matter starts on the file's line 2
		keys[k] = pos
	}
	s.Front, s.Body, s.Keys, s.light = front, body, keys, false
	s.refPos, s.aliasesPos = tomldec.Pos{}, tomldec.Pos{} // Keys has them again
	return nil
}
