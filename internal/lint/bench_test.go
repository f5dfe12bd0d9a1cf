package lint_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/lint"
	"github.com/london-anchors/tenders/internal/synth"
)

func loadSynth(b *testing.B, n int) (*lint.Engine, *brief.Content) {
	b.Helper()
	fsys := fstest.MapFS{}
	for name, data := range synth.Site(n) {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	cfg, list := config.Parse("site.toml", string(fsys["site.toml"].Data))
	if list.Errors() > 0 {
		b.Fatal(list)
	}
	content, list := (&brief.Parser{Config: cfg}).Load(context.Background(), fsys)
	if list.Errors() > 0 {
		b.Fatal(list[:1])
	}
	e, _ := lint.New(cfg)
	return e, content
}

// BenchmarkCheck lints N synthetic briefs of 300 to 900 words; it reports
// briefs a second of the clock, and of processor time (all cores).
func BenchmarkCheck(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("briefs=%d", n), func(b *testing.B) {
			e, content := loadSynth(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			cpu := cpuTime()
			for b.Loop() {
				e.Check(context.Background(), content.Docs())
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "briefs/s")
			if used := cpuTime() - cpu; used > 0 {
				b.ReportMetric(float64(n)*float64(b.N)/used.Seconds(), "briefs/cpu-s")
			}
		})
	}
}

// BenchmarkCheckLargeFile lints one Markdown body of about 1 MB.
func BenchmarkCheckLargeFile(b *testing.B) {
	_, data := synth.Brief(1)
	front, body, _ := strings.Cut(string(data[4:]), "\n+++\n")
	var big strings.Builder
	big.WriteString("+++\n" + front + "\n+++\n")
	for big.Len() < 1<<20-len(body) {
		big.WriteString(body)
	}
	src := []byte(big.String())
	cfg, _ := config.Parse("site.toml", string(synth.SiteTOML()))
	e, _ := lint.New(cfg)
	p := &brief.Parser{Config: cfg}
	br, list := p.Brief("content/opportunities/big.md", src)
	if list.Errors() > 0 {
		b.Fatal(list)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		e.CheckFile(br)
	}
}
