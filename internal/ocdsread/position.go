package ocdsread

import (
	"encoding/json"
	"errors"
	"io"
	"slices"
	"unicode/utf8"
)

// tracker passes reads through and remembers where lines start, so that
// an offset the decoder reports can be turned into a line and a column.
// Offsets are those of its own stream, from 0. It keeps the newlines only
// from the release being read on (forget drops the rest), and the bytes
// of the current lines only up to maxWindow, so it holds no more than the
// decoder does.
type tracker struct {
	r        io.Reader
	read     int64   // bytes read so far
	newlines []int64 // offsets of the newlines kept
	lines    int     // newlines before the first one kept
	lastNL   int64   // the offset of the last newline forgotten; -1 or less when none
	window   []byte  // the bytes from winStart on, for columns in characters
	winStart int64
	// The last position found, so that the next one on the same line is
	// counted on from there: a package on one long line costs each
	// character once, not once for every release after it.
	lastFrom, lastOff int64
	lastCol           int
}

// maxWindow is the most bytes kept for counting columns in characters;
// beyond it, in a very long line, columns count bytes.
const maxWindow = 1 << 20

// newTracker reads r, which starts on line lines+1 of the whole source,
// lastNL bytes after the last newline before it (-1 at the start of a
// line).
func newTracker(r io.Reader, lines int, lastNL int64) *tracker {
	return &tracker{r: r, lines: lines, lastNL: lastNL}
}

func (t *tracker) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	for i, c := range p[:n] {
		if c == '\n' {
			t.newlines = append(t.newlines, t.read+int64(i))
		}
	}
	t.window = append(t.window, p[:n]...)
	if len(t.window) > 2*maxWindow {
		drop := len(t.window) - maxWindow
		t.window = slices.Delete(t.window, 0, drop)
		t.winStart += int64(drop)
	}
	t.read += int64(n)
	return n, err
}

// forget drops what is kept before the line that holds offset off:
// problems are only ever reported from there on.
func (t *tracker) forget(off int64) {
	i, _ := slices.BinarySearch(t.newlines, off)
	if i > 0 {
		t.lastNL = t.newlines[i-1]
		t.lines += i
		t.newlines = slices.Delete(t.newlines, 0, i)
	}
	if keep := t.lastNL + 1; keep > t.winStart && keep-t.winStart <= int64(len(t.window)) {
		t.window = slices.Delete(t.window, 0, int(keep-t.winStart))
		t.winStart = keep
	}
}

// lineAt gives the newlines before off, and the offset of the last of
// them.
func (t *tracker) lineAt(off int64) (int, int64) {
	i, _ := slices.BinarySearch(t.newlines, off)
	last := t.lastNL
	if i > 0 {
		last = t.newlines[i-1]
	}
	return t.lines + i, last
}

// pos turns an offset into a line and a column, both from 1; the column
// counts characters where the line's bytes are still held, and bytes
// otherwise.
func (t *tracker) pos(off int64) (line, col int) {
	n, last := t.lineAt(off)
	from := last + 1
	if from >= t.winStart && off >= from && off-t.winStart <= int64(len(t.window)) {
		start, col := from, 1
		if t.lastFrom == from && t.lastOff >= from && t.lastOff <= off && t.lastCol > 0 {
			start, col = t.lastOff, t.lastCol
		}
		col += utf8.RuneCount(t.window[start-t.winStart : off-t.winStart])
		t.lastFrom, t.lastOff, t.lastCol = from, off, col
		return n + 1, col
	}
	return n + 1, int(off-from) + 1
}

// syntaxAt finds where a syntax error is, for a decoder that stood at
// offset at when it began the value: the decoder's own offset is not
// exact, so the value is checked again from the bytes still held.
// reported is the decoder's offset, used when they are not.
func (t *tracker) syntaxAt(at, reported int64) int64 {
	if at < t.winStart || at-t.winStart > int64(len(t.window)) {
		return reported
	}
	var raw json.RawMessage
	var se *json.SyntaxError
	if err := json.Unmarshal(t.window[at-t.winStart:], &raw); errors.As(err, &se) && se.Offset > 0 {
		return at + se.Offset - 1
	}
	return reported
}
