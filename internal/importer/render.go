package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/safetext"
)

// The front matter the import writes is canonical: every key on one line,
// `key = value`, in the order of brief.Brief's fields, tables after the
// top-level keys, nothing left empty. A brief whose front matter is still
// canonical can be rewritten without losing anything a person wrote; one
// that is not (comments, keys the import does not write, another layout)
// is never rewritten.

// field is one key of brief.Brief the import writes.
type field struct {
	key   string // its toml key
	index int    // its place in brief.Brief
}

// fields are the keys of brief.Brief in order, but [imported], which is
// written last on its own.
var fields = func() []field {
	var out []field
	t := reflect.TypeFor[brief.Brief]()
	for i := range t.NumField() {
		tag := t.Field(i).Tag.Get("toml")
		if tag == "" || tag == "-" || tag == "imported" {
			continue
		}
		out = append(out, field{key: tag, index: i})
	}
	return out
}()

// chunk writes one field of b as the front matter holds it, or "" when
// it is not set.
func chunk(b *brief.Brief, f field, loc *time.Location) string {
	var w strings.Builder
	writeKey(&w, f.key, reflect.ValueOf(b).Elem().Field(f.index), loc)
	return w.String()
}

// copyField sets the field f of dst to src's.
func copyField(dst, src *brief.Brief, f field) {
	reflect.ValueOf(dst).Elem().Field(f.index).Set(reflect.ValueOf(src).Elem().Field(f.index))
}

// front writes b's whole front matter, the [imported] table last.
func front(b *brief.Brief, loc *time.Location) string {
	var w strings.Builder
	for _, f := range fields {
		w.WriteString(chunk(b, f, loc))
	}
	if b.Imported != nil {
		writeKey(&w, "imported", reflect.ValueOf(b.Imported), loc)
	}
	return w.String()
}

// file is a whole brief file: its front matter and its body.
func file(b *brief.Brief, body string, loc *time.Location) []byte {
	return []byte(brief.Fence + "\n" + front(b, loc) + brief.Fence + "\n\n" + body)
}

// sum is the fingerprint of a field's text.
func sum(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:6])
}

var dateType = reflect.TypeFor[brief.Date]()

func isZero(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer:
		return v.IsNil()
	case reflect.Slice:
		return v.Len() == 0
	}
	return v.IsZero()
}

// writeKey writes key = value, a [table] or [[tables]].
func writeKey(w *strings.Builder, key string, v reflect.Value, loc *time.Location) {
	if isZero(v) {
		return
	}
	if v.Kind() == reflect.Pointer && v.Elem().Kind() == reflect.Struct {
		v = v.Elem()
	}
	switch {
	case v.Kind() == reflect.Struct && v.Type() != dateType:
		fmt.Fprintf(w, "\n[%s]\n", key)
		writeTable(w, v, loc)
	case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Struct:
		for i := range v.Len() {
			fmt.Fprintf(w, "\n[[%s]]\n", key)
			writeTable(w, v.Index(i), loc)
		}
	default:
		fmt.Fprintf(w, "%s = %s\n", key, value(v, loc))
	}
}

func writeTable(w *strings.Builder, v reflect.Value, loc *time.Location) {
	t := v.Type()
	for i := range t.NumField() {
		if tag := t.Field(i).Tag.Get("toml"); tag != "" && tag != "-" {
			writeKey(w, tag, v.Field(i), loc)
		}
	}
}

// value writes a TOML value on one line.
func value(v reflect.Value, loc *time.Location) string {
	if v.Type() == dateType {
		d := v.Interface().(brief.Date)
		if d.DateOnly {
			return d.Time.Format("2006-01-02")
		}
		return d.Time.In(loc).Format(time.RFC3339)
	}
	switch v.Kind() {
	case reflect.Pointer:
		return value(v.Elem(), loc)
	case reflect.String:
		return quote(v.String())
	case reflect.Int64, reflect.Int:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.Slice:
		parts := make([]string, v.Len())
		for i := range parts {
			parts[i] = value(v.Index(i), loc)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	panic("importer: no TOML form for " + v.Type().String())
}

// quote writes a TOML basic string, without the characters content may
// not hold (control characters, bidi overrides).
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range safetext.Strip(s) {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
