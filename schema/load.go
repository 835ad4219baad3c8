package schema

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Load reads, validates and models the schema at path. A .json file is read
// as JSON; .yaml and .yml as YAML. The error is a Problems listing every
// problem found, or an I/O error. A file larger than MaxFileSize is refused
// after reading one byte past the limit (see ReadFile).
func Load(path string) (*Spec, error) {
	data, err := ReadFile(path)
	if _, ok := err.(Problems); ok {
		return nil, err
	} else if err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	return Parse(path, data)
}

// Parse is Load for a document already in memory; name is used for its
// format (by extension) and in messages. A document past one of the limits
// (MaxFileSize, MaxDepth, MaxMembers, MaxYAMLIndicators) is refused before
// the work the limit bounds, with one Problem naming the limit.
func Parse(name string, data []byte) (*Spec, error) {
	return parse(name, data, false)
}

// ParseTask reads a task schema: the JSON object that each key of a
// manifest carries, URL-encoded, as the task's own parameters. The language
// is that of UserArguments, except that values are JSON values, fields may
// be objects of fields (one level deep), there is no default (each key
// carries its values), and S3's limits on arguments do not apply.
func ParseTask(name string, data []byte) (*Spec, error) {
	return parse(name, data, true)
}

func parse(name string, data []byte, task bool) (*Spec, error) {
	var isJSON bool
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		isJSON = true
	case ".yaml", ".yml":
	default:
		return nil, Problems{{File: name, Pos: Pos{1, 1}, Msg: "unknown schema format",
			Hint: "name the file *.json, *.yaml or *.yml"}}
	}
	p := checkSize(data)
	var root *node
	if p == nil {
		root, p = readDocument(data, isJSON)
	}
	if p != nil {
		p.File = name
		return nil, Problems{p}
	}
	c := &checker{file: name, task: task}
	c.metaValidate(root)
	spec := c.spec(root)
	if len(c.problems) > 0 {
		return nil, c.problems.sorted()
	}
	spec.File = name
	spec.Task = task
	return spec, nil
}
