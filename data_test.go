package tenders_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/build"
	"github.com/london-anchors/tenders/internal/site"
	"github.com/london-anchors/tenders/internal/theme"
)

func buildExampleMap(t *testing.T) site.Output {
	t.Helper()
	out, list, err := build.Build(context.Background(), os.DirFS("."), site.Defaults{Templates: theme.Templates(), Static: theme.Static()}, build.Options{Now: exampleNow, BaseURL: "https://example.org/opportunities/"})
	if err != nil {
		t.Fatal(err)
	}
	if list.Errors() > 0 {
		t.Fatal(list)
	}
	return out
}

// TestOCDS validates the example site's release package against the OCDS
// 1.1.5 release-package schema, and checks values mapped from briefs.
func TestOCDS(t *testing.T) {
	out := buildExampleMap(t)
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	for url, file := range map[string]string{
		"https://standard.open-contracting.org/schema/1__1__5/release-package-schema.json": "internal/ocds/testdata/ocds-1.1.5/release-package-schema.json",
		"https://standard.open-contracting.org/schema/1__1__5/release-schema.json":         "internal/ocds/testdata/ocds-1.1.5/release-schema.json",
	} {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if err := c.AddResource(url, doc); err != nil {
			t.Fatal(err)
		}
	}
	schema, err := c.Compile("https://standard.open-contracting.org/schema/1__1__5/release-package-schema.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out["data/ocds.json"]))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Fatalf("data/ocds.json does not validate:\n%v", err)
	}

	var pkg struct {
		Version  string `json:"version"`
		Releases []struct {
			OCID   string   `json:"ocid"`
			ID     string   `json:"id"`
			Tag    []string `json:"tag"`
			Buyer  struct{ Name string }
			Tender struct {
				Status       string
				Value        struct{ Amount float64 }
				MinValue     struct{ Amount float64 }
				TenderPeriod struct{ EndDate string }
				Items        []struct {
					Classification    struct{ Scheme, ID string }
					DeliveryAddresses []struct{ StreetAddress, PostalCode, CountryName string }
				}
				Suitability struct{ SME, VCSE bool }
				Milestones  []struct{ Title string }
				Documents   []struct{ URL string }
				Lots        []struct{ Title string }
				Selection   struct {
					Criteria []struct{ Description string }
				} `json:"selectionCriteria"`
			}
			Awards []struct {
				Value     struct{ Amount float64 }
				Suppliers []struct{ Name string }
			}
			Parties []struct {
				Name    string
				Roles   []string
				Details map[string]any
			}
		}
	}
	if err := json.Unmarshal(out["data/ocds.json"], &pkg); err != nil {
		t.Fatal(err)
	}
	tags := map[string][]string{}
	for _, r := range pkg.Releases {
		tags[r.OCID] = append(tags[r.OCID], r.Tag[0])
		switch {
		case r.OCID == "ocds-000000-CAM-2026-014" && r.Tag[0] == "tender":
			tn := r.Tender
			if r.Buyer.Name != "London Borough of Camden" || tn.Value.Amount != 60000 || tn.MinValue.Amount != 40000 ||
				tn.TenderPeriod.EndDate != "2026-12-18T12:00:00Z" || tn.Items[0].Classification != (struct{ Scheme, ID string }{"CPV", "90911200"}) ||
				!tn.Suitability.SME || !tn.Suitability.VCSE || len(tn.Milestones) != 1 || len(tn.Documents) != 2 || len(tn.Selection.Criteria) != 2 ||
				tn.Status != "active" || !strings.HasPrefix(tn.Documents[0].URL, "https://example.org/opportunities/docs/") {
				t.Errorf("CAM-2026-014 mapped wrong: %+v", r)
			}
			for _, it := range tn.Items {
				if a := it.DeliveryAddresses; len(a) != 2 || a[1].StreetAddress != "Queen's Crescent Library" || a[1].PostalCode != "NW5 4HH" || a[1].CountryName != "United Kingdom" {
					t.Errorf("CAM-2026-014's item %v has delivery addresses %+v", it.Classification, a)
				}
			}
		case r.OCID == "ocds-000000-NTH-2026-095" && r.Tag[0] == "award":
			if len(r.Awards) != 1 || r.Awards[0].Value.Amount != 96000 || r.Awards[0].Suppliers[0].Name != "Lea Valley Laundry CIC" {
				t.Errorf("award mapped wrong: %+v", r.Awards)
			}
			if p := r.Parties[len(r.Parties)-1]; p.Roles[0] != "supplier" || p.Details["scale"] != "sme" || p.Details["vcse"] != true {
				t.Errorf("supplier party wrong: %+v", p)
			}
		case r.OCID == "ocds-000000-NEW-2026-102" && r.Tag[0] == "tender":
			if len(r.Tender.Lots) != 3 {
				t.Errorf("lots: %+v", r.Tender.Lots)
			}
		}
	}
	for ocid, want := range map[string]string{
		"ocds-000000-CAM-2026-014": "tender tenderUpdate",
		"ocds-000000-NTH-2026-095": "tender award",
		"ocds-000000-HAC-2026-029": "tender tenderUpdate tenderCancellation",
		"ocds-000000-RUL-2026-012": "planning",
	} {
		if got := strings.Join(tags[ocid], " "); got != want {
			t.Errorf("%s has releases %q, want %q", ocid, got, want)
		}
	}
}

// TestCSV reads /data/opportunities.csv back and matches it to the briefs.
func TestCSV(t *testing.T) {
	out := buildExampleMap(t)
	data := out["data/opportunities.csv"]
	if !bytes.Contains(data, []byte("\r\n")) || bytes.Contains(bytes.ReplaceAll(data, []byte("\r\n"), nil), []byte("\n")) && !bytes.Contains(data, []byte("\"")) {
		t.Error("rows must end in CRLF (RFC 4180)")
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	cfg, _ := build.LoadConfig(os.DirFS("."), "")
	content, _ := (&brief.Parser{Config: cfg}).Load(context.Background(), os.DirFS("."))
	if len(rows) != len(content.Briefs)+1 {
		t.Fatalf("%d rows for %d briefs", len(rows)-1, len(content.Briefs))
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	byRef := map[string][]string{}
	for _, r := range rows[1:] {
		byRef[r[col["reference"]]] = r
	}
	for _, b := range content.Briefs {
		r, ok := byRef[b.Reference]
		if !ok {
			t.Errorf("%s has no row", b.Reference)
			continue
		}
		if r[col["title"]] != b.Title || r[col["buyer"]] != b.Buyer {
			t.Errorf("%s: row %v", b.Reference, r)
		}
		if b.ValueMax != nil && r[col["value_max"]] != strconv.FormatInt(*b.ValueMax, 10) {
			t.Errorf("%s: value_max %q", b.Reference, r[col["value_max"]])
		}
		if b.Award != nil && r[col["award_value"]] != strconv.FormatInt(b.Award.Value, 10) {
			t.Errorf("%s: award_value %q", b.Reference, r[col["award_value"]])
		}
	}
	if got := byRef["CAM-2026-014"][col["location"]]; got != "Kentish Town Library, Kentish Town Road, NW5 2AA;Queen's Crescent Library, NW5 4HH" {
		t.Errorf("CAM-2026-014: location %q", got)
	}
}

// TestLocationShown: a brief's places are on its page and on its card.
func TestLocationShown(t *testing.T) {
	out := buildExampleMap(t)
	page := string(out["opportunities/cleaning-kentish-town-libraries/index.html"])
	if !strings.Contains(page, "<dt>Places</dt><dd><ul class=\"plain\"><li>Kentish Town Library, Kentish Town Road, NW5 2AA</li><li>Queen&#39;s Crescent Library, NW5 4HH</li></ul></dd>") {
		t.Error("the brief's page does not list its places")
	}
	card := regexp.MustCompile(`(?s)<li class="opp"[^>]*>\s*<h3 class="opp-title"><a href="[^"]*cleaning-kentish-town-libraries/">.*?</p>\s*</li>`).FindString(string(out["index.html"]))
	if !strings.Contains(card, "<dt>Places</dt><dd>Kentish Town Library, Kentish Town Road, NW5 2AA; Queen&#39;s Crescent Library, NW5 4HH</dd>") {
		t.Errorf("the brief's card does not show its places:\n%s", card)
	}
}

// TestProgressCharts: every chart has a title and a description, and the
// figures in its description are the ones in the table beside it.
func TestProgressCharts(t *testing.T) {
	out := buildExampleMap(t)
	page := string(out["progress/index.html"])
	svgs := regexp.MustCompile(`(?s)<svg class="chart".*?</svg>`).FindAllString(page, -1)
	if len(svgs) < 2 {
		t.Fatalf("%d charts on the progress page", len(svgs))
	}
	for _, svg := range svgs {
		if !strings.Contains(svg, `role="img"`) || !regexp.MustCompile(`<title id="[^"]+">[^<]+</title><desc id="[^"]+">[^<]+</desc>`).MatchString(svg) {
			t.Errorf("chart without a title and description: %.200s", svg)
		}
	}
	desc := regexp.MustCompile(`small businesses (\d+)% \(pledge (\d+)%\), charities and social enterprises (\d+)% \(pledge (\d+)%\), local firms (\d+)% \(pledge (\d+)%\)`).FindStringSubmatch(page)
	if desc == nil {
		t.Fatal("no shares in the chart's description")
	}
	for i, row := range []string{"Small businesses", "Charities and social enterprises", "Local firms"} {
		re := regexp.MustCompile(`<th scope="row">` + row + `</th><td class="num">\d+</td><td class="num">[^<]+</td><td class="num">(\d+)%</td><td class="num">(\d+)%</td>`)
		m := re.FindStringSubmatch(page)
		if m == nil || m[1] != desc[1+2*i] || m[2] != desc[2+2*i] {
			t.Errorf("%s: table %v, chart %v", row, m, desc[1+2*i:3+2*i])
		}
	}
	// The network figures: 5 awards, £579,000, of which SMEs £505,000.
	for _, want := range []string{"<strong>£579,000</strong> awarded in 5 contracts", "<td class=\"num\">£505,000</td><td class=\"num\">87%</td><td class=\"num\">40%</td><td>Yes</td>"} {
		if !strings.Contains(page, want) {
			t.Errorf("progress page lacks %q", want)
		}
	}
	if !strings.Contains(string(out["buyers/camden/index.html"]), "Where London Borough of Camden's money goes") {
		t.Error("the buyer page has no progress")
	}
}
