package main

import "errors"

// prompter asks the user questions. The interview owns this interface;
// survey.go implements it with survey/v2 (the only file that imports it), and
// the tests fake it with queued answers.
//
// Each method returns errCancelled when the user interrupts (Ctrl-C).
type prompter interface {
	// Input asks for a line of text. validate, when not nil, is run on
	// each answer: an error is shown and the question asked again.
	Input(q question, def string, validate func(string) error) (string, error)
	// Select asks for one of options.
	Select(q question, options []string, def string) (string, error)
	// Confirm asks a yes-or-no question.
	Confirm(q question, def bool) (bool, error)
}

// question is what every prompt shows: the message, and the help shown
// when the user types "?".
type question struct {
	Message string
	Help    string
}

// errCancelled means the user interrupted the interview: exit status 3.
var errCancelled = errors.New("cancelled")
