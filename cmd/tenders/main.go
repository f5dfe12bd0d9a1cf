// Command tenders turns a folder of tender briefs into an accessible static
// website.
//
// Usage:
//
//	tenders build [--site DIR] [--out DIR] [--now TIME] [--base-url URL]
//
// Run "tenders help" for the list of commands, and README.md for the whole
// manual.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // so timezones work on machines without zoneinfo
)

// Exit codes.
const (
	exitOK       = 0
	exitFindings = 1 // the content has errors
	exitFailure  = 2 // bad usage, or the command could not run
)

// command is one subcommand.
type command struct {
	name  string
	usage string
	short string
	run   func(ctx context.Context, c *command, env *env, args []string) int
}

// env is what a command may touch besides its arguments.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
}

var commands = []*command{initCmd, buildCmd, checkCmd, serveCmd, newCmd, importCmd, schemaCmd, versionCmd}

func main() { os.Exit(mainCode()) }

// mainCode runs the command line with Ctrl-C (and SIGTERM) wired to a
// clean stop, and returns the exit code. A second signal kills at once:
// after the first, the signals are let go of.
func mainCode() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	context.AfterFunc(ctx, stop)
	return run(ctx, &env{stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}, os.Args[1:])
}

func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(e.stdout)
		if len(args) == 0 {
			return exitFailure
		}
		return exitOK
	}
	if args[0] == "--version" || args[0] == "-version" {
		args = []string{"version"}
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(ctx, c, e, args[1:])
		}
	}
	fmt.Fprintf(e.stderr, "tenders: unknown command %q; run \"tenders help\" for the list\n", args[0])
	return exitFailure
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "tenders turns a folder of tender briefs into an accessible website.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-44s %s\n", c.usage, c.short)
	}
}
