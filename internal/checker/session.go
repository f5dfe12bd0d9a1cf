package checker

import (
	"encoding/json"
	"time"

	"github.com/london-anchors/tenders/internal/config"
)

// Session is what the browser calls: it checks a text against settings
// given as JSON, and keeps the checker of the last settings it was given.
type Session struct {
	settings string
	checker  *Checker
	err      string
}

// Run checks text with the settings (the JSON of config.Public) and
// returns the JSON of the Result, or of {"error": message} when the
// settings cannot be read.
func (s *Session) Run(text, settings string) []byte {
	if s.checker == nil || settings != s.settings {
		s.settings, s.checker, s.err = settings, nil, ""
		var pub config.Public
		if err := json.Unmarshal([]byte(settings), &pub); err != nil {
			s.err = "the site's checker settings cannot be read: " + err.Error()
		} else if cfg, err := pub.Restore(time.UTC); err != nil {
			s.err = "the site's checker settings are wrong: " + err.Error()
		} else {
			s.checker, _ = New(cfg)
		}
	}
	if s.err != "" {
		out, _ := json.Marshal(map[string]string{"error": s.err})
		return out
	}
	out, err := json.Marshal(s.checker.Check(text))
	if err != nil {
		out, _ = json.Marshal(map[string]string{"error": err.Error()})
	}
	return out
}
