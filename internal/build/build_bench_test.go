package build_test

import (
	"fmt"
	"io/fs"
	"testing"
	"testing/fstest"
	"time"

	"github.com/london-anchors/tenders"
	"github.com/london-anchors/tenders/internal/build"
	"github.com/london-anchors/tenders/internal/site"
	"github.com/london-anchors/tenders/internal/synth"
)

func synthFS(n int) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range synth.Site(n) {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	return fsys
}

// benchNow is late in the synthetic year, so most briefs are closed, as on a
// real site with an archive.
var benchNow = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

// BenchmarkBuild is the whole build in memory: check, lint and render.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("briefs=%d", n), func(b *testing.B) {
			fsys := synthFS(n)
			defaults := site.Defaults{Templates: tenders.Templates(), Static: tenders.Static()}
			b.ReportAllocs()
			for b.Loop() {
				if _, list := build.Build(fsys, defaults, build.Options{Now: benchNow}); list.Errors() > 0 {
					b.Fatal(list[:1])
				}
			}
			b.ReportMetric(b.Elapsed().Seconds()*1e6/float64(n*b.N), "µs/brief")
		})
	}
}

type discard struct{}

func (discard) Put(string, []byte) error { return nil }

// BenchmarkBuildStream is the whole build with every file thrown away as it
// is made: what the render costs without holding or writing the site.
func BenchmarkBuildStream(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("briefs=%d", n), func(b *testing.B) {
			fsys := synthFS(n)
			defaults := site.Defaults{Templates: tenders.Templates(), Static: tenders.Static()}
			b.ReportAllocs()
			for b.Loop() {
				if list := build.BuildTo(fsys, defaults, build.Options{Now: benchNow}, discard{}); list.Errors() > 0 {
					b.Fatal(list[:1])
				}
			}
			b.ReportMetric(b.Elapsed().Seconds()*1e6/float64(n*b.N), "µs/brief")
		})
	}
}

func briefsName(n int) string { return fmt.Sprintf("briefs=%d", n) }

func fsReadFile(name string) ([]byte, error) { return fs.ReadFile(tenders.Templates(), name) }
