package build_test

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/build"
	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/publish"
	"github.com/london-anchors/tenders/internal/site"
	"github.com/london-anchors/tenders/internal/sitefs"
	"github.com/london-anchors/tenders/internal/synth"
	"github.com/london-anchors/tenders/internal/theme"
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
			defaults := site.Defaults{Templates: theme.Templates(), Static: theme.Static()}
			b.ReportAllocs()
			for b.Loop() {
				if _, list, err := build.Build(context.Background(), fsys, defaults, build.Options{Now: benchNow}); err != nil || list.Errors() > 0 {
					b.Fatal(err, list)
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
			defaults := site.Defaults{Templates: theme.Templates(), Static: theme.Static()}
			b.ReportAllocs()
			for b.Loop() {
				if list, err := build.BuildTo(context.Background(), fsys, defaults, build.Options{Now: benchNow}, discard{}); err != nil || list.Errors() > 0 {
					b.Fatal(err, list)
				}
			}
			b.ReportMetric(b.Elapsed().Seconds()*1e6/float64(n*b.N), "µs/brief")
		})
	}
}

func briefsName(n int) string { return fmt.Sprintf("briefs=%d", n) }

func fsReadFile(name string) ([]byte, error) { return fs.ReadFile(theme.Templates(), name) }

// BenchmarkParse reads, parses and validates N briefs: brief.Parser.Load.
func BenchmarkParse(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(briefsName(n), func(b *testing.B) {
			fsys := synthFS(n)
			cfg, _ := build.LoadConfig(fsys, "")
			p := &brief.Parser{Config: cfg}
			b.ReportAllocs()
			for b.Loop() {
				if _, list := p.Load(context.Background(), fsys); list.Errors() > 0 {
					b.Fatal(list[:1])
				}
			}
			b.ReportMetric(b.Elapsed().Seconds()*1e6/float64(n*b.N), "µs/brief")
		})
	}
}

// BenchmarkRender renders N checked briefs, throwing the files away: every
// page, listing, feed, calendar and data file, without lint or disk.
func BenchmarkRender(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(briefsName(n), func(b *testing.B) {
			fsys := synthFS(n)
			cfg, _ := build.LoadConfig(fsys, "")
			content, _ := (&brief.Parser{Config: cfg}).Load(context.Background(), fsys)
			b.ReportAllocs()
			for b.Loop() {
				// Render lets briefs' text go once their pages are made, and
				// reads them again from Sources; a new cache each time, so
				// every page is made.
				s := &site.Site{Config: cfg, Content: content, Now: benchNow, Templates: defaults.Templates, Static: defaults.Static,
					Cache: site.NewCache(), Generation: fmt.Sprint(b.N), Sources: fsys}
				if list, err := site.Render(context.Background(), s, discard{}); err != nil || list.Errors() > 0 {
					b.Fatal(err, list)
				}
			}
			b.ReportMetric(b.Elapsed().Seconds()*1e6/float64(n*b.N), "µs/brief")
		})
	}
}

// BenchmarkWrite publishes N brief pages of 10 KB, each in its own folder,
// through the atomic publisher: the cost of the disk.
func BenchmarkWrite(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(briefsName(n), func(b *testing.B) {
			page := bytes.Repeat([]byte("<p>Some text.</p>\n"), 560)
			dir := b.TempDir()
			i := 0
			for b.Loop() {
				i++
				p, err := publish.NewPublisher(filepath.Join(dir, fmt.Sprint("public-", i)))
				if err != nil {
					b.Fatal(err)
				}
				for j := range n {
					p.Put(fmt.Sprintf("opportunities/brief-%06d/index.html", j), page)
				}
				if err := p.Commit(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(b.Elapsed().Seconds()*1e6/float64(n*b.N), "µs/brief")
		})
	}
}

// BenchmarkCheck is tenders check on N briefs in memory: read, parse,
// validate and lint.
func BenchmarkCheck(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(briefsName(n), func(b *testing.B) {
			fsys := synthFS(n)
			b.ReportAllocs()
			for b.Loop() {
				if c, err := build.Check(context.Background(), fsys, ""); err != nil || c.List.Errors() > 0 {
					b.Fatal(err, c.List)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "briefs/s")
		})
	}
}

// BenchmarkReadDisk finds and reads (without parsing) N briefs from a
// folder on disk, one after another, as os.DirFS reads them and as the
// link-refusing sitefs.FS does, with and without sitefs.Check's walk: the
// cost of never following a link.
func BenchmarkReadDisk(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		dir := b.TempDir()
		for name, data := range synth.Site(n) {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				b.Fatal(err)
			}
		}
		for _, c := range []struct {
			name  string
			check bool
			open  func() (fs.FS, func())
		}{
			{"dirfs", false, func() (fs.FS, func()) { return os.DirFS(dir), func() {} }},
			{"sitefs", false, func() (fs.FS, func()) { f, _ := sitefs.Open(dir); return f, func() { f.Close() } }},
			{"sitefs+check", true, func() (fs.FS, func()) { f, _ := sitefs.Open(dir); return f, func() { f.Close() } }},
		} {
			b.Run(briefsName(n)+"/"+c.name, func(b *testing.B) {
				for b.Loop() {
					fsys, done := c.open()
					if c.check {
						if list := sitefs.Check(fsys); len(list) > 0 {
							b.Fatal(list[:1])
						}
					}
					files, list := brief.FindFiles(fsys)
					if len(list) > 0 || len(files) != n {
						b.Fatal(len(files), list)
					}
					for _, f := range files {
						if _, err := fs.ReadFile(fsys, f.Path); err != nil {
							b.Fatal(err)
						}
					}
					done()
				}
				b.ReportMetric(b.Elapsed().Seconds()*1e6/float64(n*b.N), "µs/brief")
			})
		}
	}
}

// BenchmarkPageWeight builds 10,000 briefs with the clock set before any of
// them closes, so that nearly all are open, and reports the size of the
// listings a phone loads first: the home page, /opportunities/ and the
// closed list, the largest page of any listing of opportunities, and the
// events page (not paged), in KB of HTML.
func BenchmarkPageWeight(b *testing.B) {
	fsys := synthFS(10000)
	defaults := site.Defaults{Templates: theme.Templates(), Static: theme.Static()}
	early := time.Date(2025, 12, 1, 9, 0, 0, 0, time.UTC)
	var out site.Output
	for b.Loop() {
		var list diag.List
		var err error
		if out, list, err = build.Build(context.Background(), fsys, defaults, build.Options{Now: early}); err != nil || list.Errors() > 0 {
			b.Fatal(err, list)
		}
	}
	open := bytes.Count(out["index.html"], []byte(`<li class="opp"`))
	largest := 0
	for name, data := range out {
		if strings.HasSuffix(name, ".html") && !strings.HasPrefix(name, "events/") && bytes.Contains(data, []byte(`<li class="opp"`)) {
			largest = max(largest, len(data))
		}
	}
	b.ReportMetric(float64(len(out["index.html"]))/1000, "home-KB")
	b.ReportMetric(float64(len(out["opportunities/index.html"]))/1000, "all-KB")
	b.ReportMetric(float64(len(out["opportunities/closed/index.html"]))/1000, "closed-KB")
	b.ReportMetric(float64(largest)/1000, "largest-listing-KB")
	b.ReportMetric(float64(len(out["events/index.html"]))/1000, "events-KB")
	b.ReportMetric(float64(open), "home-cards")
}
