// Package checkwasm holds the linter built for a browser: cmd/checkwasm
// compiled with GOOS=js GOARCH=wasm, gzipped (check.wasm.gz), and the Go
// distribution's wasm_exec.js that starts it, from the same toolchain. They
// are generated files, committed so that a build needs no Go toolchain,
// and embedded: the build writes them only for the page /check/.
//
// After a change to any package the checker is built from, build them
// again with
//
//	go generate ./internal/checkwasm
//
// inputs.txt records a hash of those packages' files and go.sum (Inputs);
// TestFresh fails when it no longer matches.
package checkwasm

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
)

//go:generate go run ./gen

// WasmGz is the checker's WebAssembly module, gzipped.
//
//go:embed check.wasm.gz
var WasmGz []byte

// ExecJS is wasm_exec.js from the Go distribution (lib/wasm), under the Go
// licence (wasm_exec.LICENSE), with a first line saying so.
//
//go:embed wasm_exec.js
var ExecJS []byte

// InputsFile is the record of what WasmGz was built from.
//
//go:embed inputs.txt
var InputsFile []byte

// Wasm returns the module decompressed.
func Wasm() ([]byte, error) {
	r, err := gzip.NewReader(bytes.NewReader(WasmGz))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}
