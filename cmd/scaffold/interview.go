package main

import (
	"errors"
	"fmt"
	"os"
	"slices"
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
	// defs are the arguments defined one by one; nil when they come from
	// a file, the copy starter, or there are none.
	defs []argDef
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
	for _, s := range iv.settings() {
		if s.applies() && !iv.given[s.flag] {
			if err := s.ask(); err != nil {
				return err
			}
		}
	}
	return nil
}

// setting is one answer of the interview that the review can change.
type setting struct {
	flag, label string
	applies     func() bool // whether the question is asked at all
	ask         func() error
}

// settings are the interview's questions after DIR, in order.
func (iv *interview) settings() []setting {
	o := iv.o
	always := func() bool { return true }
	v2 := func() bool { return o.InvocationSchemaVersion != "1.0" }
	notCopy := func() bool { return o.Starter != "copy" }
	return []setting{
		{"name", "function name", always, func() (err error) {
			def := dirName(o.dir)
			if gen.CheckName(def) != nil {
				def = ""
			}
			o.Name, err = iv.p.Input(qName, def, gen.CheckName)
			return err
		}},
		{"module", "Go module path", always, func() (err error) {
			o.Module, err = iv.p.Input(qModule, "example.com/"+o.Name, gen.CheckModule)
			return err
		}},
		{"invocation-schema", "invocation schema", always, func() (err error) {
			o.InvocationSchemaVersion, err = iv.p.Select(qInvocation, gen.InvocationSchemaVersions, gen.DefaultInvocationSchemaVersion)
			return err
		}},
		{"arch", "architecture", always, func() (err error) {
			o.Arch, err = iv.p.Select(qArch, gen.Architectures, gen.Architectures[0])
			return err
		}},
		{"starter", "starter", v2, func() (err error) {
			o.Starter, err = iv.p.Select(qStarter, gen.Starters, gen.Starters[0])
			return err
		}},
		{"schema", "job arguments", func() bool { return v2() && notCopy() }, iv.arguments},
		{"task-schema", "task parameters", notCopy, iv.taskSchema},
	}
}

// taskSchema asks whether manifest keys carry parameters, and their schema.
func (iv *interview) taskSchema() error {
	o := iv.o
	o.taskSchema = ""
	if yes, err := iv.p.Confirm(qTaskParams, false); err != nil || !yes {
		return err
	}
	var err error
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

// arguments asks for the job's arguments (invocation schema 2.0 only).
func (iv *interview) arguments() error {
	o := iv.o
	how, err := iv.p.Select(qArgs, []string{argsDefine, argsFile, argsNone}, argsDefine)
	if err != nil {
		return err
	}
	o.schema, o.schemaData, iv.defs = "", nil, nil
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
		iv.setDefs(defs)
	}
	return nil
}

// setDefs makes defs, defined in the interview, the project's arguments.
func (iv *interview) setDefs(defs []argDef) {
	o := iv.o
	iv.defs = defs
	if defs == nil {
		defs = []argDef{}
	}
	o.schemaData, o.schema = renderSchema(defs), builtSchemaFile
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

// Answers to "What to change?", after "no" to "Create the project?".
const (
	reviewEdit   = "edit an argument"
	reviewAdd    = "add an argument"
	reviewDelete = "delete an argument"
	reviewChange = "change another answer"
	reviewCancel = "nothing: cancel, writing nothing"
)

// review prints the choices, the number of files and the arguments, on one
// screen, and asks to go on. No offers to edit, add or delete an argument
// defined in the interview, or to change any other answer; review returns
// again when something changed, and the caller reviews the new project.
func (iv *interview) review(e *env, dir string, spec *schema.Spec, files gen.FileSet) (again bool, err error) {
	printChoices(e, iv.o, dir, len(files))
	if len(spec.Args) > 0 {
		printArgs(e, spec)
	}
	ok, err := iv.p.Confirm(question{"Create the project?", "No lets you change any answer, or cancel."}, true)
	if err != nil || ok {
		return false, err
	}
	var options []string
	if iv.defs != nil {
		if len(iv.defs) > 0 {
			options = append(options, reviewEdit, reviewDelete)
		}
		if len(iv.defs) < schema.MaxArgs {
			options = append(options, reviewAdd)
		}
	}
	options = append(options, reviewChange, reviewCancel)
	what, err := iv.p.Select(question{"What to change?", "Each change is checked as it was the first time; then the summary is shown again."}, options, options[0])
	if err != nil {
		return false, err
	}
	switch what {
	case reviewCancel:
		return false, errCancelled
	case reviewChange:
		return true, iv.changeAnswer()
	}
	return true, iv.changeArgs(what)
}

// changeArgs edits, adds or deletes one argument defined in the interview.
func (iv *interview) changeArgs(what string) error {
	defs := slices.Clone(iv.defs)
	if what == reviewAdd {
		d, err := iv.defineArg(defs)
		if err != nil {
			return err
		}
		iv.setDefs(append(defs, d))
		return nil
	}
	names := make([]string, len(defs))
	for i, d := range defs {
		names[i] = d.name
	}
	name, err := iv.p.Select(question{"Which argument?", "Edit asks all its questions again; delete removes it from the schema."}, names, names[0])
	if err != nil {
		return err
	}
	i := slices.Index(names, name)
	others := slices.Delete(slices.Clone(defs), i, i+1)
	if what == reviewDelete {
		iv.setDefs(others)
		return nil
	}
	// Asked anew, checked against the others, kept in its place.
	d, err := iv.defineArg(others)
	if err != nil {
		return err
	}
	iv.setDefs(slices.Insert(others, i, d))
	return nil
}

// changeAnswer asks one setting's question again, and those that follow
// from it (the arguments after a change of starter).
func (iv *interview) changeAnswer() error {
	o := iv.o
	var labels []string
	byLabel := map[string]setting{}
	for _, s := range iv.settings() {
		if s.applies() {
			labels = append(labels, s.label)
			byLabel[s.label] = s
		}
	}
	label, err := iv.p.Select(question{"Which answer?", "The question is asked again, and the summary shown after it."}, labels, labels[0])
	if err != nil {
		return err
	}
	wasCopy := o.Starter == "copy"
	if err := byLabel[label].ask(); err != nil {
		return err
	}
	switch {
	case o.InvocationSchemaVersion == "1.0":
		// Schema 1.0 events carry no arguments.
		o.schema, o.schemaData, iv.defs = "", nil, nil
	case label == "starter" && o.Starter == "copy":
		o.schema, o.schemaData, iv.defs = "", nil, nil // the copy starter brings its own
	case label == "starter" && wasCopy, label == "invocation schema" && o.schema == "" && !iv.given["schema"]:
		o.schema, o.schemaData = "", nil
		return iv.arguments()
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
