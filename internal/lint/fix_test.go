package lint_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/lint"
	"github.com/london-anchors/tenders/internal/markdown"
)

var update = flag.Bool("update", false, "rewrite want.md in testdata/fix")

// TestSafeSwaps holds the list of automatic fixes to the word list: each
// is an entry with a replacement, its first alternative, and no form of a
// replacement is itself on the list.
func TestSafeSwaps(t *testing.T) {
	entries := map[string]lint.Word{}
	for _, w := range lint.Words {
		entries[w.Phrase] = w
	}
	for phrase, forms := range lint.SafeSwaps {
		w, ok := entries[phrase]
		switch {
		case !ok:
			t.Errorf("%q is not an entry of the word list", phrase)
			continue
		case w.Explain:
			t.Errorf("%q needs explaining; it has no replacement", phrase)
		case len(forms) != 1 && len(forms) != 4:
			t.Errorf("%q: %d forms; want the word alone, or four forms of a verb", phrase, len(forms))
		}
		if first, _, _ := strings.Cut(w.Plain, ","); forms[0] != first {
			t.Errorf("%q is replaced by %q, but its entry suggests %q first", phrase, forms[0], first)
		}
		for _, f := range forms {
			if _, ok := entries[f]; ok {
				t.Errorf("%q: its replacement %q is on the list itself", phrase, f)
			}
		}
	}
}

// fixEnv is an engine and a parser for the default test site.
func fixEnv(t testing.TB) (*lint.Engine, func([]byte) brief.Doc) {
	cfg, list := config.Parse("site.toml", defaultSiteTOML)
	if list.Errors() > 0 {
		t.Fatal(list)
	}
	e, _ := lint.New(cfg)
	p := &brief.Parser{Config: cfg}
	return e, func(src []byte) brief.Doc {
		b, list := p.Brief("content/opportunities/fix.md", src)
		if b == nil || list.Errors() > 0 {
			return nil
		}
		return b
	}
}

// TestFix runs the archives of testdata/fix: in.md fixed must be want.md
// (go test -run TestFix -update rewrites it), and fixing that again must
// change nothing.
func TestFix(t *testing.T) {
	files, _ := filepath.Glob("testdata/fix/*.txtar")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	e, parse := fixEnv(t)
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var in []byte
			wantAt := -1
			for i, f := range ar.Files {
				switch f.Name {
				case "in.md":
					in = f.Data
				case "want.md":
					wantAt = i
				}
			}
			d := parse(in)
			if d == nil || wantAt < 0 {
				t.Fatal("want in.md that parses cleanly, and want.md")
			}
			r := e.Fix(d, in, nil, parse)
			got, n := r.Src, r.Fixes
			if !r.Done {
				t.Errorf("safe fixes are left after %d rounds", lint.MaxFixRounds)
			}
			if *update {
				ar.Files[wantAt].Data = got
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want := ar.Files[wantAt].Data; !bytes.Equal(got, want) {
				t.Errorf("%d fixes; got\n%s\nwant\n%s", n, got, want)
			}
			if again := e.Fix(parse(got), got, nil, parse); again.Fixes != 0 || !bytes.Equal(again.Src, got) {
				t.Errorf("fixing again made %d more fixes:\n%s", again.Fixes, again.Src)
			}
		})
	}
}

// TestApplyFixes covers the edits themselves: columns in characters,
// CRLF line ends, and findings that are stale or overlap.
func TestApplyFixes(t *testing.T) {
	safe := func(line, col, end int, fix string) diag.Diagnostic {
		return diag.Diagnostic{Line: line, Col: col, EndLine: line, EndCol: end, Fix: fix, Safe: true}
	}
	for _, tc := range []struct {
		name, src string
		list      []diag.Diagnostic
		want      string
		n         int
	}{
		{"characters", "+++\n£5 café utilise x\n", []diag.Diagnostic{safe(2, 9, 16, "use")}, "+++\n£5 café use x\n", 1},
		{"crlf", "+++\r\nutilise\r\nutilise\r\n", []diag.Diagnostic{safe(2, 1, 8, "use"), safe(3, 1, 8, "use")}, "+++\r\nuse\r\nuse\r\n", 2},
		{"not safe", "+++\nutilise\n", []diag.Diagnostic{{Line: 2, Col: 1, EndLine: 2, EndCol: 8, Fix: "use"}}, "+++\nutilise\n", 0},
		{"past the line", "+++\nab\ncd\n", []diag.Diagnostic{safe(2, 1, 6, "x")}, "+++\nab\ncd\n", 0},
		{"past the file", "+++\nab", []diag.Diagnostic{safe(9, 1, 2, "x")}, "+++\nab", 0},
		{"line 1", "+++\n", []diag.Diagnostic{safe(1, 1, 2, "x")}, "+++\n", 0},
		{"overlap", "+++\nabcdef\n", []diag.Diagnostic{safe(2, 3, 6, "Y"), safe(2, 1, 4, "X")}, "+++\nXdef\n", 1},
		{"two lines", "+++\nab\ncd\n", []diag.Diagnostic{{Line: 2, Col: 1, EndLine: 3, EndCol: 2, Fix: "x", Safe: true}}, "+++\nab\ncd\n", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, n := lint.ApplyFixes([]byte(tc.src), tc.list)
			if string(got) != tc.want || n != tc.n {
				t.Errorf("got %q (%d fixes), want %q (%d)", got, n, tc.want, tc.n)
			}
		})
	}
}

// FuzzFix fixes arbitrary bodies (the front matter's summary always has
// one fix): the result must parse cleanly, with the same keys at the same
// places and the same Markdown structure, and fixing again must change
// nothing.
func FuzzFix(f *testing.F) {
	for _, seed := range []string{
		"## What we need\n\nWe will utilise the hall prior to May, in order to bid.\n",
		"- Utilise [in order to](x) `utilise` *prior* to\n- UTILISED, commencing\n",
		"| Whilst | Prior to May |\n|---|---|\n| numerous | in lieu of |\n",
		"In order in order in order in order in order to to to to to\n",
		"Setext\nutilise\n======\n\n> whilst\n> in order\n> to\n",
		"foo_utilise_bar *utilise*utilise** in_order_to\n",
	} {
		f.Add(seed)
	}
	e, parse := fixEnv(f)
	md := markdown.New(nil)
	f.Fuzz(func(t *testing.T, body string) {
		src := []byte(fuzzFront + body)
		d := parse(src)
		if d == nil {
			return
		}
		r := e.Fix(d, src, nil, parse)
		got, n := r.Src, r.Fixes
		if n == 0 {
			if !bytes.Equal(got, src) {
				t.Fatalf("no fixes, but the bytes changed:\n%s", got)
			}
			return
		}
		after := parse(got)
		if after == nil {
			t.Fatalf("the fixed file no longer parses cleanly:\n%s", got)
		}
		if list, _ := e.CheckFile(after); !reflect.DeepEqual(list, r.List) {
			t.Fatalf("the findings Fix returned are not those of its result:\n%v\nwant\n%v", r.List, list)
		}
		if a, b := keyPlaces(d), keyPlaces(after); a != b {
			t.Fatalf("the keys moved:\n%s\nbecame\n%s", a, b)
		}
		if a, b := shape(md, d.Src().Body), shape(md, after.Src().Body); a != b {
			t.Fatalf("the Markdown structure changed:\n%s\nbecame\n%s\nin\n%s", a, b, got)
		}
		if again := e.Fix(after, got, nil, parse); r.Done && (again.Fixes != 0 || !bytes.Equal(again.Src, got)) {
			t.Fatalf("fixing again made %d more fixes:\n%s", again.Fixes, again.Src)
		}
	})
}

// keyPlaces lists a document's keys with their lines and columns.
func keyPlaces(d brief.Doc) string {
	var b strings.Builder
	for _, k := range config.SortedKeys(d.Src().Keys) {
		fmt.Fprintf(&b, "%s@%v ", k, d.Src().Keys[k])
	}
	return b.String()
}

// shape is the Markdown tree without its text: each node's kind and
// depth, a heading's level, a link's address, and the text of code.
func shape(md *markdown.Converter, body []byte) string {
	var b strings.Builder
	depth := 0
	_ = markdown.Walk(md.Parse(body), func(n markdown.Node, entering bool) (markdown.WalkStatus, error) {
		if !entering {
			depth--
			return markdown.WalkContinue, nil
		}
		depth++
		if _, ok := n.(*markdown.Text); ok {
			return markdown.WalkContinue, nil
		}
		fmt.Fprintf(&b, "%*s%s", depth, "", n.Kind())
		switch n := n.(type) {
		case *markdown.Heading:
			fmt.Fprintf(&b, " %d", n.Level)
		case *markdown.Link:
			fmt.Fprintf(&b, " %s", n.Destination)
		case *markdown.CodeSpan:
			fmt.Fprintf(&b, " %q", plainOf(n, body))
		}
		b.WriteByte('\n')
		return markdown.WalkContinue, nil
	})
	return b.String()
}

func plainOf(n markdown.Node, src []byte) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*markdown.Text); ok {
			b.Write(t.Segment.Value(src))
		}
	}
	return b.String()
}
