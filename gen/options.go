package gen

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/mod/module"

	"github.com/s3batchops/scaffold/internal/quote"
	"github.com/s3batchops/scaffold/schema"
)

// Options are what a project is generated from besides its schema. The
// fields with a yaml key are scaffold.yaml, which templates/scaffold.yaml.tmpl
// writes and package project reads into this same type; scaffold new fills
// them from its flags and interview. The others are loaded from the files
// scaffold.yaml names, or are scaffold's own.
//
// A new setting is a field here with its yaml key, a line in
// scaffold.yaml.tmpl, its rule in Check, and its use.
type Options struct {
	// Name is the function's name, used in the SAM template and README.
	Name string `yaml:"name"`
	// Module is the Go module path.
	Module string `yaml:"module"`
	// SchemaFile is where the schema is kept in the project, slash-separated
	// and relative to its root; "" when the function has no arguments.
	SchemaFile string `yaml:"schema"`
	// TaskSchemaFile is where the task schema is kept, as SchemaFile; ""
	// when manifest keys are plain object keys.
	TaskSchemaFile string `yaml:"taskSchema"`
	// InvocationSchemaVersion is one of InvocationSchemaVersions; only 2.0
	// carries arguments.
	InvocationSchemaVersion string `yaml:"invocationSchemaVersion"`
	// Arch is one of Architectures, as Lambda names them.
	Arch string `yaml:"architecture"`
	// Starter is the function the user starts from, one of Starters;
	// "" in projects of earlier scaffolds means blank.
	Starter string `yaml:"starter"`
	// TreatMissingKeysAs is the result code S3 gives tasks missing from a
	// response, one of ResultCodes; PermanentFailure when "".
	TreatMissingKeysAs string `yaml:"treatMissingKeysAs"`
	// Retry lists error codes classified as the user said, before the SDK's
	// own retryable errors.
	Retry Retry `yaml:"retry"`
	// Metrics is the embedded-metric-format line each invocation writes.
	Metrics Metrics `yaml:"metrics"`

	// SchemaData is the schema document, copied into the project as is.
	SchemaData []byte `yaml:"-"`
	// Task is the task schema (schema.ParseTask): the JSON object each
	// manifest key carries; nil when keys are plain object keys.
	Task *schema.Spec `yaml:"-"`
	// TaskSchemaData is the task schema's document.
	TaskSchemaData []byte `yaml:"-"`
	// Version is scaffold's version, recorded in scaffold.lock, and pinned
	// in go.mod when it is a release.
	Version string `yaml:"-"`
	// PreviousArgs is the arguments' Go API before its last change,
	// recorded in scaffold.lock so that generate can explain what that
	// change broke also on its next runs; nil in a new project.
	PreviousArgs []LockArg `yaml:"-"`

	// moduleDefaulted is set when Defaults made Module from Name.
	moduleDefaulted bool
}

// Retry is scaffold.yaml's retry: AWS error codes by class.
type Retry struct {
	Temporary []string `yaml:"temporary"`
	Permanent []string `yaml:"permanent"`
}

// Result codes S3 Batch Operations accepts.
const (
	Succeeded        = "Succeeded"
	TemporaryFailure = "TemporaryFailure"
	PermanentFailure = "PermanentFailure"
)

// The values a setting allows, the default first where there is one (the
// invocation schema's is DefaultInvocationSchemaVersion): the flags' help,
// the interview and Check all read these lists.
var (
	InvocationSchemaVersions = []string{"1.0", "2.0"}
	Architectures            = []string{"arm64", "x86_64"}
	Starters                 = []string{"blank", "copy"}
	ResultCodes              = []string{Succeeded, TemporaryFailure, PermanentFailure}
)

// DefaultInvocationSchemaVersion is the invocation schema of a new project.
const DefaultInvocationSchemaVersion = "2.0"

// goarch maps the architectures Lambda and SAM name to Go's GOARCH.
var goarch = map[string]string{"arm64": "arm64", "x86_64": "amd64"}

// isLambdaName reports whether name is what Lambda accepts as a function
// name: NameRule.
func isLambdaName(name string) bool {
	return len(name) >= 1 && len(name) <= 64 && alnumOr(name, "-_")
}

// alnumOr reports whether every byte of s is an ASCII letter or digit or
// one of extra. (A regular expression with a counted repetition, such as
// {1,128}, takes a tenth of a millisecond to compile: these run at every
// start.)
func alnumOr(s, extra string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte(extra, c) >= 0) {
			return false
		}
	}
	return true
}

// NameRule says what a function name may be.
const NameRule = "1 to 64 letters, digits, - and _"

// OneOf lists values for a message: "a, b or c".
func OneOf(values []string) string {
	if len(values) < 2 {
		return strings.Join(values, "")
	}
	return strings.Join(values[:len(values)-1], ", ") + " or " + values[len(values)-1]
}

// An OptionError is a setting that cannot make a working project. Key is
// the setting's scaffold.yaml key; Error reads `key "value": why`, and the
// command line names the flag in the key's place.
type OptionError struct {
	Key, Value, Why string
}

func (e *OptionError) Error() string {
	return fmt.Sprintf("%s %s: %s", e.Key, quote.Value(e.Value), e.Why)
}

// CheckName checks a function's name, as Check does.
func CheckName(name string) error {
	if !isLambdaName(name) {
		return &OptionError{"name", name, "a Lambda function name has " + NameRule}
	}
	return nil
}

// CheckModule checks a module path, as Check does.
func CheckModule(path string) error {
	if err := module.CheckPath(path); err != nil {
		return &OptionError{"module", path, err.Error()}
	}
	return nil
}

// Defaults fills in the settings that are left empty and have a default.
func (o *Options) Defaults() {
	if o.Module == "" && o.Name != "" {
		o.Module = "example.com/" + o.Name
		o.moduleDefaulted = true
	}
	if o.InvocationSchemaVersion == "" {
		o.InvocationSchemaVersion = DefaultInvocationSchemaVersion
	}
	if o.Arch == "" {
		o.Arch = Architectures[0]
	}
	if o.Starter == "" {
		o.Starter = Starters[0]
	}
	if o.TreatMissingKeysAs == "" {
		o.TreatMissingKeysAs = PermanentFailure
	}
	if o.Metrics.Namespace == "" && o.Name != "" {
		o.Metrics.Namespace = DefaultMetricsNamespace(o.Name)
	}
}

// Check reports every setting that cannot make a working project with
// spec, joined: each an *OptionError naming its setting, but for a retry
// list over MaxRetryCodes, whose error names the list and its length.
// Every rule on the options is here, worded once.
func (o *Options) Check(spec *schema.Spec) error {
	var errs []error
	add := func(err error) bool {
		if err != nil {
			errs = append(errs, err)
		}
		return err == nil
	}
	oneOf := func(key, value string, allowed []string) error {
		if slices.Contains(allowed, value) {
			return nil
		}
		return &OptionError{key, value, "want " + OneOf(allowed)}
	}
	nameOK := add(CheckName(o.Name))
	var bad *OptionError
	if err := CheckModule(o.Module); errors.As(err, &bad) && o.moduleDefaulted {
		// The module path is the name's: a bad name is reported once, and
		// a good one that makes no module path needs a module path given.
		if nameOK {
			add(&OptionError{"module", o.Module, fmt.Sprintf("the default module path, example.com/ and the name, is not valid (%s): give the module path", bad.Why)})
		}
	} else {
		add(err)
	}
	if add(oneOf("invocationSchemaVersion", o.InvocationSchemaVersion, InvocationSchemaVersions)) {
		if n := len(spec.Args); n > 0 && o.InvocationSchemaVersion == "1.0" {
			what := "arguments"
			if n == 1 {
				what = "argument"
			}
			add(&OptionError{"invocationSchemaVersion", "1.0", fmt.Sprintf("schema 1.0 events carry no UserArguments, and the schema has %d %s: use 2.0 (the default), or a schema with none", n, what)})
		}
	}
	add(oneOf("architecture", o.Arch, Architectures))
	if add(oneOf("starter", o.Starter, Starters)) {
		add(checkStarter(o.Starter, spec, o.Task != nil))
	}
	add(oneOf("treatMissingKeysAs", o.TreatMissingKeysAs, ResultCodes))
	if o.TaskSchemaFile != "" && o.TaskSchemaFile == o.SchemaFile {
		add(&OptionError{"taskSchema", o.TaskSchemaFile, "the schema has this name too: rename one"})
	}
	add(checkNamespace(o.Metrics.Namespace))
	for _, list := range []struct {
		key   string
		codes []string
	}{{"retry.temporary", o.Retry.Temporary}, {"retry.permanent", o.Retry.Permanent}} {
		if len(list.codes) > MaxRetryCodes {
			add(fmt.Errorf("%s: %d codes, more than the limit of %d (MaxRetryCodes): list only the codes your function meets", list.key, len(list.codes), MaxRetryCodes))
			continue
		}
		for _, c := range list.codes {
			if !isErrorCode(c) {
				add(&OptionError{list.key, c, "an AWS error code has 1 to 128 letters, digits, '.', '-' and '_', such as SlowDown"})
				break
			}
		}
	}
	return errors.Join(errs...)
}

// Metrics is scaffold.yaml's metrics; absent in projects of earlier
// scaffolds, where metrics are on.
type Metrics struct {
	Enabled *bool `yaml:"enabled"` // nil is on
	// Namespace is the CloudWatch namespace; "" is
	// DefaultMetricsNamespace(name).
	Namespace string `yaml:"namespace"`
}

// On reports whether the metrics line is written.
func (m Metrics) On() bool { return m.Enabled == nil || *m.Enabled }

// DefaultMetricsNamespace is the metrics' namespace unless scaffold.yaml
// names another.
func DefaultMetricsNamespace(name string) string { return "S3BatchOperations/" + name }

// checkNamespace reports a CloudWatch namespace CloudWatch would refuse: 1
// to 255 characters of letters, digits and . - _ / # : (space is allowed
// too), not starting with ':' or "AWS/". "" is the default.
func checkNamespace(ns string) error {
	if ns == "" {
		return nil // the default
	}
	bad := len(ns) > 255 || ns[0] == ':' || strings.HasPrefix(ns, "AWS/")
	for _, r := range ns {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(".-_/#: ", r)) {
			bad = true
		}
	}
	if bad {
		return &OptionError{"metrics.namespace", ns, "want 1 to 255 letters, digits and . - _ / # : (not starting with : or AWS/)"}
	}
	return nil
}

// MaxRetryCodes bounds each of scaffold.yaml's retry lists.
const MaxRetryCodes = 100

// isErrorCode reports whether c can be an AWS error code, such as SlowDown
// or Throttling.Exception: 1 to 128 letters, digits, '.', '-' and '_'.
func isErrorCode(c string) bool { return len(c) >= 1 && len(c) <= 128 && alnumOr(c, ".-_") }
