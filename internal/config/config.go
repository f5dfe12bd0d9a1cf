// Package config reads site.toml, the one file that holds a site's settings:
// its title and address, the buyers and topics briefs may name, and the
// settings of the feeds.
//
// Schema describes every key, and README.md's reference is made from it.
// Unknown keys are errors, reported
// with the line and column where they were written and the nearest allowed
// key.
package config

import (
	"cmp"
	"crypto/sha256"
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/tomldec"
)

// FileName is the name of the settings file at the top of a site.
const FileName = "site.toml"

// Config is a decoded, checked site.toml.
type Config struct {
	Title       string           `toml:"title"`
	Description string           `toml:"description"`
	BaseURL     string           `toml:"base_url"`
	Language    string           `toml:"language"`
	Timezone    string           `toml:"timezone"`
	Repo        string           `toml:"repo"`
	Icon        string           `toml:"icon"`        // a file of static/: the icon of tabs and bookmarks
	TouchIcon   string           `toml:"touch_icon"`  // a file of static/: the icon of phones' home screens
	ThemeColor  string           `toml:"theme_color"` // "#rrggbb"; DefaultThemeColor when left out
	Credit      *bool            `toml:"credit"`      // the footer's "Published with tenders"; nil means true
	Network     Network          `toml:"network"`
	Banner      Banner           `toml:"banner"`
	PerPage     int              `toml:"per_page"` // opportunities on each page of a listing; default 50
	Feeds       Feeds            `toml:"feeds"`
	Lint        Lint             `toml:"lint"`
	OCDS        OCDS             `toml:"ocds"`
	Hosting     Hosting          `toml:"hosting"`
	Editor      Editor           `toml:"editor"`
	Pledge      Pledge           `toml:"pledge"`
	Buyers      map[string]Buyer `toml:"buyers"`
	Topics      map[string]Topic `toml:"topics"`

	Sum      [32]byte       `toml:"-"` // SHA-256 of the file's bytes
	Base     *url.URL       `toml:"-"` // BaseURL parsed; its path always ends in "/"
	Location *time.Location `toml:"-"` // Timezone loaded
	Keys     tomldec.Keys   `toml:"-"` // where each key was written
}

// Feeds holds the [feeds] settings.
type Feeds struct {
	Items           int  `toml:"items"`             // most items in one feed; default 50
	FullContent     bool `toml:"full_content"`      // put the whole brief in feed items, not just the summary
	ClosingSoonDays int  `toml:"closing_soon_days"` // what "closing soon" means, in days; default 7
	// IDHost is the authority of every feed item's and calendar event's
	// id (tag:IDHOST,2026:REFERENCE): base_url's host when left out. Set it
	// once and never change it, so that moving the site keeps every id.
	IDHost string `toml:"id_host"`
}

// IDHost is the host feed and calendar ids are made with.
func (c *Config) IDHost() string {
	if c.Feeds.IDHost != "" {
		return c.Feeds.IDHost
	}
	return c.Base.Hostname()
}

// Lint holds the [lint] settings: the thresholds of the linter's rules,
// each rule's severity, and words to add to its lists. A zero threshold
// means the default, given in brackets.
type Lint struct {
	Rules                 map[string]string `toml:"rules"`                   // rule -> "error", "warning", "suggestion" or "off"
	SentenceLength        int               `toml:"sentence_length"`         // most words in a sentence (25)
	ReadabilityGrade      float64           `toml:"readability_grade"`       // Flesch-Kincaid grade above which a paragraph is flagged (12)
	MinResponseDays       int               `toml:"min_response_days"`       // fewest days from published to deadline (15)
	QuestionsWorkingDays  int               `toml:"questions_working_days"`  // fewest working days from questions deadline to deadline (3)
	MaxPaymentDays        int               `toml:"max_payment_days"`        // longest payment terms, in days (30)
	TurnoverRatio         float64           `toml:"turnover_ratio"`          // largest turnover demand, as a multiple of the contract value (2)
	InsuranceFloor        int64             `toml:"insurance_floor"`         // cover always reasonable to ask for, in pounds (1,000,000)
	InsuranceRatio        float64           `toml:"insurance_ratio"`         // largest cover, as a multiple of the contract value (10)
	EmployersLiabilityMax int64             `toml:"employers_liability_max"` // largest employer's liability cover (5,000,000)
	SmallContract         int64             `toml:"small_contract"`          // below this value, ask for no insurance (10,000)
	Words                 map[string]string `toml:"words"`                   // extra jargon: word or phrase -> plain alternative
	Acronyms              []string          `toml:"acronyms"`                // acronyms readers know without expansion
	Names                 []string          `toml:"names"`                   // names that hold words of the jargon list, such as "Endeavour Partners"
	Standards             []string          `toml:"standards"`               // extra named standards that need "or equivalent"
	EveryOccurrence       bool              `toml:"every_occurrence"`        // report each use of a term, not the first with a count
}

// Hosting holds the [hosting] settings: files some static hosts read.
type Hosting struct {
	Headers   bool `toml:"headers"`   // write _headers: Content-Types of feeds and calendars, long caching of fingerprinted assets
	Redirects bool `toml:"redirects"` // write _redirects: the aliases of renamed briefs
}

// Editor holds the [editor] settings of the web editor for buyers.
type Editor struct {
	SignIn string `toml:"sign_in"` // the network's own GitHub sign-in (OAuth) server; Netlify's when ""
	Branch string `toml:"branch"`  // the branch drafts are opened against; "main" when ""
}

// OCDS holds the [ocds] settings of the open data.
type OCDS struct {
	Prefix    string `toml:"prefix"`    // the ocid prefix the Open Contracting Partnership issued, such as "ocds-a1b2c3"
	Publisher string `toml:"publisher"` // who publishes the data; default: the site's title
	License   string `toml:"license"`   // the address of the data's licence
}

// Pledge holds the [pledge] targets: the share of awarded value, in
// percent, the network has pledged to each kind of supplier.
type Pledge struct {
	SME   float64 `toml:"sme"`
	VCSE  float64 `toml:"vcse"`
	Local float64 `toml:"local"`
}

// PlaceholderPrefix is the ocid prefix used until a real one is set.
const PlaceholderPrefix = "ocds-000000"

// Buyer is an organisation that publishes briefs: [buyers.KEY].
type Buyer struct {
	Name    string   `toml:"name"`
	URL     string   `toml:"url"`
	Kind    string   `toml:"kind"`
	Borough string   `toml:"borough"`
	IDs     []string `toml:"ids"` // its identifiers on the portals, for tenders import
}

// Topic is one of the site's friendly categories: [topics.KEY].
type Topic struct {
	Name        string   `toml:"name"`
	Description string   `toml:"description"`
	CPV         []string `toml:"cpv"` // CPV code prefixes, such as "9091"
}

// BuyerKinds are the allowed values of a buyer's kind, with display names.
var BuyerKinds = map[string]string{
	"council":    "Council",
	"university": "University",
	"college":    "College",
	"health":     "NHS and health",
	"culture":    "Museum, gallery or cultural body",
	"housing":    "Housing association",
	"faith":      "Faith organisation",
	"charity":    "Charity",
	"other":      "Other public body",
}

var (
	keyRE        = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	ocidPrefixRE = regexp.MustCompile(`^ocds-[a-z0-9]{6}$`)
)

// Parse decodes and checks the text of a site.toml. The returned list holds
// every problem, positioned; the Config is usable only when it holds no
// errors.
func Parse(file, src string) (*Config, diag.List) {
	c := &Config{Sum: sha256.Sum256([]byte(src))}
	keys, problems := tomldec.Decode(src, c)
	c.Keys = keys
	var list diag.List
	for _, p := range problems {
		list = append(list, at(file, p.Pos, p.Msg))
	}
	if len(problems) > 0 && problems[0].Path == "" {
		return c, list // a syntax error: nothing else is reliable
	}
	report := func(path, format string, args ...any) {
		list = append(list, at(file, keys.Pos(path), fmt.Sprintf(format, args...)))
	}
	c.defaults()
	c.checkSite(report)
	c.checkIdentity(report)
	c.checkNumbers(report)
	c.checkData(report)
	c.checkBuyers(report)
	c.checkTopics(report)
	list.Sort()
	return c, list
}

// reporter records a problem at a key.
type reporter func(path, format string, args ...any)

// checkSite checks the site's own keys: title, address, timezone, repo.
func (c *Config) checkSite(report reporter) {
	if strings.TrimSpace(c.Title) == "" {
		report("title", "title is missing; add a line such as %s", Schema.Line("title"))
	} else if why := oneLine(c.Title); why != "" {
		report("title", "title %s", why)
	}
	if c.BaseURL == "" {
		report("base_url", "base_url is missing; add the address the site is published at, such as %s", Schema.Line("base_url"))
	} else if msg := c.setBase(); msg != "" {
		report("base_url", "base_url %s", msg)
	}
	if loc, err := time.LoadLocation(c.Timezone); err != nil || c.Timezone == "Local" {
		report("timezone", "timezone %q is not a known time zone; use a name from the IANA list, such as %s", c.Timezone, Schema.Example("timezone"))
	} else {
		c.Location = loc
	}
	if c.Repo != "" {
		if msg := CheckWebURL(c.Repo); msg != "" {
			report("repo", "repo %s", msg)
		}
	}
	if c.Editor.SignIn != "" {
		if msg := CheckWebURL(c.Editor.SignIn); msg != "" {
			report("editor.sign_in", "sign_in %s", msg)
		} else if u, _ := url.Parse(c.Editor.SignIn); u.RawQuery != "" || u.Fragment != "" {
			report("editor.sign_in", "sign_in %q has a query or fragment, which the editor cannot add to; write the server's address and path only, such as %s", c.Editor.SignIn, Schema.Example("editor.sign_in"))
		}
	}
	if b := c.Editor.Branch; b != "" && !validBranch(b) {
		report("editor.branch", "branch %q is not a name Git allows for a branch; write it as it appears on GitHub, such as %s", b, Schema.Example("editor.branch"))
	}
}

// validBranch reports whether name is a branch name as Git allows
// (git check-ref-format, for the rules a name typed here can break).
func validBranch(name string) bool {
	if strings.HasPrefix(name, "/") || strings.HasSuffix(name, "/") || strings.HasSuffix(name, ".") ||
		strings.HasPrefix(name, "-") || strings.Contains(name, "..") || strings.Contains(name, "//") ||
		strings.Contains(name, "@{") || strings.HasSuffix(name, ".lock") || name == "@" {
		return false
	}
	for _, r := range name {
		if r <= ' ' || r == 0x7f || strings.ContainsRune("~^:?*[\\", r) {
			return false
		}
	}
	return true
}

// checkNumbers checks that every number of [feeds] and [lint] is in its
// range, and that [lint]'s lists hold each value once.
func (c *Config) checkNumbers(report reporter) {
	for _, n := range []struct {
		path       string
		v, min, mx int
		what       string
	}{
		{"per_page", c.PerPage, 10, 500, "the opportunities on each page of a listing"},
		{"feeds.items", c.Feeds.Items, 1, 1000, "it caps how many entries each feed holds"},
		{"feeds.closing_soon_days", c.Feeds.ClosingSoonDays, 1, 366, "the days before a deadline that count as closing soon"},
		{"lint.sentence_length", c.Lint.SentenceLength, 1, 1000, "the most words in a sentence"},
		{"lint.min_response_days", c.Lint.MinResponseDays, 1, 366, "the fewest days from publishing to the deadline"},
		{"lint.questions_working_days", c.Lint.QuestionsWorkingDays, 1, 100, "the fewest working days between the questions deadline and the deadline"},
		{"lint.max_payment_days", c.Lint.MaxPaymentDays, 1, 366, "the longest payment terms, in days"},
	} {
		if n.v < n.min || n.v > n.mx {
			report(n.path, "%s is %d; it must be from %d to %d: %s", n.path[strings.IndexByte(n.path, '.')+1:], n.v, n.min, n.mx, n.what)
		}
	}
	for _, n := range []struct {
		path  string
		v, mx float64
		what  string
	}{
		{"lint.readability_grade", c.Lint.ReadabilityGrade, 30, "a school grade"},
		{"lint.turnover_ratio", c.Lint.TurnoverRatio, 1000, "a multiple of the contract's value"},
		{"lint.insurance_ratio", c.Lint.InsuranceRatio, 1000, "a multiple of the contract's value"},
	} {
		if n.v <= 0 || n.v > n.mx {
			report(n.path, "%s is %g; it must be above 0 and at most %g: %s", n.path[strings.IndexByte(n.path, '.')+1:], n.v, n.mx, n.what)
		}
	}
	for _, n := range []struct {
		path string
		v    int64
	}{{"lint.insurance_floor", c.Lint.InsuranceFloor}, {"lint.employers_liability_max", c.Lint.EmployersLiabilityMax}, {"lint.small_contract", c.Lint.SmallContract}} {
		if n.v < 0 || n.v > 100_000_000_000 {
			report(n.path, "%s is %d; it must be from 0 to 100000000000 pounds", n.path[strings.IndexByte(n.path, '.')+1:], n.v)
		}
	}
	for _, l := range []struct {
		path string
		vs   []string
	}{{"lint.acronyms", c.Lint.Acronyms}, {"lint.standards", c.Lint.Standards}} {
		for i, v := range l.vs {
			if j := slices.Index(l.vs[:i], v); j >= 0 {
				report(l.path, "%q is listed twice in %s (items %d and %d); list it once", v, l.path, j+1, i+1)
			}
		}
	}
}

// hostRE is a host name: letters, digits and hyphens in dotted parts.
var hostRE = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$`)

// checkData checks [ocds] and [pledge].
func (c *Config) checkData(report reporter) {
	if h := c.Feeds.IDHost; h != "" && !hostRE.MatchString(h) {
		report("feeds.id_host", "id_host %q is not a host name; write the site's host alone, in lower case, such as %s", h, Schema.Example("feeds.id_host"))
	}
	if !ocidPrefixRE.MatchString(c.OCDS.Prefix) {
		report("ocds.prefix", "prefix %q is not an ocid prefix; write \"ocds-\" and six letters or digits, such as \"ocds-a1b2c3\" (leave it out to use the placeholder %s)", c.OCDS.Prefix, PlaceholderPrefix)
	}
	if c.OCDS.License != "" {
		if msg := CheckWebURL(c.OCDS.License); msg != "" {
			report("ocds.license", "license %s", msg)
		}
	}
	for _, p := range []struct {
		key string
		v   float64
	}{{"sme", c.Pledge.SME}, {"vcse", c.Pledge.VCSE}, {"local", c.Pledge.Local}} {
		if p.v < 0 || p.v > 100 {
			report("pledge."+p.key, "%s is %g; a pledge is a percentage of awarded value, from 0 to 100", p.key, p.v)
		}
	}
}

// checkBuyers checks each [buyers.KEY].
func (c *Config) checkBuyers(report reporter) {
	for _, k := range c.BuyerKeys() {
		b, path := c.Buyers[k], "buyers."+k
		if !keyRE.MatchString(k) {
			report(path, "buyer key %q must be lower-case letters, digits and hyphens, such as \"camden\"", k)
		}
		if c.required(report, path+".name", b.Name, "") {
			if why := oneLine(b.Name); why != "" {
				report(path+".name", "the name of buyer %q %s", k, why)
			}
		}
		kinds := strings.Join(SortedKeys(BuyerKinds), ", ")
		if c.required(report, path+".kind", b.Kind, " (one of "+kinds+")") {
			if _, ok := BuyerKinds[b.Kind]; !ok {
				report(path+".kind", "buyer kind %q is not one we know; use one of %s", b.Kind, kinds)
			}
		}
		if b.Borough != "" {
			if _, ok := AreaName(b.Borough); !ok {
				report(path+".borough", "borough %q is not a London borough key; %s", b.Borough, SuggestArea(b.Borough))
			}
		}
		if b.URL != "" {
			if msg := CheckWebURL(b.URL); msg != "" {
				report(path+".url", "url %s", msg)
			}
		}
		c.checkIDs(report, path+".ids", b.IDs)
	}
}

// checkIDs checks a buyer's portal identifiers: each a scheme and an id,
// such as "GB-PPON-PDDW-2534-TWPT", once.
func (c *Config) checkIDs(report reporter, path string, ids []string) {
	if len(ids) > 100 {
		report(path, "ids lists %d identifiers; at most 100 are allowed", len(ids))
		return
	}
	for i, id := range ids {
		switch {
		case !idRE.MatchString(id):
			report(path, "identifier %q (item %d of ids) is not an organisation identifier; write its scheme and id joined by a hyphen, as the portals do, such as \"GB-PPON-PDDW-2534-TWPT\" or \"GB-COH-01234567\"", id, i+1)
		case slices.Index(ids[:i], id) >= 0:
			report(path, "identifier %q is listed twice in ids; list it once", id)
		}
	}
}

// idRE is an organisation identifier: a scheme such as GB-COH, a hyphen,
// and the id in that scheme.
var idRE = regexp.MustCompile(`^[A-Za-z]{2}-[A-Za-z0-9]+-[^\s<>"]+$`)

// checkTopics checks each [topics.KEY].
func (c *Config) checkTopics(report reporter) {
	for _, k := range c.TopicKeys() {
		t, path := c.Topics[k], "topics."+k
		if !keyRE.MatchString(k) {
			report(path, "topic key %q must be lower-case letters, digits and hyphens, such as \"cleaning\"", k)
		}
		if c.required(report, path+".name", t.Name, "") {
			if why := oneLine(t.Name); why != "" {
				report(path+".name", "the name of topic %q %s", k, why)
			}
		}
		for _, p := range t.CPV {
			if p == "" || strings.Trim(p, "0123456789") != "" || len(p) > 8 {
				report(path+".cpv", "CPV prefix %q must be 1 to 8 digits, such as \"9091\"", p)
			}
		}
	}
}

// required reports a required key of a table that is missing or blank,
// worded as a brief's are: what to add, under which table, with the
// schema's example and then more, such as the values allowed. It points
// at the key, or at its table's header when the key was not written, and
// reports whether the key has a value.
func (c *Config) required(report reporter, path, value, more string) bool {
	if strings.TrimSpace(value) != "" {
		return true
	}
	i := strings.LastIndexByte(path, '.')
	name, table := path[i+1:], path[:i]
	if _, written := c.Keys[path]; written {
		report(path, "%s is empty; write something such as %s under [%s]%s", name, Schema.Line(path), table, more)
	} else {
		report(path, "%s is missing; add a line such as %s under [%s]%s", name, Schema.Line(path), table, more)
	}
	return false
}

// oneLine says why a name is not one line of plain text, or "".
func oneLine(s string) string {
	switch {
	case strings.ContainsAny(s, "\n\r\t"):
		return "must be one line, without line breaks or tabs"
	case strings.ContainsAny(s, "<>"):
		return "must be plain text, without < or >"
	}
	return ""
}

// setBase parses BaseURL into Base, or says what is wrong with it.
func (c *Config) setBase() string {
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Sprintf("%q is not a full web address; write it with https:// and the host, such as \"https://example.org/opportunities/\"", c.BaseURL)
	}
	// The path is written into _headers and _redirects, one rule a line
	// and fields split at spaces: an encoded line break or space there
	// would add a rule of its own.
	if strings.ContainsFunc(u.Path, func(r rune) bool { return r <= ' ' || r == 0x7f || r == '#' || r == '?' }) {
		return fmt.Sprintf("%q has a space, a line break, a control character, # or ? in its path (%%20, %%0A and the like count); give the plain address, such as \"https://example.org/opportunities/\"", c.BaseURL)
	}
	if u.User != nil {
		return fmt.Sprintf("%q holds a user name or password; give the public address of the site", c.BaseURL)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawQuery, u.Fragment = "", ""
	c.Base = u
	return ""
}

// RecheckBase checks BaseURL again after a --base-url flag replaced it.
func RecheckBase(c *Config) diag.List {
	if msg := c.setBase(); msg != "" {
		return diag.List{{File: "--base-url", Line: 1, Col: 1, Severity: diag.Error, Rule: "invalid", Message: "--base-url " + msg}}
	}
	return nil
}

func (c *Config) defaults() {
	if c.Language == "" {
		c.Language = "en-GB"
	}
	if c.Timezone == "" {
		c.Timezone = "Europe/London"
	}
	c.ThemeColor = cmp.Or(c.ThemeColor, DefaultThemeColor)
	if c.Banner.Phase != "" {
		c.Banner.Text = cmp.Or(c.Banner.Text, DefaultBannerText)
	}
	for _, p := range c.staticPaths() {
		*p.value = strings.TrimPrefix(*p.value, "/")
	}
	if c.Feeds.Items == 0 {
		c.Feeds.Items = 50
	}
	c.PerPage = cmp.Or(c.PerPage, 50)
	if c.Feeds.ClosingSoonDays == 0 {
		c.Feeds.ClosingSoonDays = 7
	}
	c.OCDS.Prefix = cmp.Or(c.OCDS.Prefix, PlaceholderPrefix)
	c.OCDS.Publisher = cmp.Or(c.OCDS.Publisher, c.Title)
	l := &c.Lint
	l.SentenceLength = cmp.Or(l.SentenceLength, 25)
	l.ReadabilityGrade = cmp.Or(l.ReadabilityGrade, 12)
	l.MinResponseDays = cmp.Or(l.MinResponseDays, 15)
	l.QuestionsWorkingDays = cmp.Or(l.QuestionsWorkingDays, 3)
	l.MaxPaymentDays = cmp.Or(l.MaxPaymentDays, 30)
	l.TurnoverRatio = cmp.Or(l.TurnoverRatio, 2)
	l.InsuranceFloor = cmp.Or(l.InsuranceFloor, 1_000_000)
	l.InsuranceRatio = cmp.Or(l.InsuranceRatio, 10)
	l.EmployersLiabilityMax = cmp.Or(l.EmployersLiabilityMax, 5_000_000)
	l.SmallContract = cmp.Or(l.SmallContract, 10_000)
}

// BuyerKeys returns the buyer keys in sorted order.
func (c *Config) BuyerKeys() []string { return SortedKeys(c.Buyers) }

// TopicKeys returns the topic keys in sorted order.
func (c *Config) TopicKeys() []string { return SortedKeys(c.Topics) }

// SortedKeys returns the keys of m in order.
func SortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// URL returns the absolute address of a path inside the site, such as
// "opportunities/x/".
func (c *Config) URL(path string) string {
	return c.Base.String() + strings.TrimPrefix(path, "/")
}

func at(file string, p tomldec.Pos, msg string) diag.Diagnostic {
	return diag.Diagnostic{File: file, Line: max(p.Line, 1), Col: max(p.Col, 1), Severity: diag.Error, Rule: "invalid", Message: msg}
}

// SuggestArea says what to write instead of an unknown area key.
func SuggestArea(key string) string {
	if best := tomldec.Closest(key, AreaKeys()); best != "" {
		return fmt.Sprintf("did you mean %q?", best)
	}
	return "use one of " + strings.Join(AreaKeys(), ", ")
}

// CheckWebURL returns "" when s is an absolute http or https address, and
// otherwise the end of a sentence that says what is wrong.
func CheckWebURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Sprintf("%q is not a web address; write it in full, starting https://", s)
	}
	return ""
}

// CheckLink returns "" when s is an address a page may link to: http,
// https or mailto, or a relative path (which is resolved against base_url).
// Otherwise it returns the end of a sentence that says what is wrong.
func CheckLink(s string) string {
	if strings.TrimSpace(s) == "" {
		return "is empty; write a web address starting https://"
	}
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Sprintf("%q is not a valid address; check it for spaces or stray characters", s)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return fmt.Sprintf("%q has no host; write it in full, such as https://example.org/page", s)
		}
	case "mailto":
		if CheckEmail(u.Opaque) != "" {
			return fmt.Sprintf("%q is not a valid e-mail link; write mailto:name@example.org", s)
		}
	case "":
		if strings.HasPrefix(s, "//") {
			return fmt.Sprintf("%q has no scheme; start it with https://", s)
		}
	default:
		return fmt.Sprintf("%q uses %s:, which is not allowed; use an https:// or mailto: address, or a path inside the site", s, u.Scheme)
	}
	return ""
}

// CheckEmail returns "" when s is one well-formed e-mail address, and
// otherwise the end of a sentence that says what is wrong.
func CheckEmail(s string) string {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" || !strings.Contains(s[strings.IndexByte(s, '@')+1:], ".") {
		return fmt.Sprintf("%q is not an e-mail address; write one address such as procurement@example.org", s)
	}
	return ""
}
