package build_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/build"
	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/lint"
	"github.com/london-anchors/tenders/internal/site"
)

// stopped reports whether list is the one finding of a stopped context.
func stopped(list diag.List) bool {
	return len(list) == 1 && list[0].Rule == "stopped" && list[0].Message == context.Canceled.Error() && list.Errors() == 1
}

// TestStoppedBeforeStart: every stage given a context already cancelled
// returns at once with the context's error, and does no work.
func TestStoppedBeforeStart(t *testing.T) {
	fsys := synthFS(200)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	cfg, _ := build.LoadConfig(fsys, "")
	content, list := (&brief.Parser{Config: cfg}).Load(ctx, fsys)
	if !stopped(list) || len(content.Briefs) != 0 {
		t.Errorf("Load: %d briefs, %v; want none and the context's error", len(content.Briefs), list)
	}
	full, _ := (&brief.Parser{Config: cfg}).Load(context.Background(), fsys)
	engine, _ := lint.New(cfg)
	if list, sums := engine.Check(ctx, full.Docs()); !stopped(list) || len(sums) != 0 {
		t.Errorf("Engine.Check: %d summaries, %v", len(sums), list)
	}
	var puts atomic.Int64
	sink := countSink{&puts}
	if _, err := site.Render(ctx, &site.Site{Config: cfg, Content: full, Now: benchNow, Templates: defaults.Templates, Static: defaults.Static}, sink); !errors.Is(err, context.Canceled) || puts.Load() != 0 {
		t.Errorf("Render: %d files, %v", puts.Load(), err)
	}
	if _, err := build.Check(ctx, fsys, ""); !errors.Is(err, context.Canceled) {
		t.Errorf("Check: %v", err)
	}
	if _, err := build.BuildTo(ctx, fsys, defaults, build.Options{Now: benchNow}, sink); !errors.Is(err, context.Canceled) || puts.Load() != 0 {
		t.Errorf("BuildTo: %d files, %v", puts.Load(), err)
	}
	if out, _, err := build.Build(ctx, fsys, defaults, build.Options{Now: benchNow}); out != nil || !errors.Is(err, context.Canceled) {
		t.Errorf("Build: %d files, %v", len(out), err)
	}
	s := build.NewSession(fsys, defaults, "")
	if out, _, err := s.Build(ctx, benchNow); out != nil || !errors.Is(err, context.Canceled) {
		t.Errorf("Session.Build: %d files, %v", len(out), err)
	}
	// A session stopped once builds in full the next time.
	if _, list, err := s.Build(context.Background(), benchNow); err != nil || list.Errors() > 0 {
		t.Errorf("Session.Build after a stop: %v %v", err, list)
	}
}

type countSink struct{ n *atomic.Int64 }

func (c countSink) Put(string, []byte) error { c.n.Add(1); return nil }

// cancelSink cancels the build at its nth file, and counts the files it
// gets after that.
type cancelSink struct {
	n      int64
	cancel context.CancelFunc
	puts   atomic.Int64
}

func (c *cancelSink) Put(string, []byte) error {
	if c.puts.Add(1) == c.n {
		c.cancel()
	}
	return nil
}

// TestStoppedMidBuild: a build cancelled part way through rendering stops
// within a few files per core, not at the end of the render.
func TestStoppedMidBuild(t *testing.T) {
	fsys := synthFS(400)
	var all atomic.Int64
	if list, err := build.BuildTo(context.Background(), fsys, defaults, build.Options{Now: benchNow}, countSink{&all}); err != nil || list.Errors() > 0 {
		t.Fatal(err, list)
	}
	for _, at := range []int64{1, 50, all.Load() / 2, all.Load() - 20} {
		ctx, cancel := context.WithCancel(context.Background())
		sink := &cancelSink{n: at, cancel: cancel}
		_, err := build.BuildTo(ctx, fsys, defaults, build.Options{Now: benchNow}, sink)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled at file %d of %d: %v", at, all.Load(), err)
		}
		after := sink.puts.Load() - at
		t.Logf("cancelled at file %d of %d: %d more files", at, all.Load(), after)
		if after > 64 {
			t.Errorf("cancelled at file %d of %d: %d more files were made", at, all.Load(), after)
		}
	}
}
