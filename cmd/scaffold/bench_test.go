package main

// BenchmarkNew measures `scaffold new` end to end on a schema of 10
// arguments: in process, and as a process of its own (what a user waits
// for). The target is under 100 ms wall on a 2-core machine.

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

const tenArgs = `{"type": "object", "required": ["bucket", "count"], "properties": {
  "bucket": {"type": "string", "minLength": 3, "maxLength": 63, "pattern": "^[a-z0-9.-]+$", "examples": ["my-bucket"]},
  "count": {"type": "integer", "minimum": 1, "maximum": 100},
  "ratio": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1, "default": 0.5},
  "dry-run": {"type": "boolean", "default": false},
  "timeout": {"type": "string", "format": "duration", "default": "90s"},
  "not_before": {"type": "string", "format": "date-time"},
  "endpoint": {"type": "string", "format": "uri"},
  "class": {"type": "string", "enum": ["STANDARD", "GLACIER_IR"], "default": "STANDARD"},
  "tags": {"type": "array", "items": {"type": "string", "minLength": 1}, "maxItems": 5},
  "version": {"type": "integer", "const": 2}
}}`

func benchSchema(b *testing.B) (dir, schema string) {
	dir = b.TempDir()
	schema = filepath.Join(dir, "args.schema.json")
	if err := os.WriteFile(schema, []byte(tenArgs), 0o644); err != nil {
		b.Fatal(err)
	}
	return dir, schema
}

func BenchmarkNewInProcess(b *testing.B) {
	dir, schema := benchSchema(b)
	i := 0
	for b.Loop() {
		i++
		out := filepath.Join(dir, "p"+strconv.Itoa(i))
		if code := run([]string{"new", "--no-input", "--schema", schema, out}, nil, io.Discard, io.Discard); code != 0 {
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
