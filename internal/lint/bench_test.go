package lint_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/diag"
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

// TestWordsReused: the words of a file are split into a slice that is
// used again for the next file; a file's findings and scores are the same
// whichever files were linted before it, one at a time or side by side.
func TestWordsReused(t *testing.T) {
	fsys := fstest.MapFS{}
	jargon := []string{"We will leverage synergy going forward.", "Going forward, leverage it.", "Synergy matters."}
	i := 0
	for name, data := range synth.Site(40) {
		if strings.HasPrefix(name, "content/opportunities/") {
			// Words for the rules that read them, different in each file.
			data = append(data, "\n"+strings.Repeat(jargon[i%3]+" ", 1+i%4)+"\n"...)
			i++
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	cfg, _ := config.Parse("site.toml", string(fsys["site.toml"].Data))
	content, list := (&brief.Parser{Config: cfg}).Load(context.Background(), fsys)
	if list.Errors() > 0 {
		t.Fatal(list[:1])
	}
	e, _ := lint.New(cfg)
	docs := content.Docs()
	alone := make([]string, len(docs))
	for i, d := range docs {
		found, sum := e.CheckFile(d)
		alone[i] = fmt.Sprint(found, sum)
	}
	if !strings.Contains(strings.Join(alone, ""), "synergy") {
		t.Fatal("no jargon found: the test lints nothing that uses the words")
	}
	for i := len(docs) - 1; i >= 0; i-- { // the other way round
		if found, sum := e.CheckFile(docs[i]); fmt.Sprint(found, sum) != alone[i] {
			t.Errorf("%s: after the files after it, found\n%v %v\nwant\n%s", docs[i].Src().File, found, sum, alone[i])
		}
	}
	all, _ := e.Check(context.Background(), docs) // side by side
	var want diag.List
	for _, d := range docs {
		found, _ := e.CheckFile(d)
		want = append(want, found...)
	}
	want.Sort()
	if fmt.Sprint(all) != fmt.Sprint(want) {
		t.Error("linted side by side, the files' findings differ from one at a time")
	}
}
