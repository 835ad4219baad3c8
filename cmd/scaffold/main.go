// Scaffold turns a schema of an S3 Batch Operations job's UserArguments into a
// complete, tested AWS Lambda function project in Go, and keeps the project
// in step as the schema changes.
//
// Usage:
//
//	scaffold new [flags] [DIR]     create a function project in DIR
//	scaffold generate [flags] [DIR]
//	                               regenerate the project in DIR after its schema changed
//	scaffold job [flags] [DIR]     print the CreateJob input that runs the function
//	scaffold manifest [flags] [DIR]
//	                               write a CSV manifest from a bucket, keys or tasks
//	scaffold run [flags] [DIR]     run a job over a manifest on this machine, as S3 would
//	scaffold version               print scaffold's version (also: --version, -v)
//	scaffold help [COMMAND]        explain a command
//
// In a terminal, scaffold new asks for what its flags do not give, including
// the job's arguments one by one. Without a terminal, or with --no-input, it
// never asks. For example, to create a project from a schema of the job's
// arguments and test it:
//
//	scaffold new --no-input --name copier --module example.com/copier --schema args.schema.json ./copier
//	cd copier && make test && make build
//
// The schema is a JSON Schema (draft 2020-12) document in JSON or YAML whose
// properties are the job's UserArguments; see the README for the language.
//
// Messages go to standard error, prefixed "scaffold:". The exit status is 0
// on success, 1 when the command failed, 2 for a usage error and 3 when the
// user cancelled.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"golang.org/x/term"

	"github.com/s3batchops/scaffold/internal/buildversion"
	"github.com/s3batchops/scaffold/internal/quote"
	"github.com/s3batchops/scaffold/internal/suggest"
	"github.com/s3batchops/scaffold/schema"
)

// Exit statuses.
const (
	exitOK        = 0
	exitFailure   = 1
	exitUsage     = 2
	exitCancelled = 3
)

func main() {
	shortRun()
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}
	// Ask questions only when a person can answer them: stdin and stdout
	// are both terminals. Piped input is never read as answers.
	if term.IsTerminal(int(os.Stdin.Fd())) && term.IsTerminal(int(os.Stdout.Fd())) {
		e.prompter = newSurveyPrompter(os.Stdin, os.Stdout, os.Stderr)
	}
	os.Exit(e.run(os.Args[1:]))
}

// shortRun turns the garbage collector off for the commands that run for
// milliseconds and allocate a few megabytes (new, generate, version, help):
// collecting costs them time and frees nothing they would reuse. A memory
// limit brings the collector back should one ever grow; GOGC, when set,
// is obeyed. job, manifest and run stream their input and keep it.
func shortRun() {
	if os.Getenv("GOGC") != "" {
		return
	}
	var cmd string
	if len(os.Args) > 1 {
		cmd = os.Args[1]
	}
	switch {
	case cmd == "", cmd == "new", cmd == "generate", cmd == "version", isHelp(cmd):
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(256 << 20)
	}
}

// env is what a command may use of the process.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// prompter asks the user; nil when there is no terminal to ask in.
	prompter prompter
}

// command is one verb of the CLI.
type command struct {
	name    string
	summary string
	run     func(e *env, args []string) error
}

func commands() []command {
	return []command{
		{"new", "create a function project", runNew},
		{"generate", "regenerate a project after its schema changed", runGenerate},
		{"job", "print the CreateJob input that runs the function", runJob},
		{"manifest", "write a CSV manifest from a bucket, keys or tasks", runManifest},
		{"run", "run a job over a manifest on this machine, as S3 would", runRun},
		{"version", "print scaffold's version", runVersion},
	}
}

// usageError is an error in how the command was called: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// exitStatus is the exit status of a command scaffold ran in its place
// (scaffold-s3), which has said why itself.
type exitStatus struct{ code int }

func (e *exitStatus) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// errHelpShown means the command printed its help as asked: exit status 0.
var errHelpShown = errors.New("help shown")

// run runs the command line args and returns the exit status.
func (e *env) run(args []string) int {
	stderr := e.stderr
	if len(args) == 0 {
		printUsage(stderr)
		return exitUsage
	}
	name, rest := args[0], args[1:]
	if isHelp(name) {
		return e.help(rest)
	}
	if name == "--version" || name == "-version" || name == "-v" {
		name = "version" // as go, git and most CLIs take it
	}
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		err := c.run(e, rest)
		var ue *usageError
		var probs schema.Problems
		var status *exitStatus
		switch {
		case err == nil || errors.Is(err, errHelpShown):
			return exitOK
		case errors.As(err, &status):
			return status.code
		case errors.Is(err, errCancelled):
			fmt.Fprintln(stderr, "scaffold: cancelled")
			return exitCancelled
		case errors.As(err, &ue):
			fmt.Fprintf(stderr, "scaffold %s: %s\nRun 'scaffold %s --help' for usage.\n", name, quote.Message(err.Error()), name)
			return exitUsage
		case errors.As(err, &probs):
			// One problem a line, each starting with file:line:col, as
			// editors and CI annotations expect.
			fmt.Fprintln(stderr, quote.Message(probs.Error()))
			fmt.Fprintf(stderr, "scaffold: %s: %s\n", quote.Message(probs[0].File), plural(len(probs), "problem"))
			return exitFailure
		default:
			// Messages quote what they take from a checkout; this escapes
			// whatever a library's message carried unquoted.
			fmt.Fprintf(stderr, "scaffold: %s\n", quote.Message(err.Error()))
			return exitFailure
		}
	}
	fmt.Fprintf(stderr, "scaffold: unknown command %s%s\n", quote.Value(name), didYouMean(name))
	printUsage(stderr)
	return exitUsage
}

// didYouMean is " (did you mean COMMAND?)" for the command nearest to
// name, or "" when none is near.
func didYouMean(name string) string {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	if c := suggest.Closest(name, names); c != "" {
		return " (did you mean " + c + "?)"
	}
	return ""
}

// isHelp reports whether arg asks for help in place of a command.
func isHelp(arg string) bool {
	switch arg {
	case "help", "-h", "-help", "--help":
		return true
	}
	return false
}

// help runs "scaffold help [COMMAND]" and returns the exit status: the
// usage of scaffold, of help itself ("help help", "help --help"), or of
// COMMAND, as "COMMAND --help" prints it.
func (e *env) help(args []string) int {
	switch {
	case len(args) == 0:
		printUsage(e.stdout)
		return exitOK
	case len(args) > 1:
		fmt.Fprintf(e.stderr, "scaffold help: want one command, not %d words (as in 'scaffold help new')\nRun 'scaffold help help' for usage.\n", len(args))
		return exitUsage
	case isHelp(args[0]):
		fmt.Fprintf(e.stdout, "Usage: scaffold help [COMMAND]\n\nHelp prints the usage of scaffold, or the flags and examples of COMMAND\n(the same as 'scaffold COMMAND --help'). The commands are:\n\n")
		printCommands(e.stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return e.run([]string{c.name, "--help"})
		}
	}
	fmt.Fprintf(e.stderr, "scaffold help: unknown command %s%s\n", quote.Value(args[0]), didYouMean(args[0]))
	printUsage(e.stderr)
	return exitUsage
}

// printCommands lists the commands, a line each.
func printCommands(w io.Writer) {
	for _, c := range commands() {
		fmt.Fprintf(w, "  scaffold %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "  scaffold %-9s %s\n", "help", "a command's flags and examples (or: COMMAND --help)")
}

func printUsage(w io.Writer) {
	fmt.Fprintf(w, "Scaffold creates and maintains Go Lambda functions for S3 Batch Operations.\n\nUsage:\n\n")
	printCommands(w)
	fmt.Fprintf(w, "\nRun 'scaffold help COMMAND' for a command's flags and examples,\n'scaffold --version' for scaffold's version.\n")
}

// scaffoldVersion is the release this binary was built from
// (buildversion.String).
func scaffoldVersion() string { return buildversion.String() }

func runVersion(e *env, args []string) error {
	fs := newFlagSet("version", "scaffold version", "Version prints scaffold's version.", "  scaffold version", e)
	if err := fs.parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("version takes no arguments")
	}
	fmt.Fprintf(e.stdout, "scaffold %s\n", scaffoldVersion())
	return nil
}

// plural returns "1 problem" or "2 problems".
func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
