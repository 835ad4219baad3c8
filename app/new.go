package app

import (
	"fmt"
	"path/filepath"

	"github.com/s3batchops/scaffold/gen"
	"github.com/s3batchops/scaffold/schema"
)

// Source is a schema given to scaffold new: a file on this machine, or a
// document already in memory (the interview's, the copy starter's), kept
// in the project under Path's base name.
type Source struct {
	Path string // "" for none
	Data []byte // nil: read Path
}

func (s Source) read() ([]byte, error) {
	if s.Data != nil {
		return s.Data, nil
	}
	return schema.ReadFile(s.Path) // bounded: at most schema.MaxFileSize+1 bytes
}

// Load reads the schemas into opts (SchemaFile, SchemaData, Task, …) and
// returns the arguments' schema, empty when there is none. A file that
// cannot be read is an error naming flag, the command line's name for it.
func Load(opts *gen.Options, args, task Source) (*schema.Spec, error) {
	spec := &schema.Spec{}
	if args.Path != "" {
		data, err := args.read()
		if err != nil {
			return nil, fmt.Errorf("--schema: %w", err)
		}
		if spec, err = schema.Parse(args.Path, data); err != nil {
			return nil, err
		}
		opts.SchemaFile, opts.SchemaData = filepath.Base(args.Path), data
	}
	if task.Path != "" {
		data, err := task.read()
		if err != nil {
			return nil, fmt.Errorf("--task-schema: %w", err)
		}
		if opts.Task, err = schema.ParseTask(task.Path, data); err != nil {
			return nil, err
		}
		opts.TaskSchemaFile, opts.TaskSchemaData = filepath.Base(task.Path), data
	}
	return spec, nil
}

// New returns a new project's files for opts, with its schemas loaded: the
// use case of scaffold new up to writing, which project.Create does. A
// setting that cannot make a working project is a *gen.OptionError.
func New(opts gen.Options, args, task Source) (*schema.Spec, gen.FileSet, error) {
	spec, err := Load(&opts, args, task)
	if err != nil {
		return nil, nil, err
	}
	if err := opts.Check(spec); err != nil {
		return nil, nil, err
	}
	files, err := gen.Generate(spec, opts)
	return spec, files, err
}
