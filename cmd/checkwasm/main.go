//go:build js && wasm

// Command checkwasm is the linter of tenders check built for a browser
// (GOOS=js GOARCH=wasm), for the page /check/. It defines one function,
// tendersCheck(text, settings), where settings is the JSON the build
// writes beside the page (config.Public), and which returns the findings
// as the JSON of internal/checker's Result, or {"error": "..."}. Then it
// waits for calls for as long as the page is open.
//
// internal/checkwasm holds the built file and how to build it again.
package main

import (
	"syscall/js"
	_ "time/tzdata" // a browser has no zone files: a pasted brief's dates are read in the site's timezone, as tenders check reads them

	"github.com/london-anchors/tenders/internal/checker"
)

func main() {
	var s checker.Session
	js.Global().Set("tendersCheck", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) != 2 || args[0].Type() != js.TypeString || args[1].Type() != js.TypeString {
			return `{"error":"tendersCheck takes the text and the settings, both strings"}`
		}
		return string(s.Run(args[0].String(), args[1].String()))
	}))
	select {}
}
