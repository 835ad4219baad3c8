package main

import (
	"errors"
	"io"
	"os"

	"github.com/AlecAivazis/survey/v2"
	"github.com/AlecAivazis/survey/v2/core"
	"github.com/AlecAivazis/survey/v2/terminal"
)

// surveyPrompter is the prompter of a real terminal, implemented with
// survey/v2. survey is archived upstream: keeping it in this one file means
// replacing it touches nothing else.
type surveyPrompter struct {
	stdio survey.AskOpt
}

// newSurveyPrompter returns a prompter on the terminal in, out and errOut.
// Colour is off when NO_COLOR is set or the terminal is dumb.
func newSurveyPrompter(in terminal.FileReader, out terminal.FileWriter, errOut io.Writer) *surveyPrompter {
	if _, ok := os.LookupEnv("NO_COLOR"); ok || os.Getenv("TERM") == "dumb" {
		core.DisableColor = true
	}
	return &surveyPrompter{stdio: survey.WithStdio(in, out, errOut)}
}

func (s *surveyPrompter) ask(p survey.Prompt, answer any, opts ...survey.AskOpt) error {
	opts = append(opts, s.stdio, survey.WithShowCursor(true))
	err := survey.AskOne(p, answer, opts...)
	if errors.Is(err, terminal.InterruptErr) {
		return errCancelled
	}
	return err
}

func (s *surveyPrompter) Input(q question, def string, validate func(string) error) (string, error) {
	var answer string
	var opts []survey.AskOpt
	if validate != nil {
		opts = append(opts, survey.WithValidator(func(v any) error {
			s, _ := v.(string)
			return validate(s)
		}))
	}
	err := s.ask(&survey.Input{Message: q.Message, Help: q.Help, Default: def}, &answer, opts...)
	return answer, err
}

func (s *surveyPrompter) Select(q question, options []string, def string) (string, error) {
	var answer string
	p := &survey.Select{Message: q.Message, Help: q.Help, Options: options, PageSize: 8}
	if def != "" {
		p.Default = def
	}
	err := s.ask(clearingSelect{p}, &answer)
	return answer, err
}

// clearingSelect is a survey.Select that, interrupted, replaces its list of
// choices by the question and ^C, as it replaces it by the answer when one
// is chosen: survey itself leaves the list drawn on the screen.
type clearingSelect struct{ *survey.Select }

func (s clearingSelect) Prompt(config *survey.PromptConfig) (any, error) {
	v, err := s.Select.Prompt(config)
	if errors.Is(err, terminal.InterruptErr) {
		s.NewCursor().Restore()
		s.Render(survey.SelectQuestionTemplate, survey.SelectTemplateData{
			Select: *s.Select, Answer: "^C", ShowAnswer: true, Config: config,
		})
	}
	return v, err
}

func (s *surveyPrompter) Confirm(q question, def bool) (bool, error) {
	var answer bool
	err := s.ask(&survey.Confirm{Message: q.Message, Help: q.Help, Default: def}, &answer)
	return answer, err
}
