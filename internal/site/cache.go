package site

import (
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"html/template"
	"strconv"
	"sync"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/search"
)

// Cache holds what a brief's render produced, for the next render. It
// serves one render at a time.
type Cache struct {
	mu    sync.Mutex
	gen   string
	opps  map[string]*cachedOpp // by brief file
	files map[string]memoFile   // other output files made from lists of briefs, by output path
	mark  []byte                // stands in for the build's stamp in what it keeps (stamp.go)

	search search.Index // the last search index, brief by brief

	gens generational // what the generation alone decides

	lists *listings // the last render's listings and facets
	count int       // how many files the last render made

	// Each brief's Opp as the last render prepared it, by file, and the
	// next render's as it prepares them.
	prepared, preparing map[string]prepared

	// The pages this render put into a KeepSink, which Undo takes back.
	touched []*kept
}

// prepared is a brief's Opp, kept while the brief (the same parse of the
// same bytes), site.toml and what the clock decides about it stay the
// same: all its Opp is made from.
type prepared struct {
	brief *brief.Brief
	cfg   *config.Config
	at    oppClock
	opp   *Opp
}

// preparedOpp returns the Opp the last render prepared from b, cfg and at,
// or nil. A nil Cache has none.
func (c *Cache) preparedOpp(b *brief.Brief, cfg *config.Config, at oppClock) *Opp {
	if c == nil {
		return nil
	}
	if p, ok := c.prepared[b.File]; ok && p.brief == b && p.cfg == cfg && p.at == at {
		c.keepPrepared(b, cfg, at, p.opp)
		return p.opp
	}
	return nil
}

// keepPrepared keeps o for the next render.
func (c *Cache) keepPrepared(b *brief.Brief, cfg *config.Config, at oppClock, o *Opp) {
	if c == nil {
		return
	}
	if c.preparing == nil {
		c.preparing = map[string]prepared{}
	}
	c.preparing[b.File] = prepared{b, cfg, at, o}
}

// endPrepare keeps the Opps of this render, and only those.
func (c *Cache) endPrepare() {
	if c != nil {
		// The maps take turns, so a build makes none.
		c.prepared, c.preparing = c.preparing, c.prepared
		clear(c.preparing)
	}
}

type memoFile struct {
	key  string
	page *kept // the file, split at the build's stamp (stamp.go)
}

type cachedOpp struct {
	key      string
	page     *kept // split at the build's stamp
	ics      []byte
	card     [][]byte
	vevents  []byte
	body     template.HTML // only for full-content feeds
	words    string        // its words, for the search index
	releases []byte        // its OCDS releases, for the open data
	csvLine  []byte        // its row of the CSV
	doc      *search.Doc   // its entry in the search index, once made
	dataSum  string        // releases and csvLine hashed
}

// generational is what a render makes from the generation alone: the
// parsed templates, the fingerprinted names of the static files and the
// static files themselves. Each is nil until a render of the generation
// has made it.
type generational struct {
	gen    string
	tmpl   map[string]*template.Template
	assets map[string]string
	static []staticFile
}

// staticFile is a file of the static folder, copied to the output.
type staticFile struct {
	name string
	data []byte
}

// generation returns what the cache holds for the render's generation,
// after dropping what it held for another. A nil Cache holds nothing.
func (c *Cache) generation(gen string) *generational {
	if c == nil {
		return &generational{}
	}
	if c.gens.gen != gen {
		c.gens = generational{gen: gen}
	}
	return &c.gens
}

// begin starts a render.
func (c *Cache) begin() {
	if c != nil {
		c.mu.Lock()
		c.touched = nil
		c.mu.Unlock()
	}
}

func (c *Cache) touch(k *kept) {
	c.mu.Lock()
	c.touched = append(c.touched, k)
	c.mu.Unlock()
}

// Committed says that the KeepSink holds what the last render put there:
// Undo no longer takes it back.
func (c *Cache) Committed() {
	c.mu.Lock()
	c.touched = nil
	c.mu.Unlock()
}

// Undo is for a render into a KeepSink that failed, once the sink holds
// again what it held before that render: every page the render put is
// taken as not held, so the next render makes or puts it again. Without
// a render since the last Committed, it does nothing.
func (c *Cache) Undo() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, k := range c.touched {
		k.held = false
	}
	c.touched = nil
}

// lastCount is how many files the last render made: a nil Cache knows none.
func (c *Cache) lastCount() int {
	if c == nil {
		return 0
	}
	return c.count
}

func (c *Cache) wrote(n int) {
	if c != nil {
		c.count = n
	}
}

// NewCache makes an empty render cache.
func NewCache() *Cache {
	return &Cache{opps: map[string]*cachedOpp{}, files: map[string]memoFile{}, mark: newMark()}
}

func (c *Cache) get(file, key string) *cachedOpp {
	c.mu.Lock()
	defer c.mu.Unlock()
	if o := c.opps[file]; o != nil && o.key == key {
		return o
	}
	return nil
}

func (c *Cache) set(file string, o *cachedOpp) {
	c.mu.Lock()
	c.opps[file] = o
	c.mu.Unlock()
}

// memo puts the file made by make at name, unless the cache holds one
// made from the same key, which it puts instead. The key must name
// everything the file's bytes depend on besides the generation.
func (r *renderer) memo(name string, key func() string, make func() ([]byte, error)) error {
	if r.Cache == nil {
		data, err := make()
		if err == nil {
			r.put(name, data)
		}
		return err
	}
	k := key()
	r.Cache.mu.Lock()
	m, ok := r.Cache.files[name]
	r.Cache.mu.Unlock()
	if ok && m.key == k && r.putKept(name, m.page) {
		return nil
	}
	data, err := make()
	if err != nil {
		return err
	}
	page := r.putPage(name, data)
	r.Cache.mu.Lock()
	r.Cache.files[name] = memoFile{k, page}
	r.Cache.mu.Unlock()
	return nil
}

// memoMany is memo for several files made together.
func (r *renderer) memoMany(names []string, key func() string, makeAll func() ([][]byte, error)) error {
	if r.Cache == nil {
		data, err := makeAll()
		for i, name := range names {
			if err == nil {
				r.put(name, data[i])
			}
		}
		return err
	}
	k := key()
	r.Cache.mu.Lock()
	hit := true
	pages := make([]*kept, len(names))
	for i, name := range names {
		m, ok := r.Cache.files[name]
		hit = hit && ok && m.key == k
		pages[i] = m.page
	}
	r.Cache.mu.Unlock()
	for i := 0; hit && i < len(names); i++ {
		hit = r.putKept(names[i], pages[i]) // a file put again below replaces one kept
	}
	if hit {
		return nil
	}
	// Feeds and calendars are not made from templates, so they hold no
	// stamp: each is kept whole.
	data, err := makeAll()
	if err != nil {
		return err
	}
	for i, name := range names {
		page := r.putPage(name, data[i])
		r.Cache.mu.Lock()
		r.Cache.files[name] = memoFile{k, page}
		r.Cache.mu.Unlock()
	}
	return nil
}

// listKey names a page that shows lists of briefs: what the lists hold.
func listKey(parts ...any) string {
	return pooledKey(func(buf []byte) []byte {
		return appendListKey(buf, parts)
	})
}

func appendListKey(buf []byte, parts []any) []byte {
	for _, p := range parts {
		switch x := p.(type) {
		case []*Opp:
			buf = fmt.Appendf(buf, "[%d]", len(x))
			for _, o := range x {
				buf = append(buf, o.keySum...) // of a fixed size
			}
		case string:
			buf = append(append(buf, x...), 0)
		case []int:
			for _, n := range x {
				buf = strconv.AppendInt(append(buf, ' '), int64(n), 10)
			}
			buf = append(buf, 0)
		default:
			buf = fmt.Appendf(buf, "%v\x00", x)
		}
	}
	return buf
}

// dataKey names the open data: each brief's releases and CSV row, in the
// render's order; its reference, by which the package orders them; the
// dates its header's date is the latest of (published, updates and
// award); and its status, buyer and award, by which the progress figures
// add it up.
func (r *renderer) dataKey() string {
	return pooledKey(r.appendDataKey)
}

func (r *renderer) appendDataKey(buf []byte) []byte {
	for _, o := range r.opps {
		buf = append(buf, o.dataSum...)
		buf = append(append(buf, o.Reference...), 0)
		buf = append(append(buf, o.Status...), 0)
		buf = append(append(buf, o.Buyer.Key...), 0)
		buf = strconv.AppendInt(buf, o.Published.UnixNano(), 10)
		for _, u := range o.Updates {
			buf = strconv.AppendInt(append(buf, ' '), u.Date.UnixNano(), 10)
		}
		if o.Award != nil {
			buf = fmt.Appendf(buf, "%v %d", *o.Award, o.Award.Date.UnixNano())
		}
		buf = append(buf, 0)
	}
	return buf
}

// hashKey hashes s with keyHash.
func hashKey(s string) string {
	h := newKeyHash()
	h.WriteString(s)
	return h.sum()
}

// pooledKey hashes with keyHash the key that write appends to the buffer
// it is given, one of keyBufs.
func pooledKey(write func(buf []byte) []byte) string {
	bp := keyBufs.Get().(*[]byte)
	defer keyBufs.Put(bp)
	*bp = write((*bp)[:0])
	h := newKeyHash()
	h.Write(*bp)
	return h.sum()
}

// keyBufs are the buffers keys are written in before they are hashed:
// the keys of every list page, the sitemap and the open data come to
// megabytes a build.
var keyBufs = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

// keySeeds are the seeds of the keys' hashes: random, so no content can
// be written to make two lists' keys the same, and the same for the life
// of the process, which is longer than any cache's.
var keySeeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}

// keyHash hashes what a cached file is made from into a 128-bit key: two
// maphash sums under separate seeds. A page's key is hashed from every
// brief on it at every build, so the hash must be quick: this is ten
// times as quick as SHA-256, and as safe here, since its seeds are secret.
type keyHash struct{ a, b maphash.Hash }

func newKeyHash() *keyHash {
	h := &keyHash{}
	h.a.SetSeed(keySeeds[0])
	h.b.SetSeed(keySeeds[1])
	return h
}

func (h *keyHash) Write(p []byte) (int, error) {
	h.a.Write(p)
	h.b.Write(p)
	return len(p), nil
}

func (h *keyHash) WriteString(s string) {
	h.a.WriteString(s)
	h.b.WriteString(s)
}

func (h *keyHash) WriteByte(c byte) error {
	h.a.WriteByte(c)
	h.b.WriteByte(c)
	return nil
}

func (h *keyHash) sum() string {
	var b [16]byte
	binary.LittleEndian.PutUint64(b[:8], h.a.Sum64())
	binary.LittleEndian.PutUint64(b[8:], h.b.Sum64())
	return string(b[:])
}
