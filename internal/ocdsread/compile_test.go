package ocdsread

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

func release(ocid, id, date, body string) Release {
	d, _ := time.Parse(time.RFC3339, date)
	return Release{Source: "in.json", OCID: ocid, ID: id, Date: d, Data: []byte(body)}
}

func TestCompile(t *testing.T) {
	rs := []Release{
		// Given out of order: the later release comes first.
		release("o", "2", "2026-02-01T00:00:00Z", `{"ocid":"o","id":"2","date":"2026-02-01T00:00:00Z","tag":["tenderUpdate"],
			"tender":{"title":"Cleaning, updated","tenderPeriod":{"endDate":"2026-03-01T12:00:00Z"},"minValue":null,
			"items":[{"id":"1","additionalClassifications":[{"scheme":"CPV","id":"90911200"}]},{"id":"2","description":"Windows"}],
			"documents":[{"id":"d1","url":"https://e.org/d1-v2"}]}}`),
		release("o", "1", "2026-01-01T00:00:00Z", `{"ocid":"o","id":"1","date":"2026-01-01T00:00:00Z","tag":["tender"],
			"tender":{"title":"Cleaning","description":"Daily cleaning.","minValue":{"amount":1},
			"tenderPeriod":{"startDate":"2026-01-01T00:00:00Z","endDate":"2026-02-15T12:00:00Z"},
			"items":[{"id":"1","description":"Offices","additionalClassifications":[{"scheme":"CPV","id":"90910000"},{"scheme":"CPV","id":"90919000"}]}],
			"documents":[{"id":"d1","url":"https://e.org/d1"},{"id":"d2","url":"https://e.org/d2"}],"coveredBy":["GPA","WTO"]}}`),
	}
	out, err := Compile(rs)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	want := `{"date":"2026-02-01T00:00:00Z","id":"o-compiled","ocid":"o","tender":{"coveredBy":["GPA","WTO"],"description":"Daily cleaning.",` +
		`"documents":[{"id":"d1","url":"https://e.org/d1-v2"},{"id":"d2","url":"https://e.org/d2"}],` +
		`"items":[{"additionalClassifications":[{"id":"90911200","scheme":"CPV"}],"description":"Offices","id":"1"},{"description":"Windows","id":"2"}],` +
		`"tenderPeriod":{"endDate":"2026-03-01T12:00:00Z","startDate":"2026-01-01T00:00:00Z"},"title":"Cleaning, updated"}}`
	if b, _ := json.Marshal(got); string(b) != want {
		t.Errorf("got\n%s\nwant\n%s", b, want)
	}
}

func TestLatestKeepsTheLastReadOfAnID(t *testing.T) {
	rs := Latest([]Release{
		release("o", "a", "2026-01-02T00:00:00Z", `{"v":1}`),
		release("o", "b", "2026-01-01T00:00:00Z", `{}`),
		release("o", "a", "2026-01-03T00:00:00Z", `{"v":2}`),
	})
	var got []string
	for _, r := range rs {
		got = append(got, r.ID+string(r.Data))
	}
	if s := strings.Join(got, " "); s != `b{} a{"v":2}` {
		t.Errorf("got %s", s)
	}
}

// TestWholeListMerge holds WholeListMerge to the fields the OCDS 1.1.5
// schema and the UK extension mark "wholeListMerge".
func TestWholeListMerge(t *testing.T) {
	var want []string
	for _, f := range []string{"../ocds/testdata/ocds-1.1.5/release-schema.json", "testdata/ocds-uk-extension/release-schema.json"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatal(err)
		}
		want = append(want, wholeLists(v, "")...)
	}
	slices.Sort(want)
	want = slices.Compact(want)
	if !slices.Equal(want, WholeListMerge) {
		t.Errorf("the schemas mark %v; WholeListMerge is %v", want, WholeListMerge)
	}
}

func wholeLists(v any, key string) []string {
	var out []string
	switch x := v.(type) {
	case map[string]any:
		if x["wholeListMerge"] == true {
			out = append(out, key)
		}
		for k, c := range x {
			out = append(out, wholeLists(c, k)...)
		}
	case []any:
		for _, c := range x {
			out = append(out, wholeLists(c, key)...)
		}
	}
	return out
}

func TestDecodeLeavesOutFieldsOfTheWrongType(t *testing.T) {
	n, problems := Decode([]byte(`{"ocid":"o","id":7,"tender":{"title":"T","status":["active"],"items":[{"id":1,"description":5}]}}`))
	if n.Tender.Title != "T" || n.ID != "7" || len(n.Tender.Items) != 1 || n.Tender.Items[0].ID != "1" {
		t.Errorf("got %+v", n)
	}
	want := []string{
		"tender.status holds a JSON array where OCDS has text: left out",
		"tender.items.description holds a JSON number where OCDS has text: left out",
	}
	if !slices.Equal(problems, want) {
		t.Errorf("got %q\nwant %q", problems, want)
	}
}
