// Command gen builds the checker for a browser and writes the files of
// package checkwasm into the current folder: check.wasm.gz, wasm_exec.js
// and its licence, and inputs.txt. go generate ./internal/checkwasm runs
// it.
package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/london-anchors/tenders/internal/checkwasm"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run() error {
	root, err := goEnv("GOMOD")
	if err != nil {
		return err
	}
	root = filepath.Dir(root)
	goroot, err := goEnv("GOROOT")
	if err != nil {
		return err
	}
	version, err := goEnv("GOVERSION")
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "checkwasm-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "check.wasm")
	build := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", out, checkwasm.Main)
	build.Dir = root
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0", "GOFLAGS=")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("go build %s: %v", checkwasm.Main, err)
	}
	wasm, err := os.ReadFile(out)
	if err != nil {
		return err
	}
	var gz bytes.Buffer
	zw, err := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(wasm); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	execJS, err := os.ReadFile(filepath.Join(goroot, "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		return err
	}
	licence, err := os.ReadFile(filepath.Join(goroot, "LICENSE"))
	if err != nil {
		return err
	}
	inputs, err := checkwasm.Inputs(root)
	if err != nil {
		return err
	}
	execJS = append([]byte("// lib/wasm/wasm_exec.js of the Go distribution, "+version+"; its licence is the Go licence (wasm_exec.LICENSE).\n"), execJS...)
	record := fmt.Sprintf("# What check.wasm.gz was built from; go generate ./internal/checkwasm writes it.\ninputs %s\ngo %s\nsize %d\ngzip %d\n", inputs, version, len(wasm), gz.Len())
	for name, data := range map[string][]byte{
		"check.wasm.gz":     gz.Bytes(),
		"wasm_exec.js":      execJS,
		"wasm_exec.LICENSE": licence,
		"inputs.txt":        []byte(record),
	} {
		if err := os.WriteFile(name, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func goEnv(name string) (string, error) {
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		return "", fmt.Errorf("go env %s: %v", name, err)
	}
	v := strings.TrimSpace(string(out))
	if v == "" || v == os.DevNull {
		return "", fmt.Errorf("go env %s is empty: run this in the module", name)
	}
	return v, nil
}
