package importer

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
)

// Existing reads the briefs of a site's opportunities folder, and the
// names taken there. A file that is not a plain file (a link, say) is
// left out, but its name stays taken.
func LoadExisting(root *os.Root, cfg *config.Config) ([]Existing, map[string]bool, error) {
	taken := map[string]bool{}
	entries, err := fs.ReadDir(root.FS(), brief.OpportunitiesDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, taken, nil
	}
	if err != nil {
		return nil, nil, err
	}
	p := &brief.Parser{Config: cfg}
	var out []Existing
	for _, e := range entries {
		name := path.Join(brief.OpportunitiesDir, e.Name())
		taken[strings.ToLower(name)] = true
		taken[name] = true
		if !e.Type().IsRegular() || !strings.HasSuffix(e.Name(), ".md") {
			continue
		}
		src, err := root.ReadFile(name)
		if err != nil {
			return nil, nil, err
		}
		b, _ := p.Brief(name, src)
		out = append(out, Existing{File: name, Src: src, Brief: b})
	}
	return out, taken, nil
}

// File is a file to write, by its path in the site.
type File struct {
	Path string
	Data []byte
	from *Result // a planned brief, its Data in the spool
}

func (f File) bytes() ([]byte, error) {
	if f.from != nil {
		return f.from.Data()
	}
	return f.Data, nil
}

// Write writes every new and updated brief of the plan into the site,
// and the extra files (site.toml with new buyers), whole: each goes to a temporary file beside its place first, and only
// when all are written are they renamed into place. On an error nothing
// of the plan is left behind (but a rename that already happened).
func Write(root *os.Root, plan []Result, extra ...File) error {
	var temps []string
	var dests []string
	cleanup := func() {
		for _, t := range temps {
			root.Remove(t)
		}
	}
	files := slices.Clone(extra)
	for i := range plan {
		if r := &plan[i]; r.data != nil && (r.Outcome == New || r.Outcome == Updated) {
			files = append(files, File{Path: r.File, from: r})
		}
	}
	for _, r := range files {
		if err := root.MkdirAll(path.Dir(r.Path), 0o755); err != nil {
			cleanup()
			return fmt.Errorf("%s: %w", path.Dir(r.Path), err)
		}
		data, err := r.bytes()
		if err != nil {
			cleanup()
			return err
		}
		tmp := path.Join(path.Dir(r.Path), ".import-"+path.Base(r.Path)+".tmp")
		if err := writeFile(root, tmp, data); err != nil {
			cleanup()
			return fmt.Errorf("%s: %w", r.Path, err)
		}
		temps = append(temps, tmp)
		dests = append(dests, r.Path)
	}
	for i, t := range temps {
		if err := root.Rename(t, dests[i]); err != nil {
			cleanup()
			return fmt.Errorf("%s: %w", dests[i], err)
		}
	}
	return nil
}

func writeFile(root *os.Root, name string, data []byte) error {
	f, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if serr := f.Sync(); err == nil {
		err = serr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
