//go:build unix

package lint_test

import (
	"syscall"
	"time"
)

// cpuTime is the processor time the process has used so far, user and
// system: on a machine shared with other work, briefs per processor
// second is steadier than briefs per second of the clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
