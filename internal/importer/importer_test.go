package importer

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/diag"
	"github.com/london-anchors/tenders/internal/ocdsread"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func siteConfig(t testing.TB) *config.Config {
	t.Helper()
	src, err := os.ReadFile("testdata/site.toml")
	if err != nil {
		t.Fatal(err)
	}
	cfg, list := config.Parse("site.toml", string(src))
	if list.Errors() > 0 {
		t.Fatal(list)
	}
	return cfg
}

// site is a site folder for one test.
type site struct {
	t    testing.TB
	dir  string
	root *os.Root
	cfg  *config.Config
}

func newSite(t testing.TB) *site {
	dir := t.TempDir()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return &site{t: t, dir: dir, root: root, cfg: siteConfig(t)}
}

// run imports the sources (OCDS text) and writes the result.
func (s *site) run(sources ...string) []Result {
	s.t.Helper()
	im := &Import{Config: s.cfg}
	defer im.Close()
	for i, src := range sources {
		if _, err := ocdsread.Read(strings.NewReader(src), "in"+string(rune('1'+i))+".json", ocdsread.Options{Location: s.cfg.Location, Emit: im.Add}); err != nil {
			s.t.Fatal(err)
		}
	}
	existing, taken, err := LoadExisting(s.root, s.cfg)
	if err != nil {
		s.t.Fatal(err)
	}
	plan, err := im.Plan(existing, taken)
	if err != nil {
		s.t.Fatal(err)
	}
	if err := Write(s.root, plan); err != nil {
		s.t.Fatal(err)
	}
	return plan
}

func (s *site) read(name string) string {
	s.t.Helper()
	b, err := os.ReadFile(filepath.Join(s.dir, name))
	if err != nil {
		s.t.Fatal(err)
	}
	return string(b)
}

func (s *site) write(name, data string) {
	s.t.Helper()
	if err := os.WriteFile(filepath.Join(s.dir, name), []byte(data), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// check parses a written brief as tenders check does and returns its
// errors.
func (s *site) check(name string) diag.List {
	s.t.Helper()
	p := &brief.Parser{Config: s.cfg}
	b, list := p.Brief(name, []byte(s.read(name)))
	if b == nil {
		s.t.Fatalf("%s could not be read: %v", name, list)
	}
	var errs diag.List
	for _, d := range list {
		if d.Severity == diag.Error {
			errs = append(errs, d)
		}
	}
	return errs
}

func fixture(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "want", name)
	if *update {
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s (go test -update rewrites it)\ngot:\n%s", name, path, got)
	}
}

const cleaning = "content/opportunities/cleaning-for-two-community-libraries-in-kentish-town.md"

func TestImportTenderNotice(t *testing.T) {
	s := newSite(t)
	plan := s.run(fixture(t, "fts-uk4.json"))
	if len(plan) != 1 || plan[0].Outcome != New || plan[0].File != cleaning {
		t.Fatalf("plan %+v", plan)
	}
	if want := []string{`CPV code "99999999" is not in the CPV 2008 list: left out`}; strings.Join(plan[0].Notes, "\n") != strings.Join(want, "\n") {
		t.Errorf("notes %q", plan[0].Notes)
	}
	golden(t, "fts-uk4.md", s.read(cleaning))
	if errs := s.check(cleaning); len(errs) > 0 {
		t.Errorf("the imported brief does not pass the checks:\n%v", errs)
	}
}

func TestImportTwiceChangesNothing(t *testing.T) {
	s := newSite(t)
	s.run(fixture(t, "fts-uk4.json"))
	before := s.read(cleaning)
	plan := s.run(fixture(t, "fts-uk4.json"))
	if len(plan) != 1 || plan[0].Outcome != Unchanged || len(plan[0].Conflicts) > 0 {
		t.Fatalf("plan %+v", plan)
	}
	if s.read(cleaning) != before {
		t.Error("the second import changed the file")
	}
}

func TestNewerReleaseUpdatesTheFacts(t *testing.T) {
	s := newSite(t)
	s.run(fixture(t, "fts-uk4.json"))
	plan := s.run(fixture(t, "fts-uk4-update.json"))
	if len(plan) != 1 || plan[0].Outcome != Updated || len(plan[0].Conflicts) > 0 {
		t.Fatalf("plan %+v", plan)
	}
	if got := strings.Join(plan[0].Changed, " "); got != "deadline summary value_max body" {
		t.Errorf("changed %s", got)
	}
	golden(t, "fts-uk4-updated.md", s.read(cleaning))
	if errs := s.check(cleaning); len(errs) > 0 {
		t.Errorf("the updated brief does not pass the checks:\n%v", errs)
	}
	// Both files at once, or again: nothing more changes.
	for _, src := range [][]string{{fixture(t, "fts-uk4-update.json")}, {fixture(t, "fts-uk4.json"), fixture(t, "fts-uk4-update.json")}} {
		before := s.read(cleaning)
		if plan := s.run(src...); plan[0].Outcome != Unchanged {
			t.Errorf("again: %+v", plan[0])
		}
		if s.read(cleaning) != before {
			t.Error("a repeated import changed the file")
		}
	}
}

func TestBuyersEditsAreKept(t *testing.T) {
	s := newSite(t)
	s.run(fixture(t, "fts-uk4.json"))
	src := s.read(cleaning)
	// The buyer rewrites the summary and the body for small firms.
	src = strings.Replace(src, `summary = "Daily cleaning of Kentish Town and Queen's Crescent libraries from April 2027, for two years."`,
		`summary = "We need a cleaner for two libraries in Kentish Town."`, 1)
	src = src[:strings.Index(src, "## What we need")] + "## What we need\n\nTwo libraries, cleaned every morning.\n"
	s.write(cleaning, src)
	plan := s.run(fixture(t, "fts-uk4-update.json"))
	if len(plan) != 1 || plan[0].Outcome != Updated {
		t.Fatalf("plan %+v", plan)
	}
	if got := strings.Join(plan[0].Changed, " "); got != "deadline value_max" {
		t.Errorf("changed %s", got)
	}
	wantConflicts := []string{
		`summary: the notice now has summary = "Daily cleaning of Kentish Town and Queen's Crescent libraries from May 2027, for two years." but the brief was edited, so it was kept as it is; make the change by hand if it is still wanted`,
		"body: the notice's description changed but the body was rewritten, so it was kept; compare it with the notice",
	}
	if strings.Join(plan[0].Conflicts, "\n") != strings.Join(wantConflicts, "\n") {
		t.Errorf("conflicts\n%s", strings.Join(plan[0].Conflicts, "\n"))
	}
	got := s.read(cleaning)
	for _, want := range []string{`summary = "We need a cleaner for two libraries in Kentish Town."`, "Two libraries, cleaned every morning.\n", "deadline = 2027-01-08T12:00:00Z", "value_max = 200000"} {
		if !strings.Contains(got, want) {
			t.Errorf("the file lacks %q:\n%s", want, got)
		}
	}
	// The next import of the same data reports nothing again, and keeps
	// the edits.
	if plan := s.run(fixture(t, "fts-uk4-update.json")); plan[0].Outcome != Unchanged || len(plan[0].Conflicts) > 0 {
		t.Errorf("again: %+v", plan[0])
	}
	if s.read(cleaning) != got {
		t.Error("the file changed again")
	}
}

func TestHandWrittenFrontMatterIsNotRewritten(t *testing.T) {
	s := newSite(t)
	s.run(fixture(t, "fts-uk4.json"))
	src := strings.Replace(s.read(cleaning), "stage = \"open\"\n", "stage = \"open\"\n# We extended this once already.\npayment_days = 14\n", 1)
	s.write(cleaning, src)
	plan := s.run(fixture(t, "fts-uk4-update.json"))
	if len(plan) != 1 || plan[0].Outcome != Unchanged || len(plan[0].Changed) > 0 {
		t.Fatalf("plan %+v", plan)
	}
	if len(plan[0].Conflicts) != 4 || !strings.HasPrefix(plan[0].Conflicts[0], "deadline: the notice changed it, but the front matter was edited by hand") {
		t.Errorf("conflicts %q", plan[0].Conflicts)
	}
	if s.read(cleaning) != src {
		t.Error("the file was rewritten")
	}
}

func TestSkipped(t *testing.T) {
	rel := func(ocid, buyer, extra string) string {
		return `{"ocid":"` + ocid + `","id":"1","date":"2026-11-01T09:00:00Z","tag":["tender"],` +
			`"parties":[{"id":"` + buyer + `","name":"` + buyer + `","roles":["buyer"]}]` + extra + `}`
	}
	s := newSite(t)
	plan := s.run(strings.Join([]string{
		rel("ocds-a-1", "GB-COH-0000001", `,"tender":{"title":"Not ours"}`),
		rel("ocds-a-2", "GB-LAE-CMD", `,"tender":{"title":""}`),
		rel("ocds-a-3", "GB-LAE-CMD", `,"language":"cy","tender":{"title":"Glanhau"}`),
		`{"ocid":"ocds-a-4","id":"1","date":"2026-11-01T09:00:00Z","tender":{"title":"Nobody"}}`,
		rel("ocds-a-5", "Riverside  University.", `,"tender":{"title":"Campus catering","items":[{"id":"1","classification":{"scheme":"CPV","id":"55320000"}}]}`),
	}, "\n"))
	var got []string
	for _, r := range plan {
		got = append(got, r.OCID+": "+r.Reason)
	}
	want := []string{
		`ocds-a-1: its buyer "GB-COH-0000001" is not a member: no buyer in site.toml has its identifiers or its name`,
		"ocds-a-2: it has no title",
		`ocds-a-3: it is not in English (language "cy")`,
		"ocds-a-4: it names no buyer",
		"ocds-a-5: ",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if plan[4].Outcome != New || !strings.Contains(s.read(plan[4].File), `buyer = "riverside"`) {
		t.Errorf("the buyer's name did not match: %+v", plan[4])
	}
}

func TestAwardNotice(t *testing.T) {
	s := newSite(t)
	plan := s.run(fixture(t, "fts-uk6-award.json"))
	if len(plan) != 1 || plan[0].Outcome != New {
		t.Fatalf("plan %+v", plan)
	}
	golden(t, "fts-uk6-award.md", s.read(plan[0].File))
	if errs := s.check(plan[0].File); len(errs) > 0 {
		t.Errorf("the awarded brief does not pass the checks:\n%v", errs)
	}
}

func TestContractsFinderOlderShape(t *testing.T) {
	s := newSite(t)
	plan := s.run(fixture(t, "cf-older.json"))
	if len(plan) != 1 || plan[0].Outcome != New || len(plan[0].Notes) > 0 {
		t.Fatalf("plan %+v", plan)
	}
	golden(t, "cf-older.md", s.read(plan[0].File))
	if errs := s.check(plan[0].File); len(errs) > 0 {
		t.Errorf("the brief does not pass the checks:\n%v", errs)
	}
}

func TestStages(t *testing.T) {
	for _, c := range []struct{ name, release, want string }{
		{"tender", `"tag":["tender"],"tender":{"status":"active"}`, "open"},
		{"planning", `"tag":["planning"],"tender":{"status":"planning"}`, "pipeline"},
		{"UK1 pipeline notice", `"tag":["planning"],"planning":{"documents":[{"id":"1","noticeType":"UK1"}]}`, "pipeline"},
		{"UK2 engagement notice", `"tag":["tender"],"tender":{"status":"planning","documents":[{"id":"1","noticeType":"UK2"}]}`, "engagement"},
		{"cancelled", `"tag":["tenderCancellation"],"tender":{"status":"cancelled"}`, "cancelled"},
		{"award without supplier", `"tag":["award"],"awards":[{"id":"1","status":"active","date":"2026-12-01"}]`, "closed"},
		{"award with supplier", `"tag":["award"],"awards":[{"id":"1","status":"active","date":"2026-12-01","suppliers":[{"name":"Acme Ltd"}]}]`, "awarded"},
		{"unsuccessful", `"tag":["tenderUpdate"],"tender":{"status":"unsuccessful"}`, "closed"},
	} {
		t.Run(c.name, func(t *testing.T) {
			n, problems := ocdsread.Decode([]byte(`{"ocid":"o",` + c.release + `}`))
			if len(problems) > 0 {
				t.Fatal(problems)
			}
			m := &mapper{cfg: siteConfig(t), loc: time.UTC, n: n}
			if got, award := m.stage(); got != c.want || (award != nil) != (c.want == "awarded") {
				t.Errorf("stage %q, award %+v; want %q", got, award, c.want)
			}
		})
	}
}

func TestDescriptions(t *testing.T) {
	for _, c := range []struct{ in, body, summary string }{
		{"Line one.\nLine two.", "## What we need\n\nLine one.\n\nLine two.\n\n", "Line one."},
		{"<p>Cleaning &amp; <b>care</b>.</p><script>steal()</script><style>p{}</style><p>1. Not a list</p>", "## What we need\n\nCleaning \\& care.\n\n1\\. Not a list\n\n", "Cleaning & care."},
		{"# Not a heading <img src=x onerror=alert(1)>", "## What we need\n\n\\# Not a heading\n\n", "Not a heading"},
		{"We need daily cleaning of two libraries. It starts in April.", "## What we need\n\nWe need daily cleaning of two libraries. It starts in April.\n\n", "We need daily cleaning of two libraries."},
		{"", "", "Title"},
		{"<p>You will clean:</p><ul><li>floors</li><li>- windows &#x202E;</li></ul><p>Daily.</p>", "## What we need\n\nYou will clean:\n\n- floors\n- \\- windows\n\nDaily.\n\n", "You will clean:"},
		{"A \x01 mark\n\x01forged", "## What we need\n\nA mark\n\nforged\n\n", "A mark"},
	} {
		ps := paragraphs(c.in)
		if got := bodyOf(ps); got != c.body {
			t.Errorf("%q: body %q, want %q", c.in, got, c.body)
		}
		if got := summaryOf(ps, "Title"); got != c.summary {
			t.Errorf("%q: summary %q, want %q", c.in, got, c.summary)
		}
	}
	long := strings.Repeat("word ", 100)
	if got := summaryOf(paragraphs(long), "T"); len([]rune(got)) > brief.MaxSummary || !strings.HasSuffix(got, "word…") {
		t.Errorf("long summary %q", got)
	}
}

func TestAreas(t *testing.T) {
	for in, want := range map[string]string{"UKI31": "camden city-of-london", "uki42": "tower-hamlets", "UKI": "london-wide", "UKI3": "london-wide", "UKJ36": "", "UKI45 - Lambeth": "lambeth", "": ""} {
		if got := strings.Join(areasOf(in), " "); got != want {
			t.Errorf("areasOf(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDuplicateFromTheOtherPortal: Contracts Finder republishes notices
// of Find a Tender under an ocid of its own; the second is skipped.
func TestDuplicateFromTheOtherPortal(t *testing.T) {
	s := newSite(t)
	cf := strings.NewReplacer(`"ocds-h6vhtk-04f1a2"`, `"ocds-b5fd17-6d1e2f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6"`, `"041001-2026"`, `"cf-1"`).Replace(fixture(t, "fts-uk4.json"))
	plan := s.run(fixture(t, "fts-uk4.json"), cf)
	if len(plan) != 2 {
		t.Fatalf("plan %+v", plan)
	}
	// Find a Tender's copy is the one kept.
	if plan[0].OCID != "ocds-h6vhtk-04f1a2" || plan[0].Outcome != New || plan[1].Outcome != Skipped ||
		plan[1].Reason != "it is a duplicate of ocds-h6vhtk-04f1a2, already imported from Find a Tender: the same buyer, title and deadline" {
		t.Errorf("plan %+v", plan)
	}
	// And in a later run, against the brief already there.
	if plan := s.run(cf); plan[0].Outcome != Skipped || !strings.Contains(plan[0].Reason, "duplicate of ocds-h6vhtk-04f1a2") {
		t.Errorf("later: %+v", plan[0])
	}
}

func TestMoney(t *testing.T) {
	for _, c := range []struct{ amount, currency, want, note string }{
		{"180000", "GBP", "180000", ""},
		{"150000.5", "", "150001", ""},
		{"1e9999", "GBP", "nil", "tender.value.amount 1e9999 is not a sum a brief can hold (0 to 100000000000 pounds): left out"},
		{"-5", "GBP", "nil", "tender.value.amount -5 is not a sum a brief can hold (0 to 100000000000 pounds): left out"},
		{"1000", "EUR", "nil", "tender.value is in EUR, not pounds: left out"},
	} {
		m := &mapper{}
		got := "nil"
		if v := m.money("tender.value", &ocdsread.Value{Amount: json.Number(c.amount), Currency: c.currency}); v != nil {
			got = strconv.FormatInt(*v, 10)
		}
		if got != c.want || strings.Join(m.notes, "") != c.note {
			t.Errorf("%s %s: got %s %q, want %s %q", c.amount, c.currency, got, m.notes, c.want, c.note)
		}
	}
}

func TestEngagementNotice(t *testing.T) {
	s := newSite(t)
	plan := s.run(fixture(t, "fts-uk2-engagement.json"))
	if len(plan) != 1 || plan[0].Outcome != New {
		t.Fatalf("plan %+v", plan)
	}
	got := s.read(plan[0].File)
	for _, want := range []string{`stage = "engagement"`, "published = 2026-10-20T14:05:00+01:00", `topics = ["catering"]`, `apply_url = "https://www.find-tender.service.gov.uk/Notice/039876-2026"`} {
		if !strings.Contains(got, want) {
			t.Errorf("the brief lacks %s:\n%s", want, got)
		}
	}
	if errs := s.check(plan[0].File); len(errs) > 0 {
		t.Errorf("the brief does not pass the checks:\n%v", errs)
	}
}

func TestContractPeriodFromTheAward(t *testing.T) {
	n, _ := ocdsread.Decode([]byte(`{"ocid":"o","awards":[{"id":"1","contractPeriod":{"startDate":"2027-04-01T00:00:00Z","endDate":"2029-03-31T00:00:00Z"}}]}`))
	m := &mapper{cfg: siteConfig(t), loc: time.UTC, n: n}
	b, _ := m.brief("camden")
	if b.ContractStart.Format("2006-01-02") != "2027-04-01" || b.ContractEnd.Format("2006-01-02") != "2029-03-31" {
		t.Errorf("contract %v to %v", b.ContractStart, b.ContractEnd)
	}
}

// TestImportedTableRemoved: a brief whose [imported] table a person took
// out is not imported again beside itself.
func TestImportedTableRemoved(t *testing.T) {
	s := newSite(t)
	s.run(fixture(t, "fts-uk4.json"))
	src := s.read(cleaning)
	s.write(cleaning, src[:strings.Index(src, "[imported]")]+"+++\n"+src[strings.LastIndex(src, "+++\n")+4:])
	plan := s.run(fixture(t, "fts-uk4.json"))
	if len(plan) != 1 || plan[0].Outcome != Skipped || !strings.HasPrefix(plan[0].Reason, cleaning+" has its ocid as reference but no [imported] table") {
		t.Errorf("plan %+v", plan)
	}
}

func TestFreeName(t *testing.T) {
	taken := map[string]bool{"content/opportunities/cleaning.md": true}
	for _, c := range []struct{ title, want string }{
		{"Cleaning", "content/opportunities/cleaning-04f1a2.md"},
		{"Catering", "content/opportunities/catering.md"},
		{"…", "content/opportunities/ocds-h6vhtk-04f1a2.md"},
		{"Index", "content/opportunities/index-04f1a2.md"},
	} {
		if got := freeName(c.title, "ocds-h6vhtk-04f1a2", taken); got != c.want {
			t.Errorf("freeName(%q) = %s, want %s", c.title, got, c.want)
		}
	}
}
