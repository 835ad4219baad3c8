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
}

// ReadConfig reads dir's scaffold.yaml. Unknown keys are errors, so that a
// misspelt setting is not silently ignored.
func ReadConfig(dir string) (*Config, error) {
	path := filepath.Join(dir, ConfigFile)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s has no %s: is it a project made by scaffold new?", dir, ConfigFile)
	}
	if err != nil {
		return nil, err
	}
	var c Config
	if err := yaml.UnmarshalWithOptions(data, &c, yaml.DisallowUnknownField()); err != nil {
		return nil, fmt.Errorf("%s: %s", path, yaml.FormatError(err, false, false))
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
	}
}

// LoadTaskSchema loads the task schema scaffold.yaml names, if any, with
// its bytes.
func (c *Config) LoadTaskSchema(dir string) (*schema.Spec, []byte, error) {
	if c.TaskSchema == "" {
		return nil, nil, nil
	}
	path := filepath.Join(dir, filepath.FromSlash(c.TaskSchema))
	data, err := schema.ReadFile(path)
	if _, ok := err.(schema.Problems); ok {
		return nil, nil, err
	} else if err != nil {
		return nil, nil, fmt.Errorf("%s: taskSchema: %w", filepath.Join(dir, ConfigFile), err)
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
	path := filepath.Join(dir, filepath.FromSlash(c.Schema))
	data, err := schema.ReadFile(path)
	if _, ok := err.(schema.Problems); ok {
		return nil, nil, err
	} else if err != nil {
		return nil, nil, fmt.Errorf("%s: schema: %w", filepath.Join(dir, ConfigFile), err)
	}
	spec, err := schema.Parse(path, data)
	return spec, data, err
}
