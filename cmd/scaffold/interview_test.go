package main

// These tests drive the interview of scaffold new with a fake prompter: the
// questions asked (only those the flags did not answer), validation as each
// answer is typed, the schema the argument builder writes, and cancelling,
// which must write nothing.

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// answer is one queued answer: prompt is part of the question it must
// answer; value is a string (Input, Select), a bool (Confirm) or
// errCancelled (Ctrl-C).
type answer struct {
	prompt string
	value  any
}

// fakePrompter answers from a queue, failing the test on a question it
// did not expect; done fails it on answers left over. Like survey, it asks
// again when validation fails, and takes an empty answer as the default.
type fakePrompter struct {
	t       *testing.T
	answers []answer
	shown   []string // validation messages shown to the user
	asked   []string
}

func (f *fakePrompter) next(q question) answer {
	f.t.Helper()
	f.asked = append(f.asked, q.Message)
	if len(f.answers) == 0 {
		f.t.Fatalf("unexpected question %q: no answers left", q.Message)
	}
	a := f.answers[0]
	f.answers = f.answers[1:]
	if !strings.Contains(q.Message, a.prompt) {
		f.t.Fatalf("question %q, want one containing %q", q.Message, a.prompt)
	}
	if q.Help == "" && !strings.Contains(q.Message, "(") && !strings.HasSuffix(q.Message, "none):") {
		f.t.Errorf("question %q has no help", q.Message)
	}
	return a
}

func (f *fakePrompter) Input(q question, def string, validate func(string) error) (string, error) {
	for {
		a := f.next(q)
		if a.value == errCancelled {
			return "", errCancelled
		}
		s := a.value.(string)
		if s == "" {
			s = def
		}
		if validate != nil {
			if err := validate(s); err != nil {
				f.shown = append(f.shown, err.Error())
				continue
			}
		}
		return s, nil
	}
}

func (f *fakePrompter) Select(q question, options []string, def string) (string, error) {
	a := f.next(q)
	if a.value == errCancelled {
		return "", errCancelled
	}
	s := a.value.(string)
	if s == "" {
		s = def
	}
	if !slices.Contains(options, s) {
		f.t.Fatalf("%q: answer %q is not one of %q", q.Message, s, options)
	}
	return s, nil
}

func (f *fakePrompter) Confirm(q question, def bool) (bool, error) {
	a := f.next(q)
	if a.value == errCancelled {
		return false, errCancelled
	}
	return a.value.(bool), nil
}

func (f *fakePrompter) done() {
	f.t.Helper()
	if len(f.answers) > 0 {
		f.t.Errorf("answers not used: %v", f.answers)
	}
}

// interact runs scaffold with args in dir, answering from answers.
func interact(t *testing.T, dir string, args []string, answers ...answer) (code int, f *fakePrompter, stdout, stderr string) {
	t.Helper()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	f = &fakePrompter{t: t, answers: answers}
	var out, errOut bytes.Buffer
	e := &env{stdout: &out, stderr: &errOut, prompter: f}
	code = e.run(args)
	f.done()
	return code, f, out.String(), errOut.String()
}

func TestInterviewDefinesArguments(t *testing.T) {
	dir := t.TempDir()
	code, f, stdout, stderr := interact(t, dir, []string{"new"},
		answer{"Project directory", "copier"},
		answer{"Function name", ""}, // the default: the directory's name
		answer{"Go module path", "Not A Module"},
		answer{"Go module path", "example.com/copier"},
		answer{"Invocation schema", ""},
		answer{"Lambda architecture", "x86_64"},
		answer{"Starter", ""},
		answer{"Job arguments", "define them one by one"},
		// A string with limits.
		answer{"Argument name", "MyDestinationBucket"},
		answer{"Type of MyDestinationBucket", "string"},
		answer{"Limit the values", true},
		answer{"Minimum length", "three"},
		answer{"Minimum length", "3"},
		answer{"Maximum length", "2"},
		answer{"Maximum length", "63"},
		answer{"Pattern", "("},
		answer{"Pattern", ""},
		answer{"Is MyDestinationBucket required", true},
		answer{"Description", "The bucket to copy to."},
		answer{"Add another argument", true},
		// An integer with a default, and a name that collides.
		answer{"Argument name", "my_destination_bucket"},
		answer{"Argument name", "max-keys"},
		answer{"Type of max-keys", "integer"},
		answer{"Limit the values", false},
		answer{"Is max-keys required", false},
		answer{"Default", "abc"},
		answer{"Default", "100"},
		answer{"Description", ""},
		answer{"Add another argument", true},
		// A name with no Go name of its own, and an enum.
		answer{"Argument name", "größe"},
		answer{"Go field name", "size"},
		answer{"Go field name", "Size"},
		answer{"Type of größe", "enum"},
		answer{"Values", "S, M, S"},
		answer{"Values", "S, M, L"},
		answer{"Is größe required", false},
		answer{"Default", "M"}, // chosen among the values
		answer{"Description", ""},
		answer{"Add another argument", true},
		// A duration: a negative default is refused.
		answer{"Argument name", "wait"},
		answer{"Type of wait", "duration"},
		answer{"Is wait required", false},
		answer{"Default", "-5s"},
		answer{"Default", "90s"},
		answer{"Description", ""},
		answer{"Add another argument", false},
		answer{"manifest keys carry JSON", false},
		answer{"Create the project", true},
	)
	if code != 0 {
		t.Fatalf("exit status %d\n%s", code, stderr)
	}
	wantShown := []string{
		`malformed module path "Not A Module"`,
		`"three" is not a number of characters: give a whole number, 0 or more`,
		"minLength is greater than maxLength",
		"pattern does not compile",
		`"my_destination_bucket" would be the Go field MyDestinationBucket, as "MyDestinationBucket" is`,
		"want an integer for an integer argument, not string",
		`"size" is not exported`,
		`"S" is listed twice`,
		`"-5s" is a negative duration: give 0 or more`,
	}
	if len(f.shown) != len(wantShown) {
		t.Fatalf("messages shown:\n%s\nwant %d", strings.Join(f.shown, "\n"), len(wantShown))
	}
	for i, w := range wantShown {
		if !strings.Contains(f.shown[i], w) {
			t.Errorf("message %d = %q, want it to contain %q", i, f.shown[i], w)
		}
	}
	// The summary repeats the choices and counts the files, on one screen
	// of a 30-line terminal, with the arguments.
	for _, w := range []string{"scaffold new will write", "files to copier:", "  name ", "  module ", "  invocation schema ", "  architecture ",
		"  starter ", "args.schema.json", "  task parameters ", "with 4 arguments", "MaxKeys", "größe", `"100"`} {
		if !strings.Contains(stdout, w) {
			t.Errorf("summary lacks %q:\n%s", w, stdout)
		}
	}
	if n := strings.Count(stdout, "\n"); n > 24 || strings.Contains(stdout, "bytes") {
		t.Errorf("summary of %d lines, or listing files:\n%s", n, stdout)
	}
	got, err := os.ReadFile(filepath.Join(dir, "copier", "args.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	want := `{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "properties": {
    "MyDestinationBucket": {
      "type": "string",
      "description": "The bucket to copy to.",
      "minLength": 3,
      "maxLength": 63
    },
    "max-keys": {
      "type": "integer",
      "default": 100
    },
    "größe": {
      "type": "string",
      "enum": [
        "S",
        "M",
        "L"
      ],
      "default": "M",
      "x-go-name": "Size"
    },
    "wait": {
      "type": "string",
      "format": "duration",
      "default": "90s"
    }
  },
  "required": [
    "MyDestinationBucket"
  ],
  "additionalProperties": false
}
`
	if string(got) != want {
		t.Errorf("args.schema.json =\n%s\nwant\n%s", got, want)
	}
	yaml, _ := os.ReadFile(filepath.Join(dir, "copier", "scaffold.yaml"))
	for _, w := range []string{`schema: "args.schema.json"`, `name: "copier"`, `architecture: "x86_64"`, `module: "example.com/copier"`} {
		if !strings.Contains(string(yaml), w) {
			t.Errorf("scaffold.yaml lacks %s:\n%s", w, yaml)
		}
	}
	args, _ := os.ReadFile(filepath.Join(dir, "copier", "internal", "args", "args.go"))
	for _, w := range []string{"MaxKeys int64", "Size Size", "SizeM Size = \"M\""} {
		if !bytes.Contains(args, []byte(w)) {
			t.Errorf("args.go lacks %q", w)
		}
	}
}

func TestInterviewAsksOnlyWhatFlagsDidNotGive(t *testing.T) {
	dir := t.TempDir()
	code, f, _, stderr := interact(t, dir,
		[]string{"new", "--name", "tagger", "--module", "example.com/tagger", "--arch", "arm64", "--invocation-schema", "1.0", "--task-schema", "", "out"},
		answer{"Create the project", true},
	)
	if code != 0 {
		t.Fatalf("exit status %d\n%s", code, stderr)
	}
	if len(f.asked) != 1 {
		t.Errorf("asked %q, want only the confirmation", f.asked)
	}
}

func TestInterviewSchemaFile(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "bad.json"), []byte(`{"properties": {"a": {"type": "object"}, "b": {}}}`), 0o644)
	os.WriteFile(filepath.Join(dir, "good.yaml"), []byte("properties:\n  Prefix: {type: string}\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "task.json"), []byte(`{"properties": {"origKey": {"type": "string"}}}`), 0o644)
	code, f, _, stderr := interact(t, dir, []string{"new", "--name", "p", "--module", "example.com/p", "--arch", "arm64", "out"},
		answer{"Invocation schema", "2.0"},
		answer{"Starter", "blank"},
		answer{"Job arguments", "use a schema file"},
		answer{"Schema file", "missing.json"},
		answer{"Schema file", "bad.json"},
		answer{"Schema file", "good.yaml"},
		answer{"manifest keys carry JSON", true},
		answer{"Task parameters schema", "bad.json"},
		answer{"Task parameters schema", "task.json"},
		answer{"Create the project", true},
	)
	if code != 0 {
		t.Fatalf("exit status %d\n%s", code, stderr)
	}
	// Every problem of a schema file is shown, a line each, not the first.
	if len(f.shown) != 3 || !strings.Contains(f.shown[0], "no such file") ||
		!strings.HasPrefix(f.shown[1], "2 problems:\n") ||
		!strings.Contains(f.shown[1], `bad.json:1:31: /properties/a/type: type "object" is not supported; use string`) ||
		!strings.Contains(f.shown[1], "\nbad.json:1:47: /properties/b: the argument has no type") {
		t.Errorf("messages shown: %q", f.shown)
	}
	for _, name := range []string{"good.yaml", "task.json", "internal/params/params.go"} {
		if _, err := os.Stat(filepath.Join(dir, "out", name)); err != nil {
			t.Errorf("%s is not in the project", name)
		}
	}
}

func TestInterviewStopsAtTenArguments(t *testing.T) {
	var answers []answer
	answers = append(answers, answer{"Starter", ""}, answer{"Job arguments", "define them one by one"})
	for i := range 10 {
		name := fmt.Sprintf("a%d", i)
		answers = append(answers,
			answer{"Argument name", name}, answer{"Type of " + name, "boolean"},
			answer{"Is " + name + " required", true}, answer{"Description", ""})
		if i < 9 {
			answers = append(answers, answer{"Add another argument", true})
		}
	}
	answers = append(answers, answer{"manifest keys carry JSON", false}, answer{"Create the project", true})
	code, _, _, stderr := interact(t, t.TempDir(), []string{"new", "--name", "p", "--module", "example.com/p", "--arch", "arm64", "--invocation-schema", "2.0", "out"}, answers...)
	if code != 0 {
		t.Fatalf("exit status %d\n%s", code, stderr)
	}
}

// TestInterviewCancel checks that Ctrl-C at any question, and declining at
// the end, write nothing and exit 3.
func TestInterviewCancel(t *testing.T) {
	for _, tc := range []struct {
		name    string
		answers []answer
	}{
		{"at the first question", []answer{{"Project directory", errCancelled}}},
		{"in the argument builder", []answer{{"Project directory", "out"}, {"Function name", ""}, {"Go module path", ""},
			{"Invocation schema", ""}, {"Lambda architecture", ""}, {"Starter", ""}, {"Job arguments", "define them one by one"},
			{"Argument name", "a"}, {"Type of a", errCancelled}}},
		{"declining", []answer{{"Project directory", "out"}, {"Function name", ""}, {"Go module path", ""},
			{"Invocation schema", "1.0"}, {"Lambda architecture", ""}, {"manifest keys carry JSON", false}, {"Create the project", false},
			{"What to change", "nothing: cancel, writing nothing"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			code, _, _, stderr := interact(t, dir, []string{"new"}, tc.answers...)
			if code != exitCancelled || stderr != "scaffold: cancelled\n" {
				t.Errorf("exit status %d, stderr %q; want 3 and scaffold: cancelled", code, stderr)
			}
			if entries, _ := os.ReadDir(dir); len(entries) > 0 {
				t.Errorf("cancelling left %v behind", entries)
			}
		})
	}
}

func TestNoInputNeverPrompts(t *testing.T) {
	code, _, _, stderr := interact(t, t.TempDir(), []string{"new", "--no-input"})
	if code != exitUsage || !strings.Contains(stderr, "missing DIR") {
		t.Errorf("exit status %d, stderr %q; want 2 naming DIR", code, stderr)
	}
}

func TestInterviewRefusesNonEmptyDir(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "taken"), 0o755)
	os.WriteFile(filepath.Join(dir, "taken", "x"), nil, 0o644)
	_, f, _, _ := interact(t, dir, []string{"new", "--name", "p", "--module", "example.com/p", "--arch", "arm64", "--invocation-schema", "1.0"},
		answer{"Project directory", ""},
		answer{"Project directory", "taken"},
		answer{"Project directory", "free"},
		answer{"manifest keys carry JSON", false},
		answer{"Create the project", false},
		answer{"What to change", "nothing: cancel, writing nothing"},
	)
	if len(f.shown) != 2 || !strings.Contains(f.shown[0], "give a directory") || !strings.Contains(f.shown[1], "taken is not empty") {
		t.Errorf("messages shown: %q", f.shown)
	}
}

func TestInterviewCopyStarter(t *testing.T) {
	dir := t.TempDir()
	code, _, stdout, stderr := interact(t, dir, []string{"new", "--name", "copier", "--module", "example.com/copier", "out"},
		answer{"Invocation schema", ""},
		answer{"Lambda architecture", ""},
		answer{"Starter", "copy"},
		answer{"Create the project", true},
	)
	if code != 0 {
		t.Fatalf("exit status %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "MyDestinationObjectKeySuffix") {
		t.Errorf("the summary lacks the copy starter's arguments:\n%s", stdout)
	}
	function, _ := os.ReadFile(filepath.Join(dir, "out", "function.go"))
	if !bytes.Contains(function, []byte("CopyObject")) {
		t.Error("function.go is not the copy function")
	}
}

// TestInterviewReview checks that "no" at the summary lets the user edit,
// delete and add arguments and change any other answer, each checked as
// the first time, with the summary shown again after each change.
func TestInterviewReview(t *testing.T) {
	dir := t.TempDir()
	code, f, stdout, stderr := interact(t, dir, []string{"new", "--module", "example.com/p", "out"},
		answer{"Function name", "first"},
		answer{"Invocation schema", ""},
		answer{"Lambda architecture", ""},
		answer{"Starter", ""},
		answer{"Job arguments", "define them one by one"},
		answer{"Argument name", "Prefix"},
		answer{"Type of Prefix", "string"},
		answer{"Limit the values", false},
		answer{"Is Prefix required", true},
		answer{"Description", ""},
		answer{"Add another argument", true},
		answer{"Argument name", "Count"},
		answer{"Type of Count", "string"}, // a mistake
		answer{"Limit the values", false},
		answer{"Is Count required", true},
		answer{"Description", ""},
		answer{"Add another argument", false},
		answer{"manifest keys carry JSON", false},
		// Edit the second argument: asked again, checked against the first.
		answer{"Create the project", false},
		answer{"What to change", "edit an argument"},
		answer{"Which argument", "Count"},
		answer{"Argument name", "Prefix"}, // taken by the other
		answer{"Argument name", "MaxKeys"},
		answer{"Type of MaxKeys", "integer"},
		answer{"Limit the values", false},
		answer{"Is MaxKeys required", false},
		answer{"Default", "100"},
		answer{"Description", ""},
		// Delete the first, add one.
		answer{"Create the project", false},
		answer{"What to change", "delete an argument"},
		answer{"Which argument", "Prefix"},
		answer{"Create the project", false},
		answer{"What to change", "add an argument"},
		answer{"Argument name", "Suffix"},
		answer{"Type of Suffix", "string"},
		answer{"Limit the values", false},
		answer{"Is Suffix required", false},
		answer{"Default", ""},
		answer{"Description", ""},
		// Change another answer: the name, and the architecture.
		answer{"Create the project", false},
		answer{"What to change", "change another answer"},
		answer{"Which answer", "function name"},
		answer{"Function name", "bad name"},
		answer{"Function name", "second"},
		answer{"Create the project", false},
		answer{"What to change", "change another answer"},
		answer{"Which answer", "architecture"},
		answer{"Lambda architecture", "x86_64"},
		answer{"Create the project", true},
	)
	if code != 0 {
		t.Fatalf("exit status %d\n%s", code, stderr)
	}
	if len(f.shown) != 2 || !strings.Contains(f.shown[0], `there is already an argument "Prefix"`) || !strings.Contains(f.shown[1], "a Lambda function name has") {
		t.Errorf("messages shown: %q", f.shown)
	}
	if n := strings.Count(stdout, "scaffold new will write"); n != 6 {
		t.Errorf("the summary was shown %d times, want 6 (once, then after each change)", n)
	}
	yaml, _ := os.ReadFile(filepath.Join(dir, "out", "scaffold.yaml"))
	for _, w := range []string{`name: "second"`, `architecture: "x86_64"`} {
		if !strings.Contains(string(yaml), w) {
			t.Errorf("scaffold.yaml lacks %s:\n%s", w, yaml)
		}
	}
	args, _ := os.ReadFile(filepath.Join(dir, "out", "internal", "args", "args.go"))
	for _, w := range []string{"MaxKeys int64", "Suffix *string"} {
		if !strings.Contains(string(args), w) {
			t.Errorf("args.go lacks %s", w)
		}
	}
	if strings.Contains(string(args), `"Prefix"`) || strings.Contains(string(args), `"Count"`) {
		t.Errorf("args.go still has a deleted or edited argument:\n%s", args)
	}
}
