package site_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/london-anchors/tenders/internal/safetext"
	"github.com/london-anchors/tenders/internal/site"
)

// FuzzCSV writes rows of arbitrary cells: the file always reads back as
// the same rows, RFC 4180 with CRLF, and no cell starts a formula.
func FuzzCSV(f *testing.F) {
	f.Add("=HYPERLINK(\"https://evil.example\")", "+1", "-2", "@SUM(A1)")
	f.Add("\tx", "\rx", "a,b", "\"quoted\"\nline")
	f.Add("", "plain", "£40,000", "\x00\u202e")
	f.Fuzz(func(t *testing.T, a, b, c, d string) {
		row := []string{a, b, c, d}
		var buf bytes.Buffer
		w := site.NewCSV(&buf)
		for range 2 {
			if err := w.Write(row); err != nil {
				t.Fatal(err)
			}
		}
		w.Flush()
		if err := w.Error(); err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(bytes.NewReader(buf.Bytes()))
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatalf("does not read back: %v\n%q", err, buf.String())
		}
		if len(rows) != 2 {
			t.Fatalf("%d rows, want 2: %q", len(rows), buf.String())
		}
		for _, got := range rows {
			for i, cell := range got {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Fatalf("cell %q starts a formula", cell)
				}
				// encoding/csv reads a quoted CRLF as LF.
				want := strings.ReplaceAll(safetext.Cell(safetext.Strip(row[i])), "\r\n", "\n")
				if cell != want {
					t.Fatalf("cell %d reads back as %q, want %q", i, cell, want)
				}
			}
		}
		if !bytes.HasSuffix(buf.Bytes(), []byte("\r\n")) {
			t.Fatalf("rows do not end in CRLF: %q", buf.String())
		}
	})
}
