// Package gcpace paces the garbage collector of a one-off build. Go's
// collector runs when the heap has grown by GOGC percent of what was live
// after the last collection; a build of a large site keeps little alive
// and makes a great deal of garbage, so at a low percentage it collects
// hundreds of times while the heap is small, and at a high one its peak
// grows with the site. The pacer lets memory grow to a floor before the
// collector runs, and past it by the low percentage of the live heap:
// few collections while the live heap is small, the low percentage's
// peak when it is large.
//
// It does so with the memory limit, which counts all the memory the
// runtime holds, not with GOGC (which counts only the heap), so the
// floor is near the peak a process reaches: after each collection the
// limit is set again from what is live then, so it is never below it.
package gcpace

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// Limit is the memory limit after a collection that left live bytes of
// live heap and other bytes of memory besides the heap (stacks, the
// runtime's own): the two, with the heap grown by pct percent, or floor,
// whichever is more.
func Limit(other, live, floor uint64, pct int) uint64 {
	return max(floor, other+live+live*uint64(pct)/100)
}

// Start paces the collector with floor and pct (see Limit) until stop,
// which puts back the percentage and the limit as they were. The settings
// are the process's: of pacers started while another runs (two builds in
// one process, as in tests), the last one paces, and the settings are put
// back when all have stopped.
func Start(floor uint64, pct int) (stop func()) {
	running.Lock()
	defer running.Unlock()
	if running.n == 0 {
		running.wasLimit = debug.SetMemoryLimit(-1) // -1 reads it
		running.wasPercent = debug.SetGCPercent(-1)
	}
	running.n++
	p := &pacer{floor: floor, pct: pct, samples: []metrics.Sample{
		{Name: "/gc/heap/live:bytes"},
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/heap/unused:bytes"},
		{Name: "/memory/classes/heap/free:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
	}}
	debug.SetMemoryLimit(int64(floor))
	debug.SetGCPercent(-1)
	p.arm()
	return func() {
		p.mu.Lock()
		stopped := p.stopped
		p.stopped = true
		p.mu.Unlock()
		if stopped {
			return
		}
		running.Lock()
		defer running.Unlock()
		if running.n--; running.n == 0 {
			debug.SetGCPercent(running.wasPercent)
			debug.SetMemoryLimit(running.wasLimit)
		}
	}
}

// running counts the pacers started and not stopped, and keeps the
// settings from before the first.
var running struct {
	sync.Mutex
	n          int
	wasPercent int
	wasLimit   int64
}

type pacer struct {
	floor   uint64
	pct     int
	samples []metrics.Sample

	mu      sync.Mutex
	stopped bool // stop was called
}

// sentinel is garbage made for the collector to find: its finalizer runs
// after the collection that found it. It is larger than the tiny
// allocator's blocks, which may hold it alive with another object.
type sentinel struct {
	p *pacer
	_ [16]byte
}

func (p *pacer) arm() {
	runtime.SetFinalizer(&sentinel{p: p}, func(s *sentinel) { s.p.collected() })
}

// collected sets the limit from the memory held after the collection,
// and waits for the next one.
func (p *pacer) collected() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped {
		return
	}
	metrics.Read(p.samples)
	var v [6]uint64
	for i, s := range p.samples {
		if s.Value.Kind() != metrics.KindUint64 {
			return // not this runtime's metrics: the limit stays
		}
		v[i] = s.Value.Uint64()
	}
	live, other := v[0], v[1]-v[2]-v[3]-v[4]-v[5] // the heap's classes taken away
	debug.SetMemoryLimit(int64(Limit(other, live, p.floor, p.pct)))
	p.arm()
}
