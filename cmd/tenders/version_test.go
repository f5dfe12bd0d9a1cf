package main

import (
	"runtime"
	"runtime/debug"
	"testing"
)

// TestVersionText holds tenders version to what the build information
// says: a release, a pseudo-version, a checkout with changes, and a
// binary built without a Git checkout.
func TestVersionText(t *testing.T) {
	vcs := func(rev, at, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: rev},
			{Key: "vcs.time", Value: at},
			{Key: "vcs.modified", Value: modified},
		}
	}
	const rev = "3f1bd2a6e0c4d1c2b3a4958677a8b9c0d1e2f3a4"
	built := "built with " + runtime.Version() + " for " + runtime.GOOS + "/" + runtime.GOARCH + "\n"
	tests := []struct {
		name    string
		bi      *debug.BuildInfo
		want    string
		release string
	}{
		{
			name:    "release",
			bi:      &debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}, Settings: vcs(rev, "2026-12-01T12:00:00Z", "false")},
			want:    "tenders v1.2.0\ncommit " + rev + " (2026-12-01T12:00:00Z)\n" + built,
			release: "v1.2.0",
		},
		{
			name:    "pre-release",
			bi:      &debug.BuildInfo{Main: debug.Module{Version: "v1.3.0-rc.1"}, Settings: vcs(rev, "", "false")},
			want:    "tenders v1.3.0-rc.1\ncommit " + rev + "\n" + built,
			release: "v1.3.0-rc.1",
		},
		{
			name: "pseudo-version",
			bi:   &debug.BuildInfo{Main: debug.Module{Version: "v1.2.1-0.20261201120000-3f1bd2a6e0c4"}, Settings: vcs(rev, "2026-12-01T12:00:00Z", "false")},
			want: "tenders v1.2.1-0.20261201120000-3f1bd2a6e0c4\ncommit " + rev + " (2026-12-01T12:00:00Z)\n" + built,
		},
		{
			name: "first pseudo-version",
			bi:   &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261201120000-3f1bd2a6e0c4"}},
			want: "tenders v0.0.0-20261201120000-3f1bd2a6e0c4\ncommit unknown (not built from a Git checkout)\n" + built,
		},
		{
			name: "changes not committed",
			bi:   &debug.BuildInfo{Main: debug.Module{Version: "v1.2.0+dirty"}, Settings: vcs(rev, "2026-12-01T12:00:00Z", "true")},
			want: "tenders v1.2.0+dirty\ncommit " + rev + " (2026-12-01T12:00:00Z), with changes not committed\n" + built,
		},
		{
			name: "tag with changes",
			bi:   &debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}, Settings: vcs(rev, "", "true")},
			want: "tenders v1.2.0\ncommit " + rev + ", with changes not committed\n" + built,
		},
		{
			name: "devel",
			bi:   &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}},
			want: "tenders devel\ncommit unknown (not built from a Git checkout)\n" + built,
		},
		{
			name: "no build information",
			want: "tenders devel\ncommit unknown (not built from a Git checkout)\n" + built,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := versionText(tt.bi); got != tt.want {
				t.Errorf("versionText:\n%s\nwant:\n%s", got, tt.want)
			}
			if got := stampOf(tt.bi).release(); got != tt.release {
				t.Errorf("release() = %q, want %q", got, tt.release)
			}
		})
	}
}
