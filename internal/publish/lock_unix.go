//go:build unix

package publish

import (
	"os"
	"syscall"
)

// canLock: builds lock their new folder's marker, so a live build can be
// told from one that was killed.
const canLock = true

// lockFile takes f's lock for this build, without waiting. The system
// lets go of it when the process ends, however it ends.
func lockFile(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}

// locked reports whether a build that is still running holds the lock of
// the file at name (or whether that cannot be known).
func locked(name string) bool {
	f, err := os.Open(name)
	if err != nil {
		return true
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		return true
	}
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return false
}
