package main

// These benchmarks measure scaffold's commands on a schema of 10 arguments:
// `scaffold new` end to end (target: under 100 ms wall on a 2-core
// machine), and `scaffold generate`, in process and as a process of its own
// (what a user waits for).

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/s3batchops/scaffold/app"
	"github.com/s3batchops/scaffold/project"
)

// benchSchema returns a directory for the projects, and the path of a
// schema with S3's maximum of 10 arguments, one of each kind.
func benchSchema(b *testing.B) (dir, schema string) {
	schema, err := filepath.Abs("../../examples/tenargs.schema.json")
	if err != nil {
		b.Fatal(err)
	}
	return b.TempDir(), schema
}

func BenchmarkNewInProcess(b *testing.B) {
	dir, schema := benchSchema(b)
	i := 0
	for b.Loop() {
		i++
		out := filepath.Join(dir, "p"+strconv.Itoa(i))
		e := &env{stdout: io.Discard, stderr: io.Discard}
		if code := e.run([]string{"new", "--no-input", "--schema", schema, out}); code != 0 {
			b.Fatalf("exit status %d", code)
		}
	}
}

func BenchmarkNewProcess(b *testing.B) {
	dir, schema := benchSchema(b)
	bin := filepath.Join(dir, "scaffold")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	i := 0
	for b.Loop() {
		i++
		out := filepath.Join(dir, "p"+strconv.Itoa(i))
		if err := exec.Command(bin, "new", "--no-input", "--schema", schema, out).Run(); err != nil {
			b.Fatal(err)
		}
	}
}

// newBenchProject makes a project of the 10-argument schema to regenerate.
func newBenchProject(b *testing.B) string {
	dir, schema := benchSchema(b)
	out := filepath.Join(dir, "p")
	e := &env{stdout: io.Discard, stderr: io.Discard}
	if code := e.run([]string{"new", "--no-input", "--schema", schema, out}); code != 0 {
		b.Fatalf("scaffold new: exit status %d", code)
	}
	return out
}

// BenchmarkGenerateCheck measures `scaffold generate --check` on an
// up-to-date 10-argument project (target: under 50 ms), in process and as
// a process of its own.
func BenchmarkGenerateCheck(b *testing.B) {
	out := newBenchProject(b)
	e := &env{stdout: io.Discard, stderr: io.Discard}
	for b.Loop() {
		if code := e.run([]string{"generate", "--check", out}); code != 0 {
			b.Fatalf("exit status %d", code)
		}
	}
}

func BenchmarkGenerateCheckProcess(b *testing.B) {
	out := newBenchProject(b)
	bin := filepath.Join(b.TempDir(), "scaffold")
	if msg, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, msg)
	}
	for b.Loop() {
		if err := exec.Command(bin, "generate", "--check", out).Run(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGenerateOneChange measures regenerating after one argument
// changed, writing included and the type-check excluded (target: under
// 100 ms); BenchmarkTypeCheck measures the type-check on its own.
func BenchmarkGenerateOneChange(b *testing.B) {
	out := newBenchProject(b)
	schemaPath := filepath.Join(out, "tenargs.schema.json")
	original, err := os.ReadFile(schemaPath)
	if err != nil {
		b.Fatal(err)
	}
	changed := bytes.Replace(original, []byte(`"maximum": 100`), []byte(`"maximum": 200`), 1)
	i := 0
	for b.Loop() {
		b.StopTimer()
		i++
		doc := original
		if i%2 == 1 {
			doc = changed
		}
		if err := os.WriteFile(schemaPath, doc, 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		r, err := app.Generate(app.GenerateInput{Dir: out, Version: scaffoldVersion()})
		if err != nil {
			b.Fatal(err)
		}
		if !r.Wrote {
			b.Fatal("nothing written")
		}
	}
}

func BenchmarkTypeCheck(b *testing.B) {
	out := newBenchProject(b)
	for b.Loop() {
		if errs, err := project.TypeCheck(out, nil, nil); err != nil || len(errs) > 0 {
			b.Fatal(err, errs)
		}
	}
}
