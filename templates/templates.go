// Package templates holds what package gen writes into projects besides the
// Go that a schema decides (which gen emits with jennifer):
//
//   - the text/template files for every file that is neither Go nor go.mod
//     and go.sum: the Makefile, the SAM template, the README, scaffold.yaml
//     and the sample events, each named for its output plus
//     .tmpl;
//   - runtime/batch and runtime/args, the schema-independent parts of a
//     project's internal/batch and internal/args: ordinary Go packages,
//     compiled, vetted, tested and fuzzed here, that gen copies verbatim
//     (Runtime);
//   - starter/<name>, each starter's function.go and function_test.go
//     (Starters): the copy starter's as an ordinary Go package, compiled
//     and tested here against starter/internal/args (the args package
//     scaffold generates from copy.schema.json, kept in step by gen's
//     tests) and runtime/batch; the blank starter's as text/template files,
//     since its Process and its test follow the schema.
package templates

import "embed"

// FS holds the templates.
//
//go:embed *.tmpl
var FS embed.FS

// Runtime holds the Go files of runtime/batch and runtime/args, tests
// included, which every project has in internal/batch and internal/args as
// they are: the code that is the same whatever the schema.
//
//go:embed runtime/batch/*.go runtime/args/*.go
var Runtime embed.FS

// RuntimeImportPrefix is the import path of the runtime's directory in
// scaffold's module; in a project, the module path and "/internal/" stand
// in its place.
const RuntimeImportPrefix = "github.com/s3batchops/scaffold/templates/runtime/"

// Starters holds the starters' function.go and function_test.go (see the
// package comment); starter/copy/main.go stands for a project's main.go
// and is not copied.
//
//go:embed starter/copy/function.go starter/copy/function_test.go starter/blank/*.tmpl
var Starters embed.FS

// StarterImportPrefix is the import path of the stand-ins for a project's
// internal packages that the copy starter compiles against here; in a
// project, the module path and "/internal/" stand in its place.
const StarterImportPrefix = "github.com/s3batchops/scaffold/templates/starter/internal/"

// The requirements and checksums a project's go.mod and go.sum are made
// from (they are not templates):
//
//   - <starter>-go.mod and <starter>-go.sum: what the function of each
//     starter imports, tests included, as `go mod tidy` wrote them in a
//     project of that starter (the golden projects, built with
//     -mod=readonly, fail when they are incomplete);
//   - scaffold-go.mod and scaffold-go.sum: copies of scaffold's own, for
//     projects that pin scaffold as a tool, and scaffold-tool-modules.txt,
//     the modules its command builds from; TestModuleCopies keeps them in
//     step with the repository (make sync-module).
var (
	//go:embed scaffold-go.mod
	ScaffoldGoMod []byte
	//go:embed scaffold-go.sum
	ScaffoldGoSum []byte
	// ScaffoldToolModules lists the modules that provide packages to the
	// scaffold command, one a line: the requirements a project that pins
	// scaffold as a tool needs (scaffold's test-only ones it does not).
	//go:embed scaffold-tool-modules.txt
	ScaffoldToolModules string
	//go:embed blank-go.mod blank-go.sum copy-go.mod copy-go.sum
	starterModules embed.FS

	// CopySchema is the schema of the copy starter's arguments, the
	// AWS Storage Blog's four, when the user gives none.
	//go:embed copy.schema.json
	CopySchema []byte
)

// StarterModule returns the go.mod and go.sum of a starter's function.
func StarterModule(starter string) (gomod, gosum []byte, err error) {
	if gomod, err = starterModules.ReadFile(starter + "-go.mod"); err != nil {
		return nil, nil, err
	}
	gosum, err = starterModules.ReadFile(starter + "-go.sum")
	return gomod, gosum, err
}
