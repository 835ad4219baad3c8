package gen

import (
	"fmt"
	"path"

	"github.com/s3batchops/scaffold/schema"
)

// model is everything the emitters read: the spec, the options, and what
// follows from them, decided once.
type model struct {
	spec   *schema.Spec
	opts   Options
	module string
	// argsPkg and batchPkg are the import paths of the generated packages.
	argsPkg  string
	batchPkg string
	goarch   string
	// pinned is the version of scaffold go.mod pins as a tool; "" for none.
	pinned string
	// task is the task schema; nil for none.
	task *schema.Spec
	// paramsPkg is the import path of the generated params package.
	paramsPkg string
	// samples holds a valid wire value for every argument, by name.
	samples map[string]string
	// invalid holds the invalid wire values of every argument and their
	// messages, by name; paramsCases the keys the task schema rejects.
	invalid     map[string][]invalidCase
	paramsCases []paramsCase
}

func newModel(spec *schema.Spec, opts Options) (*model, error) {
	opts.Defaults() // for scaffold.yaml files of earlier scaffolds, too
	if err := opts.Check(spec); err != nil {
		return nil, err
	}
	m := &model{
		spec:      spec,
		opts:      opts,
		module:    opts.Module,
		argsPkg:   path.Join(opts.Module, "internal/args"),
		batchPkg:  path.Join(opts.Module, "internal/batch"),
		goarch:    goarch[opts.Arch],
		pinned:    pinnedVersion(opts.Version),
		task:      opts.Task,
		paramsPkg: path.Join(opts.Module, "internal/params"),
		samples:   map[string]string{},
		invalid:   map[string][]invalidCase{},
	}
	for _, a := range spec.Args {
		w, ok := a.Sample()
		if !ok {
			return nil, fmt.Errorf("argument %q: no valid sample value", a.Name) // the loader reports this first
		}
		m.samples[a.Name] = w
		cases, err := invalidValues(a)
		if err != nil {
			return nil, err
		}
		m.invalid[a.Name] = cases
	}
	if m.task != nil {
		cases, err := paramsCases(m.task)
		if err != nil {
			return nil, err
		}
		m.paramsCases = cases
	}
	return m, nil
}

// hasArgs reports whether the function takes any arguments.
func (m *model) hasArgs() bool { return len(m.spec.Args) > 0 }
