package schema

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// TOMLOptions says how TOML writes a file's keys.
type TOMLOptions struct {
	// Only picks the fields to write; nil writes them all. A table's
	// header is written when a key directly inside it is.
	Only func(Field) bool
	// Value gives a key's value as TOML writes it, and whether the line is
	// set or written as a comment for the reader to take up; nil writes
	// every key, set, with its example. A table's header is a comment when
	// every key inside it is.
	Value func(Field) (value string, set bool)
	// Above puts each key's note on lines of its own above it, with a
	// blank line before each key. Without it, the note follows the key on
	// its line, and continues on lines below at the same column.
	Above bool
}

// ValuesOr is a TOMLOptions.Value that writes each key's value from values,
// or its example when values has none, and sets the keys named in set,
// leaving the others as comments.
func ValuesOr(values map[string]string, set []string) func(Field) (string, bool) {
	return func(f Field) (string, bool) {
		v, ok := values[f.Key]
		if !ok {
			v = f.Example
		}
		return v, slices.Contains(set, f.Key)
	}
}

// The layout of the notes TOML writes.
const (
	noteColumn = 34  // where a note after a key starts, counting from 0
	lineWidth  = 100 // the longest line, when notes follow keys
	aboveWidth = 78  // the longest line of a note above its key
)

// TOML writes the keys of a file as TOML, each with its value and its
// note (Field.Note), tables as headers such as [contact] and [[lots]], and
// a table keyed by name under the entry's AnyKey, as [buyers.camden].
func TOML(f *File, o TOMLOptions) string {
	picked := func(fd Field) bool { return o.Only == nil || o.Only(fd) }
	value := o.Value
	if value == nil {
		value = func(fd Field) (string, bool) { return fd.Example, true }
	}
	var b strings.Builder
	for _, fd := range f.Fields {
		if !picked(fd) {
			continue
		}
		code, set := "", false
		if fd.Type.isTable() {
			leaf, anySet := tableState(f, fd.Key, picked, value)
			if !leaf {
				continue // no keys of its own: its tables' headers name it
			}
			code, set = header(f, fd), anySet
		} else {
			v, s := value(fd)
			name := fd.Name()
			if name == "*" {
				name = fd.AnyKey
			}
			code, set = name+" = "+v, s
		}
		if !set {
			code = "# " + code
		}
		if b.Len() > 0 && (o.Above || fd.Type.isTable()) {
			b.WriteByte('\n')
		}
		if o.Above {
			writeAbove(&b, code, f.Note(fd))
		} else {
			writeAfter(&b, code, f.Note(fd))
		}
	}
	return b.String()
}

// tableState reports whether the table at key has a key of its own to
// write (not only tables), and whether any key inside it is set.
func tableState(f *File, key string, picked func(Field) bool, value func(Field) (string, bool)) (leaf, set bool) {
	for _, fd := range f.Fields {
		if !strings.HasPrefix(fd.Key, key+".") || !picked(fd) || fd.Type.isTable() {
			continue
		}
		if fd.Parent() == key {
			leaf = true
		}
		if _, s := value(fd); s {
			set = true
		}
	}
	return leaf, set
}

// header is a table's header line: [contact], [[insurance]],
// [buyers.camden].
func header(f *File, fd Field) string {
	parts := strings.Split(fd.Key, ".")
	for i, p := range parts {
		if p == "*" {
			entry, _ := f.lookup(strings.Join(parts[:i+1], "."))
			parts[i] = entry.AnyKey
		}
	}
	name := strings.Join(parts, ".")
	if fd.Type == TableList {
		return "[[" + name + "]]"
	}
	return "[" + name + "]"
}

// writeAfter writes code with its note after it, at noteColumn, going on
// at that column on the lines below. When the code reaches past the
// column, the note follows it if it fits on the line, and otherwise goes
// on the lines below it.
func writeAfter(b *strings.Builder, code, note string) {
	n := utf8.RuneCountInString(code)
	indent := strings.Repeat(" ", noteColumn)
	b.WriteString(code)
	if n+2 > noteColumn {
		if n+4+utf8.RuneCountInString(note) <= lineWidth {
			b.WriteString("  # " + note + "\n")
			return
		}
		for _, l := range wrap(note, lineWidth-noteColumn-2, lineWidth-noteColumn-2) {
			b.WriteString("\n" + indent + "# " + l)
		}
		b.WriteByte('\n')
		return
	}
	for i, l := range wrap(note, lineWidth-noteColumn-2, lineWidth-noteColumn-2) {
		if i == 0 {
			b.WriteString(strings.Repeat(" ", noteColumn-n) + "# " + l)
		} else {
			b.WriteString("\n" + indent + "# " + l)
		}
	}
	b.WriteByte('\n')
}

// writeAbove writes a note on lines of its own, then the code.
func writeAbove(b *strings.Builder, code, note string) {
	for _, l := range wrap(note, aboveWidth-2, aboveWidth-2) {
		b.WriteString("# " + l + "\n")
	}
	b.WriteString(code + "\n")
}

// words splits text at spaces, keeping a word in brackets, such as
// [topics], with the word before it, so that no line of a note starts
// with what looks like a table's header.
func words(text string) []string {
	var ws []string
	for _, w := range strings.Fields(text) {
		if strings.HasPrefix(w, "[") && len(ws) > 0 {
			ws[len(ws)-1] += " " + w
			continue
		}
		ws = append(ws, w)
	}
	return ws
}

// wrap breaks text into lines of at most first characters for the first
// line and rest for the others, between words; a word longer than a line
// has a line of its own.
func wrap(text string, first, rest int) []string {
	var lines []string
	var cur strings.Builder
	width := first
	for _, w := range words(text) {
		n, c := utf8.RuneCountInString(w), utf8.RuneCountInString(cur.String())
		if c > 0 && c+1+n > width {
			lines = append(lines, cur.String())
			cur.Reset()
			width = rest
		}
		if cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		cur.WriteString(w)
	}
	if cur.Len() > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}
