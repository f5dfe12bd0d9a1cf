package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

// Publish writes out to dir atomically: every file goes into a new folder
// beside dir, and only when all are written is that folder swapped in. If
// anything fails, dir is left as it was. Files of an earlier build that out
// no longer has do not survive. Every write goes through an os.Root, so
// nothing can land outside the new folder whatever the paths say.
//
// Publish refuses to replace a folder that holds a site.toml or a .git
// folder: that is a site or a repository, not a build.
func Publish(dir string, out Output) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	for _, guard := range []string{"site.toml", ".git", "content"} {
		if _, err := os.Stat(filepath.Join(abs, guard)); err == nil {
			return fmt.Errorf("%s holds %s, so it looks like a site or a repository, not a build folder; choose another --out folder, such as public", dir, guard)
		}
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+".new-")
	if err != nil {
		return err
	}
	if err := writeAll(tmp, out); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	old := ""
	if _, err := os.Stat(abs); err == nil {
		old = tmp + ".old"
		if err := os.Rename(abs, old); err != nil {
			os.RemoveAll(tmp)
			return err
		}
	}
	if err := os.Rename(tmp, abs); err != nil {
		if old != "" {
			err = errors.Join(err, os.Rename(old, abs))
		}
		os.RemoveAll(tmp)
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

func writeAll(dir string, out Output) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	made := map[string]bool{".": true}
	for _, name := range out.Paths() {
		if !fs.ValidPath(name) {
			return fmt.Errorf("refusing to write %q: not a plain path inside the output folder", name)
		}
		if d := path.Dir(name); !made[d] {
			if err := root.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		if err := root.WriteFile(name, out[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}
