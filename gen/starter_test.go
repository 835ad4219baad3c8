package gen

// These tests protect the starters' link to scaffold's tree: the copy
// starter compiles and is tested in templates/starter/copy against a
// stand-in of the args package, which must be what scaffold generates for
// the starter's schema; and each starter's files reach projects with the
// project's import paths and nothing of scaffold's.

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/s3batchops/scaffold/templates"
)

func copyOptions() Options {
	o := options()
	o.Starter, o.SchemaFile, o.SchemaData = "copy", "args.schema.json", templates.CopySchema
	return o
}

// TestCopyStarterArgsStandIn fails when templates/starter/internal/args is
// not the package scaffold generates for copy.schema.json, test files aside:
// the copy starter compiles against it in scaffold's tree. To update it:
// make golden, then copy every file of out/internal/args from
// golden/copy-starter.txtar except the tests.
func TestCopyStarterArgsStandIn(t *testing.T) {
	fs, err := Generate(spec(t, string(templates.CopySchema)), copyOptions())
	if err != nil {
		t.Fatal(err)
	}
	const dir = "../templates/starter/internal/args"
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	standIn := map[string]bool{}
	for _, e := range entries {
		standIn[e.Name()] = true
	}
	for _, f := range fs {
		name, ok := strings.CutPrefix(f.Path, "internal/args/")
		if !ok || strings.HasSuffix(name, "_test.go") {
			continue
		}
		want, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%v: copy it from golden/copy-starter.txtar", err)
			continue
		}
		delete(standIn, name)
		if !bytes.Equal(f.Data, want) {
			t.Errorf("templates/starter/internal/args/%s is not what scaffold generates for copy.schema.json: copy it from golden/copy-starter.txtar", name)
		}
	}
	for name := range standIn {
		t.Errorf("templates/starter/internal/args/%s: scaffold generates no such file", name)
	}
}

func TestStarterFilesImportTheProject(t *testing.T) {
	for _, o := range []Options{options(), copyOptions()} {
		doc := tenArgs
		if o.Starter == "copy" {
			doc = string(templates.CopySchema)
		}
		fs, err := Generate(spec(t, doc), o)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			if !strings.HasPrefix(f.Path, "function") {
				continue
			}
			if f.Owner != User {
				t.Errorf("%s starter: %s is not the user's", o.Starter, f.Path)
			}
			if bytes.Contains(f.Data, []byte("s3batchops/scaffold")) || !bytes.Contains(f.Data, []byte(`"example.com/fn/internal/batch"`)) {
				t.Errorf("%s starter: %s does not import the project's own packages:\n%s", o.Starter, f.Path, f.Data)
			}
		}
	}
}
