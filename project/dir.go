package project

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Dir is a project directory opened for scaffold's use. Every file access
// goes through an os.Root, so that nothing outside the directory is read or
// written, also through a symbolic link; and an exclusive lock on
// .scaffold-txn.lock, held until Close, serialises scaffold commands that
// change the project, so two generates at once run one after the other.
type Dir struct {
	// Path is the directory as the user named it, for messages.
	Path string
	root *os.Root
	lock *os.File
}

// lockFile is the file whose flock serialises scaffold's commands in a
// project. Its content is unused.
const lockFile = ".scaffold-txn.lock"

// Open opens and locks the project directory dir. When another scaffold
// command holds the lock, Open calls waiting (when not nil) once, and waits
// for it.
func Open(dir string, waiting func()) (*Dir, error) {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%s does not exist", dir)
	case err != nil:
		return nil, err
	case !fi.IsDir():
		return nil, fmt.Errorf("%s is not a directory", dir)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	d := &Dir{Path: dir, root: root}
	// The lock file is scaffold's: a link or a FIFO a checkout carries in
	// its place is removed, never followed; a directory may hold something
	// of the user's, so it is never removed.
	if fi, err := root.Lstat(lockFile); err == nil && !fi.Mode().IsRegular() {
		if fi.IsDir() {
			root.Close()
			return nil, fmt.Errorf("%s is a directory, where scaffold keeps the lock file of its commands: move it away (scaffold removes no directory it did not make), and run the command again", filepath.Join(dir, lockFile))
		}
		if err := root.Remove(lockFile); err != nil {
			root.Close()
			return nil, fmt.Errorf("%s: removing %s, which is not a file: %w", dir, lockFile, err)
		}
	}
	d.lock, err = root.OpenFile(lockFile, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		root.Close()
		return nil, fmt.Errorf("locking %s: %w", dir, err)
	}
	if err := flock(d.lock, waiting); err != nil {
		d.Close()
		return nil, fmt.Errorf("locking %s: %w", dir, err)
	}
	return d, nil
}

// Close releases the lock and the directory.
func (d *Dir) Close() error {
	var err error
	if d.lock != nil {
		err = d.lock.Close()
	}
	return errors.Join(err, d.root.Close())
}
