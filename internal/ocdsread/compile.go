package ocdsread

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// WholeListMerge are the fields whose lists OCDS 1.1.5 and the UK
// extension replace whole when compiling, though they hold objects: their
// items have no ids. A test holds it to the schemas.
var WholeListMerge = []string{
	"additionalClassifications",
	"additionalIdentifiers",
	"buyerClassificationRestrictions",
	"buyerLocationRestrictions",
	"criteria",
	"rationaleClassifications",
}

// Compile merges the releases of one contracting process into its
// compiled release, as OCDS 1.1 compiling does: releases in order of
// date (the order given breaks ties), each field taking the value of the
// latest release that sets it; null removes a field; lists of objects
// with ids are merged item by item, by id; other lists are replaced
// whole. Two releases with the same id are one: the later read wins.
// Each release's data must be a JSON object.
func Compile(rs []Release) ([]byte, error) {
	rs = Latest(rs)
	compiled := map[string]any{}
	for _, r := range rs {
		var v map[string]any
		dec := json.NewDecoder(bytes.NewReader(r.Data))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			return nil, fmt.Errorf("%s: %v", r.Where(), err)
		}
		delete(v, "id")
		delete(v, "date")
		delete(v, "tag")
		mergeObject(compiled, v)
	}
	if len(rs) > 0 {
		last := rs[len(rs)-1]
		compiled["id"] = last.OCID + "-compiled"
		compiled["date"] = last.Date.Format("2006-01-02T15:04:05Z07:00")
	}
	return json.Marshal(compiled)
}

// Latest sorts releases by date, keeping their order among equals, and
// keeps the last read of each id.
func Latest(rs []Release) []Release {
	seen := map[string]int{}
	var out []Release
	for _, r := range rs {
		if i, ok := seen[r.ID]; ok {
			out[i] = r
			continue
		}
		seen[r.ID] = len(out)
		out = append(out, r)
	}
	slices.SortStableFunc(out, func(a, b Release) int { return a.Date.Compare(b.Date) })
	return out
}

func mergeObject(dst, src map[string]any) {
	for k, v := range src {
		switch x := v.(type) {
		case nil:
			delete(dst, k)
		case map[string]any:
			if old, ok := dst[k].(map[string]any); ok {
				mergeObject(old, x)
			} else {
				dst[k] = x
			}
		case []any:
			dst[k] = mergeList(k, dst[k], x)
		default:
			dst[k] = v
		}
	}
}

// mergeList merges a list of objects with ids by id, and replaces any
// other list whole.
func mergeList(key string, old any, items []any) any {
	prev, ok := old.([]any)
	if !ok || slices.Contains(WholeListMerge, key) || !allIdentified(items) || !allIdentified(prev) {
		return items
	}
	at := map[string]int{}
	for i, it := range prev {
		at[idOf(it)] = i
	}
	for _, it := range items {
		id := idOf(it)
		if i, ok := at[id]; ok {
			mergeObject(prev[i].(map[string]any), it.(map[string]any))
			continue
		}
		at[id] = len(prev)
		prev = append(prev, it)
	}
	return prev
}

func allIdentified(items []any) bool {
	for _, it := range items {
		if idOf(it) == "" {
			return false
		}
	}
	return len(items) > 0
}

// idOf is the id of a list item, as text, or "" when it has none.
func idOf(v any) string {
	m, ok := v.(map[string]any)
	if !ok {
		return ""
	}
	switch id := m["id"].(type) {
	case string:
		return strings.TrimSpace(id)
	case json.Number:
		return id.String()
	}
	return ""
}
