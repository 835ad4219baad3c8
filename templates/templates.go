// Package templates holds the text/template files for every file of a
// generated project that is neither Go nor go.mod and go.sum: the Makefile, the SAM template,
// the README, scaffold.yaml, scaffold.lock and the sample events. Each is
// named for its output plus .tmpl. Go files are emitted by package gen with
// jennifer, never from templates.
package templates

import "embed"

// FS holds the templates.
//
//go:embed *.tmpl
var FS embed.FS

// The checksums and requirements a project's go.mod and go.sum are made
// from (they are not templates): the function's go.sum, and copies of
// scaffold's own go.mod and go.sum, which TestModuleCopies keeps in step
// with the repository's (make sync-module updates them).
var (
	//go:embed function-go.sum
	FunctionGoSum []byte
	//go:embed scaffold-go.mod
	ScaffoldGoMod []byte
	//go:embed scaffold-go.sum
	ScaffoldGoSum []byte
)
