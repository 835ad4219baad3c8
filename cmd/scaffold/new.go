package main

import (
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/s3batchops/scaffold/app"
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
and --task-schema), shows a summary and asks to go on, or to change any
answer. With --no-input, or without a terminal, it never asks: a missing
DIR is an error.

Without --schema the function takes no arguments. A schema with arguments
needs invocation schema 2.0, the default: schema 1.0 events carry no
UserArguments.`

const newExamples = `  # Be asked for everything, in a terminal:
  scaffold new

  # A function whose job arguments are described by args.schema.json:
  scaffold new --no-input --name copier --module example.com/copier \
    --schema args.schema.json ./copier

  # A function without arguments, for x86_64, invoked with schema 1.0:
  scaffold new --no-input --arch x86_64 --invocation-schema 1.0 ./tagger

  # The AWS Storage Blog's copy function, with its four arguments:
  scaffold new --no-input --starter copy ./copier

  # Show the files that would be written, and write nothing:
  scaffold new --no-input --schema args.yaml --dry-run ./copier`

// newOptions are the flags of scaffold new, and DIR: the settings land in
// gen.Options, which the interview fills in too.
type newOptions struct {
	dir string
	gen.Options
	// schema and taskSchema are the schema files given, on this machine.
	schema, taskSchema     string
	noInput, force, dryRun bool
	// schemaData is the schema the interview built, written to the project
	// as schema; nil when the schema is a file of the user's.
	schemaData []byte
}

// optionFlags names the flag of each setting of gen.Options that has one.
var optionFlags = map[string]string{
	"name":                    "--name",
	"module":                  "--module",
	"invocationSchemaVersion": "--invocation-schema",
	"architecture":            "--arch",
	"starter":                 "--starter",
	"taskSchema":              "--task-schema",
}

func runNew(e *env, args []string) error {
	var o newOptions
	fs := newFlagSet("new", "scaffold new [flags] [DIR]", newAbout, newExamples, e)
	fs.StringVar(&o.Name, "name", "", "the function's `name` ("+gen.NameRule+"; default: DIR's base name)")
	fs.StringVar(&o.Module, "module", "", "the Go module `path` (default: example.com/NAME)")
	fs.StringVar(&o.schema, "schema", "", "the UserArguments schema `file` (.json, .yaml or .yml); none: no arguments")
	fs.StringVar(&o.InvocationSchemaVersion, "invocation-schema", gen.DefaultInvocationSchemaVersion, "the S3 invocation schema `version`, "+gen.OneOf(gen.InvocationSchemaVersions))
	fs.StringVar(&o.Arch, "arch", gen.Architectures[0], "the Lambda `architecture`, "+gen.OneOf(gen.Architectures))
	fs.StringVar(&o.taskSchema, "task-schema", "", "a schema `file` of the JSON object each manifest key carries (URL-encoded): Process gets it typed")
	fs.StringVar(&o.Starter, "starter", gen.Starters[0], "the `starter` function: blank, or copy (the AWS blog's copy function, with its arguments unless --schema)")
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
	files, err := o.make(e, iv)
	if err != nil || o.dryRun {
		return err
	}
	if err := holdingInterrupts(e, func() error { return project.Create(o.dir, files, o.force) }); errors.Is(err, project.ErrProject) {
		return &usageError{err.Error()}
	} else if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "scaffold: created %s (%d files). Next:\n\tcd %s && make test\n", o.dir, len(files), o.dir)
	return nil
}

// make returns the project's files (with --dry-run, printed), after the
// interview's review when there was an interview: each change there makes
// the project anew.
func (o *newOptions) make(e *env, iv *interview) (gen.FileSet, error) {
	for {
		opts := *o
		if err := opts.defaults(); err != nil {
			return nil, err
		}
		spec, files, err := app.New(opts.Options, app.Source{Path: opts.schema, Data: opts.schemaData}, app.Source{Path: opts.taskSchema})
		if err != nil {
			return nil, settingError(err)
		}
		if o.dryRun {
			return files, printPlan(e, o.dir, files)
		}
		if iv == nil {
			return files, nil
		}
		if again, err := iv.review(e, o.dir, spec, files); err != nil || !again {
			return files, err
		}
	}
}

// defaults fills in the settings that follow from others: the name from
// DIR, the copy starter's own schema.
func (o *newOptions) defaults() error {
	if o.Name == "" {
		o.Name = dirName(o.dir)
		if gen.CheckName(o.Name) != nil {
			return usagef("DIR's base name %q is not a Lambda function name: set --name (%s)", o.Name, gen.NameRule)
		}
	}
	o.Version = scaffoldVersion()
	o.Defaults()
	if o.Starter == "copy" && o.schema == "" {
		// The copy function's own arguments, the AWS Storage Blog's four.
		o.schema, o.schemaData = builtSchemaFile, templates.CopySchema
	}
	return nil
}

// settingError returns the settings' errors (gen.Options.Check reports
// them all) as one usage error, each naming its flag, when every one is a
// setting with a flag; otherwise err as it is.
func settingError(err error) error {
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	msgs := make([]string, len(errs))
	for i, e := range errs {
		var oe *gen.OptionError
		if !errors.As(e, &oe) || optionFlags[oe.Key] == "" {
			return err
		}
		named := *oe
		named.Key = optionFlags[oe.Key]
		msgs[i] = named.Error()
	}
	return &usageError{strings.Join(msgs, "\n")}
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
