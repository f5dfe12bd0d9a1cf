package site

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"path"
	"sync"

	"github.com/london-anchors/tenders/internal/checkwasm"
	"github.com/london-anchors/tenders/internal/config"
	"github.com/london-anchors/tenders/internal/diag"
)

// CheckDir is the folder of the page where anyone can paste text and see
// what tenders check says about it.
const CheckDir = "check/"

// Checker is what check.html needs: the site's lint settings, and the
// addresses of the checker's files, which only that page loads.
type Checker struct {
	Settings string // config.Public as JSON, for the form's data-settings
	Module   string // the gzipped WebAssembly module, beside the page
	Exec     string // the Go distribution's wasm_exec.js, beside the page
}

// checkerFiles are the checker's two files, named after their content so
// that a host may cache them for a year.
var checkerFiles = sync.OnceValue(func() (names [2]string) {
	for i, f := range []struct {
		stem, ext string
		data      []byte
	}{{"check", ".wasm.gz", checkwasm.WasmGz}, {"wasm_exec", ".js", checkwasm.ExecJS}} {
		sum := sha256.Sum256(f.data)
		names[i] = CheckDir + f.stem + "." + hex.EncodeToString(sum[:5]) + f.ext
	}
	return names
})

func (r *renderer) checkPage() ([]*Page, *diag.Diagnostic) {
	p := r.page(CheckDir, "Check your writing", "check")
	p.Description = "Paste a notice or a brief to see, word by word, what makes it hard for a small supplier to read, and what to write instead."
	settings, err := json.Marshal(r.Config.Public())
	if err != nil {
		return nil, &diag.Diagnostic{File: config.FileName, Line: 1, Col: 1, Severity: diag.Error, Rule: "invalid", Message: "cannot write the checker's settings: " + err.Error()}
	}
	names := checkerFiles()
	p.Checker = &Checker{Settings: string(settings), Module: path.Base(names[0]), Exec: path.Base(names[1])}
	return []*Page{p}, nil
}

// writeChecker writes the checker's files beside its page.
func (r *renderer) writeChecker() {
	names := checkerFiles()
	r.put(names[0], checkwasm.WasmGz)
	r.put(names[1], checkwasm.ExecJS)
}
