package main

import (
	"fmt"

	"github.com/s3batchops/scaffold/app"
	"github.com/s3batchops/scaffold/gen"
	"github.com/s3batchops/scaffold/project"
)

const generateAbout = `Generate regenerates the project in DIR (default: the current directory)
after its schema or scaffold.yaml changed, or after an upgrade of scaffold.

It rewrites only the files scaffold owns (those marked DO NOT EDIT, listed
in scaffold.lock), and only those whose bytes change; it never writes your
files (function.go, function_test.go, README.md, scaffold.yaml, the schema),
but recreates one that is missing. Files scaffold made and no longer makes
are removed. When one of scaffold's files was edited by hand, generate
refuses and lists it: move the change into your code, or use --force.

The files are written as one transaction: an interruption leaves the old
project, or a pending write that the next scaffold command finishes. Then
the project is type-checked, and code of yours that the schema change broke
is listed with the change that broke it.`

const generateExamples = `  # After editing args.schema.json:
  scaffold generate

  # In CI: fail when the generated files are not up to date.
  scaffold generate --check ./copier

  # Show what would change, and write nothing:
  scaffold generate --diff`

// staleError means generate --check or --diff found the project out of
// date: exit 1, with the report or the diff already printed.
type staleError struct{ advice string }

func (e *staleError) Error() string {
	return "the project is not up to date with its schema and scaffold.yaml: " + e.advice
}

func runGenerate(e *env, args []string) error {
	var check, showDiff, force bool
	fs := newFlagSet("generate", "scaffold generate [flags] [DIR]", generateAbout, generateExamples, e)
	fs.BoolVar(&check, "check", false, "write nothing; exit 1 listing missing, extra, changed and hand-edited files")
	fs.BoolVar(&showDiff, "diff", false, "write nothing; print a unified diff of every difference (hand edits too); exit 1 if any")
	fs.BoolVar(&force, "force", false, "overwrite or remove scaffold's files even where edited by hand")
	if err := fs.parse(args); err != nil {
		return err
	}
	dir, err := fs.projectDir()
	if err != nil {
		return err
	}
	in := generateInput(e, dir, force, check || showDiff)
	in.Diff = showDiff
	r, err := app.Generate(in)
	if err != nil {
		return err
	}
	plan := r.Plan
	switch {
	case (check || showDiff) && plan.UpToDate():
		fmt.Fprintf(e.stderr, "scaffold: %s is up to date\n", dir)
		return nil
	case check:
		report(e, plan)
		return &staleError{r.Advice()}
	case showDiff:
		e.stdout.Write(r.Diff())
		return &staleError{r.Advice()}
	case r.Wrote:
		fmt.Fprintf(e.stderr, "scaffold: %s: wrote %s, removed %d\n", dir, plural(len(plan.Write), "file"), len(plan.Remove))
		for _, path := range plan.Kept {
			fmt.Fprintf(e.stderr, "scaffold: kept %s: scaffold no longer makes it, but it was edited by hand; it is yours now\n", path)
		}
	default:
		fmt.Fprintf(e.stderr, "scaffold: %s is up to date\n", dir)
	}
	// The type-check (three go list processes, a quarter of a second and
	// more) runs when the regeneration could have broken the user's code.
	if r.APIUnchanged() {
		if r.Wrote {
			// An up-to-date project needs no word on it: nothing changed.
			fmt.Fprintf(e.stderr, "scaffold: not type-checked: the arguments' Go API is as %s recorded it, and no other Go file changed\n", gen.LockFile)
		}
		return nil
	}
	terrs, err := app.TypeCheck(in, r)
	if err != nil {
		return err
	}
	if len(terrs) > 0 {
		for _, te := range terrs {
			fmt.Fprintln(e.stderr, te)
		}
		return fmt.Errorf("%s does not compile after the change (the regenerated files are kept): fix the code above", dir)
	}
	return nil
}

// generateInput is the use case's input, with the messages it prints as it
// goes and the Ctrl-C guard around its write.
func generateInput(e *env, dir string, force, readOnly bool) app.GenerateInput {
	return app.GenerateInput{
		Dir: dir, Version: scaffoldVersion(), Force: force, ReadOnly: readOnly,
		Waiting: func() {
			fmt.Fprintf(e.stderr, "scaffold: waiting for another scaffold command in %s to finish\n", dir)
		},
		Recovered: func() { fmt.Fprintf(e.stderr, "scaffold: finished an interrupted generate in %s\n", dir) },
		Write:     func(write func() error) error { return holdingInterrupts(e, write) },
	}
}

// report lists what --check found, by kind.
func report(e *env, p *project.Plan) {
	for _, kind := range []struct {
		title string
		paths []string
	}{
		{"missing", p.Missing},
		{"changed", p.Changed},
		{"extra (no longer generated)", p.Stale},
		{"edited by hand", p.HandEdited},
		{"not scaffold's, in the way", p.Unowned},
	} {
		if len(kind.paths) == 0 {
			continue
		}
		fmt.Fprintf(e.stdout, "%s:\n", kind.title)
		for _, path := range kind.paths {
			fmt.Fprintf(e.stdout, "\t%s\n", path)
		}
	}
}
