package parallel

import (
	"context"
	"sync/atomic"
	"testing"
)

func TestEach(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		seen := make([]atomic.Int32, n)
		Each(context.Background(), n, func(i int) { seen[i].Add(1) })
		for i := range seen {
			if got := seen[i].Load(); got != 1 {
				t.Fatalf("n=%d: item %d was done %d times", n, i, got)
			}
		}
	}
}

// TestEachStops: once the context is done, no more items start.
func TestEachStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var done atomic.Int32
	Each(ctx, 10000, func(i int) {
		if done.Add(1) == 10 {
			cancel()
		}
	})
	if got := done.Load(); got >= 100 {
		t.Errorf("%d items ran after the cancel at 10", got-10)
	}
	cancel()
	Each(ctx, 5, func(int) { t.Error("ran after the end of its context") })
}
