// Package schema describes the keys of each kind of file tenders reads:
// for each key, its type, whether it is required, the values it may take,
// a line of plain English and an example. One description drives what is
// written about the keys everywhere: the examples in the checks' messages,
// the brief that tenders new writes, README's key reference and the JSON
// Schema that tenders schema prints.
//
// The descriptions themselves live beside the Go types they describe
// (internal/brief for briefs, events and pages, internal/config for
// site.toml), each with a test that compares it with the struct's toml
// tags (StructKeys and File.Compare), so a key added to one and not the
// other fails the tests.
package schema

import (
	"fmt"
	"slices"
	"strings"
)

// Type is the type of a key's value, as TOML writes it.
type Type int

// The types a key may have.
const (
	Text      Type = iota + 1 // a string in double quotes
	Integer                   // a whole number
	Number                    // a number, whole or not
	Bool                      // true or false
	Date                      // a date, or a date and time
	TextList                  // a list of strings: ["a", "b"]
	Table                     // [name], or a table of tables keyed by name: [name.KEY]
	TableList                 // [[name]], once for each entry
)

var typeNames = map[Type]string{
	Text: "text", Integer: "whole number", Number: "number", Bool: "true or false",
	Date: "date", TextList: "list of text", Table: "table", TableList: "list of tables",
}

// String names the type in plain English.
func (t Type) String() string {
	if n, ok := typeNames[t]; ok {
		return n
	}
	return fmt.Sprintf("Type(%d)", int(t))
}

// isTable reports whether values of the type are tables.
func (t Type) isTable() bool { return t == Table || t == TableList }

// Cond is a condition on another key of the same table.
type Cond struct {
	Key    string   // the other key's name, such as "stage"
	Values []string // it holds one of these; with none, it is written at all
}

// String says the condition in plain English: "stage is pipeline or
// engagement", "online_url is given".
func (c *Cond) String() string {
	if len(c.Values) == 0 {
		return c.Key + " is given"
	}
	return c.Key + " is " + orList(c.Values)
}

// Field is one key of a file.
type Field struct {
	// Key is the key's path from the top of the file, its parts joined by
	// dots: "deadline", "contact.email", "insurance.amount" (in each
	// [[insurance]]). A part "*" stands for any key of a table keyed by
	// name, such as "buyers.*.name" for the name of each [buyers.KEY].
	Key  string
	Type Type
	// Required says the key must be written (inside its table, when the
	// table is written). With Unless, it is required unless that holds.
	Required bool
	Unless   *Cond
	// OnlyWith says the key must be written when the condition holds,
	// and must not be written otherwise.
	OnlyWith *Cond
	// Values are the values allowed, when there is a fixed list.
	Values []string
	// KeysOf names a table of site.toml whose keys are the values allowed,
	// such as "topics".
	KeysOf string
	// Doc says what the key is for: one line of plain English, starting
	// with a capital letter, without a full stop at the end.
	Doc string
	// Example is a value as TOML writes it, such as "services" in double
	// quotes, 2026-12-18T12:00:00Z or ["sme"]. Tables have none.
	Example string
	// AnyKey is, for a "*" entry, a key to show in examples, as TOML
	// writes it: camden, or "touch base" in double quotes.
	AnyKey string
}

// Name is the key's last part: "email" for "contact.email".
func (f Field) Name() string { return f.Key[strings.LastIndexByte(f.Key, '.')+1:] }

// Parent is the path of the table that holds the key, or "" for a key at
// the top of the file.
func (f Field) Parent() string {
	if i := strings.LastIndexByte(f.Key, '.'); i >= 0 {
		return f.Key[:i]
	}
	return ""
}

// Need says when the key at fd is required, as the start of a sentence,
// or "" when it is optional. A key inside a table is required in that
// table: "Required in each [[insurance]]".
func (f *File) Need(fd Field) string {
	in := ""
	if p, ok := f.lookup(fd.Parent()); ok {
		name := strings.ReplaceAll(p.Key, "*", "KEY")
		switch {
		case p.Type == TableList:
			in = " in each [[" + name + "]]"
		case p.Name() == "*":
			in = " in each [" + name + "]"
		default:
			in = " in [" + name + "]"
		}
	}
	switch {
	case fd.OnlyWith != nil:
		return "Required" + in + " when " + fd.OnlyWith.String() + ", and only then"
	case fd.Required && fd.Unless != nil:
		return "Required" + in + " unless " + fd.Unless.String()
	case fd.Required:
		return "Required" + in
	}
	return ""
}

// MaxListed is the most allowed values a note lists; a longer list is left
// to the field's Doc to describe.
const MaxListed = 12

// Note is everything a reader needs to know about the key at fd, in
// sentences: whether it is required, what it is for, and the values it
// takes, unless its Doc names them all.
func (f *File) Note(fd Field) string {
	var s []string
	if n := f.Need(fd); n != "" {
		s = append(s, n+".")
	}
	s = append(s, fd.Doc+".")
	switch {
	case len(fd.Values) > 0 && len(fd.Values) <= MaxListed && !mentionsAll(fd.Doc, fd.Values):
		s = append(s, "Allowed: "+strings.Join(fd.Values, ", ")+".")
	case fd.KeysOf != "" && fd.Type == TextList:
		s = append(s, "Keys of ["+fd.KeysOf+"] in site.toml.")
	case fd.KeysOf != "":
		s = append(s, "A key of ["+fd.KeysOf+"] in site.toml.")
	}
	return strings.Join(s, " ")
}

// mentionsAll reports whether the text names every value, as a word of
// its own, so a note need not list them again.
func mentionsAll(text string, values []string) bool {
	for _, v := range values {
		i := strings.Index(text, v)
		for i >= 0 && !wordAt(text, i, len(v)) {
			j := strings.Index(text[i+1:], v)
			if j < 0 {
				i = -1
				break
			}
			i += 1 + j
		}
		if i < 0 {
			return false
		}
	}
	return true
}

// wordAt reports whether text[i:i+n] is not part of a longer word.
func wordAt(text string, i, n int) bool {
	letter := func(b byte) bool {
		return b == '-' || b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
	}
	return (i == 0 || !letter(text[i-1])) && (i+n == len(text) || !letter(text[i+n]))
}

// File describes one kind of file: its keys, each table before the keys
// inside it, and within a table its own keys before its tables, so that
// they can be written out in order as TOML.
type File struct {
	Name   string // what tenders schema calls it: "brief", "event", "page", "site"
	Title  string // what it is, such as "The front matter of a tender brief"
	Path   string // where such files are, such as "content/opportunities/*.md"
	Fields []Field
}

// Keys lists the key of every field, in order.
func (f *File) Keys() []string {
	ks := make([]string, len(f.Fields))
	for i, fd := range f.Fields {
		ks[i] = fd.Key
	}
	return ks
}

// lookup returns the field with exactly this key.
func (f *File) lookup(key string) (Field, bool) {
	i := slices.IndexFunc(f.Fields, func(fd Field) bool { return fd.Key == key })
	if i < 0 {
		return Field{}, false
	}
	return f.Fields[i], true
}

// Field returns the field a decoded key path names. The path may hold the
// index of an entry in a list of tables ("insurance.2.kind") and the key
// of a table keyed by name ("buyers.camden.name"), as internal/tomldec
// writes paths.
func (f *File) Field(path string) (Field, bool) {
	key := ""
	var cur Field
	for part := range strings.SplitSeq(path, ".") {
		if cur.Type == TableList && isIndex(part) {
			continue
		}
		next := join(key, part)
		fd, ok := f.lookup(next)
		if !ok {
			next = join(key, "*")
			if fd, ok = f.lookup(next); !ok {
				return Field{}, false
			}
		}
		key, cur = next, fd
	}
	return cur, key != ""
}

// Line is a line of TOML that sets the key at path to its example, such
// as `email = "procurement@example.org"`, for messages that say what to
// write. It returns "" when the file has no such key.
func (f *File) Line(path string) string {
	fd, ok := f.Field(path)
	if !ok || fd.Example == "" {
		return ""
	}
	name := fd.Name()
	if name == "*" {
		name = path[strings.LastIndexByte(path, '.')+1:]
	}
	return name + " = " + fd.Example
}

// Example returns the example of the key at path, or "" when the file has
// no such key.
func (f *File) Example(path string) string {
	fd, _ := f.Field(path)
	return fd.Example
}

func isIndex(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// orList joins values as English does: "a", "a or b", "a, b or c".
func orList(vs []string) string {
	if len(vs) <= 1 {
		return strings.Join(vs, "")
	}
	return strings.Join(vs[:len(vs)-1], ", ") + " or " + vs[len(vs)-1]
}
