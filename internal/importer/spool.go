package importer

import (
	"fmt"
	"os"
)

// spool keeps bytes the import needs again later (each release as read,
// each brief as planned) in a temporary file outside the site, so that
// memory holds only where each is: an import of a million releases holds
// their places, not their text. Writes are gathered into a buffer of
// spoolBuffer bytes, so a release costs no system call of its own. The
// file is removed by Close.
type spool struct {
	f       *os.File
	flushed int64  // the bytes in the file
	pending []byte // the bytes after them, not written yet
}

// spoolBuffer is how much a spool gathers before it writes.
const spoolBuffer = 1 << 20

// span is where one piece of a spool is.
type span struct{ off, n int64 }

// put appends b to the spool.
func (s *spool) put(b []byte) (span, error) {
	sp := span{s.flushed + int64(len(s.pending)), int64(len(b))}
	s.pending = append(s.pending, b...)
	if len(s.pending) >= spoolBuffer {
		if err := s.flush(); err != nil {
			return span{}, err
		}
	}
	return sp, nil
}

// flush writes what is pending, making the file on the first call.
func (s *spool) flush() error {
	if s.f == nil {
		f, err := os.CreateTemp("", "tenders-import-*")
		if err != nil {
			return fmt.Errorf("a temporary file for the releases read: %w", err)
		}
		s.f = f
	}
	if _, err := s.f.WriteAt(s.pending, s.flushed); err != nil {
		return fmt.Errorf("%s: %w", s.f.Name(), err)
	}
	s.flushed += int64(len(s.pending))
	s.pending = s.pending[:0]
	return nil
}

// get reads one piece back.
func (s *spool) get(sp span) ([]byte, error) {
	b := make([]byte, sp.n)
	if sp.off >= s.flushed {
		copy(b, s.pending[sp.off-s.flushed:])
		return b, nil
	}
	if _, err := s.f.ReadAt(b, sp.off); err != nil {
		return nil, fmt.Errorf("%s: %w", s.f.Name(), err)
	}
	return b, nil
}

// Close removes the spool's file.
func (s *spool) Close() error {
	s.pending = nil
	if s.f == nil {
		return nil
	}
	name := s.f.Name()
	err := s.f.Close()
	if rerr := os.Remove(name); err == nil {
		err = rerr
	}
	s.f, s.flushed = nil, 0
	return err
}
