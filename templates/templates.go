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
