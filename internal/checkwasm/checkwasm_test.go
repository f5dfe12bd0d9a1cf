package checkwasm

import (
	"bytes"
	"path/filepath"
	"testing"
)

// TestFresh fails when the committed module was built from other sources
// than the ones here.
func TestFresh(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	got, err := Inputs(root)
	if err != nil {
		t.Fatal(err)
	}
	if want := Recorded(); got != want {
		t.Fatalf("check.wasm.gz is stale: its sources hash to %s, inputs.txt records %q; run go generate ./internal/checkwasm and commit what it writes", got, want)
	}
}

// TestFiles checks that the embedded files are what the page loads: a
// gzipped WebAssembly module, and wasm_exec.js with its licence header.
func TestFiles(t *testing.T) {
	wasm, err := Wasm()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(wasm, []byte("\x00asm")) {
		t.Errorf("check.wasm.gz does not hold a WebAssembly module: it starts %q", wasm[:min(8, len(wasm))])
	}
	if !bytes.Contains(ExecJS, []byte("Copyright 2018 The Go Authors")) || !bytes.Contains(ExecJS, []byte("Use of this source code is governed by a BSD-style")) {
		t.Error("wasm_exec.js has lost the Go licence header")
	}
	if Recorded() == "" {
		t.Error("inputs.txt has no line \"inputs HASH\"")
	}
}
