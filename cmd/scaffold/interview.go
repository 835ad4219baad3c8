package main

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/s3batchops/scaffold/gen"
	"github.com/s3batchops/scaffold/schema"
)

// interview asks, one question at a time, for what the flags of scaffold new
// did not give. Every answer is checked as it is typed, with the same checks
// as the flags (and, for arguments, the schema loader itself), so that the
// user answers again rather than meeting an error at the end.
type interview struct {
	p     prompter
	o     *newOptions
	given map[string]bool // the flags on the command line
}

// Every prompt maps to one flag; the README has the table.
var (
	qDir        = question{"Project directory:", "Where to create the project: a new or empty directory. Flag: DIR."}
	qName       = question{"Function name:", "The Lambda function's name: letters, digits, - and _, at most 64. Flag: --name."}
	qModule     = question{"Go module path:", "The module path in go.mod, such as github.com/you/copier. Flag: --module."}
	qInvocation = question{"Invocation schema (2.0 is needed for arguments and directory buckets):", "S3 sends schema 1.0 or 2.0 events; only 2.0 carries UserArguments. Flag: --invocation-schema."}
	qArch       = question{"Lambda architecture:", "arm64 (Graviton) is cheaper per second; x86_64 if a dependency needs it. Flag: --arch."}
	qStarter    = question{"Starter:", "blank: a Process to fill in; copy: the AWS Storage Blog's copy function, with its four arguments and an integration test. Flag: --starter."}
	qArgs       = question{"Job arguments (UserArguments):", "Define the arguments here, use an existing JSON Schema file, or have none. Flag: --schema."}
	qTaskParams = question{"Do manifest keys carry JSON task parameters?", "No for plain object keys (most jobs). Yes when each manifest key is URL-encoded JSON with the task's own parameters, described by a schema. Flag: --task-schema."}
	qTaskSchema = question{"Task parameters schema file:", "A JSON Schema of the object each manifest key carries, .json, .yaml or .yml. Flag: --task-schema."}
	qSchemaFile = question{"Schema file:", "A JSON Schema (2020-12) of the arguments, .json, .yaml or .yml. Flag: --schema."}
)

const (
	argsDefine = "define them one by one"
	argsFile   = "use a schema file"
	argsNone   = "none"
)

// run asks for every missing value of iv.o.
func (iv *interview) run() error {
	o := iv.o
	var err error
	if o.dir == "" {
		if o.dir, err = iv.p.Input(qDir, "", func(s string) error { return checkDir(s, o.force) }); err != nil {
			return err
		}
	}
	if !iv.given["name"] {
		def := dirName(o.dir)
		if gen.CheckName(def) != nil {
			def = ""
		}
		if o.Name, err = iv.p.Input(qName, def, gen.CheckName); err != nil {
			return err
		}
	}
	if !iv.given["module"] {
		if o.Module, err = iv.p.Input(qModule, "example.com/"+o.Name, gen.CheckModule); err != nil {
			return err
		}
	}
	if !iv.given["invocation-schema"] {
		if o.InvocationSchemaVersion, err = iv.p.Select(qInvocation, gen.InvocationSchemaVersions, gen.DefaultInvocationSchemaVersion); err != nil {
			return err
		}
	}
	if !iv.given["arch"] {
		if o.Arch, err = iv.p.Select(qArch, gen.Architectures, gen.Architectures[0]); err != nil {
			return err
		}
	}
	if o.InvocationSchemaVersion != "1.0" {
		if err := iv.arguments(); err != nil {
			return err
		}
	}
	if iv.given["task-schema"] || o.Starter == "copy" {
		return nil
	}
	if yes, err := iv.p.Confirm(qTaskParams, false); err != nil || !yes {
		return err
	}
	o.taskSchema, err = iv.p.Input(qTaskSchema, "", func(path string) error {
		if strings.TrimSpace(path) == "" {
			return errors.New("give the schema's file, such as task.schema.json")
		}
		data, err := schema.ReadFile(path)
		if err != nil {
			return err
		}
		_, err = schema.ParseTask(path, data)
		return allProblems(err)
	})
	return err
}

// arguments asks for the starter and the job's arguments (invocation
// schema 2.0 only).
func (iv *interview) arguments() error {
	o := iv.o
	var err error
	if !iv.given["starter"] {
		if o.Starter, err = iv.p.Select(qStarter, gen.Starters, gen.Starters[0]); err != nil {
			return err
		}
	}
	if iv.given["schema"] || o.Starter == "copy" {
		return nil // the copy starter brings its own arguments
	}
	how, err := iv.p.Select(qArgs, []string{argsDefine, argsFile, argsNone}, argsDefine)
	if err != nil {
		return err
	}
	switch how {
	case argsFile:
		o.schema, err = iv.p.Input(qSchemaFile, "", func(path string) error {
			_, err := schema.Load(path)
			return allProblems(err)
		})
		return err
	case argsDefine:
		defs, err := iv.defineArgs()
		if err != nil {
			return err
		}
		o.schemaData = renderSchema(defs)
		o.schema = builtSchemaFile
	}
	return nil
}

// builtSchemaFile is where the interview writes the schema it built.
const builtSchemaFile = "args.schema.json"

// checkDir accepts a directory that does not exist or is empty (or, with
// --force, any directory).
func checkDir(dir string, force bool) error {
	if strings.TrimSpace(dir) == "" {
		return errors.New("give a directory, such as ./copier")
	}
	entries, err := os.ReadDir(dir)
	if err == nil && len(entries) > 0 && !force {
		return fmt.Errorf("%s is not empty: choose a new directory", dir)
	}
	return nil
}

// allProblems returns a schema error for an inline message: every problem,
// a line each, with its hint, so that one answer can fix them all.
func allProblems(err error) error {
	var probs schema.Problems
	if !errors.As(err, &probs) {
		return err
	}
	lines := make([]string, len(probs))
	for i, p := range probs {
		lines[i] = strings.ReplaceAll(p.Error(), "\n\thint:", ";")
	}
	return fmt.Errorf("%s:\n%s", plural(len(probs), "problem"), strings.Join(lines, "\n"))
}

// confirm prints the choices, the number of files and the arguments, on
// one screen, and asks to go on.
func (iv *interview) confirm(e *env, dir string, spec *schema.Spec, files gen.FileSet) error {
	printChoices(e, iv.o, dir, len(files))
	if len(spec.Args) > 0 {
		printArgs(e, spec)
	}
	ok, err := iv.p.Confirm(question{"Create the project?", "No writes nothing."}, true)
	if err != nil {
		return err
	}
	if !ok {
		return errCancelled
	}
	return nil
}

// printChoices lists what the project is made from, one line each.
func printChoices(e *env, o *newOptions, dir string, files int) {
	o2 := o.Options
	args := "none"
	if o.schema != "" {
		args = o.schema
	}
	task := "none (plain object keys)"
	if o.taskSchema != "" {
		task = o.taskSchema
	}
	fmt.Fprintf(e.stdout, "scaffold new will write %s to %s:\n", plural(files, "file"), dir)
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	for _, c := range [][2]string{
		{"name", o2.Name}, {"module", o2.Module}, {"invocation schema", o2.InvocationSchemaVersion},
		{"architecture", o2.Arch}, {"starter", o2.Starter}, {"arguments", args}, {"task parameters", task},
	} {
		fmt.Fprintf(tw, "  %s\t%s\n", c[0], c[1])
	}
	tw.Flush()
}
