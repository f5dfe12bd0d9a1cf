package config

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestParseGood(t *testing.T) {
	c, list := Parse("site.toml", `title = "T"
base_url = "https://example.org/opps"
[buyers.camden]
name = "Camden"
kind = "council"
borough = "camden"
[topics.cleaning]
name = "Cleaning"
cpv = ["9091"]
`)
	if len(list) > 0 {
		t.Fatal(list)
	}
	if got := c.URL("topics/cleaning/"); got != "https://example.org/opps/topics/cleaning/" {
		t.Errorf("URL = %q: a base_url without a trailing slash must still keep its path", got)
	}
	if c.Language != "en-GB" || c.Timezone != "Europe/London" || c.Feeds.Items != 50 || c.Feeds.ClosingSoonDays != 7 {
		t.Errorf("defaults not applied: %+v", c)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"missing title and base", `language = "en-GB"`, []string{
			`site.toml:1:1: base_url is missing; add the address the site is published at, such as base_url = "https://example.org/opportunities/"`,
			`site.toml:1:1: title is missing; add a line such as title = "London anchor opportunities"`,
		}},
		{"bad base and timezone", "title = \"T\"\nbase_url = \"example.org\"\ntimezone = \"London\"\n", []string{
			`site.toml:2:1: base_url "example.org" is not a full web address; write it with https:// and the host, such as "https://example.org/opportunities/"`,
			`site.toml:3:1: timezone "London" is not a known time zone; use a name from the IANA list, such as "Europe/London"`,
		}},
		{"unknown keys", "title = \"T\"\nbase_url = \"https://e.org/\"\ntitel = \"x\"\n[feeds]\nitem = 5\n[buyers.x]\nname = \"X\"\nkind = \"council\"\nurl = \"ftp://x\"\nborugh = \"camden\"\n", []string{
			`site.toml:3:1: unknown key "titel"; did you mean "title"?`,
			`site.toml:5:1: unknown key "item" in [feeds]; did you mean "items"?`,
			`site.toml:9:1: url "ftp://x" is not a web address; write it in full, starting https://`,
			`site.toml:10:1: unknown key "borugh" in [buyers.x]; did you mean "borough"?`,
		}},
		{"buyers and topics", "title = \"T\"\nbase_url = \"https://e.org/\"\n[buyers.Camden]\nkind = \"town\"\nborough = \"camdn\"\n[topics.t]\nname = \"T\"\ncpv = [\"90-91\"]\n", []string{
			`site.toml:3:1: buyer key "Camden" must be lower-case letters, digits and hyphens, such as "camden"`,
			`site.toml:3:1: name is missing; add a line such as name = "London Borough of Camden" under [buyers.Camden]`,
			`site.toml:4:1: buyer kind "town" is not one we know; use one of charity, college, council, culture, faith, health, housing, other, university`,
			`site.toml:5:1: borough "camdn" is not a London borough key; did you mean "camden"?`,
			`site.toml:8:1: CPV prefix "90-91" must be 1 to 8 digits, such as "9091"`,
		}},
		{"buyers and topics without required keys", "title = \"T\"\nbase_url = \"https://e.org/\"\n[buyers.x]\nname = \"X\"\n[buyers.y]\nname = \" \"\nkind = \"\"\n[topics.t]\ncpv = [\"9091\"]\n", []string{
			`site.toml:3:1: kind is missing; add a line such as kind = "council" under [buyers.x] (one of charity, college, council, culture, faith, health, housing, other, university)`,
			`site.toml:6:1: name is empty; write something such as name = "London Borough of Camden" under [buyers.y]`,
			`site.toml:7:1: kind is empty; write something such as kind = "council" under [buyers.y] (one of charity, college, council, culture, faith, health, housing, other, university)`,
			`site.toml:8:1: name is missing; add a line such as name = "Cleaning and laundry" under [topics.t]`,
		}},
		{"hostile base url", "title = \"T\"\nbase_url = \"https://example.org/x%0D%0A/*%20https://evil.example/%20200/\"\n", []string{
			`site.toml:2:1: base_url "https://example.org/x%0D%0A/*%20https://evil.example/%20200/" has a space, a line break, a control character, # or ? in its path (%20, %0A and the like count); give the plain address, such as "https://example.org/opportunities/"`,
		}},
		{"numbers out of range", "title = \"T\"\nbase_url = \"https://e.org/\"\n[feeds]\nclosing_soon_days = 200000\nitems = -1\n[lint]\nreadability_grade = -3\nmin_response_days = 100000\nsmall_contract = -1\n[pledge]\nsme = nan\nlocal = 150\n", []string{
			`site.toml:4:1: closing_soon_days is 200000; it must be from 1 to 366: the days before a deadline that count as closing soon`,
			`site.toml:5:1: items is -1; it must be from 1 to 1000: it caps how many entries each feed holds`,
			`site.toml:7:1: readability_grade is -3; it must be above 0 and at most 30: a school grade`,
			`site.toml:8:1: min_response_days is 100000; it must be from 1 to 366: the fewest days from publishing to the deadline`,
			`site.toml:9:1: small_contract is -1; it must be from 0 to 100000000000 pounds`,
			`site.toml:11:1: sme must be a number; NaN is not one`,
			`site.toml:12:1: local is 150; a pledge is a percentage of awarded value, from 0 to 100`,
		}},
		{"names on one line", "title = \"T\\n::error::x\"\nbase_url = \"https://e.org/\"\n[lint]\nacronyms = [\"GLA\", \"GLA\"]\n[buyers.x]\nname = \"x\\n::error file=site.toml,line=1::Injected\"\nkind = \"council\"\n[topics.t]\nname = \"<b>T</b>\"\n", []string{
			`site.toml:1:1: title must be one line, without line breaks or tabs`,
			`site.toml:4:1: "GLA" is listed twice in lint.acronyms (items 1 and 2); list it once`,
			`site.toml:6:1: the name of buyer "x" must be one line, without line breaks or tabs`,
			`site.toml:9:1: the name of topic "t" must be plain text, without < or >`,
		}},
		{"icons and colour", "title = \"T\"\nbase_url = \"https://e.org/\"\nicon = \"../icon.svg\"\ntouch_icon = \"images/icon.svg\"\ntheme_color = \"green\"\n", []string{
			`site.toml:3:1: icon "../icon.svg" is not the path of a file under static/; write it as the file's path there, such as "images/icon.svg"`,
			`site.toml:4:1: touch_icon "images/icon.svg" must be a PNG file, such as "images/icon-180.png"`,
			`site.toml:5:1: theme_color "green" is not a colour; write it as # and six hexadecimal digits, such as "#00703c"`,
		}},
		{"network and banner", "title = \"T\"\nbase_url = \"https://e.org/\"\ncredit = \"no\"\n[network]\nname = \"N\\nM\"\nurl = \"www.n.example\"\nlogo = \"logo.gif\"\n[banner]\ntext = \"New.\"\nfeedback_url = \"javascript:x\"\n", []string{
			`site.toml:3:1: credit must be true or false (without quotes); you wrote the text "no"`,
			`site.toml:4:1: logo_alt is missing; add a line such as logo_alt = "London Anchor Network" under [network]: the words the logo shows, for people who cannot see it`,
			`site.toml:5:1: name must be one line, without line breaks or tabs`,
			`site.toml:6:1: url "www.n.example" is not a web address; write it in full, starting https://`,
			`site.toml:7:1: logo "logo.gif" must be an SVG, PNG or JPEG file, such as "images/logo.svg"`,
			`site.toml:8:1: phase is missing; add a line such as phase = "beta" under [banner] (alpha or beta)`,
			`site.toml:10:1: feedback_url "javascript:x" uses javascript:, which is not allowed; use an https:// or mailto: address, or a path inside the site`,
		}},
		{"banner phase and a logo's text without a logo", "title = \"T\"\nbase_url = \"https://e.org/\"\n[network]\nlogo_alt = \"N\"\n[banner]\nphase = \"live\"\n", []string{
			`site.toml:4:1: logo_alt is there without a logo; add logo, or remove logo_alt`,
			`site.toml:6:1: phase "live" is not one we know; use alpha or beta`,
		}},
		{"buyer ids", "title = \"T\"\nbase_url = \"https://e.org/\"\n[buyers.x]\nname = \"X\"\nkind = \"council\"\nids = [\"GB-LAE-CMD\", \"camden\", \"GB-LAE-CMD\"]\n", []string{
			`site.toml:6:1: identifier "GB-LAE-CMD" is listed twice in ids; list it once`,
			`site.toml:6:1: identifier "camden" (item 2 of ids) is not an organisation identifier; write its scheme and id joined by a hyphen, as the portals do, such as "GB-PPON-PDDW-2534-TWPT" or "GB-COH-01234567"`,
		}},
		{"id host", "title = \"T\"\nbase_url = \"https://e.org/\"\n[feeds]\nid_host = \"https://e.org/\"\n", []string{
			`site.toml:4:1: id_host "https://e.org/" is not a host name; write the site's host alone, in lower case, such as "opportunities.example.org"`,
		}},
		{"editor", "title = \"T\"\nbase_url = \"https://e.org/\"\n[editor]\nsign_in = \"auth.example.org\"\nbranch = \"my branch\"\n", []string{
			`site.toml:4:1: sign_in "auth.example.org" is not a web address; write it in full, starting https://`,
			`site.toml:5:1: branch "my branch" is not a name Git allows for a branch; write it as it appears on GitHub, such as "main"`,
		}},
		{"editor sign-in with a query", "title = \"T\"\nbase_url = \"https://e.org/\"\n[editor]\nsign_in = \"https://auth.example.org/auth?x=1\"\nbranch = \"release/2027\"\n", []string{
			`site.toml:4:1: sign_in "https://auth.example.org/auth?x=1" has a query or fragment, which the editor cannot add to; write the server's address and path only, such as "https://auth.example.org/auth"`,
		}},
		{"syntax", "title = \"T\nbase_url = 1\n", []string{
			`site.toml:1:11: this is not valid TOML: strings cannot contain newlines; check the quotes, brackets and = signs on this line`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, list := Parse("site.toml", tt.src)
			var got []string
			for _, d := range list {
				got = append(got, d.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestCheckLink(t *testing.T) {
	for s, ok := range map[string]bool{
		"https://example.org/x": true,
		"http://example.org":    true,
		"mailto:a@b.example":    true,
		"docs/spec.pdf":         true,
		"/docs/spec.pdf":        true,
		"javascript:alert(1)":   false,
		"JavaScript:alert(1)":   false,
		"data:text/html,x":      false,
		"vbscript:x":            false,
		"//evil.example/x":      false,
		"https://":              false,
		"mailto:not an address": false,
		"":                      false,
	} {
		if got := CheckLink(s) == ""; got != ok {
			t.Errorf("CheckLink(%q) ok = %v, want %v (%s)", s, got, ok, CheckLink(s))
		}
	}
}

// TestCheckStatic: a key that names a file of static/ must name one the
// site's static folder (over the built-in files) has.
func TestCheckStatic(t *testing.T) {
	c, list := Parse("site.toml", "title = \"T\"\nbase_url = \"https://e.org/\"\nicon = \"/images/icon.svg\"\ntouch_icon = \"images/touch.png\"\n")
	if len(list) > 0 {
		t.Fatal(list)
	}
	if c.Icon != "images/icon.svg" {
		t.Errorf("icon = %q: a leading slash is not part of the path under static/", c.Icon)
	}
	if c.ThemeColor != DefaultThemeColor {
		t.Errorf("theme_color = %q when left out", c.ThemeColor)
	}
	static := fstest.MapFS{"images/icon.svg": {Data: []byte("<svg/>")}, "images/touch.png/x": {Data: []byte("x")}}
	got := c.CheckStatic(static).Error()
	want := `site.toml:4:1: touch_icon "images/touch.png" is not a file under static/; put the file at static/images/touch.png, or correct the path`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
