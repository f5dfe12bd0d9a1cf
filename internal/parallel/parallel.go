// Package parallel runs the same work over many items on every core: the
// one worker pool of tenders, used to read files, lint them and render
// pages.
package parallel

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls f(i) for every i from 0 to n-1, on as many goroutines as
// there are cores, each taking the next i when it is free. Once ctx is
// done no more calls start; Each returns when those running have ended.
// f must be safe to call from several goroutines at once; results belong
// in a slice indexed by i, so they come out in order whatever the
// scheduling.
func Each(ctx context.Context, n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			if ctx.Err() != nil {
				return
			}
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n || ctx.Err() != nil {
					return
				}
				f(i)
			}
		})
	}
	wg.Wait()
}
