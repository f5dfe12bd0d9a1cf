//go:build unix

package sitefs

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestRefusesSpecialFiles: a named pipe would make a read wait for ever;
// it is refused without being opened, and Check reports it.
func TestRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, plainSite)
	if err := syscall.Mkfifo(filepath.Join(dir, "static", "pipe"), 0o644); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	fsys := open(t, dir)
	if _, err := fs.ReadFile(fsys, "static/pipe"); !errors.Is(err, ErrSpecial) {
		t.Errorf("ReadFile of a named pipe: %v, want ErrSpecial", err)
	}
	list := Check(fsys)
	if len(list) != 1 || list[0].File != "static/pipe" || !strings.Contains(list[0].Message, "static/pipe is a named pipe") {
		t.Errorf("Check: %v", list)
	}
}
