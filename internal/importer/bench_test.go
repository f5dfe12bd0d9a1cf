package importer

import (
	"bytes"
	"runtime"
	"testing"

	"github.com/london-anchors/tenders/internal/ocdsread"
	"github.com/london-anchors/tenders/internal/synth"
)

// BenchmarkImport10k reads, compiles, maps and renders 10,000 releases
// (5,000 processes of a member, each a tender and, 5,000 releases later,
// an update), writing nothing: as one release package on one line, as the
// APIs send them, and as JSON Lines. It reports the heap that is live
// (after a collection) when every release is read, and when the plan is
// made; the source itself (4 MB) is in memory throughout.
func BenchmarkImport10k(b *testing.B) {
	for _, c := range []struct {
		name  string
		lines bool
	}{{"package", false}, {"jsonl", true}} {
		b.Run(c.name, func(b *testing.B) {
			var src bytes.Buffer
			if err := synth.Releases(&src, 10000, c.lines); err != nil {
				b.Fatal(err)
			}
			cfg := siteConfig(b)
			b.SetBytes(int64(src.Len()))
			var read, planned float64
			for b.Loop() {
				im := &Import{Config: cfg}
				if _, err := ocdsread.Read(bytes.NewReader(src.Bytes()), "bench.json", ocdsread.Options{Location: cfg.Location, Emit: im.Add}); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				read = max(read, liveMiB())
				b.StartTimer()
				plan, err := im.Plan(nil, map[string]bool{})
				if err != nil {
					b.Fatal(err)
				}
				if len(plan) != 5000 || plan[0].Outcome != New {
					b.Fatalf("plan of %d, first %+v", len(plan), plan[0])
				}
				b.StopTimer()
				planned = max(planned, liveMiB())
				b.StartTimer()
				runtime.KeepAlive(plan)
				im.Close()
			}
			b.ReportMetric(read, "MiB-live-read")
			b.ReportMetric(planned, "MiB-live-planned")
		})
	}
}

// liveMiB is the heap in use after a collection, in MiB: what the
// benchmark holds (with the source, which it keeps in memory to read).
func liveMiB() float64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return float64(ms.HeapAlloc) / (1 << 20)
}
