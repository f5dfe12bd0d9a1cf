package site_test

import (
	"bytes"
	"encoding/json"
	"html"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/london-anchors/tenders/internal/checkwasm"
	"github.com/london-anchors/tenders/internal/config"
)

// TestCheckPage: /check/ names the checker's files, which the build
// writes beside it, byte for byte; it carries the site's lint settings;
// and no other page loads the checker.
func TestCheckPage(t *testing.T) {
	_, fsys := fixture(t, "small")
	toml := string(fsys["site.toml"].Data) + "\n[lint]\nnames = [\"Endeavour Partners\"]\n[lint.words]\n\"grounds maintenance\" = \"gardening\"\n"
	if strings.Contains(string(fsys["site.toml"].Data), "[lint]") {
		t.Fatal("the fixture has a [lint] table already; change this test")
	}
	fsys["site.toml"].Data = []byte(toml)
	out := buildSite(t, fsys, "")
	page := string(out["check/index.html"])
	if page == "" {
		t.Fatal("check/index.html was not rendered")
	}
	wants := map[string][]byte{}
	for _, m := range regexp.MustCompile(`(?:src|data-module)="([^"/]+\.(?:gz|js))"`).FindAllStringSubmatch(page, -1) {
		m[1] = "check/" + m[1]
		switch path.Ext(m[1]) {
		case ".gz":
			wants[m[1]] = checkwasm.WasmGz
		case ".js":
			wants[m[1]] = checkwasm.ExecJS
		}
	}
	if len(wants) != 2 {
		t.Fatalf("the page names %d of the checker's two files", len(wants))
	}
	for name, want := range wants {
		if !bytes.Equal(out[name], want) {
			t.Errorf("%s is not the embedded file (%d bytes, want %d)", name, len(out[name]), len(want))
		}
	}
	m := regexp.MustCompile(`data-settings="([^"]*)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the page has no settings")
	}
	var pub config.Public
	if err := json.Unmarshal([]byte(html.UnescapeString(m[1])), &pub); err != nil {
		t.Fatalf("settings %s: %v", m[1], err)
	}
	if pub.Lint.Words["grounds maintenance"] != "gardening" || len(pub.Lint.Names) != 1 || pub.Lint.SentenceLength != 25 || pub.Buyers["camden"].Name == "" {
		t.Errorf("settings %+v", pub)
	}
	for name, data := range out {
		if strings.HasSuffix(name, ".html") && name != "check/index.html" && (bytes.Contains(data, []byte("wasm")) || bytes.Contains(data, []byte("js/check."))) {
			t.Errorf("%s loads the checker", name)
		}
	}
}
