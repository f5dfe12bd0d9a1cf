package config

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/london-anchors/tenders/internal/diag"
)

// Network holds the [network] settings: who runs the site, for its
// header and footer.
type Network struct {
	Name    string `toml:"name"`
	URL     string `toml:"url"`
	Logo    string `toml:"logo"`     // a file of static/
	LogoAlt string `toml:"logo_alt"` // the logo's text alternative: what it says
}

// Banner holds the [banner] settings: a phase banner under the header,
// such as "Beta: this is a new service".
type Banner struct {
	Phase       string `toml:"phase"` // a key of Phases
	Text        string `toml:"text"`  // DefaultBannerText when left out
	FeedbackURL string `toml:"feedback_url"`
}

// Phases are the phases a banner may name, with the tag it shows.
var Phases = map[string]string{"alpha": "Alpha", "beta": "Beta"}

// DefaultBannerText is what a phase banner says when its text is left out.
const DefaultBannerText = "This is a new service. Your feedback will help us improve it."

// Tag is the banner's tag, such as "Beta"; "" when there is no banner.
func (b Banner) Tag() string { return Phases[b.Phase] }

// ShowCredit reports whether the footer ends with "Published with tenders".
func (c *Config) ShowCredit() bool { return c.Credit == nil || *c.Credit }

// DefaultThemeColor is the colour browsers may give their bar around the
// site when theme_color is left out: the built-in style sheet's green.
const DefaultThemeColor = "#00703c"

var colorRE = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// staticPath is a key that names a file of the site's static/ folder.
type staticPath struct {
	key   string
	value *string
	exts  []string // the kinds of file it may be
	what  string   // what the file is, for messages
}

// name is the key's last part, as messages name it.
func (p staticPath) name() string { return p.key[strings.LastIndexByte(p.key, '.')+1:] }

// staticPaths are the keys that name files of static/, each with the
// value it holds.
func (c *Config) staticPaths() []staticPath {
	return []staticPath{
		{"icon", &c.Icon, []string{".svg", ".png"}, "an SVG or PNG file"},
		{"touch_icon", &c.TouchIcon, []string{".png"}, "a PNG file"},
		{"network.logo", &c.Network.Logo, []string{".svg", ".png", ".jpg", ".jpeg"}, "an SVG, PNG or JPEG file"},
	}
}

// checkIdentity checks the keys of the site's look: who runs it, its
// banner, its icons and colour.
func (c *Config) checkIdentity(report reporter) {
	n, b := c.Network, c.Banner
	for _, t := range []struct{ path, value string }{{"network.name", n.Name}, {"network.logo_alt", n.LogoAlt}, {"banner.text", b.Text}} {
		if why := oneLine(t.value); why != "" {
			report(t.path, "%s %s", t.path[strings.IndexByte(t.path, '.')+1:], why)
		}
	}
	if n.URL != "" {
		if msg := CheckWebURL(n.URL); msg != "" {
			report("network.url", "url %s", msg)
		}
	}
	if _, written := c.Keys["network.logo_alt"]; n.Logo != "" {
		c.required(report, "network.logo_alt", n.LogoAlt, ": the words the logo shows, for people who cannot see it")
	} else if written {
		report("network.logo_alt", "logo_alt is there without a logo; add logo, or remove logo_alt")
	}
	if _, written := c.Keys["banner"]; written && c.required(report, "banner.phase", b.Phase, " (alpha or beta)") && b.Tag() == "" {
		report("banner.phase", "phase %q is not one we know; use alpha or beta", b.Phase)
	}
	if b.FeedbackURL != "" {
		if msg := CheckLink(b.FeedbackURL); msg != "" {
			report("banner.feedback_url", "feedback_url %s", msg)
		}
	}
	if !colorRE.MatchString(c.ThemeColor) {
		report("theme_color", "theme_color %q is not a colour; write it as # and six hexadecimal digits, such as %s", c.ThemeColor, Schema.Example("theme_color"))
	}
	for _, p := range c.staticPaths() {
		v := *p.value
		if v == "" {
			continue
		}
		if name := strings.TrimPrefix(v, "/"); !fs.ValidPath(name) || strings.Contains(name, ":") || strings.Contains(name, `\`) {
			report(p.key, "%s %q is not the path of a file under static/; write it as the file's path there, such as %s", p.name(), v, Schema.Example(p.key))
		} else if !slices.Contains(p.exts, strings.ToLower(path.Ext(name))) {
			report(p.key, "%s %q must be %s, such as %s", p.name(), v, p.what, Schema.Example(p.key))
		}
	}
}

// CheckStatic reports each key that names a file of static/ that the
// site's static folder, given, does not have.
func (c *Config) CheckStatic(static fs.FS) diag.List {
	var list diag.List
	for _, p := range c.staticPaths() {
		if *p.value == "" {
			continue
		}
		if st, err := fs.Stat(static, *p.value); err != nil || !st.Mode().IsRegular() {
			list = append(list, at(FileName, c.Keys.Pos(p.key), fmt.Sprintf("%s %q is not a file under static/; put the file at static/%s, or correct the path", p.name(), *p.value, *p.value)))
		}
	}
	return list
}
