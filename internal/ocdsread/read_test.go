package ocdsread

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

type got struct {
	releases []Release
	problems []Problem
}

func readAll(t *testing.T, src string) (got, Package, error) {
	t.Helper()
	var g got
	pkg, err := Read(strings.NewReader(src), "in.json", Options{
		Location: time.UTC,
		Emit:     func(r Release) error { g.releases = append(g.releases, r); return nil },
		Report:   func(p Problem) { g.problems = append(g.problems, p) },
	})
	return g, pkg, err
}

func ids(rs []Release) string {
	var s []string
	for _, r := range rs {
		s = append(s, fmt.Sprintf("%s/%s@%d:%d", r.OCID, r.ID, r.Line, r.Col))
	}
	return strings.Join(s, " ")
}

const rel = `{"ocid":"ocds-a-%d","id":"r%d","date":"2026-01-0%dT10:00:00Z","tag":["tender"]}`

func TestShapes(t *testing.T) {
	r1, r2 := fmt.Sprintf(rel, 1, 1, 1), fmt.Sprintf(rel, 2, 2, 2)
	for _, c := range []struct{ name, src, want string }{
		{"release package", `{"version":"1.1","releases":[` + "\n  " + r1 + ",\n  " + r2 + "\n]}", "ocds-a-1/r1@2:3 ocds-a-2/r2@3:3"},
		{"version after releases", `{"releases":[` + r1 + `],"version":"1.1"}`, "ocds-a-1/r1@1:14"},
		{"single release", r1, "ocds-a-1/r1@1:1"},
		{"JSON Lines of releases", r1 + "\n" + r2 + "\n", "ocds-a-1/r1@1:1 ocds-a-2/r2@2:1"},
		{"JSON Lines of packages", `{"version":"1.1","releases":[` + r1 + "]}\n" + `{"version":"1.1","releases":[` + r2 + "]}\n", "ocds-a-1/r1@1:30 ocds-a-2/r2@2:30"},
		{"a list of releases", "[" + r1 + ",\n" + r2 + "]", "ocds-a-1/r1@1:2 ocds-a-2/r2@2:1"},
		{"a list of packages", `[{"version":"1.1","releases":[` + r1 + `]}]`, "ocds-a-1/r1@1:31"},
		{"record package with releases", `{"version":"1.1","records":[{"ocid":"ocds-a-1","releases":[` + r1 + "," + r2 + `]}]}`, "ocds-a-1/r1@1:29 ocds-a-2/r2@1:29"},
		{"record package, compiled only", `{"version":"1.1","records":[{"ocid":"ocds-a-1","releases":[{"url":"x","date":"2026-01-01T00:00:00Z","tag":["tender"]}],"compiledRelease":` + r1 + `}]}`, "ocds-a-1/r1@1:29"},
		{"empty package", `{"version":"1.1","releases":[]}`, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			g, _, err := readAll(t, c.src)
			if err != nil {
				t.Fatal(err)
			}
			if s := ids(g.releases); s != c.want {
				t.Errorf("got  %s\nwant %s", s, c.want)
			}
			if len(g.problems) > 0 {
				t.Errorf("problems: %v", g.problems)
			}
		})
	}
}

func TestSourceErrors(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"cut off", "{\"releases\":[\n{\"ocid\":\"x\"", "in.json:2:12: the JSON ends in the middle of a value"},
		{"bad character", "{\"releases\":[\n  {\"ocid\": x}]}", "in.json:2:12: this is not valid JSON: invalid character 'x' looking for beginning of value"},
		{"unknown version", `{"version":"2.0","releases":[]}`, `in.json:1:1: this package says version "2.0", which tenders import does not read`},
		{"not OCDS", `{"hello":1}`, "in.json:1:1: this JSON object is not OCDS"},
		{"not an object", `"x"`, "in.json:1:4: expected a JSON object"},
		{"empty", ``, "in.json: it is empty"},
		{"releases not a list", `{"releases":3}`, `in.json:1:14: "releases" must be a list`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := readAll(t, c.src)
			var se *SourceError
			if !errors.As(err, &se) {
				t.Fatalf("got %v, want a SourceError", err)
			}
			if !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("got  %s\nwant %s...", err, c.want)
			}
		})
	}
}

func TestReleaseProblems(t *testing.T) {
	src := "{\"version\":\"1.1\",\"releases\":[\n" +
		`{"id":"a","date":"2026-01-01T00:00:00Z"},` + "\n" +
		`{"ocid":"o","date":"2026-01-01T00:00:00Z"},` + "\n" +
		`{"ocid":"o","id":"c"},` + "\n" +
		`{"ocid":"o","id":"d","date":"soon"},` + "\n" +
		`{"ocid":"o","id":5,"date":"2026-01-01T12:00:00"},` + "\n" +
		"{\"ocid\":\"o\",\"id\":\"f\",\"date\":\"2026-01-01\",\"tender\":{\"title\":\"Caf\xe9 \x80\"}}\n]}"
	g, _, err := readAll(t, src)
	if err != nil {
		t.Fatal(err)
	}
	var ps []string
	for _, p := range g.problems {
		ps = append(ps, p.String())
	}
	want := []string{
		"in.json:2:1 (release 1, id a): it has no ocid, so it cannot be joined to its contracting process: skipped",
		"in.json:3:1 (release 2): it has no id: skipped",
		"in.json:4:1 (release 3, id c): it has no date, so it cannot be put in order with the other releases of o: skipped",
		`in.json:5:1 (release 4, id d): it has the date "soon", which is not a date and time, so it cannot be put in order with the other releases of o: skipped`,
		"in.json:7:1 (release 6, id f): its text is not UTF-8 (first at byte 63 of the release); the bytes were read as Windows-1252, which Contracts Finder's older notices use: check the text",
	}
	if strings.Join(ps, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(ps, "\n"), strings.Join(want, "\n"))
	}
	if s := ids(g.releases); s != "o/5@6:1 o/f@7:1" {
		t.Errorf("kept %s", s)
	}
	if len(g.releases) == 2 {
		if !strings.Contains(string(g.releases[1].Data), "Café €") {
			t.Errorf("not repaired: %s", g.releases[1].Data)
		}
		if g.releases[0].Date != time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC) {
			t.Errorf("date without offset: %v", g.releases[0].Date)
		}
	}
}

// TestJSONLinesRelease: in JSON Lines, a release without its ocid is a
// problem of that release, not of the source.
func TestJSONLinesRelease(t *testing.T) {
	g, _, err := readAll(t, fmt.Sprintf(rel, 1, 1, 1)+"\n"+`{"id":"2","date":"2026-01-01T00:00:00Z","tag":["tender"]}`+"\n"+fmt.Sprintf(rel, 3, 3, 3)+"\n")
	if err != nil {
		t.Fatal(err)
	}
	if s := ids(g.releases); s != "ocds-a-1/r1@1:1 ocds-a-3/r3@3:1" {
		t.Errorf("kept %s", s)
	}
	if len(g.problems) != 1 || !strings.HasPrefix(g.problems[0].String(), "in.json:2:1 (release 2, id 2): it has no ocid") {
		t.Errorf("problems %v", g.problems)
	}
}

func TestHugeNumbersAreRead(t *testing.T) {
	g, _, err := readAll(t, `{"ocid":"o","id":"1","date":"2026-01-01T00:00:00Z","tender":{"value":{"amount":1e9999,"currency":"GBP"}}}`)
	if err != nil || len(g.releases) != 1 {
		t.Fatal(err, g)
	}
	n, problems := Decode(g.releases[0].Data)
	if len(problems) > 0 || n.Tender.Value.Amount.String() != "1e9999" {
		t.Errorf("got %v %v", n.Tender.Value, problems)
	}
}

func TestPackageLinks(t *testing.T) {
	_, pkg, err := readAll(t, `{"version":"1.1","publisher":{"name":"Cabinet Office"},"releases":[],"links":{"next":"https://x/?cursor=abc"}}`)
	if err != nil || pkg.Next != "https://x/?cursor=abc" || pkg.Publisher != "Cabinet Office" || pkg.Version != "1.1" {
		t.Errorf("got %+v, %v", pkg, err)
	}
}

// TestColumnsOnOneLongLine: columns count characters, also when several
// releases share a line and are counted on from the one before.
func TestColumnsOnOneLongLine(t *testing.T) {
	r := func(i int) string {
		return fmt.Sprintf(`{"ocid":"ocds-a-%d","id":"r%d","date":"2026-01-01T10:00:00Z","tender":{"title":"Café ✓"}}`, i, i)
	}
	src := `{"releases":[` + r(1) + "," + r(2) + "," + r(3) + "],\n" + `"x":1,"releases2":[]}`
	g, _, err := readAll(t, src)
	if err != nil {
		t.Fatal(err)
	}
	n := len([]rune(r(1))) + 1
	want := fmt.Sprintf("ocds-a-1/r1@1:14 ocds-a-2/r2@1:%d ocds-a-3/r3@1:%d", 14+n, 14+2*n)
	if s := ids(g.releases); s != want {
		t.Errorf("got  %s\nwant %s", s, want)
	}
}
