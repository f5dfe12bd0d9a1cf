package schema

import (
	"fmt"
	"reflect"
	"slices"
)

// Key is a key a Go struct decodes, with the type TOML writes it as.
type Key struct {
	Path string // as Field.Key writes it: "contact.email", "insurance.kind", "buyers.*.name"
	Type Type
}

// StructKeys lists every key the struct v (or the struct it points to)
// decodes through its toml tags, in the order of its fields, the way
// internal/tomldec reads them: inside nested structs, structs in slices
// (lists of tables), pointers, maps keyed by name (with the part "*") and
// embedded structs without a tag, whose fields are the struct's own.
// Fields tagged "-" or not tagged are left out. leaves gives the Type of
// value types that read themselves, such as a date; they are not looked
// inside. It returns an error for a field of a type TOML cannot fill.
func StructKeys(v any, leaves map[reflect.Type]Type) ([]Key, error) {
	t := reflect.TypeOf(v)
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("StructKeys: %v is not a struct", t)
	}
	var keys []Key
	err := structKeys(t, "", leaves, &keys)
	return keys, err
}

func structKeys(t reflect.Type, prefix string, leaves map[reflect.Type]Type, keys *[]Key) error {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("toml")
		if tag == "" && f.Anonymous && f.Type.Kind() == reflect.Struct {
			if err := structKeys(f.Type, prefix, leaves, keys); err != nil {
				return err
			}
			continue
		}
		if tag == "" || tag == "-" {
			continue
		}
		if err := valueKeys(f.Type, join(prefix, tag), leaves, keys); err != nil {
			return err
		}
	}
	return nil
}

// valueKeys adds the key at path, of type t, and the keys inside it.
func valueKeys(t reflect.Type, path string, leaves map[reflect.Type]Type, keys *[]Key) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	add := func(ty Type) { *keys = append(*keys, Key{path, ty}) }
	if ty, ok := leaves[t]; ok {
		add(ty)
		return nil
	}
	switch t.Kind() {
	case reflect.String:
		add(Text)
	case reflect.Bool:
		add(Bool)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		add(Integer)
	case reflect.Float32, reflect.Float64:
		add(Number)
	case reflect.Struct:
		add(Table)
		return structKeys(t, path, leaves, keys)
	case reflect.Slice:
		e := t.Elem()
		for e.Kind() == reflect.Pointer {
			e = e.Elem()
		}
		switch {
		case e.Kind() == reflect.String:
			add(TextList)
		case e.Kind() == reflect.Struct && leaves[e] == 0:
			add(TableList)
			return structKeys(e, path, leaves, keys)
		default:
			return fmt.Errorf("StructKeys: %s is a list of %v, which has no Type", path, e)
		}
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			return fmt.Errorf("StructKeys: %s is a map with keys of %v; TOML's keys are text", path, t.Key())
		}
		add(Table)
		return valueKeys(t.Elem(), path+".*", leaves, keys)
	default:
		return fmt.Errorf("StructKeys: %s is a %v, which has no Type", path, t)
	}
	return nil
}

// Compare says how the file's fields differ from keys, as StructKeys
// lists them: a key with no field, a field that names no key, a field of
// another type. It returns nil when they agree.
func (f *File) Compare(keys []Key) []string {
	var diffs []string
	for _, k := range keys {
		fd, ok := f.lookup(k.Path)
		switch {
		case !ok:
			diffs = append(diffs, fmt.Sprintf("%s: %s has no field in the schema; add one", f.Name, k.Path))
		case fd.Type != k.Type:
			diffs = append(diffs, fmt.Sprintf("%s: %s is a %s in the schema but a %s in the struct", f.Name, k.Path, fd.Type, k.Type))
		}
	}
	for _, fd := range f.Fields {
		if !slices.ContainsFunc(keys, func(k Key) bool { return k.Path == fd.Key }) {
			diffs = append(diffs, fmt.Sprintf("%s: the schema's field %s names no key of the struct; remove it or add the struct field", f.Name, fd.Key))
		}
	}
	return diffs
}

// String writes the key as "path (type)".
func (k Key) String() string { return k.Path + " (" + k.Type.String() + ")" }
