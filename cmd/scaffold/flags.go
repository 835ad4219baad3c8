package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/s3batchops/scaffold/internal/quote"
	"github.com/s3batchops/scaffold/internal/suggest"
	"github.com/s3batchops/scaffold/project"
)

// verbFlags is a verb's flag set with the help text --help prints.
type verbFlags struct {
	*flag.FlagSet
	usage, about, examples string
	e                      *env
}

// newFlagSet returns the flags of a verb. --help prints usage, a
// description, the flags and examples to stdout; a bad flag is a usage
// error, reported once by run.
func newFlagSet(name, usage, about, examples string, e *env) *verbFlags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &verbFlags{FlagSet: fs, usage: usage, about: about, examples: examples, e: e}
}

func (v *verbFlags) printHelp() {
	w := v.e.stdout
	fmt.Fprintf(w, "Usage: %s\n\n%s\n", v.usage, v.about)
	hasFlags := false
	v.VisitAll(func(*flag.Flag) { hasFlags = true })
	if hasFlags {
		fmt.Fprintf(w, "\nFlags:\n")
		v.VisitAll(func(f *flag.Flag) {
			name, usage := flag.UnquoteUsage(f)
			fmt.Fprintf(w, "  --%s", f.Name)
			if name != "" {
				fmt.Fprintf(w, " %s", name)
			}
			if f.DefValue != "" && f.DefValue != "false" {
				usage += fmt.Sprintf(" (default %q)", f.DefValue)
			}
			for _, line := range wrap(usage, helpWidth-8) {
				fmt.Fprintf(w, "\n    \t%s", line)
			}
			fmt.Fprintln(w)
		})
	}
	fmt.Fprintf(w, "\nExamples:\n%s\n", v.examples)
}

// helpWidth is the width --help fits in, a tab counting 8 columns.
const helpWidth = 80

// wrap breaks s into lines of at most width characters, between words.
func wrap(s string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return append(lines, line)
}

// parse parses args, allowing flags after positional arguments, as in
// `scaffold new ./copier --name copier`.
func (v *verbFlags) parse(args []string) error {
	var positional []string
	for {
		if err := v.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				v.printHelp()
				return errHelpShown
			}
			return &usageError{v.flagError(err)}
		}
		args = v.Args()
		if len(args) == 0 {
			break
		}
		if args[0] == "--" {
			positional = append(positional, args[1:]...)
			break
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
	return v.Parse(append([]string{"--"}, positional...))
}

// projectDir returns the project of a command that works on one: the
// project that its one optional DIR argument (default: the current
// directory) is in, found as project.Find finds it.
func (v *verbFlags) projectDir() (string, error) {
	switch v.NArg() {
	case 0:
		return project.Find(".")
	case 1:
		return project.Find(v.Arg(0))
	}
	shown := make([]string, 0, 3)
	for i, a := range v.Args() {
		if i == 3 {
			shown = append(shown, "…")
			break
		}
		shown = append(shown, quote.Value(a))
	}
	return "", usagef("too many arguments: want one DIR, got %d: %s", v.NArg(), strings.Join(shown, " "))
}

// The flag package's messages that carry what the user typed, compiled on
// first use: most runs have no flag error.
var (
	flagBadValue = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?s)^invalid (value|boolean value) "(.*)" for flag -(.*?): (.*)$`)
	})
	flagUndefined = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?s)^flag provided but not defined: -(.*)$`) })
)

// flagError is the flag package's error, with what the user typed shown
// safely (quote.Value): the package echoes a value whole and a flag's name
// raw, control characters and escape sequences included. A flag the verb
// does not have is shown with the two dashes scaffold's help uses, and the
// closest flag it has, if one is close.
func (v *verbFlags) flagError(err error) string {
	msg := strings.TrimSpace(err.Error())
	if m := flagBadValue().FindStringSubmatch(msg); m != nil {
		value, uerr := strconv.Unquote(`"` + m[2] + `"`)
		if uerr != nil {
			value = m[2]
		}
		return fmt.Sprintf("invalid %s %s for flag --%s: %s", m[1], quote.Value(value), quote.Bare(m[3]), quote.Bare(m[4]))
	}
	if m := flagUndefined().FindStringSubmatch(msg); m != nil {
		msg := "flag provided but not defined: " + quote.Bare("--"+m[1])
		var names []string
		v.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		if c := suggest.Closest(m[1], names); c != "" {
			msg += " (did you mean --" + c + "?)"
		}
		return msg
	}
	return quote.Bare(msg)
}

// decimal is an int flag read in base 10 alone: the flag package's own
// reads 010 as 8 and 0x10 as 16, which no one means by a priority or a
// count of processes.
type decimal struct{ p *int }

func (d decimal) String() string {
	if d.p == nil {
		return "0"
	}
	return strconv.Itoa(*d.p)
}

func (d decimal) Set(s string) error {
	n, err := strconv.ParseInt(s, 10, strconv.IntSize)
	if err != nil {
		var ne *strconv.NumError
		if errors.As(err, &ne) && errors.Is(ne.Err, strconv.ErrRange) {
			return fmt.Errorf("out of range: at most %d", math.MaxInt)
		}
		return errors.New("want a whole number in decimal")
	}
	*d.p = int(n)
	return nil
}

// intVar defines an int flag of v, read in decimal.
func (v *verbFlags) intVar(p *int, name string, value int, usage string) {
	*p = value
	v.Var(decimal{p}, name, usage)
}
