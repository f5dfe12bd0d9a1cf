package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"sync"
	"time"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/site"
)

// Session rebuilds one site again and again, as tenders serve does: it
// keeps one pipeline, so only what a change touches is done again. A
// content file whose size and time (or, when those changed, bytes) are as
// before is not parsed again, its checks and lint are reused, and a brief
// whose page would come out the same is not rendered again (site.Cache).
// A change to site.toml starts afresh; one to a template, a static file,
// a plain page or an event changes the generation, so every page is made
// again. The output is always byte for byte what a full build would make.
type Session struct {
	mu       sync.Mutex
	p        *pipeline
	render   *site.Cache
	findings map[string]diag.List // the last build's findings, by file
	slugs    map[string]string    // the last build's briefs: slug to file
	files    int                  // how many files the last build made
}

// NewSession starts a session on the site in fsys.
func NewSession(fsys fs.FS, defaults site.Defaults, baseURL string) *Session {
	return &Session{p: newPipeline(fsys, defaults, baseURL), render: site.NewCache()}
}

// Build rebuilds the site at the clock now. It returns the output only when
// there is no finding at error level; the list holds every finding. The
// error is a failure to build, or ctx's when it ends first; the next Build
// redoes whatever this one left undone.
func (s *Session) Build(ctx context.Context, now time.Time) (site.Output, diag.List, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(site.Output, s.files)
	list, err := s.build(ctx, now, &mapSink{out: out})
	if err != nil || list.Errors() > 0 {
		return nil, list, err
	}
	s.files = len(out)
	return out, list, nil
}

// LiveSink is a folder a session keeps up to date (publish.Live): it holds
// the files of the last good build, and takes the next build's only when
// told to commit them.
type LiveSink interface {
	site.KeepSink
	Commit() error
	Abort()
}

// BuildInto is Build into a folder kept up to date, which then holds the
// build, and the session only what it needs to tell what changed: a site
// of 10,000 briefs is not held in memory. After a finding at error level
// or an error, the folder holds the last good build still, unless the
// error is the folder's own part way through its Commit (a disk failure),
// when it holds some of each until the next good build.
func (s *Session) BuildInto(ctx context.Context, now time.Time, sink LiveSink) (diag.List, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	list, err := s.build(ctx, now, sink)
	if err == nil && list.Errors() == 0 {
		if err = sink.Commit(); err == nil {
			s.render.Committed()
			return list, nil
		}
	}
	sink.Abort()
	s.render.Undo()
	return list, err
}

// build checks, lints and (when nothing is at error level) renders into
// sink. A brief whose lint is not kept is linted from the tree its page
// is rendered from, as in a one-off build, so the first build parses each
// body once, not twice; the rest are linted before the render, and after
// it whatever it did not lint: every such brief when a finding stops the
// build before the render, or the render stops before the briefs' pages;
// otherwise none, since a page's key holds its file's sum.
func (s *Session) build(ctx context.Context, now time.Time, sink site.Sink) (diag.List, error) {
	l, err := s.p.load(ctx)
	if err != nil {
		return nil, err
	}
	list := l.list
	if s.p.engine == nil { // site.toml is wrong: nothing else was read
		return s.finish(l, list, nil), nil
	}
	found, _, err := s.p.lint(ctx, l, s.p.hasLint)
	if err != nil {
		return nil, err
	}
	list = append(list, found...)
	var linted, rendered diag.List
	if list.Errors() == 0 {
		if linted, rendered, err = s.p.renderStage(ctx, l, now, sink, s.render, s.generation(l)); err != nil {
			return nil, err
		}
	}
	rest, _, err := s.p.lint(ctx, l, s.p.notLinted)
	if err != nil {
		return nil, err
	}
	return s.finish(l, append(append(list, linted...), rest...), rendered), nil
}

// finish remembers a build's findings in the content (remember) and
// returns them with the render's, sorted.
func (s *Session) finish(l *loaded, list, rendered diag.List) diag.List {
	s.remember(l, list)
	list = append(list, rendered...)
	list.Sort()
	return list
}

// Touch says that the site files at paths (from the site folder, with
// slashes) were changed, as a watcher saw: the next build reads them
// again even when their sizes and times are as before.
func (s *Session) Touch(paths []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.p.store != nil {
		s.p.store.Touch(paths)
	}
}

// remember keeps the findings of a build by file, and where each brief's
// page is, for the preview's panels.
func (s *Session) remember(l *loaded, list diag.List) {
	if s.findings == nil {
		s.findings, s.slugs = map[string]diag.List{}, map[string]string{}
	}
	clear(s.findings) // BriefFindings gave out the lists, never the maps
	clear(s.slugs)
	for _, d := range list {
		s.findings[d.File] = append(s.findings[d.File], d)
	}
	for _, e := range l.entries {
		if e.Doc != nil && e.File.Kind == brief.KindBrief {
			s.slugs[e.Doc.Src().Slug] = e.File.Path
		}
	}
}

// BriefFindings returns the last build's findings in each brief, by the
// brief's slug: the last part of its page's address, whatever its file is
// called (content/opportunities/Estate_Cleaning.md has estate-cleaning).
func (s *Session) BriefFindings() map[string]diag.List {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]diag.List, len(s.slugs))
	for slug, file := range s.slugs {
		if list := s.findings[file]; len(list) > 0 {
			out[slug] = list
		}
	}
	return out
}

// generation names everything besides a brief's own file that its page
// shows: site.toml, the plain pages and events (in the footer and the
// events lists), the templates and the static files.
func (s *Session) generation(l *loaded) string {
	gen := sha256.New()
	gen.Write(s.p.cfgSum[:])
	for _, e := range l.entries {
		if e.File.Kind != brief.KindBrief {
			fmt.Fprintf(gen, "%s %x\n", e.File.Path, e.Sum)
		}
	}
	hashTree(gen, sub(s.p.fsys, "templates"))
	hashTree(gen, sub(s.p.fsys, brief.StaticDir))
	return hex.EncodeToString(gen.Sum(nil))
}

// hashTree adds the name and the SHA-256 of every file under fsys to h:
// the contents, not sizes and times, since a file copied with its time
// kept (cp -p, rsync -t) may change and keep both, and what the
// generation names is kept until it changes. Templates and static files
// are few and small beside the briefs, and a render read them all anyway.
func hashTree(h interface{ Write([]byte) (int, error) }, fsys fs.FS) {
	_ = fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		f, err := fsys.Open(name)
		if err != nil {
			fmt.Fprintf(h, "%s unreadable\n", name) // the render reports it
			return nil
		}
		defer f.Close()
		sum := sha256.New()
		if _, err := io.Copy(sum, f); err != nil {
			fmt.Fprintf(h, "%s unreadable\n", name)
			return nil
		}
		fmt.Fprintf(h, "%s %x\n", name, sum.Sum(nil))
		return nil
	})
}
