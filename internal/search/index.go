package search

import (
	"encoding/binary"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ChunkSize is how many cards a document chunk holds: as many as the
// script shows at a time, so the first results cost at most ten small
// files when they are scattered, and one when they are not; a site of
// 50,000 briefs is 5,000 chunks.
const ChunkSize = 10

// ShardBytes is the size a term shard is filled to before the next one
// starts. A term's postings are never split, so a shard holding a very
// common term is larger.
const ShardBytes = 16 << 10

// MaxWindow is how many of the timed group's deadlines, from the first
// still open at build time, the manifest lists. Past the last of them the
// script takes a brief of the group to be open until its own card says
// otherwise: the site is rebuilt long before a thousand deadlines pass.
const MaxWindow = 1000

// Doc is one brief to index.
type Doc struct {
	Words string // from Words: its text's distinct words
	// ReadWords, when set, gives the words in place of Words, as the
	// document is indexed: a caller with many documents need not hold
	// all their words at once.
	ReadWords func() string
	Facets    []string  // its facet terms, such as "topic:cleaning" or "suits:sme"
	Deadline  time.Time // when it closes; zero when not set
	Card      Card      // what a result shows
}

// Card is what a result shows of a brief: the fields of a listing's card.
// Strings are as the card writes them.
type Card struct {
	URL       string `json:"u"`           // inside the site, such as "opportunities/estate-cleaning/"
	Title     string `json:"t"`           // its title
	Buyer     string `json:"b"`           // the buyer's name
	Value     string `json:"v"`           // "£40,000 to £60,000"
	Deadline  string `json:"d,omitempty"` // RFC 3339, when set
	When      string `json:"w,omitempty"` // the deadline in words, "12pm on Friday 18 December 2026"
	Status    string `json:"k"`           // its status at build time: brief.Status
	Label     string `json:"s"`           // the status's label
	Place     string `json:"p,omitempty"` // where the work is
	Insurance string `json:"i,omitempty"` // the cover asked for, in words
	Summary   string `json:"m"`           // its summary
}

// Group is a run of documents of one status, in the order results show
// them. In a Timed group a brief is open until its deadline and closed
// from then on, so the group must be sorted by deadline, soonest first;
// the script finds where open starts from the manifest's deadlines.
type Group struct {
	Name  string // "open", "upcoming", "closed", "awarded", "cancelled"
	Label string // as the status select says it
	Timed bool
	Docs  []Doc
}

// Manifest is search/index.json.
type Manifest struct {
	Version int             `json:"version"`
	Docs    int             `json:"docs"`
	Chunk   int             `json:"chunk"`  // cards a chunk holds
	Shards  []string        `json:"shards"` // the first term of each shard
	Groups  []ManifestGroup `json:"groups"`
	Stop    []string        `json:"stop"`
	Built   string          `json:"built"` // RFC 3339
}

// ManifestGroup places a Group: documents From to To-1.
type ManifestGroup struct {
	Name  string `json:"name"`
	Label string `json:"label"`
	From  int    `json:"from"`
	To    int    `json:"to"`
	// Of a timed group: Cut is the first document still open at build
	// time; Window the deadlines, in Unix seconds, of documents Cut, Cut+1
	// and on, each given as its difference from the one before (the first
	// from zero).
	Timed  bool    `json:"timed,omitempty"`
	Cut    int     `json:"cut,omitempty"`
	Window []int64 `json:"window,omitempty"`
}

// Build makes the index of groups as files, by path under the site root.
func Build(groups []Group, now time.Time) map[string][]byte {
	files := map[string][]byte{}
	Write(groups, now, func(name string, data []byte) { files[name] = data })
	return files
}

// Write makes the index of groups and gives each file to put as soon as
// it is made, so that the files of a large site are not all held at
// once. It lets go of each document's Words (sets it to "") once they
// are indexed. It makes the same files as an Index's Build.
func Write(groups []Group, now time.Time, put func(name string, data []byte)) {
	m := Manifest{Version: 1, Chunk: ChunkSize, Stop: Stop, Built: now.UTC().Format(time.RFC3339)}
	cards := make([]Card, 0, ChunkSize)
	chunk := func() {
		data, _ := json.Marshal(cards) // strings only: cannot fail
		put("search/d/"+strconv.Itoa((m.Docs-1)/ChunkSize)+".json", append(data, '\n'))
		cards = cards[:0]
	}
	postings := map[string][]uint32{}
	for _, g := range groups {
		mg := ManifestGroup{Name: g.Name, Label: g.Label, From: m.Docs, Timed: g.Timed}
		if g.Timed {
			mg.Cut, mg.Window = window(g.Docs, now, m.Docs)
		}
		for i := range g.Docs {
			addPostings(postings, g.Docs[i], uint32(m.Docs))
			g.Docs[i].Words = ""
			cards = append(cards, g.Docs[i].Card)
			if m.Docs++; len(cards) == ChunkSize {
				chunk()
			}
		}
		mg.To = m.Docs
		m.Groups = append(m.Groups, mg)
	}
	if len(cards) > 0 {
		chunk()
	}
	m.Shards = writeShards(put, sortedTerms(postings), postings)
	data, _ := json.Marshal(m)
	put("search/index.json", append(data, '\n'))
}

// sortedTerms are the keys of postings, sorted.
func sortedTerms(postings map[string][]uint32) []string {
	terms := make([]string, 0, len(postings))
	for t := range postings {
		terms = append(terms, t)
	}
	slices.Sort(terms)
	return terms
}

// Index is a search index kept from one build to the next, as tenders
// serve keeps it: its Build makes the same files as the package's Build,
// but when most documents are the same as last time, at the same places,
// only the postings of the others and the chunks that hold their cards
// are made again. A document is the same when its words, facets, deadline
// and card are. Its documents' Words are kept (read once from ReadWords,
// where a document has that).
// The zero Index is ready to use; it is not safe for use by several
// goroutines at once.
type Index struct {
	docs     []Doc
	postings map[string][]uint32
	terms    []string // the keys of postings, sorted
	chunks   [][]byte // each chunk's file
}

// Build makes the index of groups as files, by path under the site root,
// and keeps what it made for the next Build.
func (x *Index) Build(groups []Group, now time.Time) map[string][]byte {
	files := map[string][]byte{}
	m := Manifest{Version: 1, Chunk: ChunkSize, Stop: Stop, Built: now.UTC().Format(time.RFC3339)}
	n := 0
	for _, g := range groups {
		n += len(g.Docs)
	}
	docs := make([]Doc, 0, n)
	for _, g := range groups {
		id := len(docs)
		mg := ManifestGroup{Name: g.Name, Label: g.Label, From: id, Timed: g.Timed}
		if g.Timed {
			mg.Cut, mg.Window = window(g.Docs, now, id)
		}
		for _, d := range g.Docs {
			if d.ReadWords != nil { // kept, so read now: compared next time
				d.Words, d.ReadWords = d.ReadWords(), nil
			}
			docs = append(docs, d)
		}
		mg.To = len(docs)
		m.Groups = append(m.Groups, mg)
	}
	m.Docs = len(docs)
	if !x.update(docs) {
		x.rebuild(docs)
	}
	for i, data := range x.chunks {
		files["search/d/"+strconv.Itoa(i)+".json"] = data
	}
	m.Shards = writeShards(func(name string, data []byte) { files[name] = data }, x.terms, x.postings)
	data, _ := json.Marshal(m)
	files["search/index.json"] = append(data, '\n')
	return files
}

// rebuild makes the postings and chunks of docs from nothing.
func (x *Index) rebuild(docs []Doc) {
	x.docs = docs
	x.postings = map[string][]uint32{}
	for id, d := range docs {
		addPostings(x.postings, d, uint32(id))
	}
	x.terms = sortedTerms(x.postings)
	x.chunks = make([][]byte, (len(docs)+ChunkSize-1)/ChunkSize)
	for i := range x.chunks {
		x.chunks[i] = chunk(docs, i)
	}
}

// update brings the index from x.docs to docs, document by document, and
// reports whether it did: not when there is no index yet, the number of
// documents changed, or more than one in eight did, when making it afresh
// is as quick.
func (x *Index) update(docs []Doc) bool {
	if x.postings == nil || len(docs) != len(x.docs) {
		return false
	}
	var changed []int
	for i := range docs {
		if !sameDoc(&x.docs[i], &docs[i]) {
			if changed = append(changed, i); len(changed) > len(docs)/8+1 {
				return false
			}
		}
	}
	for _, i := range changed {
		for _, t := range docTerms(x.docs[i]) {
			x.removePosting(t, uint32(i))
		}
		for _, t := range docTerms(docs[i]) {
			x.addPosting(t, uint32(i))
		}
	}
	x.docs = docs
	for _, i := range changed {
		x.chunks[i/ChunkSize] = chunk(docs, i/ChunkSize)
	}
	return true
}

func sameDoc(a, b *Doc) bool {
	return a.Words == b.Words && a.Card == b.Card && a.Deadline.Equal(b.Deadline) && slices.Equal(a.Facets, b.Facets)
}

// docTerms are the distinct terms of d: its words and facets.
func docTerms(d Doc) []string {
	terms := strings.Fields(d.Words)
	words := len(terms)
	for _, f := range d.Facets {
		if !slices.Contains(terms[words:], f) { // a word never holds a colon, so never equals a facet
			terms = append(terms, f)
		}
	}
	return terms
}

func (x *Index) removePosting(term string, id uint32) {
	p := x.postings[term]
	if i, ok := slices.BinarySearch(p, id); ok {
		p = slices.Delete(p, i, i+1)
	}
	if len(p) > 0 {
		x.postings[term] = p
		return
	}
	delete(x.postings, term)
	if i, ok := slices.BinarySearch(x.terms, term); ok {
		x.terms = slices.Delete(x.terms, i, i+1)
	}
}

func (x *Index) addPosting(term string, id uint32) {
	p, ok := x.postings[term]
	if !ok {
		i, _ := slices.BinarySearch(x.terms, term)
		x.terms = slices.Insert(x.terms, i, term)
	}
	if i, found := slices.BinarySearch(p, id); !found {
		p = slices.Insert(p, i, id)
	}
	x.postings[term] = p
}

// chunk is the file of document chunk i.
func chunk(docs []Doc, i int) []byte {
	cards := make([]Card, 0, ChunkSize)
	for _, d := range docs[i*ChunkSize : min((i+1)*ChunkSize, len(docs))] {
		cards = append(cards, d.Card)
	}
	data, _ := json.Marshal(cards) // strings only: cannot fail
	return append(data, '\n')
}

// window finds the first of docs open at now (they are sorted by
// deadline) and lists the deadlines from there, as Manifest says.
func window(docs []Doc, now time.Time, first int) (int, []int64) {
	cut := 0
	for cut < len(docs) && !docs[cut].Deadline.IsZero() && !now.Before(docs[cut].Deadline) {
		cut++
	}
	var w []int64
	var prev int64
	for _, d := range docs[cut:min(len(docs), cut+MaxWindow)] {
		if d.Deadline.IsZero() {
			break // no deadline: open until its stage says otherwise
		}
		s := d.Deadline.Unix()
		w = append(w, s-prev)
		prev = s
	}
	return first + cut, w
}

func addPostings(postings map[string][]uint32, d Doc, id uint32) {
	words := d.Words
	if d.ReadWords != nil {
		words = d.ReadWords()
	}
	for words != "" {
		w, rest, _ := strings.Cut(words, " ")
		words = rest
		p, ok := postings[w]
		if !ok {
			w = strings.Clone(w) // not the whole of words, which is let go
		}
		postings[w] = append(p, id)
	}
	for _, f := range d.Facets {
		if p := postings[f]; len(p) == 0 || p[len(p)-1] != id {
			postings[f] = append(p, id)
		}
	}
}

// writeShards puts the terms into shards and returns each shard's first
// term.
//
// A shard is, for each of its terms in byte order: the term's length in
// bytes as a uvarint, the term in UTF-8, the number of documents as a
// uvarint, then each document's number as a uvarint difference from the
// one before (the first from zero).
func writeShards(put func(string, []byte), terms []string, postings map[string][]uint32) []string {
	var firsts []string
	var buf []byte
	flush := func() {
		if len(buf) > 0 {
			put("search/t/"+strconv.Itoa(len(firsts)-1)+".bin", buf)
			buf = nil
		}
	}
	for _, t := range terms {
		if len(buf) == 0 || len(buf) >= ShardBytes {
			flush()
			firsts = append(firsts, t)
			buf = make([]byte, 0, ShardBytes+ShardBytes/4)
		}
		ids := postings[t]
		buf = binary.AppendUvarint(buf, uint64(len(t)))
		buf = append(buf, t...)
		buf = binary.AppendUvarint(buf, uint64(len(ids)))
		prev := uint32(0)
		for _, id := range ids {
			buf = binary.AppendUvarint(buf, uint64(id-prev))
			prev = id
		}
	}
	flush()
	return firsts
}
