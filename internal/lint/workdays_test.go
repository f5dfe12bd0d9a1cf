package lint

import (
	"math/rand/v2"
	"testing"
	"time"
)

// TestWorkingDays checks the constant-time count against counting day by
// day, for spans from none to a few years, and at the ends of the years
// a date may have.
func TestWorkingDays(t *testing.T) {
	slow := func(a, b time.Time) int {
		n := 0
		day := time.Date(a.Year(), a.Month(), a.Day(), 12, 0, 0, 0, time.UTC).AddDate(0, 0, 1)
		end := time.Date(b.Year(), b.Month(), b.Day(), 12, 0, 0, 0, time.UTC)
		for !day.After(end) {
			if wd := day.Weekday(); wd != time.Saturday && wd != time.Sunday {
				n++
			}
			day = day.AddDate(0, 0, 1)
		}
		return n
	}
	r := rand.New(rand.NewPCG(1, 2))
	base := time.Date(2026, 12, 1, 17, 0, 0, 0, time.UTC)
	for range 2000 {
		a := base.AddDate(0, 0, r.IntN(1000)-500)
		b := a.Add(time.Duration(r.IntN(24*1200)-24*20) * time.Hour)
		if got, want := workingDays(a, b), slow(a, b); got != want {
			t.Fatalf("workingDays(%v, %v) = %d, want %d", a, b, got, want)
		}
	}
	a := time.Date(1900, 1, 1, 9, 0, 0, 0, time.UTC)
	b := time.Date(2199, 12, 31, 9, 0, 0, 0, time.UTC)
	if got, want := workingDays(a, b), slow(a, b); got != want {
		t.Errorf("over three centuries: %d, want %d", got, want)
	}
}
