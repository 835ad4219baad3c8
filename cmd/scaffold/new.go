package main

import (
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"text/tabwriter"

	"github.com/s3batchops/scaffold/gen"
	"github.com/s3batchops/scaffold/project"
	"github.com/s3batchops/scaffold/schema"
	"github.com/s3batchops/scaffold/templates"
)

const newAbout = `New creates a Lambda function project for S3 Batch Operations in DIR: typed
arguments from the schema, a handler that owns the event's bytes, tests, a
Makefile and a SAM template. DIR must not exist or be empty, unless --force.

In a terminal, new asks for what the flags do not give (DIR, --name,
--module, --invocation-schema, --arch, --starter, the arguments: a --schema
file, or defined one by one, which writes args.schema.json into the project,
and --task-schema), shows a summary and asks to go on. With --no-input, or without a terminal, it never
asks: a missing DIR is an error.

Without --schema the function takes no arguments. A schema with arguments
needs invocation schema 2.0, the default: schema 1.0 events carry no
UserArguments.`

const newExamples = `  # Be asked for everything, in a terminal:
  scaffold new

  # A function whose job arguments are described by args.schema.json:
  scaffold new --no-input --name copier --module example.com/copier --schema args.schema.json ./copier

  # A function without arguments, for x86_64, invoked with schema 1.0:
  scaffold new --no-input --arch x86_64 --invocation-schema 1.0 ./tagger

  # The AWS Storage Blog's copy function, with its four arguments:
  scaffold new --no-input --starter copy ./copier

  # Show the files that would be written, and write nothing:
  scaffold new --no-input --schema args.yaml --dry-run ./copier`

// newOptions are the flags of scaffold new, and DIR.
type newOptions struct {
	dir                                             string
	name, module, schema, invocation, arch, starter string
	taskSchema                                      string
	noInput, force, dryRun                          bool
	// schemaData is the schema the interview built, written to the project
	// as schema; nil when the schema is a file of the user's.
	schemaData []byte
}

// lambdaName is what Lambda accepts as a function name.
var lambdaName = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

func runNew(e *env, args []string) error {
	var o newOptions
	fs := newFlagSet("new", "scaffold new [flags] [DIR]", newAbout, newExamples, e)
	fs.StringVar(&o.name, "name", "", "the function's `name` (letters, digits, - and _; default: DIR's base name)")
	fs.StringVar(&o.module, "module", "", "the Go module `path` (default: example.com/NAME)")
	fs.StringVar(&o.schema, "schema", "", "the UserArguments schema `file` (.json, .yaml or .yml); none: no arguments")
	fs.StringVar(&o.invocation, "invocation-schema", "2.0", "the S3 invocation schema `version`, 1.0 or 2.0")
	fs.StringVar(&o.arch, "arch", "arm64", "the Lambda `architecture`, arm64 or x86_64")
	fs.StringVar(&o.taskSchema, "task-schema", "", "a schema `file` of the JSON object each manifest key carries (URL-encoded): Process gets it typed")
	fs.StringVar(&o.starter, "starter", "blank", "the function to start from: `blank`, or copy (the AWS blog's copy function, with its arguments unless --schema)")
	fs.BoolVar(&o.noInput, "no-input", false, "never ask, even in a terminal; take every value from flags and defaults")
	fs.BoolVar(&o.force, "force", false, "write into a non-empty DIR (never over a file scaffold did not write)")
	fs.BoolVar(&o.dryRun, "dry-run", false, "print the files that would be written, and write nothing")
	if err := fs.parse(args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return usagef("too many arguments: want one DIR, got %q", fs.Args())
	}
	o.dir = fs.Arg(0)
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })

	// Prompt only in a terminal, and never with --no-input: otherwise a
	// missing value is a usage error naming its flag.
	var iv *interview
	if e.prompter != nil && !o.noInput {
		iv = &interview{p: e.prompter, o: &o, given: given}
		if err := iv.run(); err != nil {
			return err
		}
	}
	if o.dir == "" {
		return usagef("missing DIR: the directory to create the project in (run in a terminal without --no-input to be asked)")
	}
	if err := project.CheckNew(o.dir, o.force); errors.Is(err, project.ErrProject) {
		return &usageError{err.Error()}
	} else if err != nil {
		return err
	}
	if err := o.check(); err != nil {
		return err
	}
	spec, opts, err := o.load()
	if err != nil {
		return err
	}
	files, err := gen.Generate(spec, opts)
	if err != nil {
		return err
	}
	if o.dryRun {
		return printPlan(e, o.dir, files)
	}
	if iv != nil {
		if err := iv.confirm(e, o.dir, spec, files); err != nil {
			return err
		}
	}
	if err := holdingInterrupts(e, func() error { return project.Create(o.dir, files, o.force) }); errors.Is(err, project.ErrProject) {
		return &usageError{err.Error()}
	} else if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "scaffold: created %s (%d files). Next:\n\tcd %s && make test\n", o.dir, len(files), o.dir)
	return nil
}

// check checks the values that flags and the interview give alike, and
// fills in the defaults that follow from others.
func (o *newOptions) check() error {
	if o.name == "" {
		o.name = dirName(o.dir)
		if !lambdaName.MatchString(o.name) {
			return usagef("DIR's base name %q is not a Lambda function name: set --name (letters, digits, - and _, at most 64)", o.name)
		}
	} else if !lambdaName.MatchString(o.name) {
		return usagef("--name %q: a Lambda function name has 1 to 64 letters, digits, - and _", o.name)
	}
	if o.module == "" {
		o.module = "example.com/" + o.name
	}
	switch o.invocation {
	case "1.0", "2.0":
	default:
		return usagef("--invocation-schema %q: want 1.0 or 2.0", o.invocation)
	}
	if _, ok := gen.Architectures[o.arch]; !ok {
		return usagef("--arch %q: want arm64 or x86_64", o.arch)
	}
	if !slices.Contains(gen.Starters, o.starter) {
		return usagef("--starter %q: want blank or copy", o.starter)
	}
	if o.starter == "copy" && o.schema == "" {
		// The copy function's own arguments, the AWS Storage Blog's four.
		o.schema, o.schemaData = builtSchemaFile, templates.CopySchema
	}
	return nil
}

// load reads the schema, if any, and returns the generator's inputs.
func (o *newOptions) load() (*schema.Spec, gen.Options, error) {
	opts := gen.Options{
		Name:                    o.name,
		Module:                  o.module,
		InvocationSchemaVersion: o.invocation,
		Arch:                    o.arch,
		Version:                 scaffoldVersion(),
		Starter:                 o.starter,
	}
	spec := &schema.Spec{}
	if o.schema != "" {
		data := o.schemaData
		var err error
		if data == nil {
			if data, err = schema.ReadFile(o.schema); err != nil {
				return nil, opts, fmt.Errorf("--schema: %w", err)
			}
		}
		spec, err = schema.Parse(o.schema, data)
		if err != nil {
			return nil, opts, err
		}
		opts.SchemaFile = filepath.Base(o.schema)
		opts.SchemaData = data
		if len(spec.Args) > 0 && o.invocation == "1.0" {
			return nil, opts, fmt.Errorf("%s has %s, but invocation schema 1.0 events carry no UserArguments: drop --invocation-schema 1.0 (2.0 is the default)", o.schema, plural(len(spec.Args), "argument"))
		}
	}
	if o.taskSchema != "" {
		data, err := schema.ReadFile(o.taskSchema)
		if err != nil {
			return nil, opts, fmt.Errorf("--task-schema: %w", err)
		}
		if opts.Task, err = schema.ParseTask(o.taskSchema, data); err != nil {
			return nil, opts, err
		}
		opts.TaskSchemaFile, opts.TaskSchemaData = filepath.Base(o.taskSchema), data
		if opts.TaskSchemaFile == opts.SchemaFile {
			return nil, opts, usagef("--task-schema and --schema are both named %s: rename one", opts.SchemaFile)
		}
	}
	return spec, opts, nil
}

// printArgs lists the arguments of spec as a table.
func printArgs(e *env, spec *schema.Spec) {
	fmt.Fprintf(e.stdout, "\nwith %s:\n", plural(len(spec.Args), "argument"))
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "  NAME\tGO FIELD\tTYPE\tREQUIRED\tDEFAULT\n")
	for _, a := range spec.Args {
		req, def := "no", ""
		if a.Required {
			req = "yes"
		}
		if a.Default != nil {
			def = strconv.Quote(*a.Default)
		}
		typ := a.Type.String()
		if a.IsEnum() {
			typ = "enum"
		} else if a.Type == schema.Array {
			typ = "list of " + a.Item.Type.String()
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", a.Name, a.GoName, typ, req, def)
	}
	tw.Flush()
}

// printPlan lists the files a project would have.
func printPlan(e *env, dir string, files gen.FileSet) error {
	fmt.Fprintf(e.stdout, "scaffold new would write %d files to %s:\n", len(files), dir)
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	for _, f := range files {
		fmt.Fprintf(tw, "  %s\t%s\t%d bytes\n", f.Path, f.Owner, len(f.Data))
	}
	return tw.Flush()
}

// dirName is the base name of dir, also for "." and "..".
func dirName(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		return filepath.Base(abs)
	}
	return filepath.Base(filepath.Clean(dir))
}
