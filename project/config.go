package project

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/s3batchops/scaffold/gen"
	"github.com/s3batchops/scaffold/internal/quote"
	"github.com/s3batchops/scaffold/internal/suggest"
	"github.com/s3batchops/scaffold/schema"
)

// ConfigFile is the name of a project's generation inputs.
const ConfigFile = "scaffold.yaml"

// Config is scaffold.yaml: every input of scaffold new, which the user may
// edit and scaffold generate reads. Its format is gen.Options's yaml keys.
type Config = gen.Options

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
	data, err := readBounded(root, ConfigFile, MaxConfigSize, "MaxConfigSize")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s has no %s: is it a project made by scaffold new?", dir, ConfigFile)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	y, err := schema.CheckYAML(path, data)
	if err != nil {
		return nil, err
	}
	var c Config
	if err := y.Decode(&c, yaml.DisallowUnknownField()); err != nil {
		return nil, configError(path, err)
	}
	c.SchemaFile, c.TaskSchemaFile = filepath.ToSlash(c.SchemaFile), filepath.ToSlash(c.TaskSchemaFile)
	for _, f := range []struct{ key, value string }{{"schema", c.SchemaFile}, {"taskSchema", c.TaskSchemaFile}} {
		if f.value == "" {
			continue
		}
		if err := CheckPath(f.value); err != nil {
			return nil, fmt.Errorf("%s: %s: %s: %v: name a file inside the project, relative to it", path, f.key, quote.Value(f.value), err)
		}
	}
	return &c, nil
}

// LoadTaskSchema loads the task schema scaffold.yaml names, if any, with
// its bytes.
func LoadTaskSchema(dir string, c *Config) (*schema.Spec, []byte, error) {
	if c.TaskSchemaFile == "" {
		return nil, nil, nil
	}
	path, data, err := readSchema(dir, "taskSchema", c.TaskSchemaFile)
	if err != nil {
		return nil, nil, err
	}
	spec, err := schema.ParseTask(path, data)
	return spec, data, err
}

// LoadSchemas loads the schemas that c, read from dir's scaffold.yaml,
// names into c, and returns the arguments' schema: an empty Spec when the
// project has no arguments.
func LoadSchemas(dir string, c *Config) (*schema.Spec, error) {
	spec, data, err := LoadSchema(dir, c)
	if err != nil {
		return nil, err
	}
	c.SchemaData = data
	c.Task, c.TaskSchemaData, err = LoadTaskSchema(dir, c)
	return spec, err
}

// LoadSchema loads the schema scaffold.yaml names, and returns it with its
// bytes; an empty Spec when the project has no arguments.
func LoadSchema(dir string, c *Config) (*schema.Spec, []byte, error) {
	if c.SchemaFile == "" {
		return &schema.Spec{}, nil, nil
	}
	path, data, err := readSchema(dir, "schema", c.SchemaFile)
	if err != nil {
		return nil, nil, err
	}
	spec, err := schema.Parse(path, data)
	return spec, data, err
}

// readSchema reads the file name, a checked path that scaffold.yaml's key
// gives, inside dir, and returns its path for messages.
func readSchema(dir, key, name string) (string, []byte, error) {
	where := fmt.Sprintf("%s: %s", filepath.Join(dir, ConfigFile), key)
	root, err := os.OpenRoot(dir)
	if err != nil {
		return "", nil, fmt.Errorf("%s: %w", where, err)
	}
	defer root.Close()
	if err := checkInside(root, name, true); err != nil {
		return "", nil, fmt.Errorf("%s: %w", where, err)
	}
	// One byte past schema.MaxFileSize is enough for the schema package
	// to refuse the file with its own limit, and no more is read.
	data, err := readUpTo(root, name, schema.MaxFileSize+1)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil, fmt.Errorf("%s: %s does not exist: put the schema there, or change %s: in %s to the schema's path, relative to the project's directory", where, name, key, ConfigFile)
	}
	if err != nil {
		return "", nil, fmt.Errorf("%s: %w", where, err)
	}
	return filepath.Join(dir, filepath.FromSlash(name)), data, nil
}

// configError is err, from decoding scaffold.yaml at path, as
// path:line:col: message, the form editors and CI annotations read. A key
// scaffold.yaml does not have where it stands is told where it goes, or
// offered the nearest key scaffold.yaml has.
func configError(path string, err error) error {
	var ye yaml.Error
	if !errors.As(err, &ye) || ye.GetToken() == nil || ye.GetToken().Position == nil {
		return fmt.Errorf("%s: %s", path, yaml.FormatError(err, false, false))
	}
	tk := ye.GetToken()
	msg := ye.GetMessage()
	var unknown *yaml.UnknownFieldError
	if errors.As(err, &unknown) {
		msg = "unknown field " + quote.Value(tk.Value)
		keys := configKeys()
		var names []string
		for _, k := range keys {
			if k.name == tk.Value {
				// In the wrong section: the name alone would offer itself.
				if k.section == "" {
					return fmt.Errorf("%s:%d:%d: %s: it goes at the top level", path, tk.Position.Line, tk.Position.Column, msg)
				}
				return fmt.Errorf("%s:%d:%d: %s: it goes under %s:", path, tk.Position.Line, tk.Position.Column, msg, k.section)
			}
			names = append(names, k.name)
		}
		if c := suggest.Closest(tk.Value, names); c != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", c)
		}
	}
	return fmt.Errorf("%s:%d:%d: %s", path, tk.Position.Line, tk.Position.Column, msg)
}

// configKey is a key of scaffold.yaml, and the section it is in ("" at
// the top level).
type configKey struct{ name, section string }

// configKeys are the keys of scaffold.yaml, at every level: the yaml names
// of Config's fields and of the structs within it.
func configKeys() []configKey {
	var keys []configKey
	var walk func(t reflect.Type, section string)
	walk = func(t reflect.Type, section string) {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return
		}
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if name == "" || name == "-" {
				continue
			}
			keys = append(keys, configKey{name, section})
			walk(f.Type, name)
		}
	}
	walk(reflect.TypeFor[Config](), "")
	return keys
}
