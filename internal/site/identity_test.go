package site_test

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/london-anchors/tenders/internal/build"
)

// withSettings puts lines at the top of the fixture's site.toml, where
// top-level keys go, and tables after it.
func withSettings(fsys fstest.MapFS, top, tables string) {
	cfg := string(fsys["site.toml"].Data)
	cfg = strings.Replace(cfg, "base_url = ", top+"base_url = ", 1) + "\n" + tables
	fsys["site.toml"] = &fstest.MapFile{Data: []byte(cfg)}
}

// TestBuiltInIcons: every page links to the built-in icons by their
// fingerprinted names, and /favicon.ico is there for whoever asks.
func TestBuiltInIcons(t *testing.T) {
	_, fsys := fixture(t, "small")
	out := buildSite(t, fsys, "")
	for _, name := range []string{"favicon.ico", "favicon.svg", "apple-touch-icon.png"} {
		if len(out[name]) == 0 {
			t.Errorf("%s is not written", name)
		}
	}
	page := string(out["opportunities/cleaning-libraries/index.html"])
	for _, re := range []string{
		`<link rel="icon" href="\.\./\.\./(favicon\.[0-9a-f]{10}\.ico)" sizes="16x16 32x32 48x48">`,
		`<link rel="icon" href="\.\./\.\./(favicon\.[0-9a-f]{10}\.svg)" type="image/svg&#43;xml">`,
		`<link rel="apple-touch-icon" href="\.\./\.\./(apple-touch-icon\.[0-9a-f]{10}\.png)">`,
	} {
		m := regexp.MustCompile(re).FindStringSubmatch(page)
		if m == nil {
			t.Errorf("the page lacks %s", re)
		} else if len(out[m[1]]) == 0 {
			t.Errorf("%s is not written", m[1])
		}
	}
	if !strings.Contains(page, `<meta name="theme-color" content="#00703c">`) {
		t.Error("the page has no theme colour")
	}
}

// TestOwnIcons: site.toml's icon replaces the built-in ones, a PNG serves
// phones too, and each is fingerprinted; alias pages link to them as well.
func TestOwnIcons(t *testing.T) {
	_, fsys := fixture(t, "small")
	withSettings(fsys, "icon = \"/images/icon.png\"\ntheme_color = \"#1d70b8\"\n", "[hosting]\nheaders = true\n")
	fsys["static/images/icon.png"] = &fstest.MapFile{Data: []byte("a PNG")}
	g := string(fsys["content/opportunities/garden.md"].Data)
	fsys["content/opportunities/garden.md"] = &fstest.MapFile{Data: []byte(strings.Replace(g, "[contact]", "aliases = [\"old-garden\"]\n[contact]", 1))}
	out := buildSite(t, fsys, "")
	fp := regexp.MustCompile(`images/icon\.[0-9a-f]{10}\.png`).FindString(string(out["index.html"]))
	if fp == "" || string(out[fp]) != "a PNG" {
		t.Fatalf("the icon is not fingerprinted: %q", fp)
	}
	for name, root := range map[string]string{"index.html": "./", "opportunities/old-garden/index.html": "../../"} {
		page := string(out[name])
		for _, want := range []string{
			`<link rel="icon" href="` + root + fp + `" type="image/png">`,
			`<link rel="apple-touch-icon" href="` + root + fp + `">`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %s", name, want)
			}
		}
		if strings.Contains(page, "favicon.") {
			t.Errorf("%s still links to the built-in icon", name)
		}
	}
	if !strings.Contains(string(out["index.html"]), `<meta name="theme-color" content="#1d70b8">`) {
		t.Error("theme_color is not used")
	}
	if !strings.Contains(string(out["_headers"]), "/opps/"+fp+"\n  Cache-Control: public, max-age=31536000, immutable\n") {
		t.Error("the fingerprinted icon is not cached for a year")
	}

	// A file site.toml names that static/ lacks is a finding at its key,
	// from check as from build.
	delete(fsys, "static/images/icon.png")
	want := `site.toml:2:1: icon "images/icon.png" is not a file under static/; put the file at static/images/icon.png, or correct the path`
	_, list, err := build.Build(t.Context(), fsys, defaults, build.Options{Now: fixedNow})
	if err != nil || list.Error() != want {
		t.Errorf("build: err %v, findings:\n%v", err, list.Error())
	}
	checked, err := build.Check(t.Context(), fsys, "")
	if err != nil || checked.List.Error() != want {
		t.Errorf("check: err %v, findings:\n%v", err, checked.List.Error())
	}
}

// TestNetworkAndBanner: [network] puts the network's logo in the header
// and its name in the footer, [banner] shows the phase, and credit =
// false leaves out the credit.
func TestNetworkAndBanner(t *testing.T) {
	_, fsys := fixture(t, "small")
	withSettings(fsys, "credit = false\n", `[network]
name = "London Anchor Network"
url = "https://anchors.example/"
logo = "images/logo.svg"
logo_alt = "London Anchor Network"

[banner]
phase = "beta"
feedback_url = "mailto:network@anchors.example"
`)
	fsys["static/images/logo.svg"] = &fstest.MapFile{Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 2"/>`)}
	out := buildSite(t, fsys, "")
	page := string(out["topics/cleaning/index.html"])
	logo := regexp.MustCompile(`images/logo\.[0-9a-f]{10}\.svg`).FindString(page)
	if logo == "" || len(out[logo]) == 0 {
		t.Fatalf("the logo is not fingerprinted and written: %q", logo)
	}
	for _, want := range []string{
		`<p class="network"><a href="https://anchors.example/"><img src="../../` + logo + `" alt="London Anchor Network" width="240" height="48"></a></p>`,
		`<p class="phase-banner"><strong class="tag phase-tag">Beta</strong> This is a new service. Your feedback will help us improve it. <a href="mailto:network@anchors.example">Give your feedback</a></p>`,
		`<p>Test opportunities is run by <a href="https://anchors.example/">London Anchor Network</a>.</p>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if strings.Contains(page, "Published with tenders") {
		t.Error("credit = false still shows the credit")
	}
	if !strings.Contains(string(out["404.html"]), `<img src="https://example.org/opps/`+logo+`"`) {
		t.Error("404.html, served at any depth, does not link to the logo by its absolute address")
	}

	// A name without a logo or a website is plain text; text of its own
	// replaces the banner's.
	withSettings(fsys, "", "")
	cfg := string(fsys["site.toml"].Data)
	cfg = strings.NewReplacer("url = \"https://anchors.example/\"\nlogo = \"images/logo.svg\"\nlogo_alt = \"London Anchor Network\"\n", "",
		"phase = \"beta\"\n", "phase = \"alpha\"\ntext = \"We are trying this out.\"\n", "credit = false\n", "").Replace(cfg)
	fsys["site.toml"] = &fstest.MapFile{Data: []byte(cfg)}
	page = string(buildSite(t, fsys, "")["index.html"])
	for _, want := range []string{
		`<p class="network">London Anchor Network</p>`,
		`<strong class="tag phase-tag">Alpha</strong> We are trying this out. <a href="mailto:`,
		`<p>Test opportunities is run by London Anchor Network.</p>`,
		`<p class="credit">Published with tenders.</p>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
}
