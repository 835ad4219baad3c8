package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

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
	qTaskSchema = question{"Task parameters schema file (empty for none):", "When each manifest key is URL-encoded JSON with the task's own parameters: a JSON Schema of that object. Flag: --task-schema."}
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
	o.taskSchema, err = iv.p.Input(qTaskSchema, "", func(path string) error {
		if path == "" {
			return nil
		}
		data, err := schema.ReadFile(path)
		if err != nil {
			return oneLine(err)
		}
		_, err = schema.ParseTask(path, data)
		return oneLine(err)
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
			return oneLine(err)
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

// oneLine shortens a schema error for an inline message: its first problem,
// and how many more there are.
func oneLine(err error) error {
	var probs schema.Problems
	if !errors.As(err, &probs) {
		return err
	}
	msg := strings.ReplaceAll(probs[0].Error(), "\n\thint:", ";")
	if len(probs) > 1 {
		msg += fmt.Sprintf(" (and %d more)", len(probs)-1)
	}
	return errors.New(msg)
}

// confirm prints what scaffold new would write and asks to go on.
func (iv *interview) confirm(e *env, dir string, spec *schema.Spec, files gen.FileSet) error {
	if err := printPlan(e, dir, files); err != nil {
		return err
	}
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
