package build_test

import (
	"bytes"
	"context"
	"sync"
	"testing"

	"github.com/london-anchors/tenders/internal/build"
	"github.com/london-anchors/tenders/internal/site"
)

// releasingSink is a site.ReleaseSink that gives every other file's bytes
// back at once, so the render makes its next pages in them, and holds the
// rest to the end, when they must be as they were put.
type releasingSink struct {
	mu       sync.Mutex
	out      site.Output       // a copy of each file as it was put
	held     map[string][]byte // the bytes of the files not given back
	released int
}

func (s *releasingSink) Put(name string, data []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.out[name] = bytes.Clone(data)
	return nil
}

func (s *releasingSink) PutRelease(name string, data []byte, release func()) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.out[name] = bytes.Clone(data)
	if len(s.out)%2 == 0 {
		s.released++
		release()
		return nil
	}
	s.held[name] = data
	return nil
}

// TestBuildReusesReleasedBuffers: a one-off build into a sink that says
// when it is done with a file's bytes makes later pages in them, and never
// touches bytes it was not given back; the site is a build's in memory.
func TestBuildReusesReleasedBuffers(t *testing.T) {
	fsys := synthFS(120)
	sink := &releasingSink{out: site.Output{}, held: map[string][]byte{}}
	list, err := build.BuildTo(context.Background(), fsys, defaults, build.Options{Now: benchNow}, sink)
	if err != nil || list.Errors() > 0 {
		t.Fatal(err, list)
	}
	if sink.released < 100 {
		t.Fatalf("%d files given back; want the briefs' pages and listings at least", sink.released)
	}
	for name, data := range sink.held {
		if !bytes.Equal(data, sink.out[name]) {
			t.Errorf("%s changed after it was put, before it was given back", name)
		}
	}
	want, _, err := build.Build(context.Background(), fsys, defaults, build.Options{Now: benchNow})
	if err != nil {
		t.Fatal(err)
	}
	sameOutput(t, "released buffers", sink.out, want)
}
