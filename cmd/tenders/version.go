package main

import (
	"context"
	"fmt"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
)

var versionCmd = &command{
	name:  "version",
	usage: "version",
	short: "print the version of tenders and the commit it was built from",
	run:   runVersion,
}

func runVersion(ctx context.Context, c *command, e *env, args []string) int {
	fl := newFlagSet(c, e.stderr)
	if err := fl.Parse(args); err != nil {
		return parseError(err)
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(e.stderr, "tenders version: unexpected argument %q\n", fl.Arg(0))
		return exitFailure
	}
	bi, _ := debug.ReadBuildInfo()
	fmt.Fprint(e.stdout, versionText(bi))
	return exitOK
}

// thisBuild is how this binary was built.
func thisBuild() stamp {
	bi, _ := debug.ReadBuildInfo()
	return stampOf(bi)
}

// stamp is what a binary knows of how it was built, from its build
// information: the module's version, and the commit when it was built
// from a Git checkout.
type stamp struct {
	version  string // v1.2.0; a pseudo-version, such as v0.0.0-20261201120000-3f1bd2a6e0c4, for a commit with no tag; "devel" when go did not know
	commit   string // the full hash, or ""
	time     string // the commit's time, RFC 3339, or ""
	modified bool   // the checkout had changes not committed
}

// stampOf reads bi, which may be nil (a binary built without module
// support).
func stampOf(bi *debug.BuildInfo) stamp {
	b := stamp{version: "devel"}
	if bi == nil {
		return b
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		b.version = v
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			b.commit = s.Value
		case "vcs.time":
			b.time = s.Value
		case "vcs.modified":
			b.modified = s.Value == "true"
		}
	}
	return b
}

// releaseRE matches the version of a release: a tag such as v1.2.0 or
// v1.3.0-rc.1, and not a pseudo-version or a build with changes.
var releaseRE = regexp.MustCompile(`^v\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$`)

// pseudoRE matches the end of a pseudo-version: the commit's time and
// hash.
var pseudoRE = regexp.MustCompile(`\d{14}-[0-9a-f]{12}$`)

// release returns the release this binary is, or "" when it is not one.
func (b stamp) release() string {
	if b.modified || !releaseRE.MatchString(b.version) || pseudoRE.MatchString(b.version) {
		return ""
	}
	return b.version
}

// versionText is what tenders version prints.
func versionText(bi *debug.BuildInfo) string {
	b := stampOf(bi)
	var s strings.Builder
	fmt.Fprintf(&s, "tenders %s\n", b.version)
	switch {
	case b.commit == "":
		s.WriteString("commit unknown (not built from a Git checkout)\n")
	default:
		fmt.Fprintf(&s, "commit %s", b.commit)
		if b.time != "" {
			fmt.Fprintf(&s, " (%s)", b.time)
		}
		if b.modified {
			s.WriteString(", with changes not committed")
		}
		s.WriteString("\n")
	}
	fmt.Fprintf(&s, "built with %s for %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return s.String()
}
