// Package starter is the new site that tenders init writes for a network:
// site.toml with every setting explained, one example brief, the plain
// pages, the GitHub workflows that check pull requests and publish the
// site with the tenders action, the pull-request template and a read-me.
//
// Every file under files/ is written, in the same place: a file whose
// name ends in .tmpl is a text/template (delimiters {% and %}, data
// Options and the example brief's dates) and is written without the
// suffix. So a new workflow for new sites is one more file in
// files/.github/workflows/. site.toml is not among them: it is made from
// config.Schema, so every key of site.toml is in it, set or as a comment.
package starter

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"text/template"
	"time"

	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/schema"
)

//go:embed all:files
var files embed.FS

// Repository is where tenders lives on GitHub: its releases, and the
// action the workflows use.
const Repository = "london-anchors/tenders"

// Options are what a new site is made from.
type Options struct {
	Title   string // the site's name
	BaseURL string // where it is published; the publish workflow sets its own
	Repo    string // the site's repository on GitHub, or "" to leave repo out
	// Version is the release of tenders the workflows use, such as
	// v1.2.0; "" makes them use the action from the main branch, which
	// builds tenders from its source.
	Version string
	Now     time.Time // today, for the example brief's dates
	Loc     *time.Location
}

// File is one file of the new site.
type File struct {
	Path string // slash-separated, relative to the site's folder
	Data []byte
}

// The example buyer and topic: site.toml's only [buyers.KEY] and
// [topics.KEY], which the example brief names.
const (
	exampleBuyer = "example-council"
	exampleTopic = "cleaning"
)

// Files returns the new site's files, sorted by path.
func Files(o Options) ([]File, error) {
	if o.Loc == nil {
		o.Loc = time.UTC
	}
	out := []File{{Path: config.FileName, Data: SiteTOML(o)}}
	data := templateData(o)
	err := fs.WalkDir(files, "files", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := files.ReadFile(name)
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(name, "files/")
		if base, ok := strings.CutSuffix(rel, ".tmpl"); ok {
			if src, err = execute(rel, src, data); err != nil {
				return err
			}
			rel = base
		}
		out = append(out, File{Path: rel, Data: src})
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return out, nil
}

// execute runs one template of files/.
func execute(name string, src []byte, data any) ([]byte, error) {
	t, err := template.New(path.Base(name)).Delims("{%", "%}").Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("starter: %s: %w", name, err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return nil, fmt.Errorf("starter: %s: %w", name, err)
	}
	return b.Bytes(), nil
}

// Action is the reference to the tenders action that the workflows use:
// the release, or the main branch.
func (o Options) Action() string {
	if o.Version == "" {
		return Repository + "@main"
	}
	return Repository + "@" + o.Version
}

// templateData is what the templates of files/ see: the options, the
// action, and the example brief's keys and dates.
func templateData(o Options) map[string]string {
	today := o.Now.In(o.Loc)
	day := func(t time.Time) string { return t.Format("2006-01-02") }
	stamp := func(t time.Time) string { return t.Format("2006-01-02T15:04:05") }
	published := time.Date(today.Year(), today.Month(), today.Day(), 9, 0, 0, 0, o.Loc)
	deadline := weekday(published.AddDate(0, 0, 28).Add(3 * time.Hour))
	questions := weekday(deadline.AddDate(0, 0, -7).Add(5 * time.Hour))
	// The contract starts on the first of the month at least two months
	// after the deadline, and runs for two years.
	start := time.Date(deadline.Year(), deadline.Month()+3, 1, 0, 0, 0, 0, o.Loc)
	return map[string]string{
		"Title":      o.Title,
		"Action":     o.Action(),
		"Version":    o.Version,
		"Repository": Repository,
		"Buyer":      exampleBuyer,
		"Topic":      exampleTopic,
		"Published":  stamp(published),
		"Deadline":   stamp(deadline),
		"Questions":  stamp(questions),
		"Start":      day(start),
		"End":        day(start.AddDate(2, 0, -1)),
		"StartMonth": start.Format("January 2006"),
	}
}

// weekday moves a time off a weekend, to the Monday after.
func weekday(t time.Time) time.Time {
	switch t.Weekday() {
	case time.Saturday:
		return t.AddDate(0, 0, 2)
	case time.Sunday:
		return t.AddDate(0, 0, 1)
	}
	return t
}

// SiteTOML is the new site's site.toml: every key of config.Schema with
// its note above it, the keys a site needs set, the others written as
// comments with their examples.
func SiteTOML(o Options) []byte {
	values := map[string]string{
		"title":                fmt.Sprintf("%q", o.Title),
		"description":          `"Contracts from the members of our network, written for small firms, charities and social enterprises."`,
		"base_url":             fmt.Sprintf("%q", o.BaseURL),
		"ocds.publisher":       fmt.Sprintf("%q", o.Title),
		"buyers.*.name":        `"Example Council"`,
		"buyers.*.url":         `"https://www.example.org/"`,
		"topics.*.name":        `"Cleaning"`,
		"topics.*.description": `"Cleaning of offices, schools, libraries and estates."`,
	}
	set := []string{
		"title", "description", "base_url", "language", "timezone",
		"ocds.prefix", "ocds.publisher", "ocds.license",
		"pledge.sme", "pledge.vcse", "pledge.local",
		"buyers.*.name", "buyers.*.url", "buyers.*.kind",
		"topics.*.name", "topics.*.description", "topics.*.cpv",
	}
	if o.Repo != "" {
		values["repo"] = fmt.Sprintf("%q", o.Repo)
		set = append(set, "repo")
	}
	f := *config.Schema
	f.Fields = slices.Clone(f.Fields)
	for i, fd := range f.Fields {
		switch fd.Key {
		case "buyers.*":
			f.Fields[i].AnyKey = exampleBuyer
		case "topics.*":
			f.Fields[i].AnyKey = exampleTopic
		}
	}
	body := schema.TOML(&f, schema.TOMLOptions{Above: true, Value: schema.ValuesOr(values, set)})
	return []byte(siteIntro + "\n" + body)
}

// siteIntro opens site.toml.
const siteIntro = `# The settings of this site. Lines that start with # are notes: above
# each key is one on what it is for. A key that starts with # is one you
# may use: delete the "# " in front of it, and in front of its table's
# header, to set it. tenders check reports any mistake here with its line.
#
# To start: set title and description; replace the example buyer with
# your members, one [buyers.KEY] each, and the example topic with yours;
# set repo to this site's repository, for the buttons on /submit/.
`
