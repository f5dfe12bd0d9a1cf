package serve

import (
	"context"
	"slices"
	"testing"
	"testing/synctest"
	"time"
)

// TestDebounce runs the debouncer on a fake clock: a burst of events makes
// one batch once they pause; events far apart make a batch each; a burst
// that never pauses is cut at MaxWait.
func TestDebounce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		d := NewDebouncer(60 * time.Millisecond)
		go d.Run(ctx)

		start := time.Now()
		for _, p := range []string{"a.md", "a.md~", "b.md"} {
			d.In <- p
			time.Sleep(20 * time.Millisecond)
		}
		batch := <-d.Out
		if !slices.Equal(batch, []string{"a.md", "a.md~", "b.md"}) {
			t.Errorf("batch %v", batch)
		}
		// The last event came at 40ms; the batch waits 60ms of quiet.
		if took := time.Since(start); took != 100*time.Millisecond {
			t.Errorf("batch after %v, want 100ms", took)
		}
		synctest.Wait()
		select {
		case b := <-d.Out:
			t.Fatalf("a second batch for one burst: %v", b)
		default:
		}

		// Two events 200ms apart: two batches.
		d.In <- "c.md"
		time.Sleep(200 * time.Millisecond)
		d.In <- "d.md"
		if b1, b2 := <-d.Out, <-d.Out; !slices.Equal(b1, []string{"c.md"}) || !slices.Equal(b2, []string{"d.md"}) {
			t.Errorf("batches %v, %v", b1, b2)
		}

		// Events every 30ms for a second: cut at MaxWait (600ms).
		start = time.Now()
		stop, done := make(chan struct{}), make(chan struct{})
		go func() {
			defer close(done)
			for {
				select {
				case <-stop:
					return
				case d.In <- "e.md":
				}
				time.Sleep(30 * time.Millisecond)
			}
		}()
		<-d.Out
		if took := time.Since(start); took != 600*time.Millisecond {
			t.Errorf("a burst that never pauses was cut after %v, want 600ms", took)
		}
		close(stop)
		<-done
	})
}

func TestIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		"content/opportunities/a.md":      false,
		"content/opportunities/.a.md.swp": true,
		"content/opportunities/a.md~":     true,
		"content/opportunities/.#a.md":    true,
		"content/opportunities/4913":      true,
		"static/css/site.css":             false,
	} {
		if got := ignored(name); got != want {
			t.Errorf("ignored(%q) = %v, want %v", name, got, want)
		}
	}
}
