package gcpace

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestLimit(t *testing.T) {
	const mb = 1 << 20
	for _, c := range []struct {
		other, live, floor uint64
		pct                int
		want               uint64
	}{
		{10 * mb, 20 * mb, 160 * mb, 50, 160 * mb},  // a small heap: the floor
		{10 * mb, 100 * mb, 160 * mb, 50, 160 * mb}, // 10 + 150 is the floor
		{10 * mb, 600 * mb, 160 * mb, 50, 910 * mb}, // a large heap: half again
		{0, 0, 0, 50, 0},
		{5 * mb, 200 * mb, 0, 100, 405 * mb},
	} {
		if got := Limit(c.other, c.live, c.floor, c.pct); got != c.want {
			t.Errorf("Limit(%d, %d, %d, %d) = %d MB, want %d MB", c.other/mb, c.live/mb, c.floor/mb, c.pct, got/mb, c.want/mb)
		}
	}
}

func percent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// TestStart: the limit starts at the floor, rises above a live heap
// larger than the floor after a collection, and stop puts back the limit
// and percentage as they were.
func TestStart(t *testing.T) {
	const floor = 32 << 20
	limit, pct := debug.SetMemoryLimit(-1), percent()
	stop := Start(floor, 50)
	defer stop()
	if got := debug.SetMemoryLimit(-1); got != floor {
		t.Errorf("limit at the start %d, want the floor %d", got, floor)
	}
	if percent() != -1 {
		t.Errorf("GOGC %d while paced, want off", percent())
	}
	live := make([][]byte, 96)
	for i := range live {
		live[i] = make([]byte, 1<<20)
		live[i][0] = 1
	}
	want := int64(96<<20) * 3 / 2
	deadline := time.Now().Add(5 * time.Second)
	for debug.SetMemoryLimit(-1) < want && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if got := debug.SetMemoryLimit(-1); got < want {
		t.Errorf("limit %d MB with 96 MB live, want at least %d MB", got>>20, want>>20)
	}
	runtime.KeepAlive(live)
	stop()
	if got := debug.SetMemoryLimit(-1); got != limit {
		t.Errorf("limit after stop %d, want %d", got, limit)
	}
	if got := percent(); got != pct {
		t.Errorf("GOGC after stop %d, want %d", got, pct)
	}
	runtime.GC()
	time.Sleep(20 * time.Millisecond)
	if got := debug.SetMemoryLimit(-1); got != limit {
		t.Errorf("limit changed after stop: %d", got)
	}
}

// TestStartTwice: two pacers stopped in the order they started leave the
// settings as they were before the first, not the first's.
func TestStartTwice(t *testing.T) {
	limit, pct := debug.SetMemoryLimit(-1), percent()
	stop1 := Start(32<<20, 50)
	stop2 := Start(48<<20, 50)
	stop1()
	if percent() != -1 {
		t.Error("the second pacer's collector was set back while it runs")
	}
	stop2()
	if got := debug.SetMemoryLimit(-1); got != limit {
		t.Errorf("limit after both stopped %d, want %d", got, limit)
	}
	if got := percent(); got != pct {
		t.Errorf("GOGC after both stopped %d, want %d", got, pct)
	}
}
