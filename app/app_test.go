// The operations run in process, as the command runs them: these tests
// protect New's refusal of bad options, and Generate's cycle of up to date,
// schema changed and written, hand edit refused.
package app

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/s3batchops/scaffold/gen"
	"github.com/s3batchops/scaffold/project"
	"github.com/s3batchops/scaffold/schema"
)

const schemaV1 = `{"type": "object", "properties": {"Prefix": {"type": "string"}}}`

func newProject(t *testing.T) string {
	t.Helper()
	opts := gen.Options{Name: "copier", Version: "(devel)"}
	opts.Defaults()
	_, files, err := New(opts, Source{Path: "args.json", Data: []byte(schemaV1)}, Source{})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "copier")
	if err := project.Create(dir, files, false); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestNewRefusesOptions(t *testing.T) {
	opts := gen.Options{Name: "copier", InvocationSchemaVersion: "1.0"}
	opts.Defaults()
	_, _, err := New(opts, Source{Path: "args.json", Data: []byte(schemaV1)}, Source{})
	var oe *gen.OptionError
	if !errors.As(err, &oe) || oe.Key != "invocationSchemaVersion" {
		t.Fatalf("New = %v, want an OptionError of invocationSchemaVersion", err)
	}
}

func TestGenerate(t *testing.T) {
	dir := newProject(t)
	r, err := Generate(GenerateInput{Dir: dir, Version: "(devel)"})
	if err != nil || r.Wrote || !r.Plan.UpToDate() {
		t.Fatalf("Generate of a new project = %+v, %v; want up to date", r, err)
	}

	os.WriteFile(filepath.Join(dir, "args.json"), []byte(`{"type": "object", "properties": {"Suffix": {"type": "string"}}}`), 0o644)
	r, err = Generate(GenerateInput{Dir: dir, Version: "(devel)", ReadOnly: true})
	if err != nil || r.Wrote || r.Plan.UpToDate() {
		t.Fatalf("read-only Generate after a schema change = %+v, %v; want a plan, nothing written", r, err)
	}
	r, err = Generate(GenerateInput{Dir: dir, Version: "(devel)"})
	if err != nil || !r.Wrote {
		t.Fatalf("Generate after a schema change = %+v, %v; want it written", r, err)
	}
	if len(r.OldArgs) != 1 || r.OldArgs[0].Name != "Prefix" || len(r.NewArgs) != 1 || r.NewArgs[0].Name != "Suffix" {
		t.Errorf("args: old %+v, new %+v", r.OldArgs, r.NewArgs)
	}

	os.WriteFile(filepath.Join(dir, "internal/args/args.go"), []byte("package args\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "args.json"), []byte(schemaV1), 0o644)
	if _, err := Generate(GenerateInput{Dir: dir, Version: "(devel)"}); !errors.Is(err, ErrHandEdited) {
		t.Errorf("Generate over a hand edit = %v, want ErrHandEdited", err)
	}
}

// Job reports every bad flag and argument at once, and sends arguments in
// the user's spelling.
func TestJob(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "p")
	opts := gen.Options{Name: "p", Version: "(devel)"}
	opts.Defaults()
	_, files, err := New(opts, Source{Path: "args.json", Data: []byte(`{"type": "object", "properties": {"Wait": {"type": "string", "format": "duration"}}}`)}, Source{})
	if err != nil {
		t.Fatal(err)
	}
	if err := project.Create(dir, files, false); err != nil {
		t.Fatal(err)
	}
	in := JobInput{Dir: dir, FunctionARN: "arn:aws:lambda:us-east-1:111122223333:function:p", Manifest: "s3://my-manifests/k", ManifestETag: "e",
		Report: "s3://my-reports", RoleARN: "arn:aws:iam::111122223333:role/r", AccountID: "111122223333", ReportScope: "AllTasks",
		Args: []string{"Wait=90s"}}
	out, err := Job(in)
	if err != nil || !strings.Contains(string(out), `"Wait": "90s"`) {
		t.Fatalf("Job = %s, %v; want Wait sent as 90s", out, err)
	}
	in.AccountID, in.Priority, in.Args = "1", -1, []string{"Wait=soon"}
	_, err = Job(in)
	var ie *InputError
	if !errors.As(err, &ie) || len(ie.Problems) != 3 {
		t.Fatalf("Job with three bad values = %v, want an InputError with 3 problems", err)
	}
}

// TestExampleTasks keeps the README's examples/renamer.tasks.jsonl a valid
// input of scaffold manifest for examples/renamer.task.schema.json.
func TestExampleTasks(t *testing.T) {
	data, err := os.ReadFile("../examples/renamer.task.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	task, err := schema.ParseTask("renamer.task.schema.json", data)
	if err != nil {
		t.Fatal(err)
	}
	in, err := os.Open("../examples/renamer.tasks.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	var out strings.Builder
	if err := manifestLines(in, "renamer.tasks.jsonl", "my-photos", task, &out); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out.String(), "\n"); n != 2 || !strings.HasPrefix(out.String(), "my-photos,%7B%22origKey%22") {
		t.Errorf("manifest = %q, want two lines of my-photos and an encoded object", out.String())
	}
}

// TestManifestBOMNotCounted: a byte order mark is dropped before the first
// line is measured, so a key of S3's longest fits after one.
func TestManifestBOMNotCounted(t *testing.T) {
	key := strings.Repeat("k", 1024)
	var out strings.Builder
	if err := keyLines(strings.NewReader("\ufeff"+key+"\n"), "keys.txt", "my-bucket", &out); err != nil {
		t.Fatalf("a 1,024-byte key after a BOM: %v", err)
	}
	if out.String() != "my-bucket,"+key+"\n" {
		t.Errorf("manifest = %.40q…, want the key without the mark", out.String())
	}
	if err := keyLines(strings.NewReader("\ufeff"+key+"k\n"), "keys.txt", "my-bucket", &out); err == nil {
		t.Error("a 1,025-byte key after a BOM was accepted")
	}
}
