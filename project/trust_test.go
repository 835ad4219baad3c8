package project

// These tests treat a checkout as hostile, as scaffold must when it runs
// from go generate in someone else's repository: no path from scaffold.lock,
// a journal or scaffold.yaml, and no symbolic link, makes scaffold touch a
// file outside the project; remains of an interrupted generate never wedge
// it; and two commands in one project run one after the other.

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/s3batchops/scaffold/gen"
)

func TestCheckPath(t *testing.T) {
	for _, p := range []string{"main.go", "internal/args/args.go", "testdata/events/a b.json", ".gitignore", "é/ü.go"} {
		if err := CheckPath(p); err != nil {
			t.Errorf("CheckPath(%q) = %v, want nil", p, err)
		}
	}
	for p, want := range map[string]string{
		"":                        "empty",
		"../outside/id_rsa":       "outside the project",
		"a/../../b":               "outside the project",
		"a/../b":                  "not clean",
		"./a":                     "not clean",
		"a//b":                    "not clean",
		"/etc/passwd":             "absolute",
		`a\b`:                     "backslash",
		"a\x00b":                  "control characters",
		"a\nb":                    "control characters",
		"\xff":                    "UTF-8",
		".git/hooks/pre-commit":   ".git",
		"sub/.GIT/config":         ".git",
		".scaffold-txn/files/x":   ".scaffold-",
		".scaffold-txn.lock":      ".scaffold-",
		strings.Repeat("a", 1025): "limit of 1024",
	} {
		err := CheckPath(p)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("CheckPath(%q) = %v, want an error saying %q", p, err, want)
		}
	}
}

// outside makes a directory beside the project, with a file in it, and
// returns the file's path and content.
func outside(t *testing.T, root string) (string, string) {
	t.Helper()
	dir := filepath.Join(root, "outside")
	os.MkdirAll(dir, 0o755)
	path := filepath.Join(dir, "id_rsa")
	const secret = "PRIVATE KEY\n"
	if err := os.WriteFile(path, []byte(secret), 0o600); err != nil {
		t.Fatal(err)
	}
	return path, secret
}

func TestLockPathsOutsideRefused(t *testing.T) {
	root := t.TempDir()
	victim, secret := outside(t, root)
	sum := gen.Sum([]byte(secret))
	for _, entry := range []string{"../outside/id_rsa", filepath.Join(root, "outside", "id_rsa"), ".git/hooks/pre-commit", `..\outside\id_rsa`} {
		t.Run(entry, func(t *testing.T) {
			dir := filepath.Join(root, "p")
			os.RemoveAll(dir)
			writeProject(t, dir, v1)
			lock := read(t, filepath.Join(dir, LockFile)) + fmt.Sprintf("  %q: %q\n", entry, sum)
			os.WriteFile(filepath.Join(dir, LockFile), []byte(lock), 0o644)
			d := open(t, dir)
			_, err := d.ReadLock()
			if err == nil || !strings.Contains(err.Error(), LockFile) || !strings.Contains(err.Error(), "files:") {
				t.Fatalf("ReadLock = %v, want an error naming scaffold.lock and the entry", err)
			}
			if got := read(t, victim); got != secret {
				t.Errorf("the file outside the project changed: %q", got)
			}
		})
	}
}

func TestLockMalformedRefused(t *testing.T) {
	for name, lock := range map[string]string{
		"bad hash":  "files:\n  main.go: md5:abc\n",
		"too large": "files:\n" + strings.Repeat("#", gen.MaxLockSize),
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, LockFile), []byte(lock), 0o644)
			if _, err := open(t, dir).ReadLock(); err == nil || !strings.Contains(err.Error(), LockFile) {
				t.Errorf("ReadLock = %v, want an error naming scaffold.lock", err)
			}
		})
	}
}

func TestHostileJournalTouchesNothing(t *testing.T) {
	root := t.TempDir()
	victim, secret := outside(t, root)
	dir := filepath.Join(root, "a", "p")
	writeProject(t, dir, v1)
	txn := filepath.Join(dir, txnDir)
	os.MkdirAll(filepath.Join(txn, "files"), 0o755)
	os.WriteFile(filepath.Join(txn, "files", "planted.txt"), []byte("planted"), 0o644)
	journal := `{"write":["../../planted.txt"],"remove":[{"path":"../../outside/id_rsa","sum":"` + gen.Sum([]byte(secret)) + `"}]}`
	os.WriteFile(filepath.Join(txn, "journal.json"), []byte(journal), 0o644)

	_, err := open(t, dir).Recover()
	if err == nil || !strings.Contains(err.Error(), "journal.json") || !strings.Contains(err.Error(), "../../planted.txt") || !strings.Contains(err.Error(), txnDir+", and run scaffold generate again") {
		t.Fatalf("Recover = %v, want an error naming the journal, the entry and the fix", err)
	}
	if _, err := os.Stat(filepath.Join(root, "planted.txt")); !os.IsNotExist(err) {
		t.Error("a file was planted outside the project")
	}
	if got := read(t, victim); got != secret {
		t.Errorf("the file outside the project changed: %q", got)
	}
	if got := disk(t, dir); got["main.go"] != "main\n" {
		t.Errorf("the project changed: %v", got)
	}
}

// TestJournalRemovesOnlyWhatItPlanned: a file the journal lists for
// removal, whose bytes differ from those planned, stays.
func TestJournalRemovesOnlyWhatItPlanned(t *testing.T) {
	dir := t.TempDir()
	writeProject(t, dir, v1)
	os.MkdirAll(filepath.Join(dir, txnDir), 0o755)
	journal := `{"write":[],"remove":[{"path":"function.go","sum":"` + gen.Sum([]byte("not this")) + `"},{"path":"main.go","sum":"` + gen.Sum([]byte("main\n")) + `"}]}`
	os.WriteFile(filepath.Join(dir, journalFile), []byte(journal), 0o644)
	if _, err := open(t, dir).Recover(); err != nil {
		t.Fatal(err)
	}
	got := disk(t, dir)
	if got["function.go"] != "user v1\n" {
		t.Error("a file with other bytes than planned was removed")
	}
	if _, ok := got["main.go"]; ok {
		t.Error("the planned removal did not happen")
	}
}

// TestRecoverRemains: whatever an interruption or a checkout leaves as
// .scaffold-txn, Recover clears it and a plan then works.
func TestRecoverRemains(t *testing.T) {
	for name, make := range map[string]func(dir string){
		"empty directory": func(dir string) { os.Mkdir(filepath.Join(dir, txnDir), 0o755) },
		"files but no journal": func(dir string) {
			os.MkdirAll(filepath.Join(dir, txnDir, "files", "internal"), 0o755)
		},
		"a file":  func(dir string) { os.WriteFile(filepath.Join(dir, txnDir), []byte("x"), 0o644) },
		"a link":  func(dir string) { os.Symlink("/", filepath.Join(dir, txnDir)) },
		"staging": func(dir string) { os.MkdirAll(filepath.Join(dir, stagingDir, "files"), 0o755) },
		"staging link": func(dir string) {
			os.Symlink(filepath.Dir(dir), filepath.Join(dir, stagingDir))
		},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeProject(t, dir, v1)
			make(dir)
			d := open(t, dir)
			if !d.Pending() {
				t.Error("Pending = false")
			}
			if found, err := d.Recover(); err != nil || !found {
				t.Fatalf("Recover = %v, %v", found, err)
			}
			if d.Pending() {
				t.Error("remains left after Recover")
			}
			p, err := d.Plan(v2, readLock(t, dir), false)
			if err != nil {
				t.Fatal(err)
			}
			if err := d.Apply(p); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(filepath.Dir(dir)); err != nil {
				t.Errorf("the parent of the project is gone: %v", err)
			}
		})
	}
}

func TestSymlinkedDirectoryNotWrittenThrough(t *testing.T) {
	root := t.TempDir()
	elsewhere := filepath.Join(root, "elsewhere")
	os.Mkdir(elsewhere, 0o755)
	dir := filepath.Join(root, "p")
	writeProject(t, dir, v1)
	os.RemoveAll(filepath.Join(dir, "internal", "args"))
	if err := os.Symlink(elsewhere, filepath.Join(dir, "internal", "args")); err != nil {
		t.Fatal(err)
	}
	_, err := open(t, dir).Plan(v2, readLock(t, dir), true)
	if err == nil || !strings.Contains(err.Error(), "internal/args is a symbolic link") || !strings.Contains(err.Error(), "never follows a link") {
		t.Fatalf("Plan = %v, want an error naming the link", err)
	}
	if entries, _ := os.ReadDir(elsewhere); len(entries) > 0 {
		t.Errorf("scaffold wrote through the link: %v", entries)
	}
	// Nor does Apply, handed a plan anyway.
	err = open(t, dir).Apply(&Plan{Write: gen.FileSet{{Path: "internal/args/args.go", Data: []byte("x")}}})
	if err == nil {
		t.Error("Apply wrote through a link that leaves the project")
	}
	if entries, _ := os.ReadDir(elsewhere); len(entries) > 0 {
		t.Errorf("scaffold wrote through the link: %v", entries)
	}
}

func TestConfigPathsOutsideRefused(t *testing.T) {
	root := t.TempDir()
	outside(t, root)
	dir := filepath.Join(root, "p")
	os.Mkdir(dir, 0o755)
	for _, cfg := range []string{"schema: ../outside/id_rsa\n", "taskSchema: /etc/passwd\n"} {
		os.WriteFile(filepath.Join(dir, ConfigFile), []byte(cfg), 0o644)
		_, err := ReadConfig(dir)
		if err == nil || !strings.Contains(err.Error(), ConfigFile) || !strings.Contains(err.Error(), "inside the project") {
			t.Errorf("ReadConfig(%q) = %v, want an error naming scaffold.yaml and the key", cfg, err)
		}
	}
	// A schema linked from outside is not read either.
	os.Symlink(filepath.Join(root, "outside", "id_rsa"), filepath.Join(dir, "args.json"))
	os.WriteFile(filepath.Join(dir, ConfigFile), []byte("schema: args.json\n"), 0o644)
	cfg, err := ReadConfig(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := LoadSchema(dir, cfg); err == nil || !strings.Contains(err.Error(), "args.json is a symbolic link") {
		t.Errorf("LoadSchema = %v, want a refusal of the link", err)
	}
}

// TestOpenSerialises: a second Open of a project waits, after saying so,
// until the first is closed. No sleeps: the waiting callback says when the
// second is blocked.
func TestOpenSerialises(t *testing.T) {
	dir := t.TempDir()
	first, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	waiting := make(chan struct{})
	opened := make(chan error)
	go func() {
		second, err := Open(dir, func() { close(waiting) })
		if err == nil {
			second.Close()
		}
		opened <- err
	}()
	<-waiting
	select {
	case err := <-opened:
		t.Fatalf("the second Open returned (%v) while the first held the lock", err)
	default:
	}
	first.Close()
	select {
	case err := <-opened:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Minute):
		t.Fatal("the second Open still waits after the first closed")
	}
}

func TestOpenMissing(t *testing.T) {
	_, err := Open(filepath.Join(t.TempDir(), "nope"), nil)
	if err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("Open = %v, want does not exist", err)
	}
	if !errors.Is(CheckNew(t.TempDir(), false), nil) {
		t.Error("CheckNew refused an empty directory")
	}
}

// TestYAMLBounded: scaffold.yaml and scaffold.lock nested deep, as a
// checkout may ship them, are refused before the YAML parser runs.
func TestYAMLBounded(t *testing.T) {
	deep := strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n"
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ConfigFile), []byte("name: "+deep), 0o644)
	os.WriteFile(filepath.Join(dir, LockFile), []byte("files: "+deep), 0o644)
	if _, err := ReadConfig(dir); err == nil || !strings.Contains(err.Error(), ConfigFile) || !strings.Contains(err.Error(), "nested") {
		t.Errorf("ReadConfig = %v, want a nesting error naming scaffold.yaml", err)
	}
	if _, err := open(t, dir).ReadLock(); err == nil || !strings.Contains(err.Error(), LockFile) || !strings.Contains(err.Error(), "nested") {
		t.Errorf("ReadLock = %v, want a nesting error naming scaffold.lock", err)
	}
}

// TestFIFONotOpened: a FIFO where scaffold expects a file would block an
// open forever; scaffold refuses it instead.
func TestFIFONotOpened(t *testing.T) {
	dir := t.TempDir()
	writeProject(t, dir, v1)
	for _, name := range []string{"main.go", LockFile, ConfigFile, "args.json"} {
		os.Remove(filepath.Join(dir, name))
		if err := syscall.Mkfifo(filepath.Join(dir, name), 0o644); err != nil {
			t.Skip("no FIFOs here:", err)
		}
	}
	d := open(t, dir)
	if _, err := d.ReadLock(); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("ReadLock = %v, want a refusal of the FIFO", err)
	}
	if _, err := d.ReadConfig(); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("ReadConfig = %v, want a refusal of the FIFO", err)
	}
	if _, err := d.Plan(v2, nil, false); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("Plan = %v, want a refusal of the FIFO main.go", err)
	}
	if _, _, err := LoadSchema(dir, &Config{SchemaFile: "args.json"}); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("LoadSchema = %v, want a refusal of the FIFO", err)
	}
}

// TestYAMLAliasBomb: nested aliases that would expand to gigabytes are
// refused before scaffold.yaml or scaffold.lock is decoded.
func TestYAMLAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 \"" + strings.Repeat("x", 100) + "\"\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [", i, i)
		for k := 0; k < 10; k++ {
			if k > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ConfigFile), []byte(b.String()+"name: *a9\n"), 0o644)
	os.WriteFile(filepath.Join(dir, LockFile), []byte(b.String()+"version: *a9\n"), 0o644)
	if _, err := ReadConfig(dir); err == nil || !strings.Contains(err.Error(), "anchor or alias") {
		t.Errorf("ReadConfig = %v, want the alias refused", err)
	}
	if _, err := open(t, dir).ReadLock(); err == nil || !strings.Contains(err.Error(), "anchor or alias") {
		t.Errorf("ReadLock = %v, want the alias refused", err)
	}
}

// TestLinkIntoGitRefused: a link that stays inside the project but leads
// into .git is not followed, for a lock entry, a journal entry or a
// directory scaffold writes; and --force never removes a stale file whose
// bytes are not those scaffold wrote.
func TestLinkIntoGitRefused(t *testing.T) {
	dir := t.TempDir()
	writeProject(t, dir, v1)
	os.MkdirAll(filepath.Join(dir, ".git", "hooks"), 0o755)
	os.WriteFile(filepath.Join(dir, ".git", "HEAD"), []byte("ref: refs/heads/main\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "testdata"), 0o755)
	os.Symlink("../.git", filepath.Join(dir, "testdata", "events"))
	lock := read(t, filepath.Join(dir, LockFile)) + fmt.Sprintf("  %q: %q\n", "testdata/events/HEAD", gen.Sum([]byte("ref: refs/heads/main\n")))
	os.WriteFile(filepath.Join(dir, LockFile), []byte(lock), 0o644)
	d := open(t, dir)
	l, err := d.ReadLock()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Plan(v2, l, true); err == nil || !strings.Contains(err.Error(), "testdata/events is a symbolic link") {
		t.Errorf("Plan = %v, want the link refused", err)
	}
	os.Symlink("../.git/hooks", filepath.Join(dir, "internal", "batch"))
	os.MkdirAll(filepath.Join(dir, txnDir, "files", "internal", "batch"), 0o755)
	os.WriteFile(filepath.Join(dir, txnDir, "files", "internal", "batch", "pre-commit"), []byte("#!/bin/sh\n"), 0o755)
	os.WriteFile(filepath.Join(dir, journalFile), []byte(`{"write":["internal/batch/pre-commit"],"remove":[]}`), 0o644)
	if _, err := d.Recover(); err == nil || !strings.Contains(err.Error(), "internal/batch is a symbolic link") {
		t.Errorf("Recover = %v, want the link refused", err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".git", "hooks", "pre-commit")); !os.IsNotExist(err) {
		t.Error("a hook was planted in .git")
	}
	if _, err := os.Stat(filepath.Join(dir, ".git", "HEAD")); err != nil {
		t.Error(".git/HEAD was removed")
	}
}

// TestForceKeepsForeignStale: a file the lock lists with a hash it does
// not have (the user's own, in a directory of scaffold's) is not removed
// by --force.
func TestForceKeepsForeignStale(t *testing.T) {
	dir := t.TempDir()
	writeProject(t, dir, v1)
	os.WriteFile(filepath.Join(dir, "internal", "params", "mine.go"), []byte("SECRET=1\n"), 0o644)
	lock := read(t, filepath.Join(dir, LockFile)) + fmt.Sprintf("  %q: %q\n", "internal/params/mine.go", "sha256:"+strings.Repeat("0", 64))
	os.WriteFile(filepath.Join(dir, LockFile), []byte(lock), 0o644)
	d := open(t, dir)
	p, err := d.Plan(v2, readLock(t, dir), true)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Apply(p); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(dir, "internal", "params", "mine.go")); got != "SECRET=1\n" {
		t.Errorf("internal/params/mine.go = %q, want it kept", got)
	}
}

// TestRecoverStagedOverDirectory: a journal that would move a file over a
// directory does not wedge the project.
func TestRecoverStagedOverDirectory(t *testing.T) {
	dir := t.TempDir()
	writeProject(t, dir, v1)
	os.MkdirAll(filepath.Join(dir, txnDir, "files"), 0o755)
	os.WriteFile(filepath.Join(dir, txnDir, "files", "internal"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, journalFile), []byte(`{"write":["internal"],"remove":[]}`), 0o644)
	d := open(t, dir)
	if _, err := d.Recover(); err != nil {
		t.Fatalf("Recover = %v", err)
	}
	if d.Pending() {
		t.Error("the transaction is left")
	}
	if got := read(t, filepath.Join(dir, "internal", "args", "args.go")); got != "args v1\n" {
		t.Errorf("internal was replaced: %q", got)
	}
}

// TestTypeCheckRefusesLinkedSource: the go command would follow a .go file
// that is a link out of the project and echo what it read; scaffold does
// not let it.
func TestTypeCheckRefusesLinkedSource(t *testing.T) {
	root := t.TempDir()
	outside(t, root)
	dir := filepath.Join(root, "p")
	os.Mkdir(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/p\n\ngo 1.24\n"), 0o644)
	os.Symlink(filepath.Join(root, "outside", "id_rsa"), filepath.Join(dir, "leak.go"))
	_, err := TypeCheck(dir, nil, nil)
	if err == nil || !strings.Contains(err.Error(), "leak.go is a link") {
		t.Errorf("TypeCheck = %v, want the link refused", err)
	}
	if err != nil && strings.Contains(err.Error(), "PRIVATE") {
		t.Errorf("the outside file's content leaked: %v", err)
	}
}

// TestHostileJournalReplacesNoUserFile: a journal a checkout carries may
// name files inside the project, but it replaces only scaffold's own files
// as scaffold.lock records them: a file with uncommitted edits, an untracked
// one, a scaffold file edited since, all stay, and nothing is changed.
func TestHostileJournalReplacesNoUserFile(t *testing.T) {
	for _, target := range []string{"function.go", ".env", "internal/args/args.go"} {
		t.Run(target, func(t *testing.T) {
			dir := t.TempDir()
			writeProject(t, dir, v1)
			lock, _ := open(t, dir).ReadLock()
			if lock == nil {
				t.Fatal("the fixture has no scaffold.lock")
			}
			mine := "mine: " + target + "\n"
			os.WriteFile(filepath.Join(dir, filepath.FromSlash(target)), []byte(mine), 0o644)
			staged := filepath.Join(dir, txnDir, "files")
			os.MkdirAll(filepath.Join(staged, "internal", "args"), 0o755)
			os.WriteFile(filepath.Join(staged, filepath.FromSlash(target)), []byte("planted\n"), 0o644)
			os.WriteFile(filepath.Join(staged, "main.go"), []byte("planted main\n"), 0o644)
			journal := `{"write":["main.go","` + target + `"]}`
			os.WriteFile(filepath.Join(dir, journalFile), []byte(journal), 0o644)

			_, err := open(t, dir).Recover()
			if err == nil || !strings.Contains(err.Error(), "journal.json") || !strings.Contains(err.Error(), target) ||
				!strings.Contains(err.Error(), "nothing was changed") || !strings.Contains(err.Error(), txnDir+", and run scaffold generate again") {
				t.Fatalf("Recover = %v, want an error naming the journal, the file and the fix", err)
			}
			got := disk(t, dir)
			if got[target] != mine {
				t.Errorf("%s = %q, want the user's bytes", target, got[target])
			}
			if got["main.go"] != "main\n" {
				t.Errorf("main.go = %q: the journal was carried out in part", got["main.go"])
			}
		})
	}
}

// TestLockFileDirectoryKept: a directory where scaffold keeps its lock file
// is an error, even for a read-only command, and what it holds stays.
func TestLockFileDirectoryKept(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, lockFile, "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, lockFile, "sub", "data"), []byte("precious"), 0o644)
	d, err := Open(dir, nil)
	if err == nil {
		d.Close()
		t.Fatal("Open accepted a directory in place of the lock file")
	}
	if !strings.Contains(err.Error(), lockFile+" is a directory") || !strings.Contains(err.Error(), "move it away") {
		t.Errorf("Open = %v, want the directory named with the fix", err)
	}
	if got := read(t, filepath.Join(dir, lockFile, "sub", "data")); got != "precious" {
		t.Errorf("the directory's file = %q", got)
	}
	// A link in its place is removed, never followed.
	victim, secret := outside(t, t.TempDir())
	other := t.TempDir()
	os.Symlink(victim, filepath.Join(other, lockFile))
	d, err = Open(other, nil)
	if err != nil {
		t.Fatal(err)
	}
	d.Close()
	if got := read(t, victim); got != secret {
		t.Errorf("the link's target changed: %q", got)
	}
}

// TestLinkedConfigNamed: scaffold.yaml or scaffold.lock as a link leaving
// the project is an error that says so, where it points, and the fix.
func TestLinkedConfigNamed(t *testing.T) {
	for _, name := range []string{ConfigFile, LockFile} {
		root := t.TempDir()
		dir := filepath.Join(root, "p")
		writeProject(t, dir, v1)
		os.WriteFile(filepath.Join(root, "real"), []byte("x"), 0o644)
		os.Remove(filepath.Join(dir, name))
		os.Symlink(filepath.Join(root, "real"), filepath.Join(dir, name))
		_, err := readBounded(open(t, dir).root, name, 1<<20, "TestLimit")
		if err == nil || !strings.Contains(err.Error(), name+" is a symbolic link leaving the project") || !strings.Contains(err.Error(), "replace the link by the file") {
			t.Errorf("%s: %v, want the link named with the fix", name, err)
		}
	}
}

// TestHostileJournalRemovesNoUserFile: a journal a checkout carries removes
// only files scaffold.lock records with the bytes they have: an untracked
// file whose content it guessed (an empty one, a known .env) stays.
func TestHostileJournalRemovesNoUserFile(t *testing.T) {
	dir := t.TempDir()
	writeProject(t, dir, v1)
	os.MkdirAll(filepath.Join(dir, "mydata", "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "mydata", "sub", "placeholder"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, ".env"), []byte("API_KEY=hunter2\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, txnDir, "files"), 0o755)
	journal := `{"write":[],"remove":[{"path":"mydata/sub/placeholder","sum":"` + gen.Sum(nil) + `"},{"path":".env","sum":"` + gen.Sum([]byte("API_KEY=hunter2\n")) + `"}]}`
	os.WriteFile(filepath.Join(dir, journalFile), []byte(journal), 0o644)
	_, err := open(t, dir).Recover()
	if err == nil || !strings.Contains(err.Error(), `remove[0] "mydata/sub/placeholder" would remove a file`) || !strings.Contains(err.Error(), "nothing was changed") {
		t.Fatalf("Recover = %v, want the removal refused", err)
	}
	got := disk(t, dir)
	if _, ok := got["mydata/sub/placeholder"]; !ok {
		t.Error("the empty file was removed")
	}
	if got[".env"] != "API_KEY=hunter2\n" {
		t.Error(".env was removed")
	}
}

// TestJournalErrorsSayWhatToDo: a journal that is a link, one over
// MaxJournalSize, and one next to a lock that cannot be read each give an
// error naming the file, with the fix that applies and no other.
func TestJournalErrorsSayWhatToDo(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(dir string)
		want  []string
	}{
		{"link", func(dir string) {
			os.WriteFile(filepath.Join(dir, "elsewhere.json"), []byte(`{"write":[]}`), 0o644)
			os.Symlink(filepath.Join(dir, "elsewhere.json"), filepath.Join(dir, journalFile))
		}, []string{"journal.json is not a regular file", "remove " + dir0(txnDir)}},
		{"too large", func(dir string) {
			os.WriteFile(filepath.Join(dir, journalFile), bytes.Repeat([]byte(" "), MaxJournalSize+1), 0o644)
		}, []string{"journal.json is larger than scaffold's limit of 1 MiB (MaxJournalSize)", "remove " + dir0(txnDir)}},
		{"unreadable lock", func(dir string) {
			os.WriteFile(filepath.Join(dir, journalFile), []byte(`{"write":["main.go"]}`), 0o644)
			os.WriteFile(filepath.Join(dir, LockFile), []byte("files: [oops\n"), 0o644)
		}, []string{LockFile, "cannot be checked against it", "remove " + dir0(txnDir)}},
		{"an entry twice", func(dir string) {
			os.WriteFile(filepath.Join(dir, journalFile), []byte(`{"write":["main.go","main.go"]}`), 0o644)
		}, []string{`write[1] "main.go": listed twice`, "remove " + dir0(txnDir)}},
		{"too many entries", func(dir string) {
			writes := make([]string, 2*gen.MaxLockFiles+2)
			for i := range writes {
				writes[i] = fmt.Sprintf("%q", fmt.Sprintf("internal/batch/f%d.go", i))
			}
			os.WriteFile(filepath.Join(dir, journalFile), []byte(`{"write":[`+strings.Join(writes, ",")+`]}`), 0o644)
		}, []string{"2002 entries, more than a generate makes", "remove " + dir0(txnDir)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeProject(t, dir, v1)
			os.MkdirAll(filepath.Join(dir, txnDir, "files"), 0o755)
			tc.setup(dir)
			_, err := open(t, dir).Recover()
			for _, w := range tc.want {
				if err == nil || !strings.Contains(err.Error(), strings.ReplaceAll(w, "DIR", dir)) {
					t.Errorf("Recover = %v, want %q", err, strings.ReplaceAll(w, "DIR", dir))
				}
			}
			if err != nil && strings.Contains(err.Error(), "replace the link by the file") {
				t.Errorf("Recover = %v: a fix that contradicts removing .scaffold-txn", err)
			}
			if got := disk(t, dir); got["main.go"] != "main\n" {
				t.Error("the project changed")
			}
		})
	}
}

// dir0 is name in the project directory of a test, spelled as errors spell it.
func dir0(name string) string { return "DIR" + string(os.PathSeparator) + name }

// TestLockNamesOnlyScaffoldsFiles: a lock naming a file scaffold never
// writes (a user's untracked .env, with the sum its bytes have) is refused
// before generate could plan to remove or replace it.
func TestLockNamesOnlyScaffoldsFiles(t *testing.T) {
	for _, p := range []string{".env", "function.go", "internal/secret.go"} {
		dir := t.TempDir()
		writeProject(t, dir, v1)
		os.WriteFile(filepath.Join(dir, p), []byte("SECRET=1\n"), 0o644)
		lock := read(t, filepath.Join(dir, LockFile)) + fmt.Sprintf("  %q: %q\n", p, gen.Sum([]byte("SECRET=1\n")))
		os.WriteFile(filepath.Join(dir, LockFile), []byte(lock), 0o644)
		_, err := open(t, dir).ReadLock()
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("files: %q: scaffold writes no such file", p)) || !strings.Contains(err.Error(), "restore the lock") {
			t.Errorf("%s: ReadLock = %v, want the entry refused, with the fix", p, err)
		}
		if got := read(t, filepath.Join(dir, p)); got != "SECRET=1\n" {
			t.Errorf("%s = %q, want it untouched", p, got)
		}
	}
}
