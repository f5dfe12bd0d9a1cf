package lint_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/london-anchors/tenders/internal/lint"
)

// TestDiff checks the hunks of a diff, and that git apply makes the new
// file from the old one with it.
func TestDiff(t *testing.T) {
	var before, after strings.Builder
	for i := 1; i <= 30; i++ {
		fmt.Fprintf(&before, "line %d\n", i)
		switch i {
		case 2, 3, 10, 25:
			fmt.Fprintf(&after, "line %d fixed\n", i)
		default:
			fmt.Fprintf(&after, "line %d\n", i)
		}
	}
	var out bytes.Buffer
	lint.Diff(&out, "content/a.md", []byte(before.String()), []byte(after.String()))
	got := out.String()
	// Lines 2-3 and 10 are six unchanged lines apart, so one hunk; 25 is
	// far from them, so another.
	for _, want := range []string{"--- a/content/a.md\n+++ b/content/a.md\n", "@@ -1,13 +1,13 @@\n line 1\n-line 2\n-line 3\n+line 2 fixed\n+line 3 fixed\n line 4\n", "@@ -22,7 +22,7 @@\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("the diff has no %q:\n%s", want, got)
		}
	}
	if strings.Count(got, "@@ -") != 2 {
		t.Errorf("want two hunks:\n%s", got)
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content/a.md"), []byte(before.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("git", "apply", "-")
	cmd.Dir = dir
	cmd.Stdin = &out
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git apply: %v\n%s", err, msg)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "content/a.md")); string(data) != after.String() {
		t.Errorf("git apply made\n%s", data)
	}
	out.Reset()
	lint.Diff(&out, "content/a.md", []byte("same\n"), []byte("same\n"))
	if out.Len() != 0 {
		t.Errorf("no change, yet a diff: %q", out.String())
	}
}
