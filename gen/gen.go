package gen

import (
	"errors"
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/s3batchops/scaffold/internal/parallel"
	"github.com/s3batchops/scaffold/schema"
)

// goFile is one Go file of the project and the function that emits it.
type goFile struct {
	path  string
	owner Owner
	emit  func(*model) *jen.File
	// only, when set, says whether the project has the file.
	only func(*model) bool
}

func hasTask(m *model) bool { return m.task != nil }

// goFiles lists the project's Go files that scaffold emits with jennifer:
// those the schema or scaffold.yaml decide. The emitters are in the file
// named for the package they emit. The rest of internal/batch is copied
// from templates/runtime/batch (runtimeFiles), the starters come from
// templates/starter (starterFiles). They are listed longest to render first,
// the order in which Generate starts them.
var goFiles = []goFile{
	{"internal/args/args.go", Scaffold, emitArgs, nil},
	{"internal/batch/project_test.go", Scaffold, emitProjectTest, nil},
	{"internal/args/args_test.go", Scaffold, emitArgsTest, nil},
	{"internal/params/params.go", Scaffold, emitParams, hasTask},
	{"internal/params/params_test.go", Scaffold, emitParamsTest, hasTask},
	{"main.go", Scaffold, emitMain, nil},
	{"internal/batch/settings.go", Scaffold, emitSettings, nil},
}

// Generate returns the project for spec and opts. It is deterministic and
// does no I/O. An error means the options cannot make a working project (a
// schema with arguments under invocation schema 1.0, say) or, for an error
// that names a file, a bug in scaffold.
func Generate(spec *schema.Spec, opts Options) (FileSet, error) {
	m, err := newModel(spec, opts)
	if err != nil {
		return nil, err
	}
	// Each part is independent of the others and most of them format Go:
	// render them side by side, each into its own slot, so that the result
	// is the same in any order.
	var parts []func() (FileSet, error)
	for _, gf := range goFiles {
		if gf.only == nil || gf.only(m) {
			parts = append(parts, func() (FileSet, error) {
				data, err := renderGo(gf.path, gf.emit(m))
				return FileSet{{Path: gf.path, Data: data, Owner: gf.owner}}, err
			})
		}
	}
	parts = append(parts,
		func() (FileSet, error) { return starterFiles(m) },
		func() (FileSet, error) { return renderTemplates(m) },
		func() (FileSet, error) { return moduleFiles(m) },
		func() (FileSet, error) { return runtimeFiles(m) },
	)
	sets := make([]FileSet, len(parts))
	errs := make([]error, len(parts))
	// As many workers as processors (parallel.For's bound) take the parts
	// in order, the longest first (goFiles lists them so), so that the
	// longest never starts last.
	parallel.For(len(parts), len(parts), func(i int) { sets[i], errs[i] = parts[i]() })
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	var fs FileSet
	for _, set := range sets {
		fs = append(fs, set...)
	}
	if m.opts.SchemaFile != "" {
		fs = append(fs, File{Path: m.opts.SchemaFile, Data: m.opts.SchemaData, Owner: User})
	}
	if m.task != nil {
		fs = append(fs, File{Path: m.opts.TaskSchemaFile, Data: m.opts.TaskSchemaData, Owner: User})
	}
	fs.sort()
	for i := 1; i < len(fs); i++ {
		if fs[i].Path == fs[i-1].Path {
			return nil, fmt.Errorf("the schema file %s has the name of a file scaffold writes: rename it (in scaffold.yaml too, for an existing project)", fs[i].Path)
		}
	}
	fs = append(fs, lockFile(m, fs))
	fs.sort()
	return fs, nil
}

// moduleFiles are the project's go.mod and go.sum.
func moduleFiles(m *model) (FileSet, error) {
	gomod, err := renderGoMod(m)
	if err != nil {
		return nil, err
	}
	gosum, err := renderGoSum(m)
	if err != nil {
		return nil, err
	}
	return FileSet{{Path: "go.mod", Data: gomod, Owner: Scaffold}, {Path: "go.sum", Data: gosum, Owner: Scaffold}}, nil
}
