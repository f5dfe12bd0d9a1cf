package tenders_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// Limits on the size of the code, so that each piece stays readable: a
// function of at most 80 lines (not counting tables written out as
// literals), a file of at most 600.
const (
	maxFuncLines = 80
	maxFileLines = 600
)

// TestCodeShape holds every non-test Go file to the limits above.
func TestCodeShape(t *testing.T) {
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && p != ".") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		if n := fset.File(f.Pos()).LineCount(); n > maxFileLines {
			t.Errorf("%s has %d lines; split it by what its parts do (at most %d)", p, n, maxFileLines)
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			if n := lines(fset, fn) - literalLines(fset, fn.Body); n > maxFuncLines {
				t.Errorf("%s: %s has %d lines besides its tables; split it (at most %d)", fset.Position(fn.Pos()), fn.Name.Name, n, maxFuncLines)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func lines(fset *token.FileSet, n ast.Node) int {
	return fset.Position(n.End()).Line - fset.Position(n.Pos()).Line + 1
}

// literalLines counts the lines of the composite literals of more than a
// few lines in body: tables written out, such as the list of lint rules.
func literalLines(fset *token.FileSet, body ast.Node) int {
	n := 0
	ast.Inspect(body, func(x ast.Node) bool {
		if lit, ok := x.(*ast.CompositeLit); ok {
			if l := lines(fset, lit) - 1; l > 5 {
				n += l
				return false
			}
		}
		return true
	})
	return n
}
