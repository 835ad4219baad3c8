package project

// These tests protect the user's files: a new project appears whole or not
// at all, and --force never overwrites a file scaffold did not write.

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
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
	os.WriteFile(filepath.Join(dir, "function.go"), []byte("my code"), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	if err := Create(dir, files(), true); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(dir, "function.go")); got != "my code" {
		t.Errorf("the user's function.go = %q, want it kept", got)
	}
	if got := read(t, filepath.Join(dir, "notes.txt")); got != "mine" {
		t.Errorf("notes.txt = %q, want it kept", got)
	}
	if got := read(t, filepath.Join(dir, "internal", "args", "args.go")); got != "package args // v1\n" {
		t.Errorf("scaffold's args.go = %q, want it written", got)
	}
	noStaging(t, dir)
}

// TestCreateRefusesProject: new over a project, with or without force,
// refuses and changes nothing; scaffold generate is the way to regenerate.
func TestCreateRefusesProject(t *testing.T) {
	for _, marker := range []string{"scaffold.yaml", "scaffold.lock", ".scaffold-txn/journal.json"} {
		t.Run(marker, func(t *testing.T) {
			dir := t.TempDir()
			os.MkdirAll(filepath.Dir(filepath.Join(dir, marker)), 0o755)
			os.WriteFile(filepath.Join(dir, marker), []byte("x"), 0o644)
			for _, force := range []bool{false, true} {
				err := Create(dir, files(), force)
				if !errors.Is(err, ErrProject) || !strings.Contains(err.Error(), "scaffold generate") {
					t.Errorf("Create(force=%v) = %v, want ErrProject naming scaffold generate", force, err)
				}
			}
			if _, err := os.Stat(filepath.Join(dir, "function.go")); !os.IsNotExist(err) {
				t.Error("a refused Create wrote function.go")
			}
		})
	}
}

// TestCreateRemovesStaleStaging: the staging directory of a killed
// scaffold new (its lock file free) is removed by the next new beside it;
// one that a live process holds, or one that is not scaffold's, is not.
func TestCreateRemovesStaleStaging(t *testing.T) {
	root := t.TempDir()
	mk := func(name string, withLock bool) string {
		d := filepath.Join(root, name)
		os.MkdirAll(filepath.Join(d, "internal"), 0o755)
		os.WriteFile(filepath.Join(d, "main.go"), []byte("partial"), 0o644)
		if withLock {
			os.WriteFile(filepath.Join(d, lockFile), nil, 0o644)
		}
		return d
	}
	// A process that has ended, for the ID of a killed scaffold.
	ended := exec.Command("true")
	if err := ended.Run(); err != nil {
		t.Skip("cannot run true:", err)
	}
	dead, alive := ended.Process.Pid, os.Getppid()
	stale := mk(fmt.Sprintf(".scaffold-new-%d-111", dead), true)
	killedEarly := mk(fmt.Sprintf(".scaffold-new-%d-444", dead), false)
	held := mk(fmt.Sprintf(".scaffold-new-%d-222", alive), true)
	starting := mk(fmt.Sprintf(".scaffold-new-%d-555", alive), false)
	foreign := mk(".scaffold-new-333", false)
	f, err := os.OpenFile(filepath.Join(held, lockFile), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := flock(f, nil); err != nil {
		t.Fatal(err)
	}
	if err := Create(filepath.Join(root, "p"), files(), false); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{stale, killedEarly} {
		if _, err := os.Stat(d); !os.IsNotExist(err) {
			t.Errorf("the stale staging directory %s was left", filepath.Base(d))
		}
	}
	for _, d := range []string{held, starting, foreign} {
		if _, err := os.Stat(filepath.Join(d, "main.go")); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(d), err)
		}
	}
}

// TestCreateFillsRemainsOfKilledNew: an empty directory that a killed new
// left only its working files in is filled, without --force.
func TestCreateFillsRemainsOfKilledNew(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, stagingDir, "files"), 0o755)
	os.WriteFile(filepath.Join(dir, stagingDir, "files", "main.go"), []byte("half"), 0o644)
	os.WriteFile(filepath.Join(dir, lockFile), nil, 0o644)
	if err := Create(dir, files(), false); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, stagingDir)); !os.IsNotExist(err) {
		t.Error("the staging directory was left")
	}
	if got := read(t, filepath.Join(dir, "function.go")); got != "package main // v1\n" {
		t.Errorf("function.go = %q", got)
	}
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
