package project

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/goccy/go-yaml"

	"github.com/s3batchops/scaffold/gen"
	"github.com/s3batchops/scaffold/schema"
)

// ConfigFile is the name of a project's generation inputs.
const ConfigFile = "scaffold.yaml"

// Config is scaffold.yaml: every input of scaffold new, which the user may
// edit and scaffold generate reads.
type Config struct {
	Name   string `yaml:"name"`
	Module string `yaml:"module"`
	Schema string `yaml:"schema"` // relative to the project; "" for no arguments
	// TaskSchema is the schema of the JSON each manifest key carries,
	// relative to the project; "" when keys are plain object keys.
	TaskSchema              string `yaml:"taskSchema"`
	InvocationSchemaVersion string `yaml:"invocationSchemaVersion"`
	Architecture            string `yaml:"architecture"`
	Starter                 string `yaml:"starter"` // "" for blank, in projects of earlier scaffolds
	TreatMissingKeysAs      string `yaml:"treatMissingKeysAs"`
	Retry                   struct {
		Temporary []string `yaml:"temporary"`
		Permanent []string `yaml:"permanent"`
	} `yaml:"retry"`
	// Metrics is the embedded-metric-format line of each invocation; absent
	// in projects of earlier scaffolds, where it is on.
	Metrics struct {
		Enabled   *bool  `yaml:"enabled"`   // nil is true
		Namespace string `yaml:"namespace"` // "" is S3BatchOperations/<name>
	} `yaml:"metrics"`
}

// MaxConfigSize bounds scaffold.yaml, in bytes.
const MaxConfigSize = 64 << 10

// ReadConfig reads dir's scaffold.yaml, for a command that only reads the
// project. Unknown keys are errors, so that a misspelt setting is not
// silently ignored; the schema paths must name files inside the project.
func ReadConfig(dir string) (*Config, error) {
	if !exists(dir) {
		return nil, fmt.Errorf("%s does not exist", dir)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	return readConfig(root, dir)
}

// ReadConfig reads the project's scaffold.yaml, as ReadConfig does.
func (d *Dir) ReadConfig() (*Config, error) { return readConfig(d.root, d.Path) }

func readConfig(root *os.Root, dir string) (*Config, error) {
	path := filepath.Join(dir, ConfigFile)
	data, err := readBounded(root, ConfigFile, MaxConfigSize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s has no %s: is it a project made by scaffold new?", dir, ConfigFile)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	if err := checkYAMLDepth(data); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var c Config
	if err := yaml.UnmarshalWithOptions(data, &c, yaml.DisallowUnknownField()); err != nil {
		return nil, fmt.Errorf("%s: %s", path, yaml.FormatError(err, false, false))
	}
	for _, f := range []struct{ key, value string }{{"schema", c.Schema}, {"taskSchema", c.TaskSchema}} {
		if f.value == "" {
			continue
		}
		if err := CheckPath(f.value); err != nil {
			return nil, fmt.Errorf("%s: %s: %s: %v: name a file inside the project, relative to it", path, f.key, quote(f.value), err)
		}
	}
	return &c, nil
}

// Options returns the generator's inputs for the project, with the schema
// document data (nil when there is no schema).
func (c *Config) Options(version string, schemaData []byte) gen.Options {
	return gen.Options{
		Name:                    c.Name,
		Module:                  c.Module,
		InvocationSchemaVersion: c.InvocationSchemaVersion,
		Arch:                    c.Architecture,
		SchemaFile:              filepath.ToSlash(c.Schema),
		SchemaData:              schemaData,
		TreatMissingKeysAs:      c.TreatMissingKeysAs,
		TemporaryCodes:          c.Retry.Temporary,
		PermanentCodes:          c.Retry.Permanent,
		Version:                 version,
		Starter:                 c.Starter,
		MetricsOff:              c.Metrics.Enabled != nil && !*c.Metrics.Enabled,
		MetricsNamespace:        c.Metrics.Namespace,
	}
}

// LoadTaskSchema loads the task schema scaffold.yaml names, if any, with
// its bytes.
func (c *Config) LoadTaskSchema(dir string) (*schema.Spec, []byte, error) {
	if c.TaskSchema == "" {
		return nil, nil, nil
	}
	path, data, err := readSchema(dir, "taskSchema", c.TaskSchema)
	if err != nil {
		return nil, nil, err
	}
	spec, err := schema.ParseTask(path, data)
	return spec, data, err
}

// LoadSchema loads the schema scaffold.yaml names, and returns it with its
// bytes; an empty Spec when the project has no arguments.
func (c *Config) LoadSchema(dir string) (*schema.Spec, []byte, error) {
	if c.Schema == "" {
		return &schema.Spec{}, nil, nil
	}
	path, data, err := readSchema(dir, "schema", c.Schema)
	if err != nil {
		return nil, nil, err
	}
	spec, err := schema.Parse(path, data)
	return spec, data, err
}

// maxSchemaSize bounds a schema file scaffold.yaml names.
const maxSchemaSize = 1 << 20

// readSchema reads the file name, a checked path that scaffold.yaml's key
// gives, inside dir, and returns its path for messages.
func readSchema(dir, key, name string) (string, []byte, error) {
	where := fmt.Sprintf("%s: %s", filepath.Join(dir, ConfigFile), key)
	root, err := os.OpenRoot(dir)
	if err != nil {
		return "", nil, fmt.Errorf("%s: %w", where, err)
	}
	defer root.Close()
	if err := checkUnder(root, name, false); err != nil {
		return "", nil, fmt.Errorf("%s: %w", where, err)
	}
	data, err := readBounded(root, name, maxSchemaSize)
	if err != nil {
		return "", nil, fmt.Errorf("%s: %w", where, err)
	}
	return filepath.Join(dir, filepath.FromSlash(name)), data, nil
}
