package brief

import (
	"context"
	"crypto/sha256"
	"io/fs"

	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/parallel"
)

// Store holds the parsed content files of one site, by path, and reads and
// parses a file again only when it may have changed: when its size or time
// differ from the last Update, and then only when its bytes do too. A
// one-off build uses a new Store; tenders serve keeps one between builds.
type Store struct {
	parser  *Parser
	inPlace *Parser // parser, padding each body in the bytes it read: a light store's
	entries map[string]*Entry

	// Light lets go of each brief's text once it is parsed (see
	// Source.Restore), and of each file's size and time: for a one-off
	// build, which reads each file again to render it, never for a store
	// kept between builds.
	Light bool
}

// Entry is one content file as the Store last read it.
type Entry struct {
	File File      // its path and kind, size and time
	Sum  [32]byte  // SHA-256 of its bytes
	Doc  Doc       // nil when it could not be read or decoded at all
	List diag.List // what is wrong with it on its own: validation
}

// Clean reports whether the file parsed without an error of its own.
func (e *Entry) Clean() bool { return e.Doc != nil && e.List.Errors() == 0 }

// Touch says the files at paths may have changed though their sizes and
// times are as before (a file copied over another with its time kept):
// the next Update reads them, and parses those whose bytes changed.
func (s *Store) Touch(paths []string) {
	for _, p := range paths {
		if e := s.entries[p]; e != nil {
			e.File.Info = nil
		}
	}
}

// NewStore makes an empty store that parses with p.
func NewStore(p *Parser) *Store {
	own := *p
	own.owned = true
	return &Store{parser: p, inPlace: &own, entries: map[string]*Entry{}}
}

// Update finds the site's content files and parses, in parallel, each that
// is new or changed since the last Update. It returns every entry in path
// order, and the problems of finding them (folders that are not read).
// When ctx ends first, it stops; the files it did not get to are read at
// the next Update.
func (s *Store) Update(ctx context.Context, fsys fs.FS) ([]*Entry, diag.List) {
	files, list := FindFiles(fsys)
	seen := make(map[string]bool, len(files))
	var stale []File
	for _, f := range files {
		seen[f.Path] = true
		if e := s.entries[f.Path]; e == nil || e.File.Kind != f.Kind || !sameInfo(e.File, f) {
			stale = append(stale, f)
		}
	}
	for path := range s.entries {
		if !seen[path] {
			delete(s.entries, path)
		}
	}
	fresh := make([]*Entry, len(stale))
	parallel.Each(ctx, len(stale), func(i int) { fresh[i] = s.read(fsys, stale[i]) })
	for _, e := range fresh {
		if e == nil {
			continue // ctx ended before it was read
		}
		if old := s.entries[e.File.Path]; old != nil && old.Sum == e.Sum && old.File.Kind == e.File.Kind {
			old.File = e.File // touched, not changed
			continue
		}
		s.entries[e.File.Path] = e
	}
	out := make([]*Entry, 0, len(files))
	for _, f := range files {
		if e := s.entries[f.Path]; e != nil {
			out = append(out, e)
		}
	}
	return out, list
}

// read reads and parses one file. A file whose bytes are those of the
// entry already held is not parsed again.
func (s *Store) read(fsys fs.FS, f File) *Entry {
	src, err := fs.ReadFile(fsys, f.Path)
	if err != nil {
		return &Entry{File: f, List: diag.List{{File: f.Path, Line: 1, Col: 1, Severity: diag.Error, Rule: "invalid", Message: "cannot read the file: " + err.Error()}}}
	}
	// Hashed first: the parse may write over src (Parser.owned).
	sum := sha256.Sum256(src)
	if old := s.entries[f.Path]; old != nil && old.File.Kind == f.Kind && sum == old.Sum {
		return &Entry{File: f, Sum: sum} // touched, not changed: not parsed again
	}
	// The bytes are the store's own: a light store lets the body go
	// soon after, so it may as well be padded in them (the front matter
	// with it); a store kept between builds holds a body in its own copy.
	parser := s.parser
	if s.Light {
		parser = s.inPlace
	}
	doc, list := parser.Parse(f.Kind, f.Path, src)
	if b, ok := doc.(*Brief); ok && s.Light {
		b.Lighten()
	}
	if s.Light {
		f.Info = nil // a light store is read once: no size or time is compared
	}
	return &Entry{File: f, Doc: doc, List: list, Sum: sum}
}

func sameInfo(a, b File) bool {
	if a.Info == nil || b.Info == nil {
		return false
	}
	return a.Info.Size() == b.Info.Size() && a.Info.ModTime().Equal(b.Info.ModTime())
}

// Gather puts the clean documents of entries into a Content and checks
// what no single file can: that references and slugs are unique. It
// returns every entry's own problems and those of the checks, sorted.
func Gather(entries []*Entry) (*Content, diag.List) {
	c := &Content{}
	var list diag.List
	for _, e := range entries {
		list = append(list, e.List...)
		if e.Clean() {
			c.Add(e.Doc)
		}
	}
	list = append(list, c.CrossCheck()...)
	list.Sort()
	return c, list
}
