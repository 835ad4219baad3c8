package gen

import (
	"bytes"
	"fmt"
	"go/format"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"text/template"

	"github.com/s3batchops/scaffold/schema"
	"github.com/s3batchops/scaffold/templates"
)

// The starters are the function.go and function_test.go a project begins
// with, which the user owns. They are Go in scaffold's tree
// (templates/starter): the copy starter's compiled and tested there and
// copied with its import paths changed, the blank starter's text/template
// files, since its Process and test follow the schema (a task schema adds
// the params argument, the test parses sample arguments).

// copyArgs are the arguments the copy function reads, all strings.
var copyArgs = []string{"MyDestinationBucket", "MyDestinationBucketRegion", "MyDestinationPrefix", "MyDestinationObjectKeySuffix"}

// checkStarter reports a starter that cannot work with spec.
func checkStarter(starter string, spec *schema.Spec, task bool) error {
	if starter != "copy" {
		return nil
	}
	if task {
		return fmt.Errorf("the copy starter copies the object each key names: it takes no task schema")
	}
	var missing []string
	for _, name := range copyArgs {
		ok := false
		for _, a := range spec.Args {
			if a.Name == name && a.GoName == name && a.Type == schema.String && !a.IsEnum() && !a.Optional() {
				ok = true
			}
		}
		if !ok {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("the copy starter reads the string arguments %s, each required or with a default; the schema lacks %s: leave out --schema to use the starter's own",
			strings.Join(copyArgs, ", "), strings.Join(missing, ", "))
	}
	return nil
}

// starterFileNames are the files of every starter.
var starterFileNames = []string{"function.go", "function_test.go"}

// blankTemplates are the blank starter's files, parsed on first use: only
// new and generate need them, and every command would pay at its start.
var blankTemplates = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("").Option("missingkey=error").ParseFS(templates.Starters, "starter/blank/*.tmpl"))
})

// blankData is what the blank starter's templates read.
type blankData struct {
	Module        string
	Task          bool
	TaskSample    string // a key that holds valid task parameters
	SchemaVersion string
	Samples       []sample // a valid wire value of every argument, by name
}

// starterFiles returns the starter's function.go and function_test.go,
// gofmt'ed (the import paths changed, the imports are sorted again).
func starterFiles(m *model) (FileSet, error) {
	var files FileSet
	for _, name := range starterFileNames {
		var data []byte
		var err error
		if m.opts.Starter == "copy" {
			data, err = copyStarterFile(m, name)
		} else {
			data, err = blankStarterFile(m, name)
		}
		if err == nil {
			data, err = format.Source(data)
		}
		if err != nil {
			return nil, fmt.Errorf("the %s starter's %s: %w", m.opts.Starter, name, err)
		}
		files = append(files, File{Path: name, Data: data, Owner: User})
	}
	return files, nil
}

// copyStarterFile is a file of templates/starter/copy, its imports of the
// runtime and of the args stand-in pointed at the project's packages.
func copyStarterFile(m *model, name string) ([]byte, error) {
	data, err := fs.ReadFile(templates.Starters, path.Join("starter/copy", name))
	if err != nil {
		return nil, err
	}
	to := []byte(`"` + m.module + "/internal/")
	data = bytes.ReplaceAll(data, []byte(`"`+templates.RuntimeImportPrefix), to)
	return bytes.ReplaceAll(data, []byte(`"`+templates.StarterImportPrefix), to), nil
}

// blankStarterFile executes the blank starter's template for name.
func blankStarterFile(m *model, name string) ([]byte, error) {
	d := blankData{Module: m.module, Task: m.task != nil, SchemaVersion: m.opts.InvocationSchemaVersion}
	if m.task != nil {
		d.TaskSample = m.task.SampleTask()
	}
	for name, v := range m.samples {
		d.Samples = append(d.Samples, sample{name, v})
	}
	sort.Slice(d.Samples, func(i, j int) bool { return d.Samples[i].Name < d.Samples[j].Name })
	var b bytes.Buffer
	if err := blankTemplates().ExecuteTemplate(&b, name+".tmpl", d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
