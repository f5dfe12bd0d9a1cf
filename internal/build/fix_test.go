package build_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/london-anchors/tenders/internal/build"
)

// swaps is a sentence with three safe fixes, added to briefs for the fix
// test and benchmark.
const swaps = "\nWe will utilise the hall prior to May, in order to start.\n"

// withSwaps is the synthetic site of n briefs, each with swaps at the end.
func withSwaps(n int) fstest.MapFS {
	fsys := synthFS(n)
	for name, f := range fsys {
		if strings.HasPrefix(name, "content/opportunities/") {
			f.Data = append(f.Data, swaps...)
		}
	}
	return fsys
}

// TestFix: build.Fix changes only the files kept, makes every safe fix,
// and refuses a file that changed since it was checked.
func TestFix(t *testing.T) {
	fsys := withSwaps(20)
	ctx := context.Background()
	c, err := build.Check(ctx, fsys, "")
	if err != nil {
		t.Fatal(err)
	}
	var kept string
	for name := range fsys {
		if strings.HasPrefix(name, "content/opportunities/") {
			kept = name
			break
		}
	}
	fixed, err := build.Fix(ctx, fsys, c, func(f string) bool { return f == kept })
	if err != nil {
		t.Fatal(err)
	}
	if len(fixed) != 1 || fixed[0].File != kept || fixed[0].Fixes != 3 || !fixed[0].Done {
		t.Fatalf("got %+v; want 3 fixes in %s", fixed, kept)
	}
	if got := string(fixed[0].After); !strings.HasSuffix(got, "\nWe will use the hall before May, to start.\n") {
		t.Errorf("fixed to\n%s", got)
	}
	all, err := build.Fix(ctx, fsys, c, func(string) bool { return true })
	if err != nil || len(all) != 20 {
		t.Fatalf("got %d files, %v; want all 20 briefs", len(all), err)
	}
	// Refixed is what checking the fixed site again finds.
	for _, f := range all {
		fsys[f.File] = &fstest.MapFile{Data: f.After}
	}
	again, err := build.Check(ctx, fsys, "")
	if err != nil {
		t.Fatal(err)
	}
	re := build.Refixed(c, all)
	if !reflect.DeepEqual(re.List, again.List) || !slices.Equal(re.Summaries, again.Summaries) {
		t.Errorf("Refixed found\n%v\n%v\nchecking again found\n%v\n%v", re.List, re.Summaries, again.List, again.Summaries)
	}
	fsys[kept].Data = append(fsys[kept].Data, '\n')
	if _, err := build.Fix(ctx, fsys, c, func(f string) bool { return f == kept }); err == nil || !strings.Contains(err.Error(), kept+" changed") {
		t.Errorf("a file changed since the check: got %v", err)
	}
}

// BenchmarkFix is tenders check --fix without the writes: check the site,
// then work out every brief's fixes, three a brief.
func BenchmarkFix(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("briefs=%d", n), func(b *testing.B) {
			fsys := withSwaps(n)
			ctx := context.Background()
			for b.Loop() {
				c, err := build.Check(ctx, fsys, "")
				if err != nil {
					b.Fatal(err)
				}
				fixed, err := build.Fix(ctx, fsys, c, func(string) bool { return true })
				if err != nil || len(fixed) != n {
					b.Fatal(err, len(fixed))
				}
			}
			b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/op")
		})
	}
}
