package search

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

func TestWords(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"The cleaning of the libraries", "cleaning libraries"},
		{"Cleaning, CLEANING; cleaning!", "cleaning"},
		{"the buyer's café in Kentish Town NW5 1XN", "1xn buyers café kentish nw5 town"},
		{"a I x of", ""}, // one letter, or stop words
		{"**Bold** [link](https://www.example.org/a-b)", "bold example link"},
		{"Zürich ŽIŽKOV", "zürich žižkov"},
		{strings.Repeat("a", 40), strings.Repeat("a", maxWord)},
		{"co-operatives", "co operatives"},
	} {
		if got := Words([]byte(tc.in)); got != tc.want {
			t.Errorf("Words(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := Words([]byte("alpha beta"), []byte("beta gamma")); got != "alpha beta gamma" {
		t.Errorf("Words of two texts = %q", got)
	}
}

func FuzzWords(f *testing.F) {
	f.Add([]byte("The cleaning of Kentish Town libraries, NW5 1XN"))
	f.Add([]byte("\xff\xfe a\u0301b 'quoted' ’curly’ 123"))
	f.Fuzz(func(t *testing.T, text []byte) {
		got := Words(text)
		if want := runeWords(text); got != want {
			t.Fatalf("Words(%q) = %q; read a character at a time, %q", text, got, want)
		}
		if got == "" {
			return
		}
		words := strings.Split(got, " ")
		if !slices.IsSorted(words) {
			t.Fatalf("not sorted: %q", got)
		}
		for i, w := range words {
			if n := utf8.RuneCountInString(w); n < 2 || n > maxWord || stop[w] || strings.ContainsAny(w, ": ") || (i > 0 && words[i-1] == w) {
				t.Fatalf("bad word %q in %q", w, got)
			}
			if Words([]byte(w)) != w {
				t.Fatalf("word %q does not split to itself", w)
			}
		}
	})
}

// runeWords is Words as its comment says it, a character at a time, to
// hold Words's faster reading of ASCII to it.
func runeWords(text []byte) string {
	seen := map[string]bool{}
	var word []rune
	end := func() {
		w := string(word)
		if len(word) >= 2 && !stop[w] {
			seen[w] = true
		}
		word = word[:0]
	}
	n := 0
	for _, r := range string(text) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if n < maxWord {
				word = append(word, unicode.ToLower(r))
			}
			n++
		case r == '\'' || r == '’':
		default:
			end()
			n = 0
		}
	}
	end()
	return strings.Join(slices.Sorted(maps.Keys(seen)), " ")
}

// readShard decodes a term shard as the search script does.
func readShard(b []byte) (map[string][]uint32, []string, error) {
	out := map[string][]uint32{}
	var terms []string
	next := func() (uint64, error) {
		x, n := binary.Uvarint(b)
		if n <= 0 {
			return 0, errors.New("bad uvarint")
		}
		b = b[n:]
		return x, nil
	}
	for len(b) > 0 {
		n, err := next()
		if err != nil || n > uint64(len(b)) {
			return nil, nil, fmt.Errorf("bad term length: %v", err)
		}
		term := string(b[:n])
		b = b[n:]
		count, err := next()
		if err != nil {
			return nil, nil, err
		}
		var ids []uint32
		prev := uint64(0)
		for range count {
			d, err := next()
			if err != nil {
				return nil, nil, err
			}
			prev += d
			ids = append(ids, uint32(prev))
		}
		out[term] = ids
		terms = append(terms, term)
	}
	return out, terms, nil
}

func TestBuild(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	var timed []Doc
	for i := range 1500 {
		timed = append(timed, Doc{
			Words:    Words([]byte("cleaning brief" + strconv.Itoa(i) + " word" + strconv.Itoa(i%7))),
			Facets:   []string{"topic:cleaning", "buyer:b" + strconv.Itoa(i%3)},
			Deadline: now.Add(time.Duration(i-10) * day),
			Card:     Card{URL: "opportunities/b" + strconv.Itoa(i) + "/", Title: "Brief " + strconv.Itoa(i)},
		})
	}
	groups := []Group{
		{Name: "open", Timed: true, Docs: timed},
		{Name: "upcoming", Docs: []Doc{{Words: "planned cleaning", Card: Card{URL: "opportunities/planned/"}}}},
		{Name: "awarded", Docs: []Doc{{Words: "awarded", Facets: []string{"buyer:b1"}, Card: Card{URL: "opportunities/won/"}}}},
	}
	files := Build(groups, now)
	var m Manifest
	if err := json.Unmarshal(files["search/index.json"], &m); err != nil {
		t.Fatal(err)
	}
	if m.Docs != 1502 || len(m.Groups) != 3 {
		t.Fatalf("manifest: %d docs, %d groups", m.Docs, len(m.Groups))
	}
	g := m.Groups[0]
	// A brief is closed at its deadline: the 11th closes at now.
	if g.From != 0 || g.To != 1500 || g.Cut != 11 || len(g.Window) != MaxWindow {
		t.Errorf("timed group: from %d to %d, cut %d, window of %d", g.From, g.To, g.Cut, len(g.Window))
	}
	if g.Window[0] != now.Add(day).Unix() || g.Window[1] != int64(day/time.Second) {
		t.Errorf("window starts %d, %d", g.Window[0], g.Window[1])
	}
	if u, a := m.Groups[1], m.Groups[2]; u.From != 1500 || u.To != 1501 || a.From != 1501 || a.To != 1502 {
		t.Errorf("groups: %+v %+v", u, a)
	}
	// Every shard decodes, its terms in order, the first as the manifest
	// says; together they hold each term once.
	all := map[string][]uint32{}
	var prev string
	for i, first := range m.Shards {
		data, ok := files["search/t/"+strconv.Itoa(i)+".bin"]
		if !ok {
			t.Fatalf("no shard %d", i)
		}
		if len(data) > 2*ShardBytes {
			t.Errorf("shard %d is %d bytes", i, len(data))
		}
		postings, terms, err := readShard(data)
		if err != nil {
			t.Fatalf("shard %d: %v", i, err)
		}
		if terms[0] != first {
			t.Errorf("shard %d starts with %q, manifest says %q", i, terms[0], first)
		}
		for _, term := range terms {
			if term <= prev {
				t.Fatalf("term %q after %q", term, prev)
			}
			prev = term
			all[term] = postings[term]
		}
	}
	if len(m.Shards) < 2 {
		t.Errorf("only %d shards", len(m.Shards))
	}
	check := func(term string, want ...uint32) {
		t.Helper()
		if got := all[term]; !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", term, got, want)
		}
	}
	check("brief42", 42)
	check("buyer:b1", append(seq(1, 1500, 3), 1501)...)
	check("cleaning", seq(0, 1501, 1)...)
	check("awarded", 1501)
	if len(all["topic:cleaning"]) != 1500 {
		t.Errorf("topic:cleaning holds %d", len(all["topic:cleaning"]))
	}
	// The chunks hold every card in order.
	for id, want := range []string{"opportunities/b0/", "opportunities/b21/"} {
		id *= 21
		var cards []Card
		if err := json.Unmarshal(files["search/d/"+strconv.Itoa(id/ChunkSize)+".json"], &cards); err != nil {
			t.Fatal(err)
		}
		if got := cards[id%ChunkSize].URL; got != want {
			t.Errorf("card %d is %s, want %s", id, got, want)
		}
	}
	if n := len(files) - 1 - len(m.Shards); n != (1502+ChunkSize-1)/ChunkSize {
		t.Errorf("%d chunks", n)
	}
}

func seq(from, to, step uint32) []uint32 {
	var s []uint32
	for i := from; i < to; i += step {
		s = append(s, i)
	}
	return s
}

func TestBuildEmpty(t *testing.T) {
	files := Build(nil, time.Now())
	var m Manifest
	if err := json.Unmarshal(files["search/index.json"], &m); err != nil || m.Docs != 0 || len(files) != 1 {
		t.Fatalf("%v %+v %d files", err, m, len(files))
	}
}

// TestWriteReadWords: documents whose words are read as they are indexed
// make the same files as documents that hold them, in the same order, and
// each document's words are let go once indexed.
func TestWriteReadWords(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	docs := func(lazy bool) []Doc {
		var out []Doc
		for i := range 45 {
			w := Words([]byte("repairs roof" + strconv.Itoa(i%4) + " gutter"))
			d := Doc{Words: w, Facets: []string{"buyer:b" + strconv.Itoa(i%2)}, Card: Card{URL: "opportunities/r" + strconv.Itoa(i) + "/"}}
			if lazy {
				d.Words, d.ReadWords = "", func() string { return w }
			}
			out = append(out, d)
		}
		return out
	}
	want := Build([]Group{{Name: "closed", Docs: docs(false)}}, now)
	held := docs(false)
	var names []string
	got := map[string][]byte{}
	Write([]Group{{Name: "closed", Docs: docs(true)}}, now, func(name string, data []byte) {
		names = append(names, name)
		got[name] = data
	})
	if len(got) != len(want) || len(got) != len(names) {
		t.Fatalf("%d files (%d names), want %d", len(got), len(names), len(want))
	}
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s differs when the words are read as indexed", name)
		}
	}
	if names[len(names)-1] != "search/index.json" {
		t.Errorf("the manifest came before %s", names[len(names)-1])
	}
	Write([]Group{{Name: "closed", Docs: held}}, now, func(string, []byte) {})
	for i, d := range held {
		if d.Words != "" {
			t.Fatalf("document %d still holds its words after Write", i)
		}
	}
}
