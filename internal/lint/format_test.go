package lint_test

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/lint"
)

var sample = diag.List{
	{File: "content/opportunities/a.md", Line: 20, Col: 9, EndLine: 20, EndCol: 16, Severity: diag.Warning, Rule: "jargon", Message: `"utilise" is a word to avoid; write use`, Fix: "use"},
	{File: "content/opportunities/a.md", Line: 4, Col: 1, Severity: diag.Error, Rule: "invalid", Message: "buyer \"x\" is not in site.toml, or: 100%\nnext"},
	{File: "content/opportunities/b,c.md", Line: 7, Col: 3, EndLine: 8, EndCol: 2, Severity: diag.Suggestion, Rule: "passive", Message: "passive"},
}

// TestTitles: every rule, and every finding that is no rule's, has a
// title in words for GitHub's annotations, never its id, and no two share
// one.
func TestTitles(t *testing.T) {
	seen := map[string]string{}
	names := []string{"invalid", "lint-ignore", "template", "failure", "stopped"}
	for _, r := range lint.Rules() {
		names = append(names, r.Name)
		if r.Title != lint.Title(r.Name) {
			t.Errorf("%s: Title gives %q, the rule has %q", r.Name, lint.Title(r.Name), r.Title)
		}
	}
	for _, name := range names {
		title := lint.Title(name)
		if title == "" || title == name || strings.Contains(title, "-") && !strings.Contains(title, " ") {
			t.Errorf("%s has no title in words: %q", name, title)
		}
		if title != "" && (title[0] < 'A' || title[0] > 'Z') {
			t.Errorf("%s: the title %q does not start with a capital", name, title)
		}
		if other, dup := seen[title]; dup {
			t.Errorf("%s and %s share the title %q", name, other, title)
		}
		seen[title] = name
	}
}

func TestGitHub(t *testing.T) {
	var out, summary bytes.Buffer
	lint.GitHub(&out, &summary, sample, "https://example.org/guide/")
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	want := []string{
		"::error file=content/opportunities/a.md,line=4,col=1,title=Cannot be published::buyer \"x\" is not in site.toml, or: 100%25%0Anext",
		"::warning file=content/opportunities/a.md,line=20,col=9,endLine=20,endColumn=16,title=Jargon or a wordy phrase::\"utilise\" is a word to avoid; write use%0ASuggestion: use",
		"::notice file=content/opportunities/b%2Cc.md,line=7,col=3,endLine=8,title=Passive voice::passive",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", out.String(), strings.Join(want, "\n"))
	}
	s := summary.String()
	for _, w := range []string{"| File | Line | Severity | Rule | Message |", "| content/opportunities/a.md | 20:9 | warning | [jargon](https://example.org/guide/#jargon) |"} {
		if !strings.Contains(s, w) {
			t.Errorf("summary lacks %q:\n%s", w, s)
		}
	}
}

func TestSARIF(t *testing.T) {
	cfg, _ := config.Parse("site.toml", defaultSiteTOML)
	e, _ := lint.New(cfg)
	var out bytes.Buffer
	if err := lint.SARIF(&out, sample, lint.Rules(), e, "0.1.0", "https://example.org/writing-guide/"); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Version string `json:"version"`
		Schema  string `json:"$schema"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID               string `json:"id"`
						ShortDescription struct {
							Text string `json:"text"`
						} `json:"shortDescription"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			ColumnKind string `json:"columnKind"`
			Results    []struct {
				RuleID  string `json:"ruleId"`
				Level   string `json:"level"`
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine   int `json:"startLine"`
							StartColumn int `json:"startColumn"`
							EndLine     int `json:"endLine"`
							EndColumn   int `json:"endColumn"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatalf("SARIF does not have the expected shape and types: %v", err)
	}
	if doc.Version != "2.1.0" || doc.Schema == "" || len(doc.Runs) != 1 || doc.Runs[0].Tool.Driver.Name != "tenders" {
		t.Fatalf("bad header: %+v", doc)
	}
	run := doc.Runs[0]
	if run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind %q: columns count characters", run.ColumnKind)
	}
	ids := map[string]bool{}
	for _, r := range run.Tool.Driver.Rules {
		if r.ID == "" || r.ShortDescription.Text == "" {
			t.Errorf("rule without id or description: %+v", r)
		}
		ids[r.ID] = true
	}
	if len(run.Results) != len(sample) {
		t.Fatalf("%d results, want %d", len(run.Results), len(sample))
	}
	levels := map[string]bool{"error": true, "warning": true, "note": true}
	for i, r := range run.Results {
		if !ids[r.RuleID] {
			t.Errorf("result %d names rule %q, which the driver does not list", i, r.RuleID)
		}
		if !levels[r.Level] || r.Message.Text == "" || len(r.Locations) != 1 {
			t.Errorf("result %d malformed: %+v", i, r)
		}
		reg := r.Locations[0].PhysicalLocation.Region
		if reg.StartLine != sample[i].Line || reg.StartColumn != sample[i].Col || r.Locations[0].PhysicalLocation.ArtifactLocation.URI != sample[i].File {
			t.Errorf("result %d at %+v, want %v", i, reg, sample[i])
		}
	}
}

func TestJSON(t *testing.T) {
	var out bytes.Buffer
	if err := lint.JSON(&out, sample[:1], []lint.Summary{{File: "a.md", Warnings: 1, Words: 100, ReadingEase: 71.26, Grade: 6.04}}); err != nil {
		t.Fatal(err)
	}
	want := `{
  "version": 1,
  "findings": [
    {
      "file": "content/opportunities/a.md",
      "line": 20,
      "column": 9,
      "end_line": 20,
      "end_column": 16,
      "severity": "warning",
      "rule": "jargon",
      "message": "\"utilise\" is a word to avoid; write use",
      "fix": "use"
    }
  ],
  "files": [
    {
      "file": "a.md",
      "errors": 0,
      "warnings": 1,
      "suggestions": 0,
      "words": 100,
      "reading_ease": 71.3,
      "grade": 6
    }
  ]
}
`
	if out.String() != want {
		t.Errorf("got\n%s", out.String())
	}
}

func TestText(t *testing.T) {
	var out bytes.Buffer
	src := func(string) []string {
		lines := make([]string, 20)
		lines[19] = "We will utilise the café."
		return lines
	}
	lint.Text(&out, sample[:1], nil, src, false)
	want := "content/opportunities/a.md:20:9: warning: \"utilise\" is a word to avoid; write use [jargon]\n  20 | We will utilise the café.\n     |         ^~~~~~~\n     = suggestion: use\n"
	if out.String() != want {
		t.Errorf("got\n%q\nwant\n%q", out.String(), want)
	}
}

// TestOutputsSafeInCILogs: whatever the files hold, no line any format
// prints starts a GitHub workflow command ("::" after spaces) unless it is
// one of the github format's own annotations, and none holds "##[", which
// the runner reads anywhere in a line.
func TestOutputsSafeInCILogs(t *testing.T) {
	hostile := "x\n::error file=site.toml,line=1::Injected\n::stop-commands::t0k3n\r\n##[error]old\x1b[2J"
	list := diag.List{{File: "content/opportunities/" + hostile + ".md", Line: 2, Col: 1, Severity: diag.Error, Rule: "invalid",
		Message: "buyer " + hostile + " is not in site.toml", Fix: hostile}}
	src := func(string) []string { return []string{"+++", "  ::error::from the file ##[warning]x", "+++"} }
	sums := []lint.Summary{{File: list[0].File, Errors: 1}}
	outputs := map[string]*bytes.Buffer{}
	for _, name := range []string{"text", "json", "sarif", "github", "summary"} {
		outputs[name] = &bytes.Buffer{}
	}
	lint.Text(outputs["text"], list, sums, src, false)
	if err := lint.JSON(outputs["json"], list, sums); err != nil {
		t.Fatal(err)
	}
	if err := lint.SARIF(outputs["sarif"], list, lint.Rules(), nil, "0", ""); err != nil {
		t.Fatal(err)
	}
	lint.GitHub(outputs["github"], outputs["summary"], list, "")
	for name, out := range outputs {
		for i, line := range strings.Split(out.String(), "\n") {
			if strings.Contains(line, "##[") {
				t.Errorf("%s line %d holds ##[: %q", name, i+1, line)
			}
			if trimmed := strings.TrimLeft(line, " \t"); strings.HasPrefix(trimmed, "::") && (name != "github" || !strings.HasPrefix(line, "::error file=")) {
				t.Errorf("%s line %d starts a workflow command: %q", name, i+1, line)
			}
			for _, c := range line {
				if c < 0x20 && c != '\t' {
					t.Errorf("%s line %d holds control character %#x: %q", name, i+1, c, line)
				}
			}
		}
	}
	var sarif struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string } `json:"artifactLocation"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(outputs["sarif"].Bytes(), &sarif); err != nil {
		t.Fatal(err)
	}
	uri := sarif.Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI
	if u, err := url.Parse(uri); err != nil || strings.ContainsAny(uri, " \n\r[]") || u.Path != list[0].File {
		t.Errorf("SARIF uri %q is not the file's path percent-encoded (%v)", uri, err)
	}
	if n := strings.Count(outputs["github"].String(), "\n"); n != 1 {
		t.Errorf("github format printed %d lines for one finding:\n%s", n, outputs["github"])
	}
	if strings.Count(outputs["summary"].String(), "\n|") != 3 {
		t.Errorf("the job summary table does not have one row for one finding:\n%s", outputs["summary"])
	}
}

func TestConfigRules(t *testing.T) {
	cfg, list := config.Parse("site.toml", `title = "T"
base_url = "https://example.org/"
[lint]
sentence_length = 10
acronyms = ["GLA"]
[lint.rules]
jargon = "error"
passive = "off"
jargn = "warning"
acronym = "loud"
[lint.words]
"touch base" = "talk"
`)
	if list.Errors() > 0 {
		t.Fatal(list)
	}
	e, problems := lint.New(cfg)
	var got []string
	for _, d := range problems {
		got = append(got, d.String())
	}
	want := []string{
		`site.toml:9:1: there is no lint rule "jargn"; did you mean "jargon"?`,
		`site.toml:10:1: rule acronym is set to "loud"; use "error", "warning", "suggestion" or "off"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, r := range lint.Rules() {
		switch r.Name {
		case "jargon":
			if e.Severity(r) != diag.Error {
				t.Error("jargon is not an error")
			}
		case "passive":
			if e.Severity(r) != 0 {
				t.Error("passive is not off")
			}
		case "sentence-length":
			if e.Severity(r) != diag.Warning {
				t.Error("a site word or threshold changed another rule's severity")
			}
		}
	}
}

// TestScoresWithoutReadabilityRule: the summary keeps its reading scores
// when the readability rule is off.
func TestScoresWithoutReadabilityRule(t *testing.T) {
	cfg, _ := config.Parse("site.toml", defaultSiteTOML+"[lint.rules]\nreadability = \"off\"\n")
	e, _ := lint.New(cfg)
	b, list := (&brief.Parser{Config: cfg}).Brief("f.md", []byte(fuzzFront+"## What we need\n\nWe need a cleaner for two small libraries. The work is easy.\n"))
	if list.Errors() > 0 {
		t.Fatal(list)
	}
	_, s := e.CheckFile(b)
	if s.Words == 0 || s.ReadingEase == 0 {
		t.Errorf("summary without scores: %+v", s)
	}
}

// TestTextLongLine: a finding on a very long line quotes only the part
// around it, about 40 characters each side, so thousands of findings on
// one line print no more than that of it each; multi-byte text is cut
// between characters, and the caret stays under the finding.
func TestTextLongLine(t *testing.T) {
	long := strings.Repeat("a", 500) + " utilise " + strings.Repeat("b", 500)
	accents := strings.Repeat("café ", 100) + "utilise " + strings.Repeat("naïve ", 100)
	emoji := strings.Repeat("🙂", 300) + " utilise"
	for _, c := range []struct {
		name       string
		line       string
		col, width int
		want       string // the text under the caret
		cutBefore  bool
		cutAfter   bool
	}{
		{"middle", long, 502, 7, "utilise", true, true},
		{"accents", accents, 501, 7, "utilise", true, true},
		{"emoji", emoji, 302, 7, "utilise", true, false},
		{"start", long, 1, 3, "aaa", false, true},
		{"end", long, 1009, 1, "b", true, false},
		{"long span", long, 2, 600, strings.Repeat("a", excerptSpanForTest+excerptSideForTest), false, true},
		{"short line", "We will utilise the café.", 9, 7, "utilise", false, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := diag.Diagnostic{File: "a.md", Line: 1, Col: c.col, EndLine: 1, EndCol: c.col + c.width, Severity: diag.Warning, Rule: "jargon", Message: "m"}
			var out bytes.Buffer
			lint.Text(&out, diag.List{d}, nil, func(string) []string { return []string{c.line} }, false)
			lines := strings.Split(out.String(), "\n")
			quoted := []rune(strings.TrimPrefix(lines[1], "  1 | "))
			if len(quoted) > 2*excerptSideForTest+excerptSpanForTest+2 {
				t.Fatalf("the excerpt is %d characters long: %q", len(quoted), string(quoted))
			}
			caret := strings.TrimPrefix(lines[2], "    | ")
			at := strings.Index(caret, "^")
			n := strings.Count(caret, "~") + 1
			if at < 0 || at+n > len(quoted) {
				t.Fatalf("the caret is outside the excerpt:\n%s", out.String())
			}
			if got := string(quoted[at : at+n]); got != c.want {
				t.Errorf("the caret is under %q, want %q:\n%s", got, c.want, out.String())
			}
			if got := quoted[0] == '…'; got != c.cutBefore {
				t.Errorf("cut before: %v, want %v:\n%s", got, c.cutBefore, out.String())
			}
			if got := quoted[len(quoted)-1] == '…'; got != c.cutAfter {
				t.Errorf("cut after: %v, want %v:\n%s", got, c.cutAfter, out.String())
			}
		})
	}
}

// The window of a long line's excerpt: these many characters each side of
// a finding, and of the finding itself.
const excerptSideForTest, excerptSpanForTest = 40, 40

// TestFixOutputs: a safe fix is a SARIF fix (one replacement of the
// finding's region) and "safe": true in JSON; a suggestion is neither.
func TestFixOutputs(t *testing.T) {
	list := diag.List{sample[0], sample[0]}
	list[0].Safe = true
	list[1].Line = 21
	var out bytes.Buffer
	if err := lint.SARIF(&out, list, lint.Rules(), nil, "0", ""); err != nil {
		t.Fatal(err)
	}
	type region struct {
		StartLine, StartColumn, EndLine, EndColumn int
	}
	var doc struct {
		Runs []struct {
			Results []struct {
				Fixes []struct {
					Description     struct{ Text string }
					ArtifactChanges []struct {
						ArtifactLocation struct{ URI string }
						Replacements     []struct {
							DeletedRegion   region
							InsertedContent struct{ Text string }
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	res := doc.Runs[0].Results
	if len(res) != 2 || len(res[0].Fixes) != 1 || len(res[1].Fixes) != 0 {
		t.Fatalf("want one fix on the safe finding only:\n%s", out.String())
	}
	ch := res[0].Fixes[0].ArtifactChanges
	if len(ch) != 1 || ch[0].ArtifactLocation.URI != "content/opportunities/a.md" || len(ch[0].Replacements) != 1 {
		t.Fatalf("bad artifactChanges:\n%s", out.String())
	}
	r := ch[0].Replacements[0]
	if r.DeletedRegion != (region{20, 9, 20, 16}) || r.InsertedContent.Text != "use" || res[0].Fixes[0].Description.Text == "" {
		t.Errorf("bad replacement %+v:\n%s", r, out.String())
	}
	out.Reset()
	if err := lint.JSON(&out, list, nil); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out.String(), `"safe": true`); n != 1 {
		t.Errorf("%d findings marked safe in JSON; want 1:\n%s", n, out.String())
	}
}

// TestAlsoOutputs: a term reported once carries its other uses: SARIF
// related locations and one fix that replaces every safe use, and JSON
// "also".
func TestAlsoOutputs(t *testing.T) {
	d := sample[0]
	d.Safe, d.Term = true, "utilise"
	d.Also = []diag.Place{{Line: 22, Col: 3, EndLine: 22, EndCol: 10, Fix: "use", Safe: true}, {Line: 30, Col: 1, EndLine: 30, EndCol: 9}}
	var out bytes.Buffer
	if err := lint.SARIF(&out, diag.List{d}, lint.Rules(), nil, "0", ""); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Runs []struct {
			Results []struct {
				RelatedLocations []struct {
					ID               int
					PhysicalLocation struct {
						Region struct{ StartLine, StartColumn int }
					}
				}
				Fixes []struct {
					ArtifactChanges []struct {
						Replacements []struct {
							DeletedRegion struct{ StartLine int }
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	r := doc.Runs[0].Results[0]
	if len(r.RelatedLocations) != 2 || r.RelatedLocations[0].ID != 1 || r.RelatedLocations[1].PhysicalLocation.Region.StartLine != 30 {
		t.Errorf("related locations: %+v\n%s", r.RelatedLocations, out.String())
	}
	if len(r.Fixes) != 1 || len(r.Fixes[0].ArtifactChanges[0].Replacements) != 2 || r.Fixes[0].ArtifactChanges[0].Replacements[1].DeletedRegion.StartLine != 22 {
		t.Errorf("want one fix replacing lines 20 and 22, not the unsafe use at 30:\n%s", out.String())
	}
	out.Reset()
	if err := lint.JSON(&out, diag.List{d}, nil); err != nil {
		t.Fatal(err)
	}
	var rep lint.JSONReport
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if f := rep.Findings[0]; f.Term != "utilise" || len(f.Also) != 2 || f.Also[0] != (lint.JSONPlace{Line: 22, Column: 3, EndLine: 22, EndColumn: 10, Fix: "use", Safe: true}) {
		t.Errorf("JSON: %+v", f)
	}
}
