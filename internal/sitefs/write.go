package sitefs

import (
	"crypto/rand"
	"encoding/hex"
	"io/fs"
	"os"
	"path"
	"syscall"
)

// WriteFile replaces the plain file name with data, as tenders check --fix
// does: the new bytes go to a hidden file beside it, which is synced and
// then renamed over it, so a reader sees the old file or the new one,
// never half of one; the file keeps its permissions. Like a read, it
// refuses a link anywhere in the path, and a name that is not a plain file
// already.
func (f *FS) WriteFile(name string, data []byte) error {
	full, parent, info, done, err := f.lstat("write", name)
	if err != nil {
		return err
	}
	defer done()
	defer f.s.forgetLists() // the file's size and time change
	if err := plain(parent, full, info); err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return &fs.PathError{Op: "write", Path: full, Err: syscall.EISDIR}
	}
	var rnd [6]byte
	_, _ = rand.Read(rnd[:])
	base := path.Base(full)
	tmp := "." + base + ".tenders-" + hex.EncodeToString(rnd[:])
	file, err := parent.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, info.Mode().Perm())
	if err != nil {
		return pathError("write", full, err)
	}
	_, err = file.Write(data)
	if err == nil {
		err = file.Sync()
	}
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = parent.Chmod(tmp, info.Mode().Perm()) // the umask may have narrowed it
	}
	if err == nil {
		err = parent.Rename(tmp, base)
	}
	if err != nil {
		_ = parent.Remove(tmp)
		return pathError("write", full, err)
	}
	return nil
}
