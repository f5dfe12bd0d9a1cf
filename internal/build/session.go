package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/lint"
	"github.com/london-anchors/tenders/internal/site"
	"github.com/london-anchors/tenders/internal/sitefs"
)

// Session rebuilds one site again and again, as tenders serve does, doing
// only the work a change needs: a content file whose size and time are as
// before is not read again, its checks and lint are reused, and a brief
// whose page would come out the same is not rendered again. A change to
// site.toml, a template, a static file or a plain page starts afresh. The
// output is always byte for byte what a full build would make.
type Session struct {
	fsys     fs.FS
	defaults site.Defaults
	baseURL  string

	mu       sync.Mutex
	cfgSum   [32]byte
	cfg      *config.Config
	cfgList  diag.List
	engine   *lint.Engine
	files    map[string]*cachedFile
	render   *site.Cache
	Findings map[string]diag.List // the last build's findings, by file
}

type cachedFile struct {
	size  int64
	mod   time.Time
	brief *brief.Brief
	event *brief.EventPage
	page  *brief.Page
	list  diag.List // validation and lint
}

// NewSession starts a session on the site in fsys.
func NewSession(fsys fs.FS, defaults site.Defaults, baseURL string) *Session {
	return &Session{fsys: fsys, defaults: defaults, baseURL: baseURL, render: site.NewCache()}
}

// Build rebuilds the site at the clock now. It returns the output only when
// there is no finding at error level; the list holds every finding. The
// error is a failure to build, or ctx's when it ends first; the next Build
// redoes whatever this one left undone.
func (s *Session) Build(ctx context.Context, now time.Time) (site.Output, diag.List, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	if links := sitefs.Check(s.fsys); len(links) > 0 {
		s.Findings = map[string]diag.List{}
		for _, d := range links {
			s.Findings[d.File] = append(s.Findings[d.File], d)
		}
		return nil, links, nil
	}
	src, err := fs.ReadFile(s.fsys, config.FileName)
	if err != nil || sha256.Sum256(src) != s.cfgSum || s.cfg == nil {
		s.cfg, s.cfgList = LoadConfig(s.fsys, s.baseURL)
		s.cfgSum = sha256.Sum256(src)
		s.files = map[string]*cachedFile{}
		s.engine = nil
		if s.cfgList.Errors() == 0 {
			var elist diag.List
			s.engine, elist = lint.New(s.cfg)
			s.cfgList = append(s.cfgList, elist...)
		}
	}
	list := slices.Clone(s.cfgList)
	if list.Errors() > 0 {
		return nil, list, nil
	}
	files, flist := brief.FindFiles(s.fsys)
	list = append(list, flist...)
	p := &brief.Parser{Config: s.cfg, Static: sub(s.fsys, brief.StaticDir)}
	seen := map[string]bool{}
	var stale []brief.File
	for _, f := range files {
		seen[f.Path] = true
		if c := s.files[f.Path]; c == nil || c.size != f.Info.Size() || !c.mod.Equal(f.Info.ModTime()) {
			stale = append(stale, f)
		}
	}
	for path := range s.files {
		if !seen[path] {
			delete(s.files, path)
		}
	}
	// Parse and lint what changed, in parallel.
	fresh := make([]*cachedFile, len(stale))
	var wg sync.WaitGroup
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, f := range stale {
		if ctx.Err() != nil {
			break
		}
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			if ctx.Err() != nil {
				return
			}
			c := &cachedFile{size: f.Info.Size(), mod: f.Info.ModTime()}
			c.brief, c.event, c.page, c.list = p.ParseFile(s.fsys, f)
			if c.list.Errors() == 0 {
				var src *brief.Source
				switch {
				case c.brief != nil:
					src = &c.brief.Source
				case c.event != nil:
					src = &c.event.Source
				case c.page != nil:
					src = &c.page.Source
				}
				found, _ := s.engine.CheckFile(src, c.brief, c.event)
				c.list = append(c.list, found...)
			}
			fresh[i] = c
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	for i, f := range stale {
		s.files[f.Path] = fresh[i]
	}
	content := &brief.Content{}
	// Plain pages and events show on other pages: a change to one of them
	// changes the generation, and every brief is rendered afresh.
	gen := sha256.New()
	gen.Write(s.cfgSum[:])
	for _, f := range files {
		c := s.files[f.Path]
		list = append(list, c.list...)
		content.Add(c.brief, c.event, c.page, c.list)
		if f.Kind != brief.KindBrief {
			fmt.Fprintf(gen, "%s %d %d\n", f.Path, c.size, c.mod.UnixNano())
		}
	}
	list = append(list, content.CrossCheck()...)
	templates := site.Overlay(sub(s.fsys, "templates"), s.defaults.Templates)
	static := site.Overlay(sub(s.fsys, brief.StaticDir), s.defaults.Static)
	hashTree(gen, sub(s.fsys, "templates"))
	hashTree(gen, sub(s.fsys, brief.StaticDir))
	s.Findings = map[string]diag.List{}
	for _, d := range list {
		s.Findings[d.File] = append(s.Findings[d.File], d)
	}
	if list.Errors() > 0 {
		list.Sort()
		return nil, list, nil
	}
	out := site.Output{}
	rlist, err := site.Render(ctx, &site.Site{
		Config:     s.cfg,
		Content:    content,
		Now:        now,
		Templates:  templates,
		Static:     static,
		Cache:      s.render,
		Generation: hex.EncodeToString(gen.Sum(nil)),
	}, &mapSink{out: out})
	if err != nil {
		return nil, nil, err
	}
	list = append(list, rlist...)
	list.Sort()
	if list.Errors() > 0 {
		return nil, list, nil
	}
	return out, list, nil
}

// hashTree adds the names, sizes and times of every file under fsys to h.
func hashTree(h interface{ Write([]byte) (int, error) }, fsys fs.FS) {
	_ = fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		if info, err := d.Info(); err == nil {
			fmt.Fprintf(h, "%s %d %d\n", name, info.Size(), info.ModTime().UnixNano())
		}
		return nil
	})
}
