package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	"github.com/london-anchors/tenders/internal/ocdsread"
	"github.com/london-anchors/tenders/internal/portal"
)

// stateFile is where tenders import --from keeps, in the site folder, the
// time each portal was last walked up to, so the next walk goes on from
// there. It is JSON: {"fts": "2026-11-30T06:00:00Z", "cf": "..."}.
const stateFile = "import-state.json"

type walkState struct {
	path  string
	times map[string]time.Time
}

func loadState(root *os.Root) (*walkState, error) {
	s := &walkState{path: stateFile, times: map[string]time.Time{}}
	b, err := root.ReadFile(stateFile)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &s.times); err != nil {
		return nil, fmt.Errorf("%s is not what tenders import writes (%v); remove it, and give --since", stateFile, err)
	}
	return s, nil
}

// save writes the state whole, through a temporary file.
func (s *walkState) save(root *os.Root) error {
	b, err := json.MarshalIndent(s.times, "", "  ")
	if err != nil {
		return err
	}
	tmp := s.path + ".tmp"
	if err := root.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("%s: %w", tmp, err)
	}
	if err := root.Rename(tmp, s.path); err != nil {
		root.Remove(tmp)
		return fmt.Errorf("%s: %w", s.path, err)
	}
	return nil
}

// walk reads every release a portal published from --since (or where the
// last walk stopped) to --until (or now).
func (r *importRun) walk(ctx context.Context) (*walkState, error) {
	p, ok := portal.ByKey(r.flags.from)
	if !ok {
		return nil, fmt.Errorf("--from %q is not a portal; use fts (Find a Tender) or cf (Contracts Finder)", r.flags.from)
	}
	state, err := loadState(r.root)
	if err != nil {
		return nil, err
	}
	loc := r.im.Config.Location
	since, ok := state.times[p.Key]
	if r.flags.since != "" {
		if since, ok = ocdsread.ParseDate(r.flags.since, loc); !ok {
			return nil, fmt.Errorf("--since %q is not a date; write it as 2026-11-01 or 2026-11-01T09:00:00Z", r.flags.since)
		}
	} else if !ok {
		return nil, fmt.Errorf("%s holds no walk of %s yet: give --since, such as --since 2026-11-01", stateFile, p.Name)
	}
	until, err := r.flags.clock(r.e.getenv)
	if err != nil {
		return nil, err
	}
	if r.flags.until != "" {
		if until, ok = ocdsread.ParseDate(r.flags.until, loc); !ok {
			return nil, fmt.Errorf("--until %q is not a date; write it as 2026-11-08", r.flags.until)
		}
	}
	if r.flags.endpoint != "" {
		p.Endpoint = r.flags.endpoint
	}
	r.im.Publisher = p.Name
	w := &portal.Walker{Portal: p, Progress: func(pr portal.Progress) {
		if pr.Windows == 0 { // a wait
			fmt.Fprintf(r.e.stderr, "%s asked us to slow down: waiting %s\n", p.Name, pr.Waiting)
			return
		}
		fmt.Fprintf(r.e.stderr, "%s: window %d of %d, %s, %s read\n", p.Name, pr.Window, pr.Windows, plural(pr.Pages, "page"), plural(r.im.Releases(), "release"))
	}}
	err = w.Walk(ctx, since, until, func(address string, body io.Reader) (string, error) {
		r.sources++
		pkg, err := ocdsread.Read(body, address, r.opts())
		return pkg.Next, err
	})
	if err != nil {
		return nil, err
	}
	state.times[p.Key] = until.UTC()
	return state, nil
}
