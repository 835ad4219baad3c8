// Package project writes a generated gen.FileSet to a project directory,
// safely: a new project appears whole or not at all, a file scaffold did not
// write is never overwritten, nothing outside the project is ever touched,
// and two scaffold commands in one project run one after the other.
package project

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/s3batchops/scaffold/internal/quote"

	"github.com/s3batchops/scaffold/gen"
	"github.com/s3batchops/scaffold/schema"
)

// LockFile is the name of scaffold.lock, whose format is gen's (gen.Lock).
const LockFile = gen.LockFile

// Lock is the content of scaffold.lock.
type Lock = gen.Lock

// ReadLock reads the project's scaffold.lock; a missing lock is (nil, nil).
// Every path in it is checked: the lock is untrusted, and a path that
// leaves the project is an error naming the entry.
func (d *Dir) ReadLock() (*Lock, error) {
	data, err := readBounded(d.root, LockFile, gen.MaxLockSize, "gen.MaxLockSize")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	where := filepath.Join(d.Path, LockFile)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d.Path, err)
	}
	l, err := gen.DecodeLock(where, data)
	if probs := (schema.Problems)(nil); errors.As(err, &probs) {
		return nil, err // they name the file
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	fix := "scaffold writes only its own files, inside the project: was the lock edited by hand? Remove the entry, or restore the lock from version control"
	for _, p := range l.Paths() {
		if err := cmp.Or(CheckPath(p), gen.MayOwn(p)); err != nil {
			return nil, fmt.Errorf("%s: files: %s: %v: %s", where, quote.Value(p), err, fix)
		}
	}
	return l, nil
}

// ErrProject means that a new project was to be created in a directory
// that already holds one.
var ErrProject = errors.New("already a scaffold project")

// Create writes files into dir as a new project.
//
// When dir does not exist, every file is first written to a staging
// directory beside it, which is then renamed to dir: an error or an
// interruption leaves no half-written project behind, and a staging
// directory that a killed scaffold left is removed by the next Create
// beside it.
//
// An existing dir that holds a project (or an interrupted write of one) is
// refused with ErrProject: scaffold generate regenerates a project. An
// empty dir is filled in one transaction, as Apply writes. When dir has
// other files, Create refuses unless force is set; with force, it adds the
// project's files, and any that exist already is an error listing them
// (user-owned files excepted: they stay as they are), with nothing written.
func Create(dir string, files gen.FileSet, force bool) error {
	if err := CheckNew(dir, force); err != nil {
		return err
	}
	if !exists(dir) {
		return createWhole(dir, files)
	}
	d, err := Open(dir, nil)
	if err != nil {
		return err
	}
	defer d.Close()
	// Remains of an interrupted new in this directory are scaffold's own.
	if _, err := d.Recover(); err != nil {
		return err
	}
	if err := CheckNew(dir, force); err != nil {
		return err
	}
	if err := d.checkFiles(files); err != nil {
		return err
	}
	var clashes []string
	var todo gen.FileSet
	for _, f := range files {
		_, err := d.root.Lstat(f.Path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			todo = append(todo, f)
		case err != nil:
			return err
		case f.Owner == gen.User:
			// The user's file stays as it is.
		default:
			clashes = append(clashes, f.Path)
		}
	}
	if len(clashes) > 0 {
		return fmt.Errorf("%s has files that scaffold did not write, and would overwrite:\n\t%s\nmove them away, or create the project in a new directory", dir, strings.Join(clashes, "\n\t"))
	}
	return d.Apply(&Plan{Write: todo})
}

// CheckNew returns the error Create would return before writing anything:
// dir holds a project (ErrProject), or has files and not force.
func CheckNew(dir string, force bool) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	}
	for _, e := range entries {
		switch e.Name() {
		case ConfigFile, LockFile, txnDir:
			return fmt.Errorf("%s is %w: run scaffold generate %s to regenerate it (edit its %s to change its settings)", dir, ErrProject, dir, ConfigFile)
		}
	}
	entries = slices.DeleteFunc(entries, func(e fs.DirEntry) bool { return strings.HasPrefix(e.Name(), txnDir) })
	if len(entries) > 0 && !force {
		return fmt.Errorf("%s is not empty: choose a new directory, or use --force to add the project to it (scaffold never overwrites a file it did not write)", dir)
	}
	return nil
}

func exists(dir string) bool {
	_, err := os.Lstat(dir)
	return err == nil
}

// newPrefix starts the name of the staging directory of a new project.
const newPrefix = ".scaffold-new-"

// createWhole stages files in a sibling directory and renames it to dir.
// The staging directory holds the project's lock file, locked for as long
// as this process lives: one whose lock is free is the remains of a killed
// scaffold, and is removed.
func createWhole(dir string, files gen.FileSet) error {
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	removeStaleStaging(parent)
	// The name carries this process's ID from the first instant, so that a
	// staging directory killed before its lock file exists is still known
	// to be abandoned.
	stage, err := os.MkdirTemp(parent, fmt.Sprintf("%s%d-", newPrefix, os.Getpid()))
	if err != nil {
		return err
	}
	defer os.RemoveAll(stage) // after the rename, there is nothing left to remove
	// Lock under another name, then rename: a staging directory is never
	// seen with an unlocked lock file while this process lives.
	init := filepath.Join(stage, lockFile+".init")
	f, err := os.OpenFile(init, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := flock(f, nil); err != nil {
		return err
	}
	if err := os.Rename(init, filepath.Join(stage, lockFile)); err != nil {
		return err
	}
	root, err := os.OpenRoot(stage)
	if err != nil {
		return err
	}
	defer root.Close()
	for _, f := range files {
		if err := CheckPath(f.Path); err != nil {
			return fmt.Errorf("%s: %v", quote.Value(f.Path), err)
		}
	}
	paths, err := writeAll(root, ".", files)
	if err != nil {
		return err
	}
	if err := syncTree(root, ".", paths); err != nil { // everything, before the rename commits it
		return err
	}
	if err := os.Chmod(stage, 0o755); err != nil {
		return err
	}
	if err := os.Rename(stage, dir); err != nil {
		return err
	}
	return syncPath(parent)
}

// removeStaleStaging removes the staging directories in parent that killed
// scaffold commands left: directories named .scaffold-new-PID-*, holding a
// lock file that no process holds, or no lock file and a PID that no
// process has. Others are left alone.
func removeStaleStaging(parent string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), newPrefix)
		if !ok || e.Type() != fs.ModeDir {
			continue
		}
		pidText, _, found := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if !found || err != nil || pid <= 0 || pid == os.Getpid() {
			continue
		}
		stage := filepath.Join(parent, e.Name())
		f, err := os.OpenFile(filepath.Join(stage, lockFile), os.O_RDWR|openNoFollow, 0)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if !processAlive(pid) {
				removeStaging(stage) // killed before it locked
			}
			continue
		case err != nil:
			continue
		}
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && tryLock(f) {
			removeStaging(stage)
		}
		f.Close()
	}
}

// removeStaging removes the staging directory stage, its lock file last: a
// removal that is itself killed leaves a directory still recognised as a
// stale staging directory.
func removeStaging(stage string) {
	entries, err := os.ReadDir(stage)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.Name() != lockFile {
			if os.RemoveAll(filepath.Join(stage, e.Name())) != nil {
				return
			}
		}
	}
	os.RemoveAll(stage)
}
