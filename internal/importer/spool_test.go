package importer

import (
	"bytes"
	"fmt"
	"os"
	"testing"
)

// TestSpool: every piece put comes back as it was, whether it is still
// in the buffer, in the file, or across the two; Close removes the file.
func TestSpool(t *testing.T) {
	var s spool
	var spans []span
	var want [][]byte
	for i := range 400 {
		n := i % 997
		if i%40 == 0 {
			n += spoolBuffer / 3
		}
		b := bytes.Repeat([]byte(fmt.Sprint(i%10)), n)
		sp, err := s.put(b)
		if err != nil {
			t.Fatal(err)
		}
		spans, want = append(spans, sp), append(want, b)
		if i%50 == 0 {
			// A read back while putting, as Plan does.
			if got, err := s.get(spans[i/2]); err != nil || !bytes.Equal(got, want[i/2]) {
				t.Fatalf("piece %d: %v", i/2, err)
			}
		}
	}
	if s.f == nil || s.flushed == 0 || len(s.pending) == 0 {
		t.Fatalf("the test should have both a file and a buffer: flushed %d, pending %d", s.flushed, len(s.pending))
	}
	for i, sp := range spans {
		got, err := s.get(sp)
		if err != nil || !bytes.Equal(got, want[i]) {
			t.Fatalf("piece %d (%+v): %v", i, sp, err)
		}
	}
	name := s.f.Name()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(name); !os.IsNotExist(err) {
		t.Errorf("%s is still there: %v", name, err)
	}
}

// TestSpoolFailure: a spool that cannot make its file says where, and the
// import stops.
func TestSpoolFailure(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir()+"/missing")
	var s spool
	_, err := s.put(make([]byte, spoolBuffer))
	if err == nil || !bytes.Contains([]byte(err.Error()), []byte("a temporary file for the releases read")) {
		t.Errorf("err %v", err)
	}
}
