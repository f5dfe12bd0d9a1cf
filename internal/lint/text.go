package lint

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/london-anchors/tenders/internal/markdown"
)

// Span is a stretch of a file: from Line:Col up to, not including,
// EndLine:EndCol. Columns count characters.
type Span struct {
	Line, Col, EndLine, EndCol int
}

// lineIndex finds the line and column of a byte offset in the body. It
// belongs to one file and one goroutine: it remembers where it last
// counted, so many findings on one very long line cost no more than one.
type lineIndex struct {
	src    []byte
	starts []int // byte offset where each line starts; starts[0] is line 1
	// The last column worked out: on line lastLine, offset lastOff is
	// column lastCol.
	lastLine, lastOff, lastCol int
}

func newLineIndex(src []byte) *lineIndex {
	starts := make([]int, 1, 64)
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &lineIndex{src: src, starts: starts, lastLine: -1}
}

// pos returns the 1-based line and column of byte offset off.
func (x *lineIndex) pos(off int) (line, col int) {
	off = min(max(off, 0), len(x.src))
	i := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off }) - 1
	switch {
	case x.lastLine == i && x.lastOff <= off: // onward from the last
		col = x.lastCol + utf8.RuneCount(x.src[x.lastOff:off])
	case x.lastLine == i && x.lastOff-off < off-x.starts[i]: // back a little
		col = x.lastCol - utf8.RuneCount(x.src[off:x.lastOff])
	default:
		col = 1 + utf8.RuneCount(x.src[x.starts[i]:off])
	}
	x.lastLine, x.lastOff, x.lastCol = i, off, col
	return i + 1, col
}

func (x *lineIndex) span(start, end int) Span {
	l, c := x.pos(start)
	el, ec := x.pos(end)
	return Span{l, c, el, ec}
}

// mask stands for text a rule must not read: code, web addresses, e-mail
// addresses. It counts as one word.
const mask = "\uFFFC"

// Prose is a run of text that prose rules read: one block of the body (a
// paragraph, heading, list item or table cell), or one front-matter field.
type Prose struct {
	Text  string  // inline markup removed, line breaks as spaces, masked parts as U+FFFC
	offs  []int32 // for a body block: the body offset of each byte of Text
	field string  // for a front-matter field: its key path
	fspan Span    // for a front-matter field: where its value starts
	Block markdown.Node
	Kind  string // "summary", "paragraph", "heading", "ask", ...
	words []token
	sents []sentence // cached by sentences
	st    readStats  // cached by stats when counted
	links [][2]int   // the bytes of Text that are a link's text, from, to

	counted bool
}

// Span returns where the bytes start:end of Text came from.
func (f *file) span(p *Prose, start, end int) Span {
	if p.offs == nil {
		s := p.fspan
		if s.Col > 0 && s.EndLine == s.Line {
			// The value is on its key's line, as written: columns are exact.
			s.Col += utf8.RuneCountInString(p.Text[:start])
			s.EndCol = s.Col + utf8.RuneCountInString(p.Text[start:end])
			s.EndLine = s.Line
			return s
		}
		return f.keySpan(p.field)
	}
	if len(p.offs) == 0 {
		return Span{1, 1, 1, 1}
	}
	a := int(p.offs[min(start, len(p.offs)-1)])
	b := a
	if end > start {
		b = int(p.offs[min(end-1, len(p.offs)-1)])
		_, size := utf8.DecodeRune(f.lines.src[min(b, len(f.lines.src)-1):])
		b += max(size, 1)
	}
	return f.lines.span(a, b)
}

// token is a word of a Prose: its bytes in Text and its lower-case form.
type token struct {
	start, end int
	lower      string
	caps       bool // all letters are capitals, and there are at least two
	hasDigit   bool
	masked     bool
}

// asciiClass holds, for each ASCII byte, what isWordRune, unicode.IsLetter,
// unicode.IsUpper and unicode.IsDigit say of it, so that the tokenizer
// decodes and looks up only the bytes of other scripts.
var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range rune(utf8.RuneSelf) {
		if isWordRune(c) {
			t[c] |= asciiWord
		}
		if unicode.IsLetter(c) {
			t[c] |= asciiLetter
		}
		if unicode.IsUpper(c) {
			t[c] |= asciiUpper
		}
		if unicode.IsDigit(c) {
			t[c] |= asciiDigit
		}
	}
	return t
}()

const (
	asciiWord = 1 << iota
	asciiLetter
	asciiUpper
	asciiDigit

	asciiLetterDigit = asciiLetter | asciiDigit
)

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' || r == '-' || r == '+' || r == '&'
}

// tokens splits Text into words, once.
func (p *Prose) tokens() []token {
	if p.words != nil || p.Text == "" {
		return p.words
	}
	p.words = p.tokenize(make([]token, 0, len(p.Text)/5+1)) // about one word a five bytes
	return p.words
}

// offsArenas holds the slices of int32 a file's body offsets are cut
// from (collectProse), each given back once the file is linted.
var offsArenas = sync.Pool{New: func() any { return new([]int32) }}

// tokenArenas holds the slices a file's words are split into: the words
// are the largest part of what linting a file allocates, and are not
// needed once it is linted.
var tokenArenas = sync.Pool{New: func() any { return new([]token) }}

// tokenizeAll splits every prose run of the file into words at once, into
// one slice from tokenArenas; release gives it back. Nothing may keep a
// Prose, or its words, after release.
func (f *file) tokenizeAll() (release func()) {
	arena := tokenArenas.Get().(*[]token)
	need := 0
	for _, p := range f.Prose {
		need += len(p.Text)/5 + 1
	}
	a := (*arena)[:0]
	if cap(a) < need {
		a = make([]token, 0, need)
	}
	for _, p := range f.Prose {
		if p.words != nil || p.Text == "" {
			continue
		}
		// Should the arena grow, the runs before keep the old array,
		// which is theirs alone.
		start := len(a)
		a = p.tokenize(a)
		p.words = a[start:len(a):len(a)]
	}
	return func() {
		clear(a) // no text held from the pool
		*arena = a[:0]
		tokenArenas.Put(arena)
	}
}

// tokenize appends the words of Text to out.
func (p *Prose) tokenize(out []token) []token {
	s := p.Text
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf && asciiClass[c]&asciiLetterDigit == 0 {
			i++ // the common case: a space or a stop
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '\uFFFC' {
			out = append(out, token{start: i, end: i + size, lower: mask, masked: true})
			i += size
			continue
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += size
			continue
		}
		j := i
		letters, upper := 0, 0
		digit := false
		for j < len(s) {
			if c := s[j]; c < utf8.RuneSelf {
				// An ASCII byte, as most are: the same tests by table.
				k := asciiClass[c]
				if k == 0 {
					break
				}
				if k&asciiLetter != 0 {
					letters++
					if k&asciiUpper != 0 {
						upper++
					}
				}
				if k&asciiDigit != 0 {
					digit = true
				}
				j++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[j:])
			if !isWordRune(r) || r == '\uFFFC' {
				break
			}
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					upper++
				}
			}
			if unicode.IsDigit(r) {
				digit = true
			}
			j += size
		}
		// Trailing apostrophes and hyphens are punctuation, not word.
		for j > i && strings.ContainsRune("'’-+&", rune(s[j-1])) {
			j--
		}
		w := s[i:j]
		// Capitals, allowing a plural s: "KPIs".
		caps := letters >= 2 && (upper == letters || (upper == letters-1 && upper >= 2 && w[len(w)-1] == 's'))
		out = append(out, token{start: i, end: j, lower: strings.ToLower(w), caps: caps, hasDigit: digit})
		i = max(j, i+size)
	}
	return out
}

// builder accumulates a block's text and where each byte came from.
type builder struct {
	text  strings.Builder
	offs  []int32
	last  int      // body offset of the last byte written
	links [][2]int // the bytes of the text that are a link's text
}

func (b *builder) add(s []byte, off int) {
	b.text.Write(s)
	n := len(b.offs)
	b.offs = slices.Grow(b.offs, len(s))[:n+len(s)]
	for i := range s {
		b.offs[n+i] = int32(off + i)
	}
	if len(s) > 0 {
		b.last = off + len(s) - 1
	}
}

func (b *builder) addMasked(off int) {
	if off < 0 {
		off = b.last
	}
	b.text.WriteString(mask)
	b.offs = append(b.offs, int32(off), int32(off), int32(off))
}

func (b *builder) space(off int) {
	b.text.WriteByte(' ')
	b.offs = append(b.offs, int32(off))
}

// collectProse builds the Prose runs of a file, in reading order: the
// summary, the body's blocks, then the other prose fields.
func (f *file) collectProse(arena *[]int32) {
	src := f.Source.Body
	// The blocks' offsets are cut from one slice of the body's size, from
	// offsArenas: each block's from its own part, so a block whose prose
	// outgrows its source grows out of it, into a slice of its own.
	offs := (*arena)[:0]
	if cap(offs) < len(src) {
		offs = make([]int32, 0, len(src))
	}
	*arena = offs
	if b := f.Brief; b != nil {
		f.field("summary", b.Summary, "summary")
	}
	if ev := f.Event; ev != nil {
		f.field("summary", ev.Summary, "summary")
		f.field("text", ev.Text, "event")
		f.field("access", ev.Access, "event")
	}
	_ = markdown.Walk(f.Doc, func(n markdown.Node, entering bool) (markdown.WalkStatus, error) {
		if !entering {
			return markdown.WalkContinue, nil
		}
		switch n.Kind() {
		case markdown.KindParagraph, markdown.KindTextBlock, markdown.KindHeading, markdown.KindTableCell:
			var b builder
			// The prose is about as long as its source: the markup it
			// drops outweighs what it adds.
			size, cut := linesSize(n), false
			b.text.Grow(size)
			if size > 0 && len(offs)+size <= cap(offs) {
				b.offs, cut = offs[len(offs):len(offs):len(offs)+size], true
			}
			f.inline(n, src, &b)
			if cut && cap(b.offs) == size {
				offs = offs[:len(offs)+len(b.offs)] // it did not outgrow its part
			}
			kind := "paragraph"
			if n.Kind() == markdown.KindHeading {
				kind = "heading"
			}
			if b.text.Len() > 0 {
				f.Prose = append(f.Prose, &Prose{Text: b.text.String(), offs: b.offs, Block: n, Kind: kind, links: b.links})
			}
			return markdown.WalkSkipChildren, nil
		case markdown.KindFencedCodeBlock, markdown.KindCodeBlock, markdown.KindHTMLBlock:
			return markdown.WalkSkipChildren, nil
		}
		return markdown.WalkContinue, nil
	})
	if b := f.Brief; b != nil {
		if sv := b.SocialValue; sv != nil {
			for i, a := range sv.Asks {
				f.field("social_value.asks."+strconv.Itoa(i), a, "ask")
			}
		}
		for i, l := range b.Lots {
			f.field("lots."+strconv.Itoa(i)+".summary", l.Summary, "lot")
		}
		for i, e := range b.Events {
			f.field("events."+strconv.Itoa(i)+".text", e.Text, "event")
			f.field("events."+strconv.Itoa(i)+".access", e.Access, "event")
		}
		for i, u := range b.Updates {
			f.field("updates."+strconv.Itoa(i)+".text", u.Text, "update")
		}
	}
}

// linesSize is how many bytes of the body a block's lines hold.
func linesSize(n markdown.Node) int {
	if n.Type() != markdown.TypeBlock {
		return 0
	}
	size := 0
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		size += seg.Stop - seg.Start
	}
	return size
}

// field adds a front-matter prose field. When the value is written on its
// key's line as a plain double-quoted string, its exact columns are known.
func (f *file) field(path, value, kind string) {
	if strings.TrimSpace(value) == "" {
		return
	}
	p := &Prose{Text: value, field: path, Kind: kind}
	pos := f.Source.Keys.Pos(path)
	if i := pos.Line - 2; pos.Line > 0 && i < len(f.front) && pos.Line == f.Source.Keys[path].Line {
		line := f.front[i]
		if q := valueStart(line); q >= 0 && strings.HasPrefix(line[q:], `"`+value+`"`) && !strings.Contains(value, `\`) {
			col := utf8.RuneCountInString(line[:q+1]) + 1
			p.fspan = Span{Line: pos.Line, Col: col, EndLine: pos.Line, EndCol: col}
		}
	}
	f.Prose = append(f.Prose, p)
}

// valueStart finds where the value of a "key = value" line starts.
func valueStart(line string) int {
	i := strings.IndexByte(line, '=')
	if i < 0 {
		return -1
	}
	i++
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	return i
}

// inline writes the prose of n's inline children into b.
func (f *file) inline(n markdown.Node, src []byte, b *builder) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *markdown.Text:
			b.add(c.Segment.Value(src), c.Segment.Start)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.space(c.Segment.Stop)
			}
		case *markdown.String:
			b.text.Write(c.Value)
			for range c.Value {
				b.offs = append(b.offs, int32(b.last))
			}
		case *markdown.AutoLink:
			start, _ := autoLinkSpan(c, src)
			b.addMasked(start)
		case *markdown.CodeSpan, *markdown.RawHTML:
			b.addMasked(firstOffset(c))
		case *markdown.Image:
			// Alt text is not prose of the page; the images rule reads it.
		case *markdown.Link:
			if looksLikeURL(plainText(c, src)) {
				b.addMasked(firstOffset(c))
				continue
			}
			from := b.text.Len()
			f.inline(c, src, b)
			b.links = append(b.links, [2]int{from, b.text.Len()})
		default:
			f.inline(c, src, b)
		}
	}
}

// autoLinkSpan finds where an autolink (a bare address, or one in angle
// brackets) starts and ends in the body. goldmark keeps an autolink's own
// segment private, so it is worked out from the segment of the text before
// it, or of its paragraph's first line, and the length of its label.
func autoLinkSpan(n *markdown.AutoLink, src []byte) (start, end int) {
	start = -1
	if prev := n.PreviousSibling(); prev != nil {
		if t, ok := prev.(*markdown.Text); ok {
			start = t.Segment.Stop
		}
	} else if p := n.Parent(); p != nil && p.Type() == markdown.TypeBlock && p.Lines().Len() > 0 {
		start = p.Lines().At(0).Start
	}
	if start < 0 || start >= len(src) {
		return -1, -1
	}
	label := n.Label(src)
	if src[start] == '<' {
		return start, start + len(label) + 2
	}
	return start, start + len(label)
}

// firstOffset is the body offset of the first text under n, or -1.
func firstOffset(n markdown.Node) int {
	off := -1
	_ = markdown.Walk(n, func(c markdown.Node, entering bool) (markdown.WalkStatus, error) {
		if t, ok := c.(*markdown.Text); ok && entering {
			off = t.Segment.Start
			return markdown.WalkStop, nil
		}
		return markdown.WalkContinue, nil
	})
	return off
}

// nodeSpan is where n's text starts and ends in the body.
func (f *file) nodeSpan(n markdown.Node) Span {
	start, end := -1, -1
	_ = markdown.Walk(n, func(c markdown.Node, entering bool) (markdown.WalkStatus, error) {
		if t, ok := c.(*markdown.Text); ok && entering {
			if start < 0 {
				start = t.Segment.Start
			}
			end = t.Segment.Stop
		}
		return markdown.WalkContinue, nil
	})
	if start < 0 {
		if n.Type() == markdown.TypeBlock && n.Lines().Len() > 0 {
			seg := n.Lines().At(0)
			return f.lines.span(seg.Start, seg.Stop)
		}
		if p := n.Parent(); p != nil {
			return f.nodeSpan(p)
		}
		return Span{1, 1, 1, 1}
	}
	return f.lines.span(start, end)
}

// plainText is the text under n, markup removed.
func plainText(n markdown.Node, src []byte) string {
	var b strings.Builder
	_ = markdown.Walk(n, func(c markdown.Node, entering bool) (markdown.WalkStatus, error) {
		if !entering {
			return markdown.WalkContinue, nil
		}
		switch c := c.(type) {
		case *markdown.Text:
			b.Write(c.Segment.Value(src))
		case *markdown.String:
			b.Write(c.Value)
		}
		return markdown.WalkContinue, nil
	})
	return b.String()
}

func looksLikeURL(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "www.")
}
