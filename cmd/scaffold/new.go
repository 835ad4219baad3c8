package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"text/tabwriter"

	"github.com/s3batchops/scaffold/gen"
	"github.com/s3batchops/scaffold/project"
	"github.com/s3batchops/scaffold/schema"
)

const newAbout = `New creates a Lambda function project for S3 Batch Operations in DIR: typed
arguments from the schema, a handler that owns the event's bytes, tests, a
Makefile and a SAM template. DIR must not exist or be empty, unless --force.

Without --schema the function takes no arguments. A schema with arguments
needs invocation schema 2.0, the default: schema 1.0 events carry no
UserArguments.`

const newExamples = `  # A function whose job arguments are described by args.schema.json:
  scaffold new --no-input --name copier --module example.com/copier --schema args.schema.json ./copier

  # A function without arguments, for x86_64, invoked with schema 1.0:
  scaffold new --no-input --arch x86_64 --invocation-schema 1.0 ./tagger

  # Show the files that would be written, and write nothing:
  scaffold new --no-input --schema args.yaml --dry-run ./copier`

// newOptions are the flags of scaffold new.
type newOptions struct {
	name, module, schema, invocation, arch string
	noInput, force, dryRun                 bool
}

// lambdaName is what Lambda accepts as a function name.
var lambdaName = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

func runNew(e *env, args []string) error {
	var o newOptions
	fs := newFlagSet("new", "scaffold new [flags] DIR", newAbout, newExamples, e)
	fs.StringVar(&o.name, "name", "", "the function's `name` (letters, digits, - and _; default: DIR's base name)")
	fs.StringVar(&o.module, "module", "", "the Go module `path` (default: example.com/NAME)")
	fs.StringVar(&o.schema, "schema", "", "the UserArguments schema `file` (.json, .yaml or .yml); none: no arguments")
	fs.StringVar(&o.invocation, "invocation-schema", "2.0", "the S3 invocation schema `version`, 1.0 or 2.0")
	fs.StringVar(&o.arch, "arch", "arm64", "the Lambda `architecture`, arm64 or x86_64")
	fs.BoolVar(&o.noInput, "no-input", false, "never prompt; take every value from flags and defaults")
	fs.BoolVar(&o.force, "force", false, "write into a non-empty DIR (never over a file scaffold did not write)")
	fs.BoolVar(&o.dryRun, "dry-run", false, "print the files that would be written, and write nothing")
	if err := fs.parse(args); err != nil {
		return err
	}
	switch fs.NArg() {
	case 0:
		return usagef("missing DIR: the directory to create the project in")
	case 1:
	default:
		return usagef("too many arguments: want one DIR, got %q", fs.Args())
	}
	dir := fs.Arg(0)
	if o.name == "" {
		o.name = filepath.Base(filepath.Clean(dir))
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

	spec, opts, err := o.load()
	if err != nil {
		return err
	}
	files, err := gen.Generate(spec, opts)
	if err != nil {
		return err
	}
	if o.dryRun {
		return printPlan(e, dir, files)
	}
	if err := project.Create(dir, files, o.force); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "scaffold: created %s (%d files). Next:\n\tcd %s && make test\n", dir, len(files), dir)
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
	}
	spec := &schema.Spec{}
	if o.schema != "" {
		data, err := os.ReadFile(o.schema)
		if err != nil {
			return nil, opts, fmt.Errorf("--schema: %w", err)
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
	return spec, opts, nil
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
