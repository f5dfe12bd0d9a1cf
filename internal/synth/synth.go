// Package synth writes synthetic tenders sites for benchmarks: N briefs of
// 300 to 900 words with every front-matter field, about 40 buyers, 30
// topics and every London borough, some with lots, events and updates, and
// a matching site.toml. The same N always gives the same bytes.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/london-anchors/tenders/internal/config"
)

// Buyers and topics of a synthetic site.
const (
	NumBuyers = 40
	NumTopics = 30
)

var (
	kinds  = []string{"council", "university", "college", "health", "culture", "housing", "faith", "charity"}
	topicW = []string{"cleaning", "catering", "repairs", "grounds", "digital", "creative", "community", "transport", "security", "training",
		"printing", "furniture", "energy", "waste", "legal", "finance", "marketing", "events", "health", "care",
		"youth", "libraries", "sport", "water", "lighting", "roofing", "heating", "painting", "photography", "translation"}
	cpvs     = []string{"90911200-8", "55523100-3", "45453000-7", "77310000-6", "72212000-4", "79961000-8", "85310000-5", "60130000-8", "79530000-8", "92312000-1"}
	nouns    = []string{"library", "school", "community centre", "park", "estate", "youth club", "museum", "clinic", "office", "depot", "hall", "garden", "gallery", "kitchen", "workshop"}
	verbs    = []string{"clean", "repair", "run", "look after", "paint", "supply", "build", "check", "design", "plan", "print", "move", "fit", "test", "train staff at"}
	adjs     = []string{"small", "busy", "old", "new", "local", "shared", "quiet", "large", "public", "open"}
	people   = []string{"residents", "students", "patients", "visitors", "staff", "tenants", "young people", "families", "volunteers", "older people"}
	when     = []string{"every day", "each week", "twice a month", "in term time", "at weekends", "before it opens", "after it closes", "in the school holidays"}
	sections = []string{"What we need", "Who this is for", "What you need to apply", "How we will choose", "How to apply"}
)

// Site returns the files of a synthetic site with n briefs: path to bytes.
func Site(n int) map[string][]byte {
	files := map[string][]byte{"site.toml": SiteTOML()}
	for i := range n {
		name, data := Brief(i)
		files[name] = data
	}
	return files
}

// SiteTOML is the site.toml that matches the briefs.
func SiteTOML() []byte {
	var b strings.Builder
	b.WriteString("title = \"Synthetic opportunities\"\nbase_url = \"https://example.org/opps/\"\n\n")
	for i := range NumBuyers {
		area := config.Areas[i%(len(config.Areas)-1)]
		fmt.Fprintf(&b, "[buyers.buyer-%02d]\nname = \"%s %s\"\nkind = %q\nborough = %q\n\n", i, area.Name, strings.ToUpper(kinds[i%len(kinds)][:1])+kinds[i%len(kinds)][1:], kinds[i%len(kinds)], area.Key)
	}
	for _, t := range topicW {
		fmt.Fprintf(&b, "[topics.%s]\nname = %q\ndescription = \"Work on %s.\"\n\n", t, strings.ToUpper(t[:1])+t[1:], t)
	}
	return []byte(b.String())
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// sentence writes one plain sentence of 6 to 20 words.
func sentence(r *rand.Rand) string {
	switch r.IntN(5) {
	case 0:
		return fmt.Sprintf("We need a team to %s the %s %s %s.", pick(r, verbs), pick(r, adjs), pick(r, nouns), pick(r, when))
	case 1:
		return fmt.Sprintf("About %d %s use the %s %s, so the work must fit around them.", 10+r.IntN(900), pick(r, people), pick(r, nouns), pick(r, when))
	case 2:
		return fmt.Sprintf("You will %s the %s and tell us what you find.", pick(r, verbs), pick(r, nouns))
	case 3:
		return fmt.Sprintf("The %s %s needs help from someone who knows how to %s it well.", pick(r, adjs), pick(r, nouns), pick(r, verbs))
	default:
		return fmt.Sprintf("Tell us how you would %s the %s, and how much it would cost %s.", pick(r, verbs), pick(r, nouns), pick(r, when))
	}
}

// Brief returns the path and text of synthetic brief i.
func Brief(i int) (string, []byte) {
	r := rand.New(rand.NewPCG(uint64(i), 2026))
	var b strings.Builder
	buyer := i % NumBuyers
	published := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC).AddDate(0, 0, i%330)
	deadline := published.AddDate(0, 0, 20+r.IntN(30)).Add(3 * time.Hour)
	value := int64(5000 + r.IntN(400)*5000)
	area := config.Areas[r.IntN(len(config.Areas))].Key
	t1, t2 := topicW[r.IntN(NumTopics)], topicW[r.IntN(NumTopics)]
	fmt.Fprintf(&b, "+++\ntitle = \"%s the %s %s in %s\"\n", strings.ToUpper(pick(r, verbs)[:1])+pick(r, verbs)[1:], pick(r, adjs), pick(r, nouns), area)
	fmt.Fprintf(&b, "reference = \"SYN-%06d\"\nbuyer = \"buyer-%02d\"\n", i, buyer)
	fmt.Fprintf(&b, "published = %s\ndeadline = %s\nquestions_deadline = %s\n", published.Format(time.RFC3339), deadline.Format(time.RFC3339), deadline.AddDate(0, 0, -7).Format(time.RFC3339))
	fmt.Fprintf(&b, "summary = %q\n", sentence(r))
	topics := fmt.Sprintf("%q, %q", t1, t2)
	if t1 == t2 { // a topic may be listed only once
		topics = fmt.Sprintf("%q", t1)
	}
	fmt.Fprintf(&b, "category = %q\ntopics = [%s]\ncpv = [%q]\nboroughs = [%q]\n", pick(r, []string{"goods", "services", "works"}), topics, pick(r, cpvs), area)
	fmt.Fprintf(&b, "value_min = %d\nvalue_max = %d\n", value/2, value)
	fmt.Fprintf(&b, "contract_start = %s\ncontract_end = %s\n", deadline.AddDate(0, 2, 0).Format("2006-01-02"), deadline.AddDate(2, 2, 0).Format("2006-01-02"))
	fmt.Fprintf(&b, "suitable_for = [\"sme\", \"vcse\"]\nprocedure = %q\npayment_days = 30\nturnover_min = %d\n", pick(r, []string{"open", "quotes", "selective"}), value)
	fmt.Fprintf(&b, "apply_url = \"https://bids.example.net/SYN-%06d\"\n", i)
	if i%10 == 9 {
		b.WriteString("stage = \"awarded\"\n")
	}
	fmt.Fprintf(&b, "\n[contact]\nname = \"Alex Morgan\"\nemail = \"buyer%02d@example.org\"\n", buyer)
	if value >= 10000 { // no cover on a contract under £10k: it would shut out the small firms it is marked for
		fmt.Fprintf(&b, "\n[[insurance]]\nkind = \"public liability\"\namount = 1000000\nneeded = \"at-award\"\n")
	}
	fmt.Fprintf(&b, "\n[social_value]\nweighting = 10\nasks = [\"Offer one paid trainee place to a local resident\"]\n")
	fmt.Fprintf(&b, "\n[[documents]]\ntitle = \"What we need in full\"\nurl = \"https://bids.example.net/SYN-%06d/spec\"\n", i)
	if i%3 == 0 {
		for l := 1; l <= 2; l++ {
			fmt.Fprintf(&b, "\n[[lots]]\ntitle = \"Part %d\"\nsummary = %q\nvalue_max = %d\nsuitable_for = [\"sme\"]\n", l, sentence(r), value/2)
		}
	}
	if i%4 == 0 {
		fmt.Fprintf(&b, "\n[[events]]\ntitle = \"Meet the buyer\"\nkind = \"meet-the-buyer\"\nstart = %s\nend = %s\nplace = \"Town hall\"\ntext = %q\n",
			published.AddDate(0, 0, 7).Add(time.Hour).Format(time.RFC3339), published.AddDate(0, 0, 7).Add(3*time.Hour).Format(time.RFC3339), sentence(r))
	}
	if i%5 == 0 {
		fmt.Fprintf(&b, "\n[[updates]]\ndate = %s\ntext = %q\n", published.AddDate(0, 0, 3).Format(time.RFC3339), "We added a map of the site.")
	}
	if i%10 == 9 {
		fmt.Fprintf(&b, "\n[award]\nsupplier = \"Supplier %d Ltd\"\nvalue = %d\ndate = %s\nsme = %v\nvcse = %v\nlocal = %v\n", i, value, deadline.AddDate(0, 1, 0).Format("2006-01-02"), i%2 == 0, i%3 == 0, i%4 == 0)
	}
	b.WriteString("+++\n")
	words := 300 + r.IntN(600)
	perSection := words / len(sections)
	for _, s := range sections {
		fmt.Fprintf(&b, "\n## %s\n\n", s)
		n := 0
		for n < perSection {
			para := 0
			for para < 3 && n < perSection {
				s := sentence(r)
				b.WriteString(s)
				b.WriteString(" ")
				n += len(strings.Fields(s))
				para++
			}
			b.WriteString("\n\n")
			if r.IntN(4) == 0 {
				fmt.Fprintf(&b, "- %s\n- %s\n\n", sentence(r), sentence(r))
			}
		}
	}
	return fmt.Sprintf("content/opportunities/brief-%06d.md", i), []byte(b.String())
}
