package gen

import (
	"fmt"
	"path"

	"github.com/s3batchops/scaffold/schema"
	"golang.org/x/mod/module"
)

// Options are the inputs of a project besides its schema: everything that
// scaffold.yaml records.
type Options struct {
	Name   string // the function's name, used in the SAM template and README
	Module string // the Go module path
	// InvocationSchemaVersion is "1.0" or "2.0"; only 2.0 carries arguments.
	InvocationSchemaVersion string
	Arch                    string // "arm64" or "x86_64"
	// SchemaFile is where the schema is kept in the project, slash-separated
	// and relative to its root; "" when the function has no arguments.
	SchemaFile string
	// SchemaData is the schema document, copied into the project as is.
	SchemaData []byte
	// TreatMissingKeysAs is the result code S3 gives tasks missing from a
	// response; PermanentFailure when "".
	TreatMissingKeysAs string
	// TemporaryCodes and PermanentCodes are error codes classified as the
	// user said, before the SDK's own view of what is retryable.
	TemporaryCodes []string
	PermanentCodes []string
	// Version is scaffold's version, recorded in scaffold.lock, and pinned
	// in go.mod when it is a release.
	Version string
	// Starter is the function the user starts from: "blank" (the default)
	// or "copy", the AWS Storage Blog's copy function.
	Starter string
	// Task is the task schema (schema.ParseTask): the JSON object each
	// manifest key carries; nil when keys are plain object keys.
	Task *schema.Spec
	// TaskSchemaFile and TaskSchemaData are where the task schema is kept
	// in the project, and its bytes.
	TaskSchemaFile string
	TaskSchemaData []byte
}

// Starters are the functions a project can start from.
var Starters = []string{"blank", "copy"}

// Result codes S3 Batch Operations accepts.
const (
	Succeeded        = "Succeeded"
	TemporaryFailure = "TemporaryFailure"
	PermanentFailure = "PermanentFailure"
)

// Architectures maps the names Lambda and SAM use to Go's GOARCH.
var Architectures = map[string]string{"arm64": "arm64", "x86_64": "amd64"}

// model is everything the emitters read: the spec, the options, and what
// follows from them, decided once.
type model struct {
	spec   *schema.Spec
	opts   Options
	module string
	// argsPkg and batchPkg are the import paths of the generated packages.
	argsPkg  string
	batchPkg string
	goarch   string
	// pinned is the version of scaffold go.mod pins as a tool; "" for none.
	pinned string
	// task is the task schema; nil for none.
	task *schema.Spec
	// paramsPkg is the import path of the generated params package.
	paramsPkg string
	// samples holds a valid wire value for every argument, by name.
	samples map[string]string
	// invalid holds the invalid wire values of every argument and their
	// messages, by name; paramsCases the keys the task schema rejects.
	invalid     map[string][]invalidCase
	paramsCases []paramsCase
}

func newModel(spec *schema.Spec, opts Options) (*model, error) {
	if opts.TreatMissingKeysAs == "" {
		opts.TreatMissingKeysAs = PermanentFailure
	}
	if opts.Starter == "" {
		opts.Starter = "blank"
	}
	if err := opts.check(spec); err != nil {
		return nil, err
	}
	m := &model{
		spec:      spec,
		opts:      opts,
		module:    opts.Module,
		argsPkg:   path.Join(opts.Module, "internal/args"),
		batchPkg:  path.Join(opts.Module, "internal/batch"),
		goarch:    Architectures[opts.Arch],
		pinned:    pinnedVersion(opts.Version),
		task:      opts.Task,
		paramsPkg: path.Join(opts.Module, "internal/params"),
		samples:   map[string]string{},
		invalid:   map[string][]invalidCase{},
	}
	for _, a := range spec.Args {
		w, ok := a.Sample()
		if !ok {
			return nil, fmt.Errorf("argument %q: no valid sample value", a.Name) // the loader reports this first
		}
		m.samples[a.Name] = w
		cases, err := invalidValues(a)
		if err != nil {
			return nil, err
		}
		m.invalid[a.Name] = cases
	}
	if m.task != nil {
		cases, err := paramsCases(m.task)
		if err != nil {
			return nil, err
		}
		m.paramsCases = cases
	}
	return m, nil
}

// check reports options that cannot make a working project.
func (o *Options) check(spec *schema.Spec) error {
	if err := module.CheckPath(o.Module); err != nil {
		return fmt.Errorf("module path %q: %w", o.Module, err)
	}
	if o.Name == "" {
		return fmt.Errorf("the function needs a name")
	}
	switch o.InvocationSchemaVersion {
	case "2.0":
	case "1.0":
		if len(spec.Args) > 0 {
			return fmt.Errorf("invocation schema 1.0 cannot carry UserArguments, and the schema has %d arguments: use invocation schema 2.0 (the default), or a schema with no arguments", len(spec.Args))
		}
	default:
		return fmt.Errorf("invocation schema version %q: want 1.0 or 2.0", o.InvocationSchemaVersion)
	}
	if _, ok := Architectures[o.Arch]; !ok {
		return fmt.Errorf("architecture %q: want arm64 or x86_64", o.Arch)
	}
	if err := checkStarter(o.Starter, spec, o.Task != nil); err != nil {
		return err
	}
	for _, c := range []string{Succeeded, TemporaryFailure, PermanentFailure} {
		if o.TreatMissingKeysAs == c {
			return nil
		}
	}
	return fmt.Errorf("treatMissingKeysAs %q: want Succeeded, TemporaryFailure or PermanentFailure", o.TreatMissingKeysAs)
}

// hasArgs reports whether the function takes any arguments.
func (m *model) hasArgs() bool { return len(m.spec.Args) > 0 }
