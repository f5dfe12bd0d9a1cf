package site

import (
	"encoding/binary"
	"fmt"
	"html/template"
	"os"
	"strings"
	"sync"
)

// spill keeps what a one-off render makes of each brief for the files
// written after every brief's page (its card for the listings, its words
// for the search index) in a temporary file outside the site, so memory
// holds where each is rather than its bytes: at 100,000 briefs the cards
// alone are over 100 MB. The operating system's cache of the file keeps
// reading them back cheap. Writes are gathered into spillBuffer bytes, so
// a small site never makes the file. A render that keeps a Cache holds
// them in memory instead, for the next render.
//
// put and get may be called from several goroutines at once.
type spill struct {
	mu      sync.Mutex
	f       *os.File
	name    string // of f, for errors and for close
	flushed int64  // the bytes in the file
	pending []byte // the bytes after them, not written yet
	err     error  // the first failure: every put and get after it fails
}

// spillBuffer is how much a spill gathers before it writes: a variable
// so tests can make the file with a small site.
var spillBuffer = 1 << 20

// span is where one piece of a spill is.
type span struct {
	off int64
	n   int32
}

// put appends b to the spill.
func (s *spill) put(b []byte) (span, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return span{}, s.err
	}
	if len(b) > 1<<31-1 {
		return span{}, fmt.Errorf("a piece of %d bytes is too large for the temporary file", len(b))
	}
	sp := span{s.flushed + int64(len(s.pending)), int32(len(b))}
	s.pending = append(s.pending, b...)
	if len(s.pending) >= spillBuffer {
		s.err = s.flush()
	}
	return sp, s.err
}

// flush writes what is pending, making the file on the first call. The
// caller holds mu.
func (s *spill) flush() error {
	if s.f == nil {
		f, err := os.CreateTemp("", "tenders-build-*")
		if err != nil {
			return fmt.Errorf("cannot make a temporary file for the listings and the search index: %w", err)
		}
		s.f, s.name = f, f.Name()
		// Unlinked at once where the system allows it, so that a build
		// that is killed leaves nothing behind; elsewhere close removes it.
		if os.Remove(s.name) == nil {
			s.name = ""
		}
	}
	if _, err := s.f.WriteAt(s.pending, s.flushed); err != nil {
		return fmt.Errorf("cannot write the temporary file %s: %w", s.f.Name(), err)
	}
	s.flushed += int64(len(s.pending))
	s.pending = s.pending[:0]
	return nil
}

// get reads one piece back into buf's space, growing it as needed.
func (s *spill) get(sp span, buf []byte) ([]byte, error) {
	if cap(buf) < int(sp.n) {
		buf = make([]byte, sp.n)
	}
	buf = buf[:sp.n]
	s.mu.Lock()
	if s.err != nil {
		defer s.mu.Unlock()
		return nil, s.err
	}
	if sp.off >= s.flushed {
		copy(buf, s.pending[sp.off-s.flushed:])
		s.mu.Unlock()
		return buf, nil
	}
	f := s.f
	s.mu.Unlock()
	if _, err := f.ReadAt(buf, sp.off); err != nil {
		return nil, fmt.Errorf("cannot read the temporary file %s: %w", f.Name(), err)
	}
	return buf, nil
}

// close lets the file go and removes it if it is still there.
func (s *spill) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pending = nil
	if s.f == nil {
		return nil
	}
	err := s.f.Close()
	if s.name != "" {
		if rerr := os.Remove(s.name); err == nil {
			err = rerr
		}
	}
	s.f, s.name, s.flushed = nil, "", 0
	return err
}

// putParts appends pieces that are read back together, such as a card's
// parts between the places its root goes: their count and lengths, then
// their bytes.
func (s *spill) putParts(parts [][]byte) (span, error) {
	n := binary.MaxVarintLen64 * (len(parts) + 1)
	for _, p := range parts {
		n += len(p)
	}
	b := make([]byte, 0, n)
	b = binary.AppendUvarint(b, uint64(len(parts)))
	for _, p := range parts {
		b = binary.AppendUvarint(b, uint64(len(p)))
	}
	for _, p := range parts {
		b = append(b, p...)
	}
	return s.put(b)
}

// parts splits what putParts wrote, got back with get, into its pieces,
// which share b's bytes.
func parts(b []byte) ([][]byte, error) {
	count, k := binary.Uvarint(b)
	if k <= 0 || count > uint64(len(b)) {
		return nil, fmt.Errorf("the temporary file does not hold what was written to it")
	}
	b = b[k:]
	lens := make([]uint64, count)
	for i := range lens {
		if lens[i], k = binary.Uvarint(b); k <= 0 {
			return nil, fmt.Errorf("the temporary file does not hold what was written to it")
		}
		b = b[k:]
	}
	out := make([][]byte, count)
	for i, n := range lens {
		if n > uint64(len(b)) {
			return nil, fmt.Errorf("the temporary file does not hold what was written to it")
		}
		out[i], b = b[:n], b[n:]
	}
	return out, nil
}

// spillOpp moves a brief's card and words out of memory into the spill,
// once its page is written: the card's parts, then the words as one more
// part. A failure of the spill fails the render.
func (r *renderer) spillOpp(o *Opp) {
	if r.spill == nil {
		return
	}
	var err error
	o.spilled, err = r.spill.putParts(append(o.card, []byte(o.words)))
	o.card, o.words = nil, ""
	if err != nil {
		r.fail(err)
	}
}

// spilledParts reads back what spillOpp wrote of o into buf: the card's
// parts, then the words.
func (r *renderer) spilledParts(o *Opp, buf []byte) ([]byte, [][]byte, error) {
	buf, err := r.spill.get(o.spilled, buf)
	if err != nil {
		return buf, nil, err
	}
	ps, err := parts(buf)
	if err == nil && len(ps) == 0 {
		err = fmt.Errorf("the temporary file does not hold what was written to it")
	}
	return buf, ps, err
}

// wordsOf is a brief's words for the search index, from the spill if they
// went there.
func (r *renderer) wordsOf(o *Opp) string {
	if r.spill == nil {
		return o.words
	}
	var ps [][]byte
	var err error
	r.wordsBuf, ps, err = r.spilledParts(o, r.wordsBuf) // one index is made at a time
	if err != nil {
		r.fail(err)
		return ""
	}
	return string(ps[len(ps)-1])
}

// cards writes the cards of opps for a page whose root is root, each
// from the spill if it went there.
func (r *renderer) cards(root string, opps []*Opp) template.HTML {
	n := 0
	for _, o := range opps {
		n += int(o.spilled.n) + 2*len(root)
		for _, part := range o.card {
			n += len(part) + len(root)
		}
	}
	var b strings.Builder
	b.Grow(n)
	var buf []byte
	for _, o := range opps {
		card := o.card
		if card == nil && r.spill != nil {
			var ps [][]byte
			var err error
			if buf, ps, err = r.spilledParts(o, buf); err != nil {
				r.fail(err)
				return ""
			}
			card = ps[:len(ps)-1]
		}
		for i, part := range card {
			if i > 0 {
				b.WriteString(root)
			}
			b.Write(part)
		}
	}
	return template.HTML(b.String())
}

// fail records why the render cannot go on, if nothing did before.
func (r *renderer) fail(err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.failed == nil {
		r.failed = err
	}
}
