package main

// BenchmarkNew measures `scaffold new` end to end on a schema of 10
// arguments: in process, and as a process of its own (what a user waits
// for). The target is under 100 ms wall on a 2-core machine.

import (
	"io"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
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
