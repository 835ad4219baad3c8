package app

import "strings"

// InputError holds every problem with the values a command was given
// (flags, their KEY=VALUE pairs), each starting with the flag it is about,
// one a line: the command reports them all at once, as a usage error.
type InputError struct {
	Problems []string
}

func (e *InputError) Error() string { return strings.Join(e.Problems, "\n") }

// inputErrors collects problems with a command's input.
type inputErrors []string

func (p *inputErrors) add(msg string) { *p = append(*p, msg) }

// err returns the problems as an *InputError, or nil when there are none.
func (p inputErrors) err() error {
	if len(p) == 0 {
		return nil
	}
	return &InputError{Problems: p}
}
