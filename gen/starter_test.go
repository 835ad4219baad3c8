package gen

// These tests protect the starters' link to scaffold's tree: the copy
// starter compiles and is tested in templates/starter/copy against a
// stand-in of the args package, which must be what scaffold generates for
// the starter's schema; and each starter's files reach projects with the
// project's import paths and nothing of scaffold's.

import (
	"bytes"
	"os"
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
// not the args.go scaffold generates for copy.schema.json. To update it:
// make golden, then copy out/internal/args/args.go of golden/copy-starter.txtar.
func TestCopyStarterArgsStandIn(t *testing.T) {
	fs, err := Generate(spec(t, string(templates.CopySchema)), copyOptions())
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../templates/starter/internal/args/args.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if f.Path == "internal/args/args.go" {
			if !bytes.Equal(f.Data, want) {
				t.Fatal("templates/starter/internal/args/args.go is not what scaffold generates for copy.schema.json: copy it from golden/copy-starter.txtar")
			}
			return
		}
	}
	t.Fatal("no internal/args/args.go")
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
