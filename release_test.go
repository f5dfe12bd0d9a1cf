package tenders_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// git runs git in dir, with an author of its own, and fails the test on
// an error.
func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=Release Test", "GIT_AUTHOR_EMAIL=release@example.org",
		"GIT_COMMITTER_NAME=Release Test", "GIT_COMMITTER_EMAIL=release@example.org")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// tagged makes a Git repository of this source (what builds the
// command, and README.md), as it is in the working tree, with one commit
// tagged version.
func tagged(t *testing.T, version string) string {
	t.Helper()
	src := t.TempDir()
	list := git(t, ".", "ls-files", "-co", "--exclude-standard", "-z", "--", "go.mod", "go.sum", "README.md", "scripts", "cmd", "internal")
	for _, name := range strings.Split(strings.TrimRight(list, "\x00"), "\x00") {
		if strings.Contains(name, "/testdata/") {
			continue
		}
		data, err := os.ReadFile(name)
		if os.IsNotExist(err) {
			continue // deleted in the working tree
		}
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git(t, src, "init", "-q", "-b", "main")
	git(t, src, "add", "-A")
	git(t, src, "-c", "commit.gpgSign=false", "commit", "-q", "-m", "release test")
	git(t, src, "-c", "tag.gpgSign=false", "tag", version)
	return src
}

// releaseScript runs scripts/release.sh in src for this machine alone.
func releaseScript(src string, args ...string) (string, error) {
	cmd := exec.Command("bash", append([]string{"scripts/release.sh"}, args...)...)
	cmd.Dir = src
	cmd.Env = append(os.Environ(), "TENDERS_TARGETS="+runtime.GOOS+"/"+runtime.GOARCH)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestRelease builds a release as the release workflow does, for this
// machine only (the workflow builds six), from a repository of this
// source at a tag; then the action installs that release from where it
// is published, checks it against checksums.txt, and runs it.
func TestRelease(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("release.sh runs on the release workflow's Linux runner")
	}
	const version = "v1.9.9"
	src := tagged(t, version)
	dist := filepath.Join(t.TempDir(), "v1.9.9") // laid out as GitHub's downloads: VERSION/FILE
	out, err := releaseScript(src, version, dist)
	if err != nil {
		t.Fatalf("release.sh: %v\n%s", err, out)
	}
	archive := "tenders_1.9.9_" + runtime.GOOS + "_" + runtime.GOARCH + ".tar.gz"
	sums, err := os.ReadFile(filepath.Join(dist, "checksums.txt"))
	if err != nil || !strings.Contains(string(sums), "  "+archive+"\n") {
		t.Fatalf("checksums.txt has no line for %s (%v):\n%s", archive, err, sums)
	}
	list, err := exec.Command("tar", "-tzf", filepath.Join(dist, archive)).CombinedOutput()
	if err != nil || string(list) != "tenders\nREADME.md\n" {
		t.Errorf("%s holds %q (%v), want tenders and README.md", archive, list, err)
	}

	// The action installs it, and the binary says its version.
	site := writeStarter(t)
	r := newRunner(t, site)
	r.extraEnv = []string{"TENDERS_RELEASES=file://" + filepath.Dir(dist)}
	out, ok := r.run(map[string]string{"command": "version", "version": version})
	if !ok || !strings.Contains(out, "Downloading "+archive) || !strings.Contains(out, "\ntenders "+version+"\n") {
		t.Fatalf("the action did not install %s:\n%s", version, out)
	}
	if out, ok := r.run(map[string]string{"command": "check", "version": version}); !ok {
		t.Errorf("check with the release failed:\n%s", out)
	}

	// An archive that does not match checksums.txt is refused.
	if err := os.WriteFile(filepath.Join(dist, "checksums.txt"), []byte(strings.Repeat("0", 64)+"  "+archive+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = newRunner(t, site)
	r.extraEnv = []string{"TENDERS_RELEASES=file://" + filepath.Dir(dist)}
	out, ok = r.run(map[string]string{"command": "check", "version": version})
	if ok || !strings.Contains(out, "::error title=tenders::"+archive+" does not match the release's checksums.txt") {
		t.Errorf("a tampered release: ok=%v\n%s", ok, out)
	}
	out, ok = r.run(map[string]string{"command": "check", "version": "latest"})
	if ok || !strings.Contains(out, `version "latest" is not a release such as v1.0.0`) {
		t.Errorf("version latest: ok=%v\n%s", ok, out)
	}
}

// TestReleaseRefuses: release.sh builds only a clean checkout at the tag
// it is given, into a new folder.
func TestReleaseRefuses(t *testing.T) {
	src := tagged(t, "v1.0.0")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"1.0.0"}, "1.0.0 is not a version such as v1.2.0"},
		{[]string{"v1.0.1"}, "the checkout is not at the tag v1.0.1"},
		{[]string{"v2.0.0"}, "v2.0.0 needs the module path to end in /v2 first"},
		{[]string{"v1.0.0", "go.mod"}, "go.mod is not empty"},
	} {
		out, err := releaseScript(src, tt.args...)
		if err == nil || !strings.Contains(out, tt.want) {
			t.Errorf("release.sh %s: %v, want %q:\n%s", strings.Join(tt.args, " "), err, tt.want, out)
		}
	}
	if err := os.WriteFile(filepath.Join(src, "README.md"), []byte("changed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := releaseScript(src, "v1.0.0"); err == nil || !strings.Contains(out, "changes not committed") {
		t.Errorf("release.sh with changes: %v\n%s", err, out)
	}
}
