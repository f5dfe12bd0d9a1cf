package importer

import (
	"strings"
	"testing"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/ocdsread"
)

// FuzzImport: whatever the releases hold, the import never panics; each
// brief it writes can be read back (its front matter is valid TOML of the
// brief's keys), its body holds no markup that was not escaped, and
// importing the same releases again over it changes nothing.
func FuzzImport(f *testing.F) {
	for _, name := range []string{"fts-uk4.json", "fts-uk4-update.json", "fts-uk6-award.json", "cf-older.json"} {
		f.Add(fixture(f, name))
	}
	f.Add(`{"ocid":"o","id":"1","date":"2026-01-01","parties":[{"id":"GB-LAE-CMD","roles":["buyer"]}],"tender":{"title":"\"]\n[x]","description":"<p>a<script>b</script></p>\u0000\u202e","value":{"amount":1e9999}}}`)
	f.Add(`{"ocid":"o","id":"1","date":"2026-01-01","parties":[{"id":"GB-LAE-CMD","roles":["buyer"]}],"tender":{"title":"T","items":[{"id":"1","deliveryLocation":{"geometry":{"type":"Point","coordinates":[51.545,-0.0553,1e9999]}},"deliveryLocations":[{"geometry":{"type":"Point","coordinates":[[0]]}}]}]}}`)
	cfg := siteConfig(f)
	f.Fuzz(func(t *testing.T, src string) {
		im := &Import{Config: cfg}
		defer im.Close()
		if _, err := ocdsread.Read(strings.NewReader(src), "in.json", ocdsread.Options{Location: cfg.Location, Emit: im.Add}); err != nil {
			return
		}
		plan, err := im.Plan(nil, map[string]bool{})
		if err != nil {
			t.Fatal(err)
		}
		p := &brief.Parser{Config: cfg}
		var existing []Existing
		for _, r := range plan {
			if r.Outcome != New {
				continue
			}
			data, err := r.Data()
			if err != nil {
				t.Fatal(err)
			}
			b, list := p.Brief(r.File, data)
			if b == nil || b.Imported == nil {
				t.Fatalf("%s cannot be read back: %v\n%s", r.File, list, data)
			}
			for _, d := range list {
				if d.Rule == "invalid" && strings.Contains(d.Message, "unknown key") {
					t.Errorf("%s: %s", r.File, d)
				}
			}
			body := bodyText(r.File, data)
			for i := strings.IndexByte(body, '<'); i >= 0; i = strings.IndexByte(body[i+1:], '<') + i + 1 {
				if i == 0 || body[i-1] != '\\' {
					t.Fatalf("unescaped < in the body:\n%s", body)
				}
				if strings.IndexByte(body[i+1:], '<') < 0 {
					break
				}
			}
			existing = append(existing, Existing{File: r.File, Src: data, Brief: b})
		}
		again := &Import{Config: cfg}
		defer again.Close()
		ocdsread.Read(strings.NewReader(src), "in.json", ocdsread.Options{Location: cfg.Location, Emit: again.Add})
		plan, err = again.Plan(existing, map[string]bool{})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range plan {
			if r.Outcome == New || r.Outcome == Updated || len(r.Conflicts) > 0 {
				t.Fatalf("a second import of the same releases did not leave %s (%s) alone: %+v", r.File, r.OCID, r)
			}
		}
	})
}
