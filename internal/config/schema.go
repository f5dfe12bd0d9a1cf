package config

import "github.com/london-anchors/tenders/internal/schema"

// Schema describes the keys of site.toml. Parse's messages take their
// examples from it, and README.md's reference and tenders schema are made
// from it. A test compares it with Config's toml tags.
var Schema = &schema.File{
	Name:   "site",
	Title:  "A tenders site's settings",
	Path:   FileName,
	Fields: siteFields(),
}

// RuleLevels are the values a rule may be set to in [lint.rules].
var RuleLevels = []string{"error", "warning", "suggestion", "off"}

func siteFields() []schema.Field {
	f := []schema.Field{
		{Key: "title", Type: schema.Text, Required: true, Example: `"London anchor opportunities"`,
			Doc: "The site's name, on every page and feed"},
		{Key: "description", Type: schema.Text, Example: `"Contracts from London's councils, universities and hospitals, written for small firms."`,
			Doc: "The home page's introduction"},
		{Key: "base_url", Type: schema.Text, Required: true, Example: `"https://example.org/opportunities/"`,
			Doc: "The address the site is published at; a sub-path works"},
		{Key: "language", Type: schema.Text, Example: `"en-GB"`,
			Doc: "The language of the pages, as a language tag; en-GB when left out"},
		{Key: "timezone", Type: schema.Text, Example: `"Europe/London"`,
			Doc: "The time zone of dates written without one, from the IANA list; Europe/London when left out"},
		{Key: "repo", Type: schema.Text, Example: `"https://github.com/ORG/REPO"`,
			Doc: "The site's repository on GitHub, for the buttons on /submit/ that open a new brief"},
		{Key: "icon", Type: schema.Text, Example: `"images/icon.svg"`,
			Doc: "The site's icon in browser tabs and bookmarks, in place of the built-in anchor: a square SVG or PNG file under static/"},
		{Key: "touch_icon", Type: schema.Text, Example: `"images/icon-180.png"`,
			Doc: "The icon phones show on the home screen: a square PNG file under static/, 180 pixels wide, with nothing see-through; when left out, icon if it is a PNG, or else the built-in anchor"},
		{Key: "theme_color", Type: schema.Text, Example: `"#00703c"`,
			Doc: "The colour some browsers give their bar around the site, as # and six hexadecimal digits; the built-in green when left out"},

		{Key: "per_page", Type: schema.Integer, Example: "50",
			Doc: "How many opportunities each page of a listing shows, from 10 to 500; 50 when left out"},

		{Key: "credit", Type: schema.Bool, Example: "true",
			Doc: "End the footer with the small line \"Published with tenders\"; write false to leave it out"},

		{Key: "network", Type: schema.Table,
			Doc: "Who runs the site: shown in the header, and named in the footer"},
		{Key: "network.name", Type: schema.Text, Example: `"London Anchor Network"`,
			Doc: "The network's name, at the top of every page when there is no logo; the footer says the site is run by it"},
		{Key: "network.url", Type: schema.Text, Example: `"https://www.londonanchors.example/"`,
			Doc: "The network's own website: the logo, or the name, links to it"},
		{Key: "network.logo", Type: schema.Text, Example: `"images/logo.svg"`,
			Doc: "The network's logo at the top of every page: an SVG, PNG or JPEG file under static/, shown 48 pixels high"},
		{Key: "network.logo_alt", Type: schema.Text, OnlyWith: &schema.Cond{Key: "logo"}, Example: `"London Anchor Network"`,
			Doc: "The words the logo shows, for people who cannot see it"},

		{Key: "banner", Type: schema.Table,
			Doc: "A phase banner at the foot of the header, as public services show while they are new"},
		{Key: "banner.phase", Type: schema.Text, Required: true, Values: SortedKeys(Phases), Example: `"beta"`,
			Doc: "The phase the site is in, shown as a tag"},
		{Key: "banner.text", Type: schema.Text, Example: `"This is a new service. Your feedback will help us improve it."`,
			Doc: "What the banner says, in one line of plain text; this example when left out"},
		{Key: "banner.feedback_url", Type: schema.Text, Example: `"mailto:network@example.org"`,
			Doc: "Where to send feedback, for a link after the text: a web address, a mailto: address or a path inside the site"},

		{Key: "lint", Type: schema.Table,
			Doc: "The thresholds of tenders check's rules; 0 or left out means the default, given in brackets"},
		{Key: "lint.sentence_length", Type: schema.Integer, Example: "25",
			Doc: "The most words in a sentence (25)"},
		{Key: "lint.readability_grade", Type: schema.Number, Example: "12",
			Doc: "The Flesch-Kincaid grade above which a paragraph is flagged (12)"},
		{Key: "lint.min_response_days", Type: schema.Integer, Example: "15",
			Doc: "The fewest days from published to the deadline (15)"},
		{Key: "lint.questions_working_days", Type: schema.Integer, Example: "3",
			Doc: "The fewest working days from the questions deadline to the deadline (3)"},
		{Key: "lint.max_payment_days", Type: schema.Integer, Example: "30",
			Doc: "The longest payment terms, in days (30)"},
		{Key: "lint.turnover_ratio", Type: schema.Number, Example: "2",
			Doc: "The largest turnover a brief may ask for, as a multiple of the contract's value (2)"},
		{Key: "lint.insurance_floor", Type: schema.Integer, Example: "1000000",
			Doc: "Cover that is always reasonable to ask for, in pounds (1,000,000)"},
		{Key: "lint.insurance_ratio", Type: schema.Number, Example: "10",
			Doc: "The largest cover, as a multiple of the contract's value (10)"},
		{Key: "lint.employers_liability_max", Type: schema.Integer, Example: "5000000",
			Doc: "The largest employer's liability cover, in pounds (5,000,000)"},
		{Key: "lint.small_contract", Type: schema.Integer, Example: "10000",
			Doc: "The value below which a brief should ask for no insurance, in pounds (10,000)"},
		{Key: "lint.acronyms", Type: schema.TextList, Example: `["GLA", "TfL"]`,
			Doc: "Acronyms your readers know without spelling them out"},
		{Key: "lint.names", Type: schema.TextList, Example: `["Endeavour Partners", "Leverage Trust"]`,
			Doc: "Names of people, places and bodies that hold words of the jargon list; the jargon rule leaves them alone in any case, as it does the public portals (Find a Tender, Contracts Finder)"},
		{Key: "lint.standards", Type: schema.TextList, Example: `["Gas Safe"]`,
			Doc: "More named standards that need \"or equivalent\""},
		{Key: "lint.every_occurrence", Type: schema.Bool, Example: "true",
			Doc: "Report every use of a jargon term as a finding of its own; when false or left out, each term is reported once a file, at its first use, with how many more times and on which lines it occurs"},
		{Key: "lint.rules", Type: schema.Table,
			Doc: "A rule's severity, by the rule's name (tenders check --rules lists them)"},
		{Key: "lint.rules.*", Type: schema.Text, AnyKey: "passive", Values: RuleLevels, Example: `"off"`,
			Doc: "How the rule reports"},
		{Key: "lint.words", Type: schema.Table,
			Doc: "More jargon for the jargon rule: a word or phrase, and the plain words to write instead"},
		{Key: "lint.words.*", Type: schema.Text, AnyKey: `"touch base"`, Example: `"talk"`,
			Doc: "The plain alternative"},

		{Key: "feeds", Type: schema.Table,
			Doc: "The feeds and calendars"},
		{Key: "feeds.items", Type: schema.Integer, Example: "50",
			Doc: "The most entries in one feed; 50 when left out"},
		{Key: "feeds.full_content", Type: schema.Bool, Example: "false",
			Doc: "Put whole briefs in feeds, not only their summaries"},
		{Key: "feeds.closing_soon_days", Type: schema.Integer, Example: "7",
			Doc: "What closing soon means, in days before the deadline; 7 when left out"},
		{Key: "feeds.id_host", Type: schema.Text, Example: `"opportunities.example.org"`,
			Doc: "The host every feed item's and calendar event's id is made with; base_url's host when left out. Set it once and never change it: then moving the site to another address changes no id, and no reader sends every item again"},

		{Key: "hosting", Type: schema.Table,
			Doc: "Files that some static hosts, such as Netlify, read"},
		{Key: "hosting.headers", Type: schema.Bool, Example: "true",
			Doc: "Write _headers: the Content-Types of feeds and calendars, and long caching of fingerprinted files"},
		{Key: "hosting.redirects", Type: schema.Bool, Example: "true",
			Doc: "Write _redirects: the old addresses of renamed briefs"},

		{Key: "editor", Type: schema.Table,
			Doc: "The web editor for buyers at /admin/, written when repo is on GitHub (docs/editor.md)"},
		{Key: "editor.sign_in", Type: schema.Text, Example: `"https://auth.example.org/auth"`,
			Doc: "The address of the network's own GitHub sign-in (OAuth) server, which opens GitHub's sign-in page; Netlify's sign-in service when left out"},
		{Key: "editor.branch", Type: schema.Text, Example: `"main"`,
			Doc: "The repository's branch the editor saves to: drafts are pull requests against it; main when left out"},
	}
	return append(f, ownerFields()...)
}

// ownerFields are the tables of open data, buyers and topics.
func ownerFields() []schema.Field {
	return []schema.Field{
		{Key: "ocds", Type: schema.Table,
			Doc: "The open data in /data/ocds.json"},
		{Key: "ocds.prefix", Type: schema.Text, Example: `"ocds-000000"`,
			Doc: "The ocid prefix the Open Contracting Partnership issues; this placeholder until then"},
		{Key: "ocds.publisher", Type: schema.Text, Example: `"London anchor network"`,
			Doc: "Who publishes the data; the site's title when left out"},
		{Key: "ocds.license", Type: schema.Text, Example: `"https://creativecommons.org/licenses/by/4.0/"`,
			Doc: "The address of the data's licence"},

		{Key: "pledge", Type: schema.Table,
			Doc: "The network's targets: the share of awarded value, in percent, that goes to each kind of supplier"},
		{Key: "pledge.sme", Type: schema.Number, Example: "40",
			Doc: "To small and medium-sized businesses"},
		{Key: "pledge.vcse", Type: schema.Number, Example: "15",
			Doc: "To charities and social enterprises"},
		{Key: "pledge.local", Type: schema.Number, Example: "50",
			Doc: "To firms based in London"},

		{Key: "buyers", Type: schema.Table,
			Doc: "The organisations that publish briefs, one table each"},
		{Key: "buyers.*", Type: schema.Table, AnyKey: "camden",
			Doc: "One buyer. The key is what briefs write in buyer: lower-case letters, digits and hyphens"},
		{Key: "buyers.*.name", Type: schema.Text, Required: true, Example: `"London Borough of Camden"`,
			Doc: "The organisation's name"},
		{Key: "buyers.*.url", Type: schema.Text, Example: `"https://www.camden.gov.uk/"`,
			Doc: "Its website"},
		{Key: "buyers.*.kind", Type: schema.Text, Required: true, Values: SortedKeys(BuyerKinds), Example: `"council"`,
			Doc: "What kind of organisation it is"},
		{Key: "buyers.*.borough", Type: schema.Text, Values: AreaKeys(), Example: `"camden"`,
			Doc: "Where it is: a London borough key"},
		{Key: "buyers.*.ids", Type: schema.TextList, Example: `["GB-PPON-PDDW-2534-TWPT", "GB-LAE-CMD"]`,
			Doc: "Its identifiers on Find a Tender and Contracts Finder, each a scheme and an id, as the notices give them: tenders import brings in the notices of a buyer with one of these ids (or, when it has none, of its name)"},

		{Key: "topics", Type: schema.Table,
			Doc: "The site's topics, one table each"},
		{Key: "topics.*", Type: schema.Table, AnyKey: "cleaning",
			Doc: "One topic. The key is what briefs write in topics: lower-case letters, digits and hyphens"},
		{Key: "topics.*.name", Type: schema.Text, Required: true, Example: `"Cleaning and laundry"`,
			Doc: "The topic's name"},
		{Key: "topics.*.description", Type: schema.Text, Example: `"Cleaning of buildings, windows and estates."`,
			Doc: "What it covers"},
		{Key: "topics.*.cpv", Type: schema.TextList, Example: `["9091", "9831"]`,
			Doc: "CPV prefixes: a brief with a code that starts with one is listed here too"},
	}
}
