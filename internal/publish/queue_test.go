package publish

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// TestQueueBytes: renderers that hand over large files faster than they
// are written wait, so the files waiting never come to more than
// queueBytes; a file larger than that alone still goes through.
func TestQueueBytes(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	p, err := NewPublisher(out)
	if err != nil {
		t.Fatal(err)
	}
	big := bytes.Repeat([]byte("x"), queueBytes/4+1)
	var wg sync.WaitGroup
	var mu sync.Mutex
	most := 0
	for w := range 3 {
		wg.Go(func() {
			for i := range 8 {
				if err := p.Put(fmt.Sprintf("w%d/%d.ics", w, i), big); err != nil {
					t.Error(err)
				}
				p.queuedMu.Lock()
				q := p.queued
				p.queuedMu.Unlock()
				mu.Lock()
				most = max(most, q)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if most > queueBytes {
		t.Errorf("%d bytes waited to be written; the bound is %d", most, queueBytes)
	}
	huge := bytes.Repeat([]byte("y"), 2*queueBytes)
	if err := p.Put("huge.json", huge); err != nil {
		t.Fatal(err)
	}
	if err := p.Commit(); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(filepath.Join(out, "huge.json")); err != nil || !bytes.Equal(got, huge) {
		t.Errorf("huge.json: %d bytes, %v", len(got), err)
	}
	if got, err := os.ReadFile(filepath.Join(out, "w2", "7.ics")); err != nil || !bytes.Equal(got, big) {
		t.Errorf("w2/7.ics: %d bytes, %v", len(got), err)
	}
}
