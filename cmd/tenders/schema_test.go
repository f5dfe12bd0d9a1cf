package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/schema"
)

// exampleSite is the example site at the top of the repository.
const exampleSite = "../.."

// runSchemaCmd runs tenders schema with args and returns what it printed.
func runSchemaCmd(t *testing.T, args ...string) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), &env{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}, append([]string{"schema"}, args...)); code != exitOK {
		t.Fatalf("tenders schema %v: exit %d\n%s", args, code, stderr.String())
	}
	return stdout.Bytes()
}

// compileSchema compiles a document tenders schema printed, which proves
// it is valid JSON Schema, and returns the schema at ref in it.
func compileSchema(t *testing.T, doc []byte, ref string) *jsonschema.Schema {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatalf("tenders schema printed what is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("tenders.json", v); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("tenders.json" + ref)
	if err != nil {
		t.Fatalf("tenders schema printed what is not valid JSON Schema: %v", err)
	}
	return s
}

// instance decodes TOML as BurntSushi/toml does, then as JSON holds it,
// dates as text: what a validator of the schema sees.
func instance(t *testing.T, name, src string) any {
	t.Helper()
	var m map[string]any
	if _, err := toml.Decode(src, &m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	b, err := json.Marshal(schema.ToJSON(m))
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// exampleFiles returns the front matter of each file of one kind in the
// example site, by path.
func exampleFiles(t *testing.T, kind string) map[string]string {
	t.Helper()
	files := map[string]string{}
	if kind == "site" {
		b, err := os.ReadFile(filepath.Join(exampleSite, "site.toml"))
		if err != nil {
			t.Fatal(err)
		}
		return map[string]string{"site.toml": string(b)}
	}
	dir := map[string]string{"brief": brief.OpportunitiesDir, "event": brief.EventsDir, "page": brief.ContentDir}[kind]
	err := fs.WalkDir(os.DirFS(exampleSite), dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != dir && kind == "page" {
			return fs.SkipDir // events and briefs are in folders of their own
		}
		if d.IsDir() || path.Ext(p) != ".md" {
			return nil
		}
		src, err := os.ReadFile(filepath.Join(exampleSite, filepath.FromSlash(p)))
		if err != nil {
			return err
		}
		front, _, _, problem := brief.Split(p, src)
		if problem != nil {
			t.Fatal(problem)
		}
		files[p] = front
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no %s files in the example site", kind)
	}
	return files
}

// TestSchemaValidatesExampleSite: each schema tenders schema prints, all
// in one or one kind alone, with and without --site, compiles, and the
// example site's own files, and the brief tenders new writes, pass it.
func TestSchemaValidatesExampleSite(t *testing.T) {
	all := runSchemaCmd(t)
	forSite := runSchemaCmd(t, "--site", exampleSite)
	london, _ := time.LoadLocation("Europe/London")
	for _, kind := range []string{"brief", "event", "page", "site"} {
		files := exampleFiles(t, kind)
		if kind == "brief" {
			front, _, _, problem := brief.Split("new.md", brief.Skeleton("Cleaning", brief.Facts{Buyer: "camden", Topic: "cleaning", Value: 40000, Deadline: "2026-12-18T12:00:00"}, time.Now(), london))
			if problem != nil {
				t.Fatal(problem)
			}
			files["the brief tenders new writes"] = front
		}
		for name, s := range map[string]*jsonschema.Schema{
			"all":           compileSchema(t, all, "#/$defs/"+kind),
			"all, for site": compileSchema(t, forSite, "#/$defs/"+kind),
			"one":           compileSchema(t, runSchemaCmd(t, kind), ""),
			"one, for site": compileSchema(t, runSchemaCmd(t, kind, "--site", exampleSite), ""),
		} {
			for file, front := range files {
				if err := s.Validate(instance(t, file, front)); err != nil {
					t.Errorf("%s does not pass the %s schema (%s):\n%v", file, kind, name, err)
				}
			}
		}
	}
}

// TestSchemaRefuses: the schemas are not empty promises.
func TestSchemaRefuses(t *testing.T) {
	s := compileSchema(t, runSchemaCmd(t, "brief", "--site", exampleSite), "")
	const good = `title = "T"
reference = "R-1"
buyer = "camden"
published = 2026-11-20T09:00:00Z
deadline = 2026-12-18
summary = "S"
category = "services"
topics = ["cleaning"]
apply_url = "https://example.org/"
`
	tests := []struct {
		name, src string
		ok        bool
	}{
		{"good", good + "[contact]\nemail = \"a@example.org\"\n", true},
		{"no contact", good, false},
		{"not a category", strings.Replace(good, `"services"`, `"food"`, 1) + "[contact]\nemail = \"a@example.org\"\n", false},
		{"not a buyer of the site", strings.Replace(good, `"camden"`, `"camdn"`, 1) + "[contact]\nemail = \"a@example.org\"\n", false},
		{"no deadline", strings.Replace(good, "deadline = 2026-12-18\n", "", 1) + "[contact]\nemail = \"a@example.org\"\n", false},
		{"no deadline in the pipeline", strings.Replace(good, "deadline = 2026-12-18\n", "stage = \"pipeline\"\n", 1) + "[contact]\nemail = \"a@example.org\"\n", true},
		{"award without the stage", good + "[contact]\nemail = \"a@example.org\"\n[award]\nsupplier = \"S\"\ndate = 2027-01-01\n", false},
		{"unknown key", good + "dedline = 2026-12-18\n[contact]\nemail = \"a@example.org\"\n", false},
		{"a number in quotes", good + "value_max = \"£40,000\"\n[contact]\nemail = \"a@example.org\"\n", false},
	}
	for _, tt := range tests {
		err := s.Validate(instance(t, tt.name, tt.src))
		if (err == nil) != tt.ok {
			t.Errorf("%s: valid = %v, want %v: %v", tt.name, err == nil, tt.ok, err)
		}
	}
}
