package project

// These tests protect the user's files: a new project appears whole or not
// at all, and --force never overwrites a file scaffold did not write.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/s3batchops/scaffold/gen"
)

func files() gen.FileSet {
	return gen.FileSet{
		{Path: "function.go", Data: []byte("package main // v1\n"), Owner: gen.User},
		{Path: "internal/args/args.go", Data: []byte("package args // v1\n"), Owner: gen.Scaffold},
		{Path: "scaffold.lock", Data: []byte("version: \"devel\"\nfiles:\n  \"internal/args/args.go\": \"sha256:x\"\n"), Owner: gen.Scaffold},
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// noStaging fails when a staging directory was left in dir.
func noStaging(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".scaffold-new-") {
			t.Errorf("staging directory %s left behind", e.Name())
		}
	}
}

func TestCreateNewAndEmpty(t *testing.T) {
	root := t.TempDir()
	for _, dir := range []string{filepath.Join(root, "a", "b", "new"), filepath.Join(root, "empty")} {
		if strings.HasSuffix(dir, "empty") {
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		if err := Create(dir, files(), false); err != nil {
			t.Fatal(err)
		}
		if got := read(t, filepath.Join(dir, "internal", "args", "args.go")); got != "package args // v1\n" {
			t.Errorf("args.go = %q", got)
		}
		if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o755 {
			t.Errorf("project directory mode = %v, %v; want 0755", fi.Mode(), err)
		}
		noStaging(t, filepath.Dir(dir))
	}
}

func TestCreateFailureLeavesNothing(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "p")
	bad := append(files(), gen.File{Path: "function.go/inside", Data: []byte("x")}) // cannot exist beside function.go
	if err := Create(dir, bad, false); err == nil {
		t.Fatal("Create succeeded, want an error")
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("a failed Create left %s behind", dir)
	}
	noStaging(t, root)
}

func TestCreateRefusesNonEmpty(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	err := Create(dir, files(), false)
	if err == nil || !strings.Contains(err.Error(), "is not empty") || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("Create = %v, want a refusal naming --force", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "function.go")); !os.IsNotExist(err) {
		t.Error("a refused Create wrote function.go")
	}
}

func TestCreateForce(t *testing.T) {
	dir := t.TempDir()
	if err := Create(dir, files(), false); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "function.go"), []byte("my code"), 0o644)
	v2 := files()
	v2[0].Data = []byte("package main // v2\n")
	v2[1].Data = []byte("package args // v2\n")
	if err := Create(dir, v2, true); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(dir, "function.go")); got != "my code" {
		t.Errorf("the user's function.go = %q, want it kept", got)
	}
	if got := read(t, filepath.Join(dir, "internal", "args", "args.go")); got != "package args // v2\n" {
		t.Errorf("scaffold's args.go = %q, want it rewritten", got)
	}
	noStaging(t, dir)
}

func TestCreateForceNeverOverwritesOthers(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "internal", "args"), 0o755)
	os.WriteFile(filepath.Join(dir, "internal", "args", "args.go"), []byte("not scaffold's"), 0o644)
	err := Create(dir, files(), true)
	if err == nil || !strings.Contains(err.Error(), "internal/args/args.go") {
		t.Fatalf("Create = %v, want a refusal listing internal/args/args.go", err)
	}
	if got := read(t, filepath.Join(dir, "internal", "args", "args.go")); got != "not scaffold's" {
		t.Errorf("args.go = %q, want it untouched", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "function.go")); !os.IsNotExist(err) {
		t.Error("a refused Create wrote function.go")
	}
	noStaging(t, dir)
}
