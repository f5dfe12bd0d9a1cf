package checkwasm

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// Main is the package the module is built from.
const Main = "./cmd/checkwasm"

// Inputs is the hash of what the module is built from: every Go file and
// embedded file of each package of this module in the js/wasm build of
// Main (go list -deps), and go.mod and go.sum, which fix the versions of
// the rest. root is the module's folder; go must be on the PATH.
func Inputs(root string) (string, error) {
	cmd := exec.Command("go", "list", "-deps", "-json=ImportPath,Dir,Module,GoFiles,EmbedFiles", Main)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "GOFLAGS=")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go list %s: %v: %s", Main, err, stderr.Bytes())
	}
	files := []string{"go.mod", "go.sum"}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p struct {
			Dir                 string
			Module              *struct{ Main bool }
			GoFiles, EmbedFiles []string
		}
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			return "", fmt.Errorf("go list %s: %v", Main, err)
		}
		if p.Module == nil || !p.Module.Main {
			continue
		}
		rel, err := filepath.Rel(root, p.Dir)
		if err != nil {
			return "", err
		}
		// Reading the folder also tells go test's cache that a file
		// added to it changes the result.
		if _, err := os.ReadDir(p.Dir); err != nil {
			return "", err
		}
		for _, f := range slices.Concat(p.GoFiles, p.EmbedFiles) {
			files = append(files, filepath.ToSlash(filepath.Join(rel, f)))
		}
	}
	slices.Sort(files)
	h := sha256.New()
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			return "", err
		}
		// A checkout that ends lines with CRLF builds the same module.
		sum := sha256.Sum256(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")))
		fmt.Fprintf(h, "%s %x\n", f, sum)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Recorded is the hash inputs.txt holds, from its line "inputs HASH".
func Recorded() string {
	for line := range strings.Lines(string(InputsFile)) {
		if h, ok := strings.CutPrefix(strings.TrimSpace(line), "inputs "); ok {
			return h
		}
	}
	return ""
}
