package project

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"slices"

	"github.com/s3batchops/scaffold/internal/parallel"
	"github.com/s3batchops/scaffold/internal/quote"

	"github.com/s3batchops/scaffold/gen"
)

// MaxOwnFileSize bounds a project file scaffold reads to compare with what it
// generates: scaffold's own files are far smaller.
const MaxOwnFileSize = 16 << 20

// readOwn reads p, a file of scaffold's, bounded by MaxOwnFileSize.
func (d *Dir) readOwn(p string) ([]byte, error) {
	return readBounded(d.root, p, MaxOwnFileSize, "MaxOwnFileSize")
}

// Plan is what regenerating a project would change, worked out by
// comparing the new files with the disk and with scaffold.lock.
type Plan struct {
	// Write holds the files to write: scaffold's files that are missing or
	// whose bytes change, and user files that are missing (recreated from
	// the starter).
	Write gen.FileSet
	// Remove holds files scaffold owned and no longer makes.
	Remove []string

	// For reports, by kind; paths are slash-separated.
	Missing    []string // to be created
	Changed    []string // scaffold's files whose bytes change
	Stale      []string // to be removed
	HandEdited []string // scaffold's files edited since scaffold.lock was written
	// Unowned holds files scaffold would write that exist but that it never
	// wrote: never overwritten, even with force.
	Unowned []string
	// Kept holds, with force, files scaffold no longer makes that were
	// edited by hand: left in place, and no longer scaffold's.
	Kept []string

	// removeSums holds the sha256 each file of Remove had when planned.
	removeSums map[string]string
}

// UpToDate reports whether the project needs no change.
func (p *Plan) UpToDate() bool {
	return len(p.Write) == 0 && len(p.Remove) == 0 && len(p.HandEdited) == 0 && len(p.Unowned) == 0
}

// Plan compares files, a freshly generated project, with the project and
// its lock. With force, hand-edited files are written (or removed) anyway.
// Every path is checked first: one that leaves the project, directly or
// through a symbolic link, is an error and nothing is planned.
func (d *Dir) Plan(files gen.FileSet, lock *Lock, force bool) (*Plan, error) {
	if err := d.checkFiles(files); err != nil {
		return nil, err
	}
	if lock != nil {
		for _, path := range lock.Paths() {
			if f := files.Lookup(path); f != nil && f.Owner == gen.Scaffold {
				continue // checkFiles checked it
			}
			if err := checkInside(d.root, path, true); err != nil {
				return nil, fmt.Errorf("%s: %w", d.Path, err)
			}
		}
	}
	p := &Plan{removeSums: map[string]string{}}
	recorded := func(path string) string {
		if lock == nil {
			return ""
		}
		return lock.Files[path]
	}
	onDisk := d.compareScaffoldFiles(files)
	for i, f := range files {
		if f.Owner == gen.User {
			if _, err := d.root.Lstat(f.Path); errors.Is(err, fs.ErrNotExist) {
				p.Write = append(p.Write, f)
				p.Missing = append(p.Missing, f.Path)
			} else if err != nil {
				return nil, err
			}
			continue // the user's, never rewritten
		}
		disk := onDisk[i]
		switch {
		case errors.Is(disk.err, fs.ErrNotExist):
			p.Write = append(p.Write, f)
			p.Missing = append(p.Missing, f.Path)
			continue
		case disk.err != nil:
			return nil, fmt.Errorf("%s: %w", d.Path, disk.err)
		case disk.same:
			continue // already as it should be
		case f.Path == gen.LockFile:
			p.Write = append(p.Write, f)
			continue // the lock is not hashed in itself
		}
		switch sum := recorded(f.Path); {
		case sum == "":
			p.Unowned = append(p.Unowned, f.Path)
		case sum != disk.sum:
			p.HandEdited = append(p.HandEdited, f.Path)
			if force {
				p.Write = append(p.Write, f)
			}
		default:
			p.Write = append(p.Write, f)
			p.Changed = append(p.Changed, f.Path)
		}
	}
	if lock != nil {
		for _, path := range lock.Paths() {
			if files.Lookup(path) != nil {
				continue
			}
			disk, err := d.readOwn(path)
			switch {
			case errors.Is(err, fs.ErrNotExist):
				continue
			case err != nil:
				return nil, fmt.Errorf("%s: %w", d.Path, err)
			case gen.Sum(disk) != lock.Files[path]:
				// Not the bytes scaffold wrote: never removed, also with
				// force, which only overwrites. Forced, the file is
				// forgotten, and so left to the user.
				p.HandEdited = append(p.HandEdited, path)
				if force {
					p.Kept = append(p.Kept, path)
				}
				continue
			}
			p.Remove = append(p.Remove, path)
			p.Stale = append(p.Stale, path)
			p.removeSums[path] = gen.Sum(disk)
		}
	}
	for _, s := range [][]string{p.Remove, p.Stale, p.HandEdited, p.Kept} {
		slices.Sort(s)
	}
	return p, nil
}

// checkFiles checks the paths of files, generated ones, before anything is
// read or written: each one CheckPath accepts, and none through a link
// (but for the last element of a user's file, which is never opened). It
// reports the first, in files' order, that fails. The checks run a few at
// a time: a project has dozens of files, and each check is a handful of
// system calls through the root.
func (d *Dir) checkFiles(files gen.FileSet) error {
	errs := make([]error, len(files))
	parallel.For(len(files), 4, func(i int) {
		f := files[i]
		if err := CheckPath(f.Path); err != nil {
			errs[i] = fmt.Errorf("%s: %v", quote.Value(f.Path), err)
		} else if err := checkInside(d.root, f.Path, f.Owner == gen.Scaffold); err != nil {
			errs[i] = fmt.Errorf("%s: %w", d.Path, err)
		}
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Contents returns the bytes on disk of each file plan writes, removes or
// refuses to touch (edited by hand, not scaffold's), for a diff; a missing
// file has none.
func (d *Dir) Contents(plan *Plan) (map[string][]byte, error) {
	old := map[string][]byte{}
	paths := slices.Concat(plan.Remove, plan.HandEdited, plan.Unowned)
	for _, f := range plan.Write {
		paths = append(paths, f.Path)
	}
	for _, p := range paths {
		data, err := d.readOwn(p)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: %w", d.Path, err)
		}
		old[p] = data
	}
	return old, nil
}

// diskFile is how a file on disk compares with what scaffold generates:
// the same bytes, or else their sum; or why it could not be read.
type diskFile struct {
	same bool
	sum  string // gen.Sum of the bytes on disk, when not the same
	err  error
}

// compareScaffoldFiles compares the files of files that scaffold owns with
// the disk, a few at a time, and returns how by index in files. The bytes
// read are dropped once compared: at most a few are held at once, however
// large a checkout's files are.
func (d *Dir) compareScaffoldFiles(files gen.FileSet) []diskFile {
	out := make([]diskFile, len(files))
	parallel.For(len(files), 4, func(i int) {
		if files[i].Owner != gen.Scaffold {
			return
		}
		data, err := d.readOwn(files[i].Path)
		switch {
		case err != nil:
			out[i].err = err
		case bytes.Equal(data, files[i].Data):
			out[i].same = true
		default:
			out[i].sum = gen.Sum(data)
		}
	})
	return out
}
