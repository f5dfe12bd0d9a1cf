package ocdsread

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzRead: whatever the source, Read never panics; what it emits is a
// release with an ocid, an id, a date and valid UTF-8 JSON, at a place in
// the source; what stops it is a SourceError at a place in the source;
// and each release decodes and compiles without a panic.
func FuzzRead(f *testing.F) {
	for _, s := range []string{
		`{"version":"1.1","releases":[{"ocid":"o","id":"1","date":"2026-01-01T00:00:00Z","tender":{"title":"T"}}]}`,
		`{"records":[{"ocid":"o","releases":[{"url":"x"}],"compiledRelease":{"ocid":"o","id":"c","date":"2026-01-01"}}]}`,
		"{\"ocid\":\"o\",\"id\":1,\"date\":\"2026-01-01T00:00\"}\n{\"ocid\":\"o\",\"id\":2,\"date\":\"2026-01-02\"}\n",
		`[{"releases":[{"ocid":"o","id":"1","date":"2026-01-01","tender":{"value":{"amount":1e9999}}}]}]`,
		"{\"releases\":[{\"ocid\":\"o\",\"id\":\"\xe9\",\"date\":\"2026-01-01\"}]}",
		`{"version":"9","releases":[]}`, `{"releases":3}`, `[1]`, "{\"releases\":[\n{", `"x"`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		lines := strings.Count(src, "\n") + 1
		var rs []Release
		_, err := Read(strings.NewReader(src), "in.json", Options{
			Location: time.UTC,
			Emit:     func(r Release) error { rs = append(rs, r); return nil },
			Report: func(p Problem) {
				if p.Line < 1 || p.Line > lines || p.Msg == "" {
					t.Errorf("problem out of place: %+v", p)
				}
			},
		})
		var se *SourceError
		if err != nil && !errors.As(err, &se) {
			t.Fatalf("not a SourceError: %v", err)
		}
		if se != nil && (se.Line < 0 || se.Line > lines || se.Msg == "") {
			t.Errorf("source error out of place: %+v", se)
		}
		for _, r := range rs {
			if r.OCID == "" || r.ID == "" || r.Date.IsZero() || r.Line < 1 || r.Line > lines || r.Col < 1 {
				t.Errorf("bad release %+v", r)
			}
			if !utf8.Valid(r.Data) || !json.Valid(r.Data) {
				t.Errorf("release data is not valid UTF-8 JSON: %q", r.Data)
			}
			Decode(r.Data)
		}
		if len(rs) > 0 {
			if _, err := Compile(rs); err != nil {
				t.Errorf("compile: %v", err)
			}
		}
	})
}
