package brief_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/diag"
)

var update = flag.Bool("update", false, "rewrite the want files of golden tests")

// defaultSiteTOML is the site.toml of a fixture that has none of its own.
const defaultSiteTOML = `title = "Test site"
base_url = "https://example.org/opps/"

[buyers.camden]
name = "London Borough of Camden"
kind = "council"

[buyers.hackney]
name = "Hackney Council"
kind = "council"

[topics.cleaning]
name = "Cleaning"

[topics.catering]
name = "Catering"
`

// load builds the site in an archive and returns every finding, one a line.
func load(t *testing.T, ar *txtar.Archive) string {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		if f.Name == "want" {
			continue
		}
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	siteTOML := defaultSiteTOML
	if f, ok := fsys["site.toml"]; ok {
		siteTOML = string(f.Data)
	}
	cfg, list := config.Parse("site.toml", siteTOML)
	if list.Errors() == 0 {
		static, _ := fsys.Sub("static")
		p := &brief.Parser{Config: cfg, Static: static}
		_, more := p.Load(context.Background(), fsys)
		list = append(list, more...)
	}
	list.Sort()
	return format(list)
}

func format(list diag.List) string {
	var b strings.Builder
	for _, d := range list {
		b.WriteString(d.String())
		if d.Severity != diag.Error {
			b.WriteString(" [" + d.Severity.String() + "]")
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// TestValidate runs every archive in testdata/validate: the files of a
// small site, and in "want" the exact findings, file:line:col: message.
// Run with -update to rewrite the want sections.
func TestValidate(t *testing.T) {
	files, _ := filepath.Glob("testdata/validate/*.txtar")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			got := load(t, ar)
			var want *txtar.File
			for i := range ar.Files {
				if ar.Files[i].Name == "want" {
					want = &ar.Files[i]
				}
			}
			if *update {
				if want == nil {
					ar.Files = append(ar.Files, txtar.File{Name: "want"})
					want = &ar.Files[len(ar.Files)-1]
				}
				want.Data = []byte(got)
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want == nil {
				t.Fatal("no want section; run go test -update")
			}
			if got != string(want.Data) {
				t.Errorf("findings differ\n--- got\n%s--- want\n%s", got, want.Data)
			}
		})
	}
}
