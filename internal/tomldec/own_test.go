package tomldec

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// TestDecodedTextOwnsItsBytes: a value kept from a document does not keep
// the rest of it. The parser's strings share its copy of the whole
// document, so a title kept from a brief's front matter held all of it in
// memory, for as long as the brief was.
func TestDecodedTextOwnsItsBytes(t *testing.T) {
	type doc struct {
		Title string `toml:"title"`
		Place string `toml:"place"`
	}
	const n, filler = 1000, 4096
	docs := make([]doc, n)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := range docs {
		src := fmt.Sprintf("title = \"The %d%s title of more than twenty-four bytes\"\nplace = \"Hall\"\n# %s\n", i, "th", strings.Repeat("a", filler))
		if _, problems := Decode(src, &docs[i]); len(problems) > 0 {
			t.Fatal(problems)
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	if docs[7].Title != "The 7th title of more than twenty-four bytes" || docs[7].Place != "Hall" {
		t.Fatalf("decoded %+v", docs[7])
	}
	if held := (int64(after.HeapAlloc) - int64(before.HeapAlloc)) / n; held > filler/4 {
		t.Errorf("the values decoded from each document hold %d bytes of its %d", held, filler)
	}
	runtime.KeepAlive(docs)
}
