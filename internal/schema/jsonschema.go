package schema

import (
	"bytes"
	"encoding/json"
	"strings"
	"time"
)

// Draft is the JSON Schema dialect the schemas are written in. They keep
// to keywords that older drafts know too (conditions are anyOf, not
// if/then/else), so that validators of draft 4 and later read them alike.
const Draft = "https://json-schema.org/draft/2020-12/schema"

// DatePattern is the pattern a date matches once a TOML date is written
// as text (as JSON holds it), and the pattern of the quoted dates tenders
// accepts: a date, or a date and a time to the minute or finer, with or
// without an offset, "T" or a space between them; years from 1900 to 2199.
const DatePattern = `^(19|2[01])[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])` +
	`([Tt ]([01][0-9]|2[0-3]):[0-5][0-9](:([0-5][0-9]|60)(\.[0-9]+)?)?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?)?$`

// Known holds, for a table of site.toml that a field's KeysOf names (such
// as "topics"), the keys one site gives it. A schema made with them allows
// only those values; without them, any text.
type Known map[string][]string

// JSON renders one file's description as a JSON Schema document.
func JSON(f *File, known Known) ([]byte, error) {
	s := append(object{{"$schema", Draft}}, fileSchema(f, known)...)
	return marshal(s)
}

// Bundle renders several files' descriptions as one JSON Schema document,
// each under $defs by its Name: "#/$defs/brief" is the schema of a brief.
// The document itself allows any value.
func Bundle(files []*File, known Known) ([]byte, error) {
	defs := object{}
	names := make([]string, len(files))
	for i, f := range files {
		defs = append(defs, member{f.Name, fileSchema(f, known)})
		names[i] = "#/$defs/" + f.Name + " for " + f.Path
	}
	s := object{
		{"$schema", Draft},
		{"title", "The files of a tenders site"},
		{"description", "Each kind of file has its schema under $defs: " + strings.Join(names, "; ") + "."},
		{"$defs", defs},
	}
	return marshal(s)
}

func marshal(s object) ([]byte, error) {
	b, err := encode(s)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// encode writes v as compact JSON, leaving <, > and & as they are.
func encode(v any) ([]byte, error) {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	if err := e.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

func fileSchema(f *File, known Known) object {
	s := object{{"title", f.Title}, {"description", f.Title + ": " + f.Path + "."}}
	return append(s, tableSchema(f, "", known)...)
}

// tableSchema is the schema of the table at key: its keys, which of them
// are required, and the conditions between them.
func tableSchema(f *File, key string, known Known) object {
	var kids []Field
	for _, fd := range f.Fields {
		if fd.Parent() == key && fd.Key != "" {
			kids = append(kids, fd)
		}
	}
	if len(kids) == 1 && kids[0].Name() == "*" {
		return object{{"type", "object"}, {"additionalProperties", fieldSchema(f, kids[0], known)}}
	}
	props := object{}
	var required []string
	var conds [][]any
	for _, fd := range kids {
		props = append(props, member{fd.Name(), fieldSchema(f, fd, known)})
		if fd.Required && fd.Unless == nil {
			required = append(required, fd.Name())
		}
		if c := condition(fd); c != nil {
			conds = append(conds, c)
		}
	}
	s := object{{"type", "object"}, {"properties", props}}
	if len(required) > 0 {
		s = append(s, member{"required", required})
	}
	s = append(s, member{"additionalProperties", false})
	switch len(conds) {
	case 0:
	case 1:
		s = append(s, member{"anyOf", conds[0]})
	default:
		all := make([]any, len(conds))
		for i, c := range conds {
			all[i] = object{{"anyOf", c}}
		}
		s = append(s, member{"allOf", all})
	}
	return s
}

// condition is a key's Unless or OnlyWith as the schemas of anyOf, one of
// which a table must match, or nil.
func condition(fd Field) []any {
	has := object{{"required", []string{fd.Name()}}}
	switch {
	case fd.Unless != nil:
		return []any{has, holds(fd.Unless)}
	case fd.OnlyWith != nil:
		c := holds(fd.OnlyWith)
		return []any{
			object{{"allOf", []any{c, has}}},
			object{{"allOf", []any{object{{"not", c}}, object{{"not", has}}}}},
		}
	}
	return nil
}

// holds is the schema of a table where c holds.
func holds(c *Cond) object {
	s := object{{"required", []string{c.Key}}}
	if len(c.Values) > 0 {
		s = append(s, member{"properties", object{{c.Key, object{{"enum", c.Values}}}}})
	}
	return s
}

// fieldSchema is the schema of one key's value.
func fieldSchema(f *File, fd Field, known Known) object {
	s := object{{"description", f.Note(fd)}}
	values := fd.Values
	if fd.KeysOf != "" && known[fd.KeysOf] != nil {
		values = known[fd.KeysOf]
	}
	text := object{{"type", "string"}}
	if len(values) > 0 {
		text = append(text, member{"enum", values})
	}
	switch fd.Type {
	case Text:
		s = append(s, text...)
	case Integer:
		s = append(s, member{"type", "integer"})
	case Number:
		s = append(s, member{"type", "number"})
	case Bool:
		s = append(s, member{"type", "boolean"})
	case Date:
		s = append(s, member{"type", "string"}, member{"pattern", DatePattern})
	case TextList:
		s = append(s, member{"type", "array"}, member{"items", text})
	case Table:
		return append(s, tableSchema(f, fd.Key, known)...)
	case TableList:
		return append(s, member{"type", "array"}, member{"items", tableSchema(f, fd.Key, known)})
	}
	if v, err := ParseValue(fd.Example); err == nil {
		s = append(s, member{"examples", []any{ToJSON(v)}})
	}
	return s
}

// ToJSON turns a value decoded from TOML by BurntSushi/toml into one JSON
// can hold, as the schemas expect: each date becomes text, written as
// TOML wrote it (2026-12-18T12:00:00Z, 2026-12-18T12:00:00 without an
// offset, 2026-12-18 alone).
func ToJSON(v any) any {
	switch x := v.(type) {
	case time.Time:
		switch x.Location().String() {
		case "datetime-local":
			return x.Format("2006-01-02T15:04:05.999999999")
		case "date-local":
			return x.Format("2006-01-02")
		case "time-local":
			return x.Format("15:04:05.999999999")
		}
		return x.Format(time.RFC3339Nano)
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = ToJSON(e)
		}
		return m
	case []map[string]any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = ToJSON(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = ToJSON(e)
		}
		return out
	}
	return v
}

// object is a JSON object that keeps its members in order, so a schema
// reads as the file does.
type object []member

type member struct {
	key   string
	value any
}

// MarshalJSON writes the members in order.
func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := encode(m.key)
		if err != nil {
			return nil, err
		}
		v, err := encode(m.value)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
