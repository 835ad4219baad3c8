// Package project writes a generated gen.FileSet to a project directory,
// safely: a new project appears whole or not at all, and a file scaffold
// did not write is never overwritten.
package project

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/s3batchops/scaffold/gen"
)

// LockFile is the name of the file that records what scaffold wrote.
const LockFile = "scaffold.lock"

// Lock is the content of scaffold.lock.
type Lock struct {
	Version string            `yaml:"version"`
	Files   map[string]string `yaml:"files"` // path -> sha256:hex
	// Args is the arguments' Go API when the lock was written; locks of
	// older releases have none.
	Args []gen.LockArg `yaml:"args"`
}

// ReadLock reads dir's scaffold.lock; a missing lock is (nil, nil).
func ReadLock(dir string) (*Lock, error) {
	data, err := os.ReadFile(filepath.Join(dir, LockFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var l Lock
	if err := yaml.Unmarshal(data, &l); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, LockFile), err)
	}
	return &l, nil
}

// Create writes files into dir as a new project.
//
// When dir does not exist, every file is first written to a staging
// directory beside it, which is then renamed to dir: an error or an
// interruption leaves no half-written project behind. An empty dir is
// filled in one transaction, as Apply writes.
//
// When dir has files, Create refuses unless force is set. With force, it
// writes user-owned files only where none exists, and replaces an existing
// file only when scaffold.lock says scaffold wrote it; any other clash is an
// error listing the files, and nothing is written. The files are written as
// one transaction, as Apply writes them.
func Create(dir string, files gen.FileSet, force bool) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return createWhole(dir, files)
	case err != nil:
		return err
	case len(entries) == 0:
		// Fill the directory that is there, rather than replace it: it may
		// be the user's current directory.
		return createInto(dir, files)
	case !force:
		return fmt.Errorf("%s is not empty: choose a new directory, or use --force to add the project to it (scaffold never overwrites a file it did not write)", dir)
	}
	return createInto(dir, files)
}

// createWhole stages files in a sibling directory and renames it to dir.
func createWhole(dir string, files gen.FileSet) error {
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	stage, err := os.MkdirTemp(parent, ".scaffold-new-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(stage) // after the rename, there is nothing left to remove
	if err := writeAll(stage, files); err != nil {
		return err
	}
	if err := os.Chmod(stage, 0o755); err != nil {
		return err
	}
	return os.Rename(stage, dir)
}

// createInto adds files to the non-empty dir; see Create.
func createInto(dir string, files gen.FileSet) error {
	lock, err := ReadLock(dir)
	if err != nil {
		return err
	}
	var clashes []string
	var todo gen.FileSet
	for _, f := range files {
		_, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(f.Path)))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			todo = append(todo, f)
		case err != nil:
			return err
		case f.Owner == gen.User:
			// The user's file stays as it is.
		case lock != nil && (lock.Files[f.Path] != "" || f.Path == gen.LockPath):
			todo = append(todo, f)
		default:
			clashes = append(clashes, f.Path)
		}
	}
	if len(clashes) > 0 {
		return fmt.Errorf("%s has files that scaffold did not write, and would overwrite:\n\t%s\nmove them away, or create the project in a new directory", dir, strings.Join(clashes, "\n\t"))
	}
	// The same transaction as scaffold generate's: all the files, or, after
	// an interruption, a pending write the next command finishes.
	if _, err := Recover(dir); err != nil {
		return err
	}
	return Apply(dir, &Plan{Write: todo})
}

// writeAll writes files under root, syncing each.
func writeAll(root string, files gen.FileSet) error {
	for _, f := range files {
		p := filepath.Join(root, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := writeFile(p, f.Data); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
