package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/london-anchors/tenders/internal/brief"
	"github.com/london-anchors/tenders/internal/build"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/schema"
)

var schemaCmd = &command{
	name:  "schema",
	usage: "schema [brief|event|page|site] [--site DIR]",
	short: "print the JSON Schema of briefs, event pages, plain pages and site.toml",
	run:   runSchema,
}

// schemaFiles are the kinds of file tenders schema describes, in order.
var schemaFiles = []*schema.File{brief.BriefSchema, brief.EventSchema, brief.PageSchema, config.Schema}

func runSchema(ctx context.Context, c *command, e *env, args []string) int {
	fl := newFlagSet(c, e.stderr)
	site := fl.String("site", "", "a site `folder`: only its buyers and topics are allowed (default: any)")
	// Flags may come after the kind, as people type them.
	var kinds []string
	for rest := args; ; rest = fl.Args()[1:] {
		if err := fl.Parse(rest); err != nil {
			return parseError(err)
		}
		if fl.NArg() == 0 {
			break
		}
		kinds = append(kinds, fl.Arg(0))
	}
	names := make([]string, len(schemaFiles))
	for i, f := range schemaFiles {
		names[i] = f.Name
	}
	var file *schema.File
	switch {
	case len(kinds) > 1:
		fmt.Fprintf(e.stderr, "tenders schema: give one kind of file, or none for all: %s\n", strings.Join(names, ", "))
		return exitFailure
	case len(kinds) == 1:
		for _, f := range schemaFiles {
			if f.Name == kinds[0] {
				file = f
			}
		}
		if file == nil {
			fmt.Fprintf(e.stderr, "tenders schema: there is no kind of file %q; use one of %s\n", kinds[0], strings.Join(names, ", "))
			return exitFailure
		}
	}
	var known schema.Known
	if *site != "" {
		fsys, ok := openSite(c.name, *site, e.stderr)
		if !ok {
			return exitFailure
		}
		defer fsys.Close()
		cfg, list := build.LoadConfig(fsys, "")
		if list.Errors() > 0 {
			printDiagnostics(e.stderr, *site, list)
			return exitFindings
		}
		known = schema.Known{"buyers": cfg.BuyerKeys(), "topics": cfg.TopicKeys()}
	}
	var out []byte
	var err error
	if file != nil {
		out, err = schema.JSON(file, known)
	} else {
		out, err = schema.Bundle(schemaFiles, known)
	}
	if err == nil {
		_, err = e.stdout.Write(out)
	}
	if err != nil {
		fmt.Fprintln(e.stderr, "tenders schema:", err)
		return exitFailure
	}
	return exitOK
}
