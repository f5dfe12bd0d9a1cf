// Package importer turns OCDS releases into briefs: tenders import.
//
// An Import gathers releases (from ocdsread, whatever their source), then
// Plan compiles each contracting process, keeps the members' notices, maps
// each into a brief, and compares it with the brief already in the site
// for the same ocid, if any; Write then writes what changed, every file
// whole or not at all. Nothing is written until every source has been
// read, so a source that fails leaves the site as it was. Until then the
// releases, and the briefs planned, wait in a temporary file (spool.go),
// and memory holds only their places: one process's releases are in
// memory at a time.
//
// A brief the import wrote records, in its [imported] table, a fingerprint
// of each field as imported. The next import compares three versions of
// each field: as imported then, as in the file now, and as the notice has
// it now. A field the notice changed and the buyer did not is updated; a
// field the buyer changed is kept, and if the notice changed it too, that
// is a conflict, reported and never resolved silently.
package importer

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/ocdsread"
)

// Import holds the releases read so far, by ocid.
type Import struct {
	Config *config.Config
	// Publisher names the portal when the releases came from its API;
	// otherwise it is guessed from each ocid's prefix.
	Publisher string
	// AllBuyers imports the notices of buyers that are not members too,
	// adding each new buyer to site.toml (NewBuyers, AppendBuyers).
	AllBuyers bool
	added     []NewBuyer
	seen      map[string]seenBrief // imported briefs by sameness
	refs      map[string]string    // the files of briefs not imported, by reference
	processes map[string][]held
	spool     spool
	read      int
}

// held is a release read, its text in the spool.
type held struct {
	r  ocdsread.Release // without Data
	at span
}

// Add keeps one release; it is ocdsread's Emit. Its text goes to the
// spool; an error of the disk stops the read.
func (im *Import) Add(r ocdsread.Release) error {
	if im.processes == nil {
		im.processes = map[string][]held{}
	}
	at, err := im.spool.put(r.Data)
	if err != nil {
		return err
	}
	r.Data = nil
	im.processes[r.OCID] = append(im.processes[r.OCID], held{r, at})
	im.read++
	return nil
}

// Close removes the spool: call it when the plan is written, or given up.
func (im *Import) Close() error { return im.spool.Close() }

// releases are a process's releases, read back from the spool.
func (im *Import) releases(ocid string) ([]ocdsread.Release, error) {
	hs := im.processes[ocid]
	out := make([]ocdsread.Release, len(hs))
	for i, h := range hs {
		data, err := im.spool.get(h.at)
		if err != nil {
			return nil, err
		}
		out[i] = h.r
		out[i].Data = data
	}
	return out, nil
}

// Releases is how many releases were added.
func (im *Import) Releases() int { return im.read }

// Outcome is what the import does with one contracting process.
type Outcome int

const (
	Skipped   Outcome = iota // not imported: Reason says why
	New                      // a new brief
	Updated                  // a brief changed
	Unchanged                // a brief already up to date
)

// Result is the plan for one contracting process.
type Result struct {
	OCID      string
	Outcome   Outcome
	File      string   // the brief's path in the site, with forward slashes
	Reason    string   // why it was skipped
	Changed   []string // the fields updated
	Conflicts []string // edits of the buyer's that the notice also changed
	Notes     []string // what was left out or guessed
	Where     string   // the place of its last release in its source
	data      *stored  // the file to write, when New or Updated
}

// stored is a planned file, waiting in the spool.
type stored struct {
	s  *spool
	at span
}

// Data is the file the plan writes, or nil when it writes none.
func (r *Result) Data() ([]byte, error) {
	if r.data == nil {
		return nil, nil
	}
	return r.data.s.get(r.data.at)
}

// keep puts a planned file in the spool.
func (im *Import) keep(res *Result, data []byte) error {
	at, err := im.spool.put(data)
	if err != nil {
		return err
	}
	res.data = &stored{&im.spool, at}
	return nil
}

// Existing is a brief already in the site.
type Existing struct {
	File  string // its path in the site, with forward slashes
	Src   []byte
	Brief *brief.Brief
}

// Plan decides what to do with each contracting process: Find a
// Tender's first, then the rest, each in ocid order.
// existing are the site's briefs; taken are the paths of every file in
// its opportunities folder, so a new brief takes a free name. An error is
// the spool's: a disk that failed.
func (im *Import) Plan(existing []Existing, taken map[string]bool) ([]Result, error) {
	byOCID := map[string]*Existing{}
	im.seen = map[string]seenBrief{}
	im.refs = map[string]string{}
	for i := range existing {
		if b := existing[i].Brief; b != nil && b.Imported == nil {
			im.refs[b.Reference] = existing[i].File
		}
		if b := existing[i].Brief; b != nil && b.Imported != nil {
			byOCID[b.Imported.OCID] = &existing[i]
			im.seen[sameness(b)] = seenBrief{b.Imported.OCID, b.Imported.Publisher}
		}
	}
	var out []Result
	// Find a Tender's notices first, so that of two copies of a notice,
	// the central platform's is the one kept.
	keys := mapsKeys(im.processes)
	slices.SortFunc(keys, func(a, b string) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), strings.Compare(a, b))
	})
	for _, ocid := range keys {
		rs, err := im.releases(ocid)
		if err != nil {
			return nil, err
		}
		res, data := im.plan(ocid, rs, byOCID[ocid], taken)
		if data != nil {
			if err := im.keep(&res, data); err != nil {
				return nil, err
			}
		}
		if res.Outcome == New {
			taken[res.File] = true
		}
		out = append(out, res)
	}
	return out, nil
}

// seenBrief is a brief imported already, from one portal.
type seenBrief struct{ ocid, publisher string }

// sameness is what makes two notices on two portals one opportunity:
// the buyer, the title but for case and punctuation, and the deadline.
func sameness(b *brief.Brief) string {
	return b.Buyer + "\x00" + fold(b.Title) + "\x00" + b.Deadline.UTC().Format(time.RFC3339)
}

func rank(ocid string) int {
	if strings.HasPrefix(ocid, "ocds-h6vhtk-") {
		return 0
	}
	return 1
}

func mapsKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

func (im *Import) loc() *time.Location {
	if im.Config.Location != nil {
		return im.Config.Location
	}
	return time.UTC
}

// plan is the Result for one process, and the file it writes, if any.
func (im *Import) plan(ocid string, all []ocdsread.Release, old *Existing, taken map[string]bool) (Result, []byte) {
	rs := ocdsread.Latest(all)
	last := rs[len(rs)-1]
	res := Result{OCID: ocid, Where: last.Where()}
	data, err := ocdsread.Compile(rs)
	if err != nil {
		res.Reason = err.Error()
		return res, nil
	}
	n, problems := ocdsread.Decode(data)
	res.Notes = append(res.Notes, problems...)
	key, name := matchBuyer(im.Config, n)
	switch {
	case key == "" && name == "":
		res.Reason = "it names no buyer"
	case key == "" && !im.AllBuyers:
		res.Reason = fmt.Sprintf("its buyer %q is not a member: no buyer in site.toml has its identifiers or its name", name)
	case strings.TrimSpace(n.Tender.Title) == "" && old == nil:
		res.Reason = "it has no title"
	case n.Language != "" && !strings.HasPrefix(strings.ToLower(n.Language), "en"):
		res.Reason = fmt.Sprintf("it is not in English (language %q)", n.Language)
	case key == "":
		if key = im.addBuyer(buyerOf(n)); key == "" {
			res.Reason = fmt.Sprintf("its buyer %q has no letters or digits to make a key of site.toml from", name)
		}
	}
	if res.Reason != "" {
		return res, nil
	}
	publisher, url := im.provenance(ocid, rs, n)
	m := &mapper{cfg: im.Config, loc: im.loc(), n: n, noticeAt: url}
	b, body := m.brief(key)
	// A walk from a later date may bring only a process's newest
	// releases: then what they leave out was not said.
	partial := old != nil && !containsAll(ids(rs), old.Brief.Imported.Releases)
	if !partial {
		m.fill(b, rs[0].Date)
	}
	res.Notes = append(res.Notes, m.notes...)
	if b.ApplyURL == "" && !partial {
		res.Notes = append(res.Notes, "it gives neither a submission address nor its own page: add apply_url by hand")
	}
	b.Imported = &brief.Imported{Publisher: publisher, OCID: ocid, URL: url, Updated: brief.Date{Time: last.Date.In(im.loc())}}
	b.Imported.Releases = ids(rs)
	if old == nil {
		if f, ok := im.refs[b.Reference]; ok {
			res.Reason = fmt.Sprintf("%s has its ocid as reference but no [imported] table, so it is left alone; put the table back to have it updated", f)
			return res, nil
		}
		if dup, ok := im.seen[sameness(b)]; ok && dup.publisher != publisher {
			res.Reason = fmt.Sprintf("it is a duplicate of %s, already imported from %s: the same buyer, title and deadline", dup.ocid, dup.publisher)
			return res, nil
		}
		im.seen[sameness(b)] = seenBrief{ocid, publisher}
		b.Imported.Sums = sums(b, body, im.loc())
		res.Outcome, res.File = New, freeName(b.Title, ocid, taken)
		return res, file(b, body, im.loc())
	}
	res.File = old.File
	return res, im.update(&res, old, b, body, partial)
}

func ids(rs []ocdsread.Release) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

// provenance is the portal a process's notices are on, and the address of
// its latest notice there.
func (im *Import) provenance(ocid string, rs []ocdsread.Release, n *ocdsread.Notice) (string, string) {
	switch {
	case strings.HasPrefix(ocid, "ocds-h6vhtk-"):
		for i := len(rs) - 1; i >= 0; i-- {
			if ftsNotice.MatchString(rs[i].ID) {
				return "Find a Tender", "https://www.find-tender.service.gov.uk/Notice/" + rs[i].ID
			}
		}
		return "Find a Tender", ""
	case strings.HasPrefix(ocid, "ocds-b5fd17-"):
		id := strings.TrimPrefix(ocid, "ocds-b5fd17-")
		if cfNotice.MatchString(id) {
			return "Contracts Finder", "https://www.contractsfinder.service.gov.uk/Notice/" + id
		}
		return "Contracts Finder", ""
	}
	publisher := cmp.Or(im.Publisher, "OCDS data")
	for _, d := range n.Tender.Documents {
		if d.DocumentType == "tenderNotice" && config.CheckWebURL(d.URL) == "" {
			return publisher, d.URL
		}
	}
	return publisher, ""
}

var (
	ftsNotice = regexp.MustCompile(`^[0-9]{6}-[0-9]{4}$`)
	cfNotice  = regexp.MustCompile(`^[0-9a-fA-F-]{36}$`)
)

// freeName is the path of a new brief: its title as a file name, or with
// the ocid's last part when that is taken.
func freeName(title, ocid string, taken map[string]bool) string {
	slug := brief.SlugFor(title)
	if len(slug) > 60 {
		slug = strings.TrimRight(slug[:60], "-")
	}
	names := []string{brief.SlugFor(ocid)}
	if slug != "" {
		tail := brief.SlugFor(ocid[strings.LastIndexByte(ocid, '-')+1:])
		names = []string{slug, slug + "-" + tail, names[0]}
	}
	for _, s := range names {
		if s == "" || slices.Contains(brief.ReservedBriefSlugs, s) {
			continue
		}
		p := brief.OpportunitiesDir + "/" + s + ".md"
		if !taken[p] {
			return p
		}
	}
	for i := 2; ; i++ {
		p := fmt.Sprintf("%s/%s-%d.md", brief.OpportunitiesDir, brief.SlugFor(ocid), i)
		if !taken[p] {
			return p
		}
	}
}
