package search

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
	"time"
)

// TestIndexMatchesBuild changes a kept Index's documents in every way an
// edit can (new words, a word no other document has, words gone, other
// facets, a new card, a document moved to another group, one added or
// removed, most of them changed) and holds each of its builds to a fresh
// Build of the same groups, file by file.
func TestIndexMatchesBuild(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	docs := synthDocs(300)
	groups := func(docs []Doc) []Group {
		return []Group{{Name: "open", Timed: true, Docs: docs[:200]}, {Name: "closed", Docs: docs[200:]}}
	}
	var x Index
	check := func(what string, gs []Group) {
		t.Helper()
		// Build lets go of its documents' words: give it copies.
		fresh := make([]Group, len(gs))
		for i, g := range gs {
			fresh[i] = g
			fresh[i].Docs = slices.Clone(g.Docs)
		}
		got, want := x.Build(gs, now), Build(fresh, now)
		if len(got) != len(want) {
			t.Errorf("%s: %d files, a fresh build makes %d", what, len(got), len(want))
		}
		for name, data := range want {
			if !bytes.Equal(got[name], data) {
				t.Errorf("%s: %s differs from a fresh build", what, name)
			}
		}
	}
	check("first", groups(docs))
	check("same again", groups(docs))
	edit := func(what string, change func(docs []Doc) []Doc) {
		t.Helper()
		docs = change(slices.Clone(docs))
		check(what, groups(docs))
	}
	edit("new words", func(d []Doc) []Doc {
		d[5].Words = Words([]byte(d[5].Words + " zzfresh w1 w2"))
		return d
	})
	edit("words gone", func(d []Doc) []Doc {
		d[5].Words = "w1"
		d[17].Words = ""
		return d
	})
	edit("facets", func(d []Doc) []Doc {
		d[5].Facets = []string{"topic:new", "topic:new", "buyer:x1"}
		d[250].Facets = nil
		return d
	})
	edit("card", func(d []Doc) []Doc {
		d[299].Card.Title = "Retitled"
		return d
	})
	edit("deadline", func(d []Doc) []Doc {
		d[3].Deadline = d[3].Deadline.Add(time.Minute)
		return d
	})
	edit("moved", func(d []Doc) []Doc {
		moved := d[10]
		return slices.Insert(slices.Delete(d, 10, 11), 250, moved)
	})
	edit("removed", func(d []Doc) []Doc { return slices.Delete(d, 0, 1) })
	edit("added", func(d []Doc) []Doc { return append(d, synthDocs(1)...) })
	rng := rand.New(rand.NewPCG(3, 4))
	edit("most changed", func(d []Doc) []Doc {
		for i := range d {
			if rng.IntN(2) == 0 {
				d[i].Words = Words([]byte(d[i].Words + " extra" + strconv.Itoa(i%9)))
			}
		}
		return d
	})
	for round := range 20 {
		edit("random edits "+strconv.Itoa(round), func(d []Doc) []Doc {
			for range 3 {
				i, j := rng.IntN(len(d)), rng.IntN(len(d))
				d[i].Words = Words([]byte(d[j].Words + " r" + strconv.Itoa(rng.IntN(50))))
				d[i].Facets = d[j].Facets
			}
			return d
		})
	}
}

// TestIndexReadsWords: a kept Index reads a document's words from
// ReadWords when it has no Words, and indexes them as Build does.
func TestIndexReadsWords(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	docs := synthDocs(40)
	lazy := slices.Clone(docs)
	for i := range lazy {
		w := lazy[i].Words
		lazy[i].Words, lazy[i].ReadWords = "", func() string { return w }
	}
	var x Index
	got := x.Build([]Group{{Name: "open", Docs: lazy}}, now)
	want := Build([]Group{{Name: "open", Docs: slices.Clone(docs)}}, now)
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s differs from a build of the words themselves", name)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d files, want %d", len(got), len(want))
	}
	// The words of one document change; nothing else does.
	lazy = slices.Clone(lazy)
	lazy[3].ReadWords = func() string { return "quinoa" }
	docs = slices.Clone(docs)
	docs[3].Words = "quinoa"
	got = x.Build([]Group{{Name: "open", Docs: lazy}}, now)
	want = Build([]Group{{Name: "open", Docs: docs}}, now)
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Errorf("after new words: %s differs from a fresh build", name)
		}
	}
}
