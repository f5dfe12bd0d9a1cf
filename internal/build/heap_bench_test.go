package build

import (
	"context"
	"runtime"
	"testing"

	"testing/fstest"

	"github.com/london-anchors/tenders/internal/site"
	"github.com/london-anchors/tenders/internal/synth"
	"github.com/london-anchors/tenders/internal/theme"
)

// BenchmarkLoadHeap is the memory a one-off build holds for each brief
// once every brief is loaded and checked, with its text let go: what a
// build of 100,000 briefs carries into the render. It reports the live
// heap a brief after a collection, beside the usual figures.
func BenchmarkLoadHeap(b *testing.B) {
	const n = 5000
	fsys := fstest.MapFS{}
	for name, data := range synth.Site(n) {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	defaults := site.Defaults{Templates: theme.Templates(), Static: theme.Static()}
	var held uint64
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		p := newPipeline(fsys, defaults, "")
		p.light = true
		l, err := p.load(context.Background())
		if err != nil || l.list.Errors() > 0 {
			b.Fatal(err, l.list)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(l)
		held = after.HeapAlloc - before.HeapAlloc
	}
	b.ReportMetric(float64(held)/n, "heap-B/brief")
}
