// Command readsoracle is the ground truth for wirepin's static read analysis:
// for each package directory given, it type-checks the files go build
// compiles (go/build, linux/amd64; no _test.go) with go/types and prints,
// for every struct field declared in the package, the places a selector
// reads it. go/types' Selections map each selector to the exact field object,
// even when another type has a field of the same name.
//
// A selector is a read unless its syntactic position says otherwise: the left
// side of "=" is a write ("op=" and "++"/"--" read), "&x.f" takes the address,
// and the operand of a selector that is written or addressed is only the way
// there. These are the positions wirepin's analysis uses (src/reads).
//
// Output: one JSON object, package directory -> field position ("file:line:col",
// file as given on the command line joined with its base name) -> read sites.
package main

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/build"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"sort"
)

func main() {
	out := map[string]map[string][]string{}
	ctx := build.Default
	ctx.GOOS, ctx.GOARCH, ctx.CgoEnabled = "linux", "amd64", false
	for _, dir := range os.Args[1:] {
		reads, err := analyse(&ctx, dir)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", dir, err)
			os.Exit(2)
		}
		out[dir] = reads
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	if err := enc.Encode(out); err != nil {
		os.Exit(2)
	}
}

func analyse(ctx *build.Context, dir string) (map[string][]string, error) {
	pkg, err := ctx.ImportDir(dir, 0)
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range pkg.GoFiles {
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, 0)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	info := &types.Info{Selections: map[*ast.SelectorExpr]*types.Selection{}}
	conf := types.Config{Importer: importer.ForCompiler(fset, "gc", nil)}
	tpkg, err := conf.Check(pkg.ImportPath, fset, files, info)
	if err != nil {
		return nil, err
	}
	pos := func(p token.Pos) string {
		at := fset.Position(p)
		return fmt.Sprintf("%s:%d:%d", filepath.Join(dir, filepath.Base(at.Filename)), at.Line, at.Column)
	}
	reads := map[string][]string{}
	for _, f := range files {
		parents := map[ast.Node]ast.Node{}
		var stack []ast.Node
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return false
			}
			if len(stack) > 0 {
				parents[n] = stack[len(stack)-1]
			}
			stack = append(stack, n)
			return true
		})
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			selection := info.Selections[sel]
			if selection == nil || selection.Kind() != types.FieldVal {
				return true
			}
			field := selection.Obj()
			if field.Pkg() != tpkg || role(sel, parents) != "read" {
				return true
			}
			key := pos(field.Pos())
			reads[key] = append(reads[key], pos(sel.Sel.Pos()))
			return true
		})
	}
	for _, sites := range reads {
		sort.Strings(sites)
	}
	return reads, nil
}

// role says whether the selector's value is read, as wirepin's selectorRole does.
func role(n ast.Expr, parents map[ast.Node]ast.Node) string {
	var child ast.Node = n
	parent := parents[n]
	for {
		if p, ok := parent.(*ast.ParenExpr); ok {
			child = p
			parent = parents[p]
			continue
		}
		break
	}
	switch p := parent.(type) {
	case *ast.AssignStmt:
		for _, l := range p.Lhs {
			if l == child {
				if p.Tok == token.ASSIGN {
					return "write"
				}
				return "read"
			}
		}
	case *ast.UnaryExpr:
		if p.Op == token.AND {
			return "address"
		}
	case *ast.SelectorExpr:
		if p.X == child {
			if role(p, parents) == "read" {
				return "read"
			}
			return "through"
		}
	}
	return "read"
}
