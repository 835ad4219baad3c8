package app

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/s3batchops/scaffold/internal/jsonorder"
	"github.com/s3batchops/scaffold/internal/quote"
	"github.com/s3batchops/scaffold/internal/s3rules"
	"github.com/s3batchops/scaffold/internal/suggest"
	"github.com/s3batchops/scaffold/project"
	"github.com/s3batchops/scaffold/schema"
)

// ProjectArguments reads the project in dir and checks the --args values,
// KEY=VALUE pairs, against its schema; see jobArguments.
func ProjectArguments(dir string, pairs []string) (*project.Config, jsonorder.Object, error) {
	cfg, err := project.ReadConfig(dir)
	if err != nil {
		return nil, nil, err
	}
	spec, _, err := project.LoadSchema(dir, cfg)
	if err != nil {
		return nil, nil, err
	}
	// The settings go into the CreateJob input and the local runner as
	// they are: checked as generate checks them.
	cfg.Defaults()
	if err := cfg.Check(spec); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", filepath.Join(dir, project.ConfigFile), err)
	}
	encoded, err := jobArguments(cfg, spec, pairs)
	return cfg, encoded, err
}

// jobArguments checks the --args values against the project's schema and
// returns them in the schema's order, each as given: a value the schema
// accepts is sent in the user's spelling (90s stays 90s). Every problem is
// reported at once, in an *InputError.
func jobArguments(cfg *project.Config, spec *schema.Spec, pairs []string) (jsonorder.Object, error) {
	if len(pairs) > 0 && cfg.InvocationSchemaVersion == "1.0" {
		return nil, &InputError{[]string{"--args: the project uses invocation schema 1.0, whose events carry no UserArguments"}}
	}
	if len(pairs) > schema.MaxArgs {
		return nil, &InputError{[]string{fmt.Sprintf("--args: %d given, more than S3's limit of %d arguments (MaxArgs)", len(pairs), schema.MaxArgs)}}
	}
	var probs inputErrors
	given, reported := splitPairs(pairs, &probs)
	names := make([]string, len(spec.Args))
	for i, a := range spec.Args {
		names[i] = a.Name
	}
	// A name the function does not take, and the argument it is a
	// misspelling of, if one is near and not given too.
	var unknown []string
	meant := map[string]string{}
	for k := range given {
		if slices.Contains(names, k) {
			continue
		}
		unknown = append(unknown, k)
		if reported[k] {
			continue // its value was refused: it is named there, and meant nothing
		}
		if c := suggest.Closest(k, names); c != "" {
			if _, ok := given[c]; !ok {
				meant[k] = c
			}
		}
	}
	slices.Sort(unknown)
	var out jsonorder.Object
	for _, a := range spec.Args {
		v, ok := given[a.Name]
		if reported[a.Name] {
			continue
		}
		if !ok {
			// A misspelt name is reported as such, below: not twice.
			if a.Required && !slices.ContainsFunc(unknown, func(k string) bool { return meant[k] == a.Name }) {
				probs.add(fmt.Sprintf("--args %s=...: argument %q is required", a.Name, a.Name))
			}
			continue
		}
		if msgs := a.Check(v); len(msgs) > 0 {
			probs.add(fmt.Sprintf("--args %s=%s: argument %q: %s", a.Name, quote.Bare(v), a.Name, strings.Join(msgs, "; ")))
			continue
		}
		out = append(out, jsonorder.Member{Key: a.Name, Value: v})
	}
	for _, k := range unknown {
		if reported[k] {
			continue
		}
		known := "it takes none"
		switch {
		case meant[k] != "":
			known = fmt.Sprintf("did you mean %q?", meant[k])
		case len(names) > 0:
			known = "it takes " + quoteList(names)
		}
		probs.add(fmt.Sprintf("--args %s: %s is not an argument of this function: %s", quote.Bare(k), quote.Value(k), known))
	}
	if err := probs.err(); err != nil {
		return nil, err
	}
	return out, nil
}

// splitPairs splits KEY=VALUE pairs, checking S3's limits on each; reported
// holds the names whose values were already found wrong.
func splitPairs(pairs []string, probs *inputErrors) (given map[string]string, reported map[string]bool) {
	given, reported = map[string]string{}, map[string]bool{}
	for _, kv := range pairs {
		k, v, ok := strings.Cut(kv, "=")
		switch {
		case !ok:
			probs.add(fmt.Sprintf("--args %s: want KEY=VALUE", quote.Value(kv)))
			continue
		case k == "" || utf8.RuneCountInString(k) > schema.MaxNameLength:
			probs.add(fmt.Sprintf("--args %s: a name is 1 to %d characters (MaxNameLength)", quote.Value(k), schema.MaxNameLength))
			continue
		case s3rules.HasControl(k):
			probs.add(fmt.Sprintf("--args %s: a name may not hold control characters (S3 Control's pattern for UserArguments)", quote.Value(k)))
			continue
		case !utf8.ValidString(k):
			probs.add(fmt.Sprintf("--args %s: a name is text, and this one is not valid UTF-8", quote.Value(k)))
			continue
		case utf8.RuneCountInString(v) > schema.MaxValueLength:
			probs.add(fmt.Sprintf("--args %s: the value is %d characters long, more than S3's limit of %d (MaxValueLength)", quote.Bare(k), utf8.RuneCountInString(v), schema.MaxValueLength))
			reported[k] = true
		case s3rules.HasControl(v):
			probs.add(fmt.Sprintf("--args %s=%s: a value may not hold control characters (S3 Control's pattern for UserArguments)", quote.Bare(k), quote.Value(v)))
			reported[k] = true
		case !utf8.ValidString(v):
			// JSON would send U+FFFD in its place: not the value given.
			probs.add(fmt.Sprintf("--args %s=%s: a value is text, and this one is not valid UTF-8", quote.Bare(k), quote.Value(v)))
			reported[k] = true
		}
		if _, dup := given[k]; dup {
			probs.add(fmt.Sprintf("--args %s: given twice", quote.Bare(k)))
		}
		given[k] = v
	}
	return given, reported
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}
