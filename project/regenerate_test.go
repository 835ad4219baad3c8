package project

// These tests protect regeneration: the plan sorts files into what to
// write, remove and refuse, and a transaction interrupted at any point, even
// by SIGKILL, leaves the old project or, once recovered, the new one.

import (
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/s3batchops/scaffold/gen"
)

// lockFor returns the scaffold.lock file of the scaffold-owned files of fs.
func lockFor(fs gen.FileSet) gen.File {
	var b strings.Builder
	b.WriteString("version: \"test\"\nfiles:\n")
	for _, f := range fs {
		if f.Owner == gen.Scaffold && f.Path != gen.LockFile {
			fmt.Fprintf(&b, "  %q: %q\n", f.Path, gen.Sum(f.Data))
		}
	}
	return gen.File{Path: gen.LockFile, Data: []byte(b.String()), Owner: gen.Scaffold}
}

// project returns a file set with a lock, sorted.
func projectFiles(files ...gen.File) gen.FileSet {
	fs := gen.FileSet(files)
	fs = append(fs, lockFor(fs))
	slices.SortFunc(fs, func(a, b gen.File) int { return strings.Compare(a.Path, b.Path) })
	return fs
}

func writeProject(t *testing.T, dir string, fs gen.FileSet) {
	t.Helper()
	for _, f := range fs {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// opened holds the projects a test opened: a second Open of a project in
// one process would wait for the first's lock.
var opened = map[string]*Dir{}

// open opens dir as a project, once per test; it is closed when the test
// ends.
func open(t testing.TB, dir string) *Dir {
	t.Helper()
	if d := opened[dir]; d != nil {
		return d
	}
	d, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	opened[dir] = d
	t.Cleanup(func() {
		d.Close()
		delete(opened, dir)
	})
	return d
}

// disk returns every file under dir but the transaction's.
func disk(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if !d.IsDir() && strings.HasPrefix(rel, ".scaffold-txn") {
			return nil // the lock file
		}
		if d.IsDir() {
			if strings.HasPrefix(rel, ".scaffold-txn") {
				return filepath.SkipDir
			}
			return nil
		}
		data, _ := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	return out
}

func asMap(fs gen.FileSet) map[string]string {
	out := map[string]string{}
	for _, f := range fs {
		out[f.Path] = string(f.Data)
	}
	return out
}

var (
	v1 = projectFiles(
		gen.File{Path: "function.go", Data: []byte("user v1\n"), Owner: gen.User},
		gen.File{Path: "internal/args/args.go", Data: []byte("args v1\n"), Owner: gen.Scaffold},
		gen.File{Path: "internal/params/old.go", Data: []byte("old v1\n"), Owner: gen.Scaffold},
		gen.File{Path: "main.go", Data: []byte("main\n"), Owner: gen.Scaffold},
	)
	v2 = projectFiles(
		gen.File{Path: "function.go", Data: []byte("user v2 starter\n"), Owner: gen.User},
		gen.File{Path: "internal/args/args.go", Data: []byte("args v2\n"), Owner: gen.Scaffold},
		gen.File{Path: "internal/batch/new.go", Data: []byte("new v2\n"), Owner: gen.Scaffold},
		gen.File{Path: "main.go", Data: []byte("main\n"), Owner: gen.Scaffold},
	)
)

func readLock(t *testing.T, dir string) *Lock {
	t.Helper()
	l, err := open(t, dir).ReadLock()
	if err != nil || l == nil {
		t.Fatalf("ReadLock: %v, %v", l, err)
	}
	return l
}

func TestPlan(t *testing.T) {
	dir := t.TempDir()
	writeProject(t, dir, v1)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	p, err := open(t, dir).Plan(v2, readLock(t, dir), false)
	if err != nil {
		t.Fatal(err)
	}
	var write []string
	for _, f := range p.Write {
		write = append(write, f.Path)
	}
	want := []string{"internal/args/args.go", "internal/batch/new.go", "scaffold.lock"}
	if !slices.Equal(write, want) || !slices.Equal(p.Remove, []string{"internal/params/old.go"}) ||
		!slices.Equal(p.Changed, []string{"internal/args/args.go"}) || !slices.Equal(p.Missing, []string{"internal/batch/new.go"}) ||
		len(p.HandEdited)+len(p.Unowned) > 0 {
		t.Errorf("plan = %+v", p)
	}
	if err := open(t, dir).Apply(p); err != nil {
		t.Fatal(err)
	}
	got := disk(t, dir)
	want2 := asMap(v2)
	want2["function.go"] = "user v1\n" // the user's file is never written
	want2["notes.txt"] = "mine"        // nor a file scaffold never owned removed
	if !maps.Equal(got, want2) {
		t.Errorf("after Apply:\n%v\nwant\n%v", got, want2)
	}
	if _, err := os.Stat(filepath.Join(dir, "internal", "params")); !os.IsNotExist(err) {
		t.Error("the emptied directory internal/params was left")
	}
	// Idempotent: nothing more to do.
	p, err = open(t, dir).Plan(v2, readLock(t, dir), false)
	if err != nil || !p.UpToDate() {
		t.Errorf("second plan = %+v, %v; want up to date", p, err)
	}
}

func TestPlanHandEditsAndUnowned(t *testing.T) {
	dir := t.TempDir()
	writeProject(t, dir, v1)
	os.WriteFile(filepath.Join(dir, "internal", "args", "args.go"), []byte("edited\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "internal", "params", "old.go"), []byte("edited too\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "internal", "batch"), 0o755)
	os.WriteFile(filepath.Join(dir, "internal", "batch", "new.go"), []byte("the user's\n"), 0o644)
	os.Remove(filepath.Join(dir, "function.go"))
	p, err := open(t, dir).Plan(v2, readLock(t, dir), false)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(p.HandEdited, []string{"internal/args/args.go", "internal/params/old.go"}) ||
		!slices.Equal(p.Unowned, []string{"internal/batch/new.go"}) || len(p.Remove) != 0 ||
		!slices.Contains(p.Missing, "function.go") {
		t.Errorf("plan = %+v", p)
	}
	p, _ = open(t, dir).Plan(v2, readLock(t, dir), true)
	if len(p.Remove) != 0 || !slices.Equal(p.Kept, []string{"internal/params/old.go"}) || !slices.ContainsFunc(p.Write, func(f gen.File) bool { return f.Path == "internal/args/args.go" }) {
		t.Errorf("forced plan = %+v; want the edited stale file kept, not removed", p)
	}
	if !slices.Equal(p.Unowned, []string{"internal/batch/new.go"}) {
		t.Error("force must not take over a file scaffold never wrote")
	}
}

// TestApplySurvivesSIGKILL kills a process in the middle of Apply, at each
// rename and removal in turn (three files to write, one to remove), and checks that every file is whole (old or new), that
// Recover then gives exactly the new project, and that its lock matches.
func TestApplySurvivesSIGKILL(t *testing.T) {
	if os.Getenv("SCAFFOLD_KILL_AT") != "" {
		return // the helper process runs applyAndDie instead
	}
	p0, _ := os.Executable()
	// Steps 0-1 move files in, 2 removes a stale one, 3 moves the lock in,
	// 4-6 remove the transaction: its files, its journal, its directory.
	for k := 0; k < 7; k++ {
		t.Run(strconv.Itoa(k), func(t *testing.T) {
			dir := t.TempDir()
			writeProject(t, dir, v1)
			cmd := exec.Command(p0, "-test.run=^TestApplyAndDie$")
			cmd.Env = append(os.Environ(), "SCAFFOLD_KILL_AT="+strconv.Itoa(k), "SCAFFOLD_DIR="+dir)
			err := cmd.Run()
			if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
				t.Fatalf("helper: %v, want it killed", err)
			}
			old, new := asMap(v1), asMap(v2)
			for path, data := range disk(t, dir) {
				if data != old[path] && data != new[path] {
					t.Errorf("%s is neither old nor new: %q", path, data)
				}
			}
			d := open(t, dir)
			if !d.Pending() {
				t.Fatal("no pending transaction after the kill")
			}
			if finished, err := d.Recover(); err != nil || !finished {
				t.Fatalf("Recover = %v, %v", finished, err)
			}
			want := asMap(v2)
			want["function.go"] = "user v1\n"
			if got := disk(t, dir); !maps.Equal(got, want) {
				t.Errorf("after Recover:\n%v\nwant\n%v", got, want)
			}
			p, err := open(t, dir).Plan(v2, readLock(t, dir), false)
			if err != nil || !p.UpToDate() {
				t.Errorf("after Recover the lock does not match the disk: %+v, %v", p, err)
			}
			if _, err := os.Stat(filepath.Join(dir, txnDir)); !os.IsNotExist(err) {
				t.Error("the transaction directory is left")
			}
		})
	}
}

// TestApplyAndDie is the helper process of TestApplySurvivesSIGKILL.
func TestApplyAndDie(t *testing.T) {
	at := os.Getenv("SCAFFOLD_KILL_AT")
	if at == "" {
		t.Skip("a helper process")
	}
	k, _ := strconv.Atoi(at)
	dir := os.Getenv("SCAFFOLD_DIR")
	beforeStep = func(i int) {
		if i == k {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {}
		}
	}
	d, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	l, _ := d.ReadLock()
	p, err := d.Plan(v2, l, false)
	if err != nil {
		t.Fatal(err)
	}
	d.Apply(p)
	t.Fatal("Apply finished: the kill did not happen")
}

func TestRecoverDiscardsUncommitted(t *testing.T) {
	dir := t.TempDir()
	writeProject(t, dir, v1)
	os.MkdirAll(filepath.Join(dir, stagingDir, "files"), 0o755)
	os.WriteFile(filepath.Join(dir, stagingDir, "files", "main.go"), []byte("half"), 0o644)
	if found, err := open(t, dir).Recover(); err != nil || !found {
		t.Fatalf("Recover = %v, %v; want the staging directory found", found, err)
	}
	if got := disk(t, dir); !maps.Equal(got, asMap(v1)) {
		t.Errorf("an uncommitted transaction changed the project: %v", got)
	}
	if _, err := os.Stat(filepath.Join(dir, stagingDir)); !os.IsNotExist(err) {
		t.Error("the staging directory is left")
	}
}
