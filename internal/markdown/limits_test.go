package markdown

import (
	"fmt"
	"strings"
	"testing"
)

func TestCheckLimits(t *testing.T) {
	row := "|" + strings.Repeat(" a |", 70) + "\n|" + strings.Repeat(" --- |", 70) + "\n"
	tests := []struct {
		name string
		in   string
		want string // "line:col" of the problem, or "" for none
	}{
		{"plain", "## What we need\n\n- a\n  - b\n", ""},
		{"many markers", "text\n" + strings.Repeat("- ", 64000) + "x\n", "2:33"},
		{"quotes", strings.Repeat(">", 17) + " x\n", "1:17"},
		{"numbers", strings.Repeat("1. ", 17) + "x\n", "1:49"},
		{"sixteen is fine", strings.Repeat("- ", 16) + "x\n", ""},
		{"thematic break", strings.Repeat("- ", 40) + "\n", "1:33"},
		{"links on a line", "a\n\n" + strings.Repeat("[a](", 101), "3:1"},
		{"links on lines", strings.Repeat(strings.Repeat("[a](b) ", 100)+"\n", 3), ""},
		{"deep indent", "- a\n" + strings.Repeat(" ", 101) + "- b\n", "2:1"},
		{"tab indent", strings.Repeat("\t", 26) + "x\n", "1:1"},
		{"blank spaces", strings.Repeat(" ", 500) + "\n", ""},
		{"wide table", "intro\n\n" + row, "4:1"},
		{"narrow table", "| a | b |\n|---|:-:|\n| 1 | 2 |\n", ""},
		{"fenced code", "```\n" + strings.Repeat("- ", 40) + "x\n" + row + "```\n", ""},
		{"after fence", "~~~~\ncode\n~~~~\n" + strings.Repeat("> ", 20) + "\n", "4:33"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := CheckLimits([]byte(tt.in))
			got := ""
			if len(ps) > 0 {
				got = fmt.Sprintf("%d:%d", ps[0].Line, ps[0].Col)
			}
			if got != tt.want {
				t.Errorf("got %q %v, want %q", got, ps, tt.want)
			}
		})
	}
}
