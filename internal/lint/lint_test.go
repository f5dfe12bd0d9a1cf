package lint_test

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/lint"
)

const defaultSiteTOML = `title = "Test site"
base_url = "https://example.org/opps/"
[buyers.camden]
name = "Camden"
kind = "council"
[topics.cleaning]
name = "Cleaning"
`

// wantRE finds expectations in test inputs: "want RULE@COL ..." inside an
// HTML comment in a body, or after # in front matter.
var wantRE = regexp.MustCompile(`(?:<!--|#)\s*want(?::(\d+))?((?:\s+[a-z-]+@\d+)+)\s*(?:-->)?`)

// check lints the site in an archive. Expectations are blanked out of the
// files (replaced by spaces) so they change no position.
func check(t *testing.T, ar *txtar.Archive) (diag.List, map[string]map[int][]string) {
	t.Helper()
	fsys := fstest.MapFS{}
	want := map[string]map[int][]string{}
	siteTOML := defaultSiteTOML
	for _, f := range ar.Files {
		if f.Name == "site.toml" {
			siteTOML = string(f.Data)
			continue
		}
		lines := strings.Split(string(f.Data), "\n")
		for i, line := range lines {
			for _, m := range wantRE.FindAllStringSubmatchIndex(line, -1) {
				if want[f.Name] == nil {
					want[f.Name] = map[int][]string{}
				}
				at := i + 1
				if m[2] >= 0 { // "want:N" names the line, for line 1, which must be exactly +++
					at, _ = strconv.Atoi(line[m[2]:m[3]])
				}
				want[f.Name][at] = append(want[f.Name][at], strings.Fields(line[m[4]:m[5]])...)
				lines[i] = line[:m[0]] + strings.Repeat(" ", m[1]-m[0]) + line[m[1]:]
				line = lines[i]
			}
		}
		fsys[f.Name] = &fstest.MapFile{Data: []byte(strings.Join(lines, "\n"))}
	}
	cfg, list := config.Parse("site.toml", siteTOML)
	if list.Errors() > 0 {
		t.Fatal(list)
	}
	e, elist := lint.New(cfg)
	if len(elist) > 0 {
		t.Fatal(elist)
	}
	content, clist := (&brief.Parser{Config: cfg}).Load(context.Background(), fsys)
	if clist.Errors() > 0 {
		t.Fatalf("fixture does not validate:\n%v", clist)
	}
	found, _ := e.Check(context.Background(), content.Docs())
	return found, want
}

// TestRules runs every archive in testdata/rules. Each offending line
// carries its expectations, "<!-- want jargon@12 -->" in a body or
// "# want payment-terms@1" in front matter: the rule and the column where
// the finding starts. "# want:1 value-missing@1" expects it on line 1. A finding nobody expected fails the test, and so
// does an expectation nothing met.
func TestRules(t *testing.T) {
	files, _ := filepath.Glob("testdata/rules/*.txtar")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	seenRules := map[string]bool{}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			found, want := check(t, ar)
			got := map[string]map[int][]string{}
			for _, d := range found {
				if got[d.File] == nil {
					got[d.File] = map[int][]string{}
				}
				got[d.File][d.Line] = append(got[d.File][d.Line], d.Rule+"@"+strconv.Itoa(d.Col))
				seenRules[d.Rule] = true
			}
			for _, f := range ar.Files {
				lines := map[int]bool{}
				for l := range got[f.Name] {
					lines[l] = true
				}
				for l := range want[f.Name] {
					lines[l] = true
				}
				for l := range lines {
					g, w := slices.Sorted(slices.Values(got[f.Name][l])), slices.Sorted(slices.Values(want[f.Name][l]))
					if !slices.Equal(g, w) {
						t.Errorf("%s:%d: got %v, want %v%s", f.Name, l, g, w, messages(found, f.Name, l))
					}
				}
			}
		})
	}
	for _, r := range lint.Rules() {
		if !seenRules[r.Name] {
			t.Errorf("no fixture makes rule %s fire", r.Name)
		}
	}
}

func messages(list diag.List, file string, line int) string {
	var b strings.Builder
	for _, d := range list {
		if d.File == file && d.Line == line {
			fmt.Fprintf(&b, "\n\t%d:%d %s: %s", d.Line, d.Col, d.Rule, d.Message)
		}
	}
	return b.String()
}

// TestOnce: by default a term is one finding a file, at its first use,
// with the other uses as its Also, in order, each with its own fix; the
// message says how many more and on which lines.
func TestOnce(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/rules/once.txtar")
	if err != nil {
		t.Fatal(err)
	}
	found, _ := check(t, ar)
	byTerm := map[string]diag.Diagnostic{}
	for _, d := range found {
		if d.Rule == "jargon" {
			if _, dup := byTerm[d.Term]; dup {
				t.Errorf("%q reported twice: %v", d.Term, d)
			}
			byTerm[d.Term] = d
		}
	}
	lot := byTerm["lot"]
	if lot.Line != 20 || len(lot.Also) != 14 || !strings.HasSuffix(lot.Message, " (and 14 more, lines 21–34)") {
		t.Errorf("lot: line %d, %d more, %q; want line 20, 14 more on lines 21–34", lot.Line, len(lot.Also), lot.Message)
	}
	for i, p := range lot.Also {
		if p.Line != 21+i || p.Col != 3 {
			t.Errorf("lot's use %d at %d:%d; want %d:3", i+2, p.Line, p.Col, 21+i)
		}
	}
	use := byTerm["utilise"]
	if use.Line != 7 || len(use.Also) != 2 || use.Also[1].Fix != "used" || !use.Also[1].Safe || !strings.HasSuffix(use.Message, " (and 2 more, lines 18–36)") {
		t.Errorf("utilise: %+v", use)
	}
}
