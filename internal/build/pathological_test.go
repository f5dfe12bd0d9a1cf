package build_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/london-anchors/tenders/internal/build"
	"github.com/london-anchors/tenders/internal/site"
	"github.com/london-anchors/tenders/internal/theme"
)

const hostileSite = `title = "Test site"
base_url = "https://example.org/opps/"
[buyers.camden]
name = "Camden"
kind = "council"
[topics.cleaning]
name = "Cleaning"
`

// hostileFront is the front matter of every pathological brief; a case
// adds its own keys before the closing +++.
const hostileFront = `+++
title = "Pathological"
reference = "P-1"
buyer = "camden"
published = 2026-11-02T09:00:00Z
deadline = 2026-12-18T12:00:00Z
summary = "We need cleaning."
category = "services"
topics = ["cleaning"]
apply_url = "https://example.org/bid"
[contact]
email = "a@camden.example"
`

// pathological are briefs built to find work that grows faster than the
// input, in our code or in a library's, each with whether it must be
// refused. None may take more than a fraction of a second per 100 KB.
func pathological() []struct {
	name    string
	src     string
	refused bool
} {
	body := func(s string) string { return hostileFront + "+++\n" + s }
	front := func(s string) string { return hostileFront + s + "\n+++\n" }
	var indent, rows, defs, keys strings.Builder
	for i := range 700 {
		indent.WriteString(strings.Repeat("  ", i%50) + "- x\n")
	}
	rows.WriteString("| a | b |\n|---|---|\n")
	for range 40000 {
		rows.WriteString("| |\n")
	}
	for i := range 10000 {
		fmt.Fprintf(&defs, "[l%d]: https://example.org/%d\n[l%d] ", i, i, i)
	}
	for i := range 4900 {
		fmt.Fprintf(&keys, "unknown%d = %d\n", i, i)
	}
	return []struct {
		name    string
		src     string
		refused bool
	}{
		{"baseline: a short brief", body("## What we need\n\nCleaning.\n"), false},
		{"equal headings", body(strings.Repeat("## a\n", 20000)), false},
		{"bare www links", body(strings.Repeat("www.a.example ", 20000)), false},
		{"bare e-mail addresses", body(strings.Repeat("a@b.example ", 20000)), false},
		{"list markers on one line", body(strings.Repeat("- ", 64000) + "x\n"), true},
		{"quote markers on one line", body(strings.Repeat(">", 64000) + "x\n"), true},
		{"deep indentation", body(indent.String()), false},
		{"too deep indentation", body(strings.Repeat(" ", 200) + "- x\n"), true},
		{"quotes on many lines", body(strings.Repeat(strings.Repeat("> ", 16)+"x\n", 5000)), false},
		{"wide table", body("|" + strings.Repeat(" a |", 5000) + "\n|" + strings.Repeat("-|", 5000) + "\n" + strings.Repeat("|\n", 20000)), true},
		{"long table", body(rows.String()), false},
		{"emphasis", body(strings.Repeat("*a **b ", 40000)), false},
		{"open brackets", body(strings.Repeat("[", 200000)), false},
		{"unclosed links", body(strings.Repeat("[a](", 50000)), true},
		{"unclosed images", body(strings.Repeat("![a](", 40000)), true},
		{"unclosed angle links", body(strings.Repeat("[a](<a ", 30000)), true},
		{"many links on many lines", body(strings.Repeat(strings.Repeat("[a](", 100)+"\n", 500)), false},
		{"backticks", body(strings.Repeat("`a ``b ", 30000)), false},
		{"reference links", body(defs.String()), false},
		{"entities", body(strings.Repeat("&amp; ", 100000)), false},
		{"one long sentence", body(strings.Repeat("word ", 150000)), false},
		{"one long word", body(strings.Repeat("a", 900000)), false},
		{"many lines", body(strings.Repeat("line\n", 150000)), false},
		{"findings", body(strings.Repeat("We will utilise the the ITT. ", 20000)), false},
		{"dotted key", front(strings.Repeat("a.", 100000) + "a = 1"), true},
		{"nested inline tables", front("x = " + strings.Repeat("{a=", 50000) + "1" + strings.Repeat("}", 50000)), true},
		{"nested arrays", front("x = " + strings.Repeat("[", 50000) + strings.Repeat("]", 50000)), true},
		{"unknown keys", front(keys.String()), true},
		{"repeated topics and boroughs", strings.Replace(hostileFront, `topics = ["cleaning"]`, `topics = [`+strings.Repeat(`"cleaning",`, 2000)+"]\nboroughs = ["+strings.Repeat(`"camden",`, 1000)+"]", 1) + "+++\n", true},
		{"long list", strings.Replace(hostileFront, `topics = ["cleaning"]`, `topics = ["cleaning"]`+"\ncpv = ["+strings.Repeat(`"90911200-8",`, 20000)+"]", 1) + "+++\n", true},
		{"far dates", strings.Replace(hostileFront, "2026-11-02T09:00:00Z", "0001-01-01T00:00:00Z", 1) + "questions_deadline = 1900-01-02T00:00:00Z\ncontract_end = 9999-12-31\n+++\n", true},
		{"three centuries of working days", strings.Replace(strings.Replace(strings.Replace(hostileFront, "2026-11-02T09:00:00Z", "1900-01-01T09:00:00Z", 1), "2026-12-18T12:00:00Z", "2199-12-18T12:00:00Z", 1), "[contact]", "questions_deadline = 1900-01-02T12:00:00Z\n[contact]", 1) + "+++\n", false},
	}
}

func hostileFS(src string) fstest.MapFS {
	return fstest.MapFS{"site.toml": {Data: []byte(hostileSite)}, "content/opportunities/p.md": {Data: []byte(src)}}
}

// TestPathological checks that each pathological brief is refused with a
// positioned error, or builds, as it should. BenchmarkPathological times
// them.
func TestPathological(t *testing.T) {
	defaults := site.Defaults{Templates: theme.Templates(), Static: theme.Static()}
	for _, c := range pathological() {
		t.Run(c.name, func(t *testing.T) {
			out, list, err := build.Build(t.Context(), hostileFS(c.src), defaults, build.Options{Now: benchNow})
			if err != nil {
				t.Fatal(err)
			}
			if c.refused {
				if list.Errors() == 0 {
					t.Fatalf("built; want it refused")
				}
				for _, d := range list {
					if d.Severity < 3 {
						continue
					}
					if d.File != "content/opportunities/p.md" || d.Line < 1 || d.Col < 1 {
						t.Errorf("refused without the brief's place: %v", d)
					}
				}
				return
			}
			if list.Errors() > 0 {
				t.Fatalf("refused: %v", list[:1])
			}
			size := 0
			for name, data := range out {
				if !strings.HasSuffix(name, ".wasm.gz") {
					size += len(data)
				}
			}
			// The site of an empty brief is about 200 KB, besides the
			// checker's module of /check/, which is the same for every
			// site: a brief may add some times its own size, never a
			// multiple of its square.
			if size > 1<<20+40*len(c.src) {
				t.Errorf("%d bytes in made %d bytes out", len(c.src), size)
			}
		})
	}
}

// BenchmarkPathological reports how long the check and the build of each
// pathological brief take, per 100 KB of brief. It asserts nothing about
// time: read the ns/100KB column. The first case, a short brief, is the
// cost of checking and building a one-brief site at all (about 200 files),
// which the small cases are mostly made of.
func BenchmarkPathological(b *testing.B) {
	defaults := site.Defaults{Templates: theme.Templates(), Static: theme.Static()}
	for _, c := range pathological() {
		fsys := hostileFS(c.src)
		b.Run(strings.ReplaceAll(c.name, " ", "-"), func(b *testing.B) {
			start := time.Now()
			for b.Loop() {
				build.Check(b.Context(), fsys, "")
				build.Build(b.Context(), fsys, defaults, build.Options{Now: benchNow})
			}
			per := time.Since(start) / time.Duration(b.N)
			b.ReportMetric(float64(per.Nanoseconds())*1e5/float64(len(c.src)), "ns/100KB")
			b.ReportMetric(float64(len(c.src)), "bytes")
		})
	}
}
