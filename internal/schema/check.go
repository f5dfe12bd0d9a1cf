package schema

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/BurntSushi/toml"
)

// Check reports every way the file's description is inconsistent: keys
// given twice or out of order, a key whose table is not described, a
// missing or badly written Doc, an example that is not TOML of the key's
// type or not one of its values, a condition on a key the table does not
// have. The tests of each package that declares a File call it.
func (f *File) Check() error {
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s %s: %s", f.Name, key, fmt.Sprintf(format, args...)))
	}
	seen := map[string]Field{}
	var prev *Field
	for i := range f.Fields {
		fd := f.Fields[i]
		if _, dup := seen[fd.Key]; dup {
			bad(fd.Key, "is described twice")
		}
		seen[fd.Key] = fd
		f.checkPlace(fd, prev, seen, bad)
		checkField(fd, bad)
		for _, c := range []*Cond{fd.Unless, fd.OnlyWith} {
			if c == nil {
				continue
			}
			if _, ok := f.lookup(join(fd.Parent(), c.Key)); !ok {
				bad(fd.Key, "has a condition on %s, which its table does not have", c.Key)
			}
		}
		prev = &f.Fields[i]
	}
	return errors.Join(errs...)
}

// checkPlace checks that fd comes after its table, and that TOML could
// write the keys in this order: a table's own keys come before its tables.
func (f *File) checkPlace(fd Field, prev *Field, seen map[string]Field, bad func(string, string, ...any)) {
	parent := fd.Parent()
	if fd.Key == "" || slices.Contains(strings.Split(fd.Key, "."), "") {
		bad(fd.Key, "is not a key path")
		return
	}
	if parent != "" {
		p, ok := seen[parent]
		switch {
		case !ok:
			bad(fd.Key, "comes before its table %s, or the table is not described", parent)
			return
		case !p.Type.isTable():
			bad(fd.Key, "is inside %s, which is not a table", parent)
			return
		}
	}
	if fd.Name() == "*" && (parent == "" || seen[parent].Type != Table) {
		bad(fd.Key, "stands for any key, but is not inside a table")
	}
	// A table keyed by name holds its "*" entry alone: it comes first,
	// and nothing else follows it.
	star := fd.Name() == "*"
	if _, keyed := seen[join(parent, "*")]; parent != "" && (keyed && !star || star && prev != nil && prev.Key != parent) {
		bad(fd.Key, "shares %s with a \"*\" entry; a table keyed by name holds only that", parent)
	}
	if prev == nil {
		return
	}
	inside := prev.Key == parent || strings.HasPrefix(prev.Key, parent+".") || parent == ""
	if !inside {
		bad(fd.Key, "is not next to the other keys of %s", parent)
	}
	if !fd.Type.isTable() && prev.Key != parent && (prev.Type.isTable() || prev.Parent() != parent) {
		bad(fd.Key, "comes after a table inside its own table; move it before %s", prev.Key)
	}
}

// checkField checks one field on its own.
func checkField(fd Field, bad func(string, string, ...any)) {
	if _, ok := typeNames[fd.Type]; !ok {
		bad(fd.Key, "has no type")
	}
	r := []rune(fd.Doc)
	switch {
	case len(r) == 0:
		bad(fd.Key, "has no Doc")
	case !unicode.IsUpper(r[0]) && !unicode.IsDigit(r[0]):
		bad(fd.Key, "Doc %q must start with a capital letter", fd.Doc)
	case strings.HasSuffix(fd.Doc, ".") || strings.Contains(fd.Doc, "\n"):
		bad(fd.Key, "Doc %q must be one line without a full stop at the end", fd.Doc)
	}
	if fd.Required && fd.OnlyWith != nil || fd.Unless != nil && !fd.Required {
		bad(fd.Key, "Unless goes with Required, and OnlyWith without it")
	}
	if fd.Name() == "*" && fd.AnyKey == "" {
		bad(fd.Key, "stands for any key but has no AnyKey to show")
	}
	if fd.Type.isTable() {
		if fd.Example != "" || len(fd.Values) > 0 || fd.KeysOf != "" {
			bad(fd.Key, "is a table, so it has no Example, Values or KeysOf")
		}
		return
	}
	v, err := ParseValue(fd.Example)
	if err != nil {
		bad(fd.Key, "Example %s is not a TOML value: %v", fd.Example, err)
		return
	}
	if got := typeOf(v); got != fd.Type && (fd.Type != Number || got != Integer) {
		bad(fd.Key, "Example %s is a %s, not a %s", fd.Example, got, fd.Type)
		return
	}
	for _, s := range textsOf(v) {
		if len(fd.Values) > 0 && !slices.Contains(fd.Values, s) {
			bad(fd.Key, "Example %s holds %q, which is not one of its Values", fd.Example, s)
		}
	}
}

// textsOf returns the text of a decoded value: a string, or the strings
// of a list.
func textsOf(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// ParseValue reads one value as TOML writes it, such as "x" in quotes,
// 12, 2026-12-18 or ["a", "b"].
func ParseValue(s string) (any, error) {
	var m map[string]any
	if _, err := toml.Decode("v = "+s, &m); err != nil {
		return nil, err
	}
	return m["v"], nil
}

// typeOf is the Type of a value decoded from TOML.
func typeOf(v any) Type {
	switch x := v.(type) {
	case string:
		return Text
	case int64:
		return Integer
	case float64:
		return Number
	case bool:
		return Bool
	case time.Time:
		return Date
	case []any:
		for _, e := range x {
			if _, ok := e.(string); !ok {
				return 0
			}
		}
		return TextList
	case map[string]any:
		return Table
	}
	return 0
}
