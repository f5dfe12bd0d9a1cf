package checker

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/london-anchors/tenders/internal/config"
)

// settings are a site's, as the build writes them for the page.
func settings(t *testing.T, lint config.Lint) string {
	t.Helper()
	cfg, list := config.Parse("site.toml", "title = \"T\"\nbase_url = \"https://example.org/\"\n[buyers.camden]\nname = \"Camden Council\"\nkind = \"council\"\nborough = \"camden\"\n[topics.cleaning]\nname = \"Cleaning\"\ncpv = [\"9091\"]\n")
	if list.Errors() > 0 {
		t.Fatal(list)
	}
	cfg.Lint.Words, cfg.Lint.Names, cfg.Lint.EveryOccurrence = lint.Words, lint.Names, lint.EveryOccurrence
	out, err := json.Marshal(cfg.Public())
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// marked is what the page marks for each place of each finding: the text
// between Start and End, counted in UTF-16 as JavaScript counts.
func marked(text string, r Result) []string {
	units := utf16.Encode([]rune(Normalize(text)))
	var out []string
	for _, f := range r.Findings {
		for _, p := range append([]Place{f.Place}, f.Also...) {
			out = append(out, f.Rule+":"+string(utf16.Decode(units[p.Start:p.End])))
		}
	}
	return out
}

func run(t *testing.T, s *Session, text, set string) Result {
	t.Helper()
	var r Result
	out := s.Run(text, set)
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("%s: %v", out, err)
	}
	return r
}

func TestCheckMarksTheWords(t *testing.T) {
	set := settings(t, config.Lint{})
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"clean", "We need someone to clean two libraries in Camden every weekday morning.\n", nil},
		{"empty", "  \n", nil},
		{"jargon", "We will utilise the Framework Agreement in order to commence works.\n",
			[]string{"jargon:utilise", "jargon:Framework Agreement", "jargon:in order to", "jargon:commence"}},
		{"once a term, with its other places", "Please utilise the form. Utilise the portal too.\n",
			[]string{"jargon:utilise", "jargon:Utilise"}},
		{"after characters of two UTF-16 units", "Bring 😀 and £5 prior to the visit.\n", []string{"jargon:prior to"}},
		{"lines and CRLF", "The site is open.\r\n\r\nTenderers must reply.\r\n", []string{"jargon:Tenderers"}},
		{"an acronym", "The SQ is due soon.\n", []string{"jargon:SQ"}},
		{"an acronym spelt out", "The Selection Questionnaire (SQ) is due soon. Send the SQ.\n", []string{"jargon:Selection Questionnaire"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var s Session
			r := run(t, &s, tc.text, set)
			if got := marked(tc.text, r); !slices.Equal(got, tc.want) {
				t.Errorf("marked %q, want %q\n%+v", got, tc.want, r.Findings)
			}
		})
	}
}

// TestSameAsCheck holds the page to the linter's own findings: the same
// rule, message, place and suggestion as tenders check gives.
func TestSameAsCheck(t *testing.T) {
	var s Session
	text := "Suppliers should utilise the portal.\n"
	r := run(t, &s, text, settings(t, config.Lint{}))
	if len(r.Findings) != 1 {
		t.Fatalf("findings %+v, want one", r.Findings)
	}
	f := r.Findings[0]
	if f.Rule != "jargon" || f.Line != 1 || f.Col != 18 || f.EndCol != 25 || f.Fix != "use" || !f.Safe || f.Severity != "warning" ||
		!strings.Contains(f.Message, `"utilise"`) || f.Doc == "" {
		t.Errorf("finding %+v", f)
	}
}

func TestSettings(t *testing.T) {
	var s Session
	text := "Ask the Endeavour Trust about the grounds maintenance.\n"
	set := settings(t, config.Lint{Words: map[string]string{"grounds maintenance": "gardening"}})
	if got := marked(text, run(t, &s, text, set)); !slices.Equal(got, []string{"jargon:grounds maintenance"}) {
		t.Errorf("with [lint] words: marked %q", got)
	}
	every := settings(t, config.Lint{EveryOccurrence: true})
	text = "Please utilise the form. Utilise the portal too.\n"
	r := run(t, &s, text, every)
	if len(r.Findings) != 2 {
		t.Errorf("with every_occurrence: %d findings, want 2", len(r.Findings))
	}
	if out := string(s.Run(text, "{")); !strings.Contains(out, `"error":"the site's checker settings cannot be read`) {
		t.Errorf("bad settings: %s", out)
	}
	if out := string(s.Run(text, `{"base_url":"ftp://x"}`)); !strings.Contains(out, `"error":"the site's checker settings are wrong: base_url`) {
		t.Errorf("bad base_url: %s", out)
	}
}

func TestBrief(t *testing.T) {
	var s Session
	set := settings(t, config.Lint{})
	broken := "+++\ntitle = \"Cleaning\"\n+++\nWe will utilise a cleaner.\n"
	r := run(t, &s, broken, set)
	if r.Kind != "brief" || len(r.Findings) == 0 || r.Findings[0].Rule != "invalid" {
		t.Fatalf("a brief missing its keys: %+v", r)
	}
	for _, f := range r.Findings {
		if f.Rule == "jargon" {
			t.Errorf("a brief with errors was linted: %+v", f)
		}
	}
	text := "+++\n" + strings.Join([]string{
		`title = "Cleaning two libraries"`, `reference = "CAM-2026-001"`, `buyer = "camden"`, `published = 2026-12-01T09:00:00Z`,
		`summary = "Daily cleaning of two libraries in Camden."`, `category = "services"`, `topics = ["cleaning"]`,
		`cpv = ["90910000-9"]`, `boroughs = ["camden"]`, `stage = "pipeline"`, `apply_url = "https://example.org/apply"`,
		`[contact]`, `name = "Sam Patel"`, `email = "sam@example.org"`,
	}, "\n") + "\n+++\nWe will utilise a cleaner.\n"
	r = run(t, &s, text, set)
	var rules []string
	for _, f := range r.Findings {
		rules = append(rules, f.Rule+":"+f.Message)
	}
	if got := marked(text, r); !slices.Contains(got, "jargon:utilise") {
		t.Errorf("the brief's body was not linted: %q", rules)
	}
}

// FuzzCheck holds every place inside the text, in order, whatever is
// pasted.
func FuzzCheck(f *testing.F) {
	f.Add("We will utilise the Framework Agreement.\n")
	f.Add("+++\ntitle = \"x\"\n+++\nPrior to 😀 the SQ.\r\n")
	f.Add("| a | b |\n| --- | --- |\n| in order to | £ |\n")
	set := settings(&testing.T{}, config.Lint{})
	f.Fuzz(func(t *testing.T, text string) {
		var s Session
		r := run(t, &s, text, set)
		n := len(utf16.Encode([]rune(Normalize(text))))
		for _, fd := range r.Findings {
			for _, p := range append([]Place{fd.Place}, fd.Also...) {
				if p.Start < 0 || p.Start > p.End || p.End > n {
					t.Fatalf("place %+v outside the text of %d units", p, n)
				}
			}
		}
	})
}

// BenchmarkCheck checks one paragraph, and about 10 KB of them, as the
// page does on each change of the text.
func BenchmarkCheck(b *testing.B) {
	set := settings(&testing.T{}, config.Lint{})
	para := "We will utilise the Framework Agreement in order to commence works. The successful Tenderer shall provide evidence prior to commencement.\n\n"
	for _, n := range []int{1, 70} {
		text := strings.Repeat(para, n)
		b.Run(fmt.Sprintf("%dB", len(text)), func(b *testing.B) {
			var s Session
			s.Run(text, set)
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				s.Run(text, set)
			}
		})
	}
}
