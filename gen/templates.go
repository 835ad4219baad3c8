package gen

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"text/template"

	"github.com/s3batchops/scaffold/schema"
	"github.com/s3batchops/scaffold/templates"
)

// tmplFile is one non-Go file of the project and the template it comes from.
type tmplFile struct {
	path  string
	owner Owner
	tmpl  string
}

var tmplFiles = []tmplFile{
	{".gitignore", User, "gitignore.tmpl"},
	{"Makefile", Scaffold, "Makefile.tmpl"},
	{"template.yaml", Scaffold, "template.yaml.tmpl"},
	{"README.md", User, "README.md.tmpl"},
	{"scaffold.yaml", User, "scaffold.yaml.tmpl"},
	{"testdata/events/seed-1.0.json", Scaffold, "event-1.0.json.tmpl"},
	{"testdata/events/seed-2.0.json", Scaffold, "event-2.0.json.tmpl"},
	{"testdata/events/keys-2.0.json", Scaffold, "event-keys.json.tmpl"},
}

// tmplData is what every template reads.
type tmplData struct {
	Options
	GOARCH  string
	Pinned  string // the version of scaffold go.mod pins; "" for none
	Args    []tmplArg
	Samples []sample
}

type tmplArg struct {
	Name, GoName, Type, Description string
	Required                        bool
	Default                         string
}

type sample struct{ Name, Value string }

// parsed are the templates of templates/, parsed on first use: only new and
// generate need them, and every command would pay at its start.
var parsed = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("").Option("missingkey=error").Funcs(template.FuncMap{
		"json": toJSON,
		"cell": markdownCell,
	}).ParseFS(templates.FS, "*.tmpl"))
})

func newTmplData(m *model) *tmplData {
	d := &tmplData{Options: m.opts, GOARCH: m.goarch, Pinned: m.pinned}
	for _, a := range m.spec.Args {
		ta := tmplArg{Name: a.Name, GoName: a.GoName, Type: describeType(a), Required: a.Required,
			Description: strings.TrimSpace(a.Title + "\n" + a.Description)}
		if a.Default != nil {
			ta.Default = *a.Default
		}
		d.Args = append(d.Args, ta)
		d.Samples = append(d.Samples, sample{a.Name, m.samples[a.Name]})
	}
	return d
}

func renderTemplates(m *model) (FileSet, error) {
	d := newTmplData(m)
	var fs FileSet
	for _, tf := range tmplFiles {
		data, err := execute(tf.tmpl, d)
		if err != nil {
			return nil, err
		}
		fs = append(fs, File{Path: tf.path, Data: data, Owner: tf.owner})
	}
	return fs, nil
}

func execute(name string, d *tmplData) ([]byte, error) {
	var buf bytes.Buffer
	if err := parsed().ExecuteTemplate(&buf, name, d); err != nil {
		return nil, fmt.Errorf("rendering %s: %w", name, err) // a bug in a template
	}
	return buf.Bytes(), nil
}

// toJSON renders v as JSON: a quoted, escaped string is also valid YAML.
// A nil list is [], not null.
func toJSON(v any) string {
	if s, ok := v.([]string); ok && s == nil {
		v = []string{}
	}
	return schema.JSON(v)
}

// markdownCell makes s safe inside a Markdown table cell: one line, pipes,
// backticks and angle brackets escaped, unprintable characters as escapes.
func markdownCell(s string) string {
	s = printable(strings.Join(strings.Fields(s), " "))
	return strings.NewReplacer("|", `\|`, "`", "'", "<", "&lt;", ">", "&gt;").Replace(s)
}
