package lint_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// TestResponseTimeFindings checks what the response-time rule says of each
// deadline: every problem at once, one finding each, and each message
// naming its problem. Times without an offset are London time.
func TestResponseTimeFindings(t *testing.T) {
	for _, c := range []struct {
		name, published, deadline, questions string
		want                                 []string // a part of each message
	}{
		{"sunday at 00:00", "2026-12-01T09:00:00Z", "2027-01-10T00:00:00", "",
			[]string{"falls on a Sunday", "00:00 on Sunday 10 January 2027 is the first minute of that day, so bids are due by the end of Saturday 9 January, yet many suppliers will read it as the end of Sunday"}},
		{"monday at 00:00", "2026-12-01T09:00:00Z", "2027-01-11T00:00:00", "",
			[]string{"by the end of Sunday 10 January"}},
		{"saturday at 6pm", "2026-12-01T09:00:00Z", "2027-01-09T18:00:00", "",
			[]string{"falls on a Saturday", "at 18:00, outside working hours; choose a time between 9am and 5pm, such as midday"}},
		{"a date alone is 23:59", "2026-12-01T09:00:00Z", "2027-01-11", "",
			[]string{"at 23:59, outside working hours"}},
		{"5pm is in hours", "2026-12-01T09:00:00Z", "2027-01-11T17:00:00", "", nil},
		{"5:01pm is not", "2026-12-01T09:00:00Z", "2027-01-11T17:01:00", "", []string{"at 17:01"}},
		{"everything at once", "2027-01-01T09:00:00Z", "2027-01-10T00:00:00", "2027-01-08T12:00:00",
			[]string{"only 8 days", "falls on a Sunday", "00:00 on Sunday", "questions close 0 working days before"}},
		{"fine", "2026-12-01T09:00:00Z", "2027-01-11T12:00:00", "2027-01-04T12:00:00", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			front := "title = \"T\"\nreference = \"T-1\"\nbuyer = \"camden\"\npublished = " + c.published + "\ndeadline = " + c.deadline + "\n"
			if c.questions != "" {
				front += "questions_deadline = " + c.questions + "\n"
			}
			front += "summary = \"Cleaning.\"\ncategory = \"services\"\ntopics = [\"cleaning\"]\nvalue_max = 50000\napply_url = \"https://example.org/bid\"\n[contact]\nemail = \"a@camden.example\"\n"
			body := "## What we need\n\nCleaning.\n\n## Who this is for\n\nAnyone.\n\n## What you need to apply\n\nA price.\n\n## How we will choose\n\nPrice.\n\n## How to apply\n\nOnline.\n"
			ar := &txtar.Archive{Files: []txtar.File{{Name: "content/opportunities/t.md", Data: []byte("+++\n" + front + "+++\n" + body)}}}
			found, _ := check(t, ar)
			var got []string
			for _, d := range found {
				if d.Rule == "response-time" {
					got = append(got, d.Message)
				}
			}
			if len(got) != len(c.want) {
				t.Fatalf("got %d findings, want %d:\n%s", len(got), len(c.want), strings.Join(got, "\n"))
			}
			// The findings come sorted; each wanted part must be in a
			// finding of its own.
			used := make([]bool, len(got))
			for _, w := range c.want {
				i := slices.IndexFunc(got, func(m string) bool { return strings.Contains(m, w) })
				for i >= 0 && used[i] {
					j := slices.IndexFunc(got[i+1:], func(m string) bool { return strings.Contains(m, w) })
					if j < 0 {
						i = -1
						break
					}
					i += 1 + j
				}
				if i < 0 {
					t.Errorf("no finding says %q:\n%s", w, strings.Join(got, "\n"))
					continue
				}
				used[i] = true
			}
		})
	}
}
