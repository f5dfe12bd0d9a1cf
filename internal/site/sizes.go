package site

import (
	"sync"
	"sync/atomic"
)

// sizes remembers how large each template's pages come out, so that the
// buffer of the next page is made about the right size at once instead of
// doubling its way up to it: at 10,000 briefs that was a third of all the
// bytes a build allocated.
type sizes struct {
	m sync.Map // template name -> *atomic.Int64
}

// hint is the size to make a buffer for the next page of name: a little
// more than the last one.
func (s *sizes) hint(name string) int {
	if v, ok := s.m.Load(name); ok {
		n := v.(*atomic.Int64).Load()
		return int(n + n/8)
	}
	return 0
}

// saw records the size of a page of name just made.
func (s *sizes) saw(name string, n int) {
	v, ok := s.m.Load(name)
	if !ok {
		v, _ = s.m.LoadOrStore(name, new(atomic.Int64))
	}
	v.(*atomic.Int64).Store(int64(n))
}
