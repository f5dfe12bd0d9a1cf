package site

import (
	_ "embed"
	"encoding/json"
	"html"
	"net/url"
	"strings"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/schema"
)

// The web editor for buyers is Decap CMS, served from the site's own
// admin/ folder: the build writes its page, its configuration (made from
// the brief's schema and site.toml) and the reader and writer of briefs
// the editor is given (editor/format.js, which changes only the lines of a
// brief that the form changed), and scripts/editor.sh copies the pinned
// editor itself (decap-cms.js) and the TOML parser (toml/) beside them.
// The editor is written only for a site whose repo is on GitHub, which is
// where it saves.

// EditorDir is the folder of the web editor in the built site.
const EditorDir = "admin/"

// The editor's own scripts: editor.js starts it, format.js reads and
// writes briefs.
var (
	//go:embed editor/editor.js
	editorJS []byte
	//go:embed editor/format.js
	formatJS []byte
)

// EditorFormat is the name the editor's format of briefs is registered by
// (editor/editor.js).
const EditorFormat = "tenders-brief"

// writeEditor writes the editor's page, configuration, style and scripts.
func (r *renderer) writeEditor() {
	repo, ok := githubRepo(r.Config.Repo)
	if !ok {
		return
	}
	cfg, err := json.MarshalIndent(EditorConfig(r.Config, repo), "", "  ")
	if err != nil {
		panic(err) // maps of strings, numbers and booleans always encode
	}
	r.put(EditorDir+"config.yml", append(cfg, '\n')) // JSON is YAML
	r.put(EditorDir+"index.html", []byte(editorPage(r.Config)))
	r.put(EditorDir+"editor.css", []byte(editorCSS))
	r.put(EditorDir+"editor.js", editorJS)
	r.put(EditorDir+"format.js", formatJS)
}

// githubRepo returns "owner/name" for a repository address on GitHub.
func githubRepo(addr string) (string, bool) {
	u, err := url.Parse(addr)
	if err != nil || u.Host != "github.com" {
		return "", false
	}
	parts := strings.Split(strings.TrimSuffix(strings.Trim(u.Path, "/"), ".git"), "/")
	if len(parts) != 2 || parts[0] == "" || parts[1] == "" {
		return "", false
	}
	return parts[0] + "/" + parts[1], true
}

// editorPage is the editor's page. Without JavaScript it says where else
// a brief can be sent. The site's timezone is on the page for the editor's
// dates.
func editorPage(c *config.Config) string {
	return `<!DOCTYPE html>
<html lang="` + html.EscapeString(c.Language) + `" data-zone="` + html.EscapeString(c.Location.String()) + `">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Write a brief: ` + html.EscapeString(c.Title) + `</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
<link href="editor.css" rel="stylesheet">
</head>
<body>
<noscript>
<h1>Write a brief</h1>
<p>The editor needs JavaScript. Without it, see <a href="../submit/">other ways to send a brief</a>.</p>
</noscript>
<script type="module" src="editor.js"></script>
</body>
</html>
`
}

// editorCSS darkens the editor's own text where its colours are too
// faint to read (WCAG 2.2 AA contrast, found by axe). The editor's class
// names carry the names of its parts, which the selectors match.
const editorCSS = `[class*="AppHeaderSiteLink"] { color: #4a5261 !important; }
[class*="textBadgeDanger"] { color: #b00029 !important; }
[class*="textBadgeSuccess"] { color: #00704a !important; }
`

// obj is a part of the editor's configuration.
type obj = map[string]any

// EditorConfig is the editor's configuration for a site whose repository
// is repo ("owner/name"): one collection, the briefs, whose fields are
// the brief's schema, with the site's buyers, topics and boroughs as the
// choices.
func EditorConfig(c *config.Config, repo string) obj {
	return obj{
		"backend": editorBackend(c, repo),
		// On localhost the editor first tries a local backend (decap-server),
		// which writes the working tree: for a preview and for the tests.
		"local_backend": true,
		"publish_mode":  "editorial_workflow", // a draft is a pull request
		"site_url":      c.Base.String(),
		"media_folder":  "static/docs",
		"public_folder": "/docs",
		"locale":        "en",
		"collections": []obj{{
			"name": "opportunities", "label": "Opportunities", "label_singular": "brief",
			"description": "Each brief is one opportunity. Save it as a draft to open a pull request; the checks run on it there.",
			"folder":      brief.OpportunitiesDir, "extension": "md", "format": EditorFormat,
			"create": true, "slug": "{{slug}}", "identifier_field": "title",
			"summary": "{{title}} ({{reference}})",
			"editor":  obj{"preview": false},
			"fields":  append(formFields(c, brief.BriefSchema, ""), bodyField()),
		}},
	}
}

// editorBackend is where the editor saves: the GitHub repository repo, on
// site.toml's branch, signing in through Netlify's service unless site.toml
// names the network's own sign-in server ([editor] sign_in).
func editorBackend(c *config.Config, repo string) obj {
	b := obj{"name": "github", "repo": repo, "branch": "main", "squash_merges": true}
	if c.Editor.Branch != "" {
		b["branch"] = c.Editor.Branch
	}
	if u, err := url.Parse(c.Editor.SignIn); err == nil && c.Editor.SignIn != "" {
		b["base_url"] = u.Scheme + "://" + u.Host
		if p := strings.Trim(u.Path, "/"); p != "" {
			b["auth_endpoint"] = p // without it the editor asks base_url's /auth
		}
	}
	return b
}

// bodyField is the brief's body: Markdown in a plain text box, which
// keeps what the buyer writes byte for byte, started with the five
// sections and a line of guidance each.
func bodyField() obj {
	return obj{
		"name": "body", "label": "The brief", "widget": "text", "default": brief.SkeletonBody,
		"hint": "Markdown: ## starts a section. Replace each line in square brackets; the checks report any left.",
	}
}

// formFields are the fields for the keys of f directly inside parent.
func formFields(c *config.Config, f *schema.File, parent string) []obj {
	var out []obj
	for _, fd := range f.Fields {
		if fd.Parent() != parent || fd.Name() == "*" || fd.Key == "imported" {
			continue // [imported] is tenders import's to write, not a buyer's
		}
		out = append(out, formField(c, f, fd))
	}
	return out
}

// formField is the field for one key.
func formField(c *config.Config, f *schema.File, fd schema.Field) obj {
	o := obj{
		"name": fd.Name(), "label": label(fd.Name()), "hint": f.Note(fd),
		"required": fd.Required && fd.Unless == nil && fd.OnlyWith == nil && requiredParent(f, fd),
	}
	if p, ok := brief.Patterns[fd.Key]; ok && fd.Type == schema.Text {
		o["pattern"] = []string{p[0], p[1]}
	}
	choices := choicesFor(c, fd)
	switch fd.Type {
	case schema.Text:
		o["widget"] = "string"
		if choices != nil {
			o["widget"], o["options"] = "select", choices
		}
	case schema.TextList:
		o["widget"] = "list"
		item := obj{"name": "item", "label": label(fd.Name()), "widget": "string"}
		if p, ok := brief.Patterns[fd.Key]; ok {
			item["pattern"] = []string{p[0], p[1]}
		}
		o["field"] = item
		if choices != nil {
			o = withChoices(o, choices)
		}
	case schema.Integer, schema.Number:
		o["widget"], o["value_type"], o["min"] = "number", "int", 0
		if fd.Type == schema.Number {
			o["value_type"] = "float"
		}
	case schema.Bool:
		o["widget"], o["default"] = "boolean", false
	case schema.Date:
		o["widget"], o["default"] = "datetime", ""
		o["format"], o["date_format"], o["time_format"] = "YYYY-MM-DDTHH:mm:ss", "D MMMM YYYY", "HH:mm"
		if !strings.Contains(fd.Example, "T") {
			o["format"], o["time_format"] = "YYYY-MM-DD", false
		}
	case schema.Table:
		o["widget"], o["collapsed"] = "object", !fd.Required
		o["fields"] = formFields(c, f, fd.Key)
	case schema.TableList:
		// Without a default of no entries, the editor adds one of each list
		// whose keys have defaults of their own.
		o["widget"], o["default"] = "list", []obj{}
		o["fields"] = formFields(c, f, fd.Key)
	}
	return o
}

// withChoices makes a list field a select of several of the choices.
func withChoices(o obj, choices []obj) obj {
	delete(o, "field")
	o["widget"], o["multiple"], o["options"] = "select", true, choices
	return o
}

// requiredParent reports whether the table fd is in is there whenever its
// file is: a key required in an optional table is not required of a brief
// without that table. An entry of a list exists only once it is added.
func requiredParent(f *schema.File, fd schema.Field) bool {
	p, ok := f.Field(fd.Parent())
	return !ok || p.Type == schema.TableList || p.Required && p.Unless == nil && p.OnlyWith == nil
}

// choicesFor is the choices of a key that takes one of a list of values:
// the site's buyers or topics by name, or the schema's values.
func choicesFor(c *config.Config, fd schema.Field) []obj {
	var out []obj
	switch fd.KeysOf {
	case "buyers":
		for _, k := range config.SortedKeys(c.Buyers) {
			out = append(out, obj{"label": c.Buyers[k].Name, "value": k})
		}
		return out
	case "topics":
		for _, k := range config.SortedKeys(c.Topics) {
			out = append(out, obj{"label": c.Topics[k].Name, "value": k})
		}
		return out
	}
	for _, v := range fd.Values {
		out = append(out, obj{"label": choiceLabel(v), "value": v})
	}
	return out
}

// choiceLabel names a value: a borough by its name, others as written.
func choiceLabel(v string) string {
	if name, ok := config.AreaName(v); ok {
		return name
	}
	return v
}

// labels are the fields' names where the key's own words are not plain.
var labels = map[string]string{
	"apply_url": "Where bids go (web or mailto: address)", "cpv": "CPV codes",
	"value_min": "Least it is worth (£)", "value_max": "Most it is worth (£)",
	"payment_days": "Days to pay an invoice", "turnover_min": "Turnover a bidder needs (£)",
	"suitable_for": "Especially welcome", "questions_deadline": "Questions deadline",
	"online_url": "Online address", "booking_url": "Booking address", "url": "Address",
	"amount": "Amount (£)", "sme": "Small business (SME)", "vcse": "Charity or social enterprise (VCSE)",
}

// label is the name of the field for key: "Contract start" for
// contract_start.
func label(key string) string {
	if l, ok := labels[key]; ok {
		return l
	}
	s := strings.ReplaceAll(key, "_", " ")
	return strings.ToUpper(s[:1]) + s[1:]
}
