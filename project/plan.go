package project

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/s3batchops/scaffold/gen"
)

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
}

// UpToDate reports whether the project needs no change.
func (p *Plan) UpToDate() bool {
	return len(p.Write) == 0 && len(p.Remove) == 0 && len(p.HandEdited) == 0 && len(p.Unowned) == 0
}

// NewPlan compares files, a freshly generated project, with the project in
// dir and its lock. With force, hand-edited files are written (or removed)
// anyway.
func NewPlan(dir string, files gen.FileSet, lock *Lock, force bool) (*Plan, error) {
	p := &Plan{}
	recorded := func(path string) string {
		if lock == nil {
			return ""
		}
		return lock.Files[path]
	}
	for _, f := range files {
		disk, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			p.Write = append(p.Write, f)
			p.Missing = append(p.Missing, f.Path)
			continue
		case err != nil:
			return nil, err
		case f.Owner == gen.User, bytes.Equal(disk, f.Data):
			continue // the user's, or already as it should be
		case f.Path == gen.LockPath:
			p.Write = append(p.Write, f)
			continue // the lock is not hashed in itself
		}
		switch sum := recorded(f.Path); {
		case sum == "":
			p.Unowned = append(p.Unowned, f.Path)
		case sum != gen.Sum(disk):
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
		for path, sum := range lock.Files {
			if files.Lookup(path) != nil {
				continue
			}
			disk, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(path)))
			switch {
			case errors.Is(err, fs.ErrNotExist):
				continue
			case err != nil:
				return nil, err
			case gen.Sum(disk) != sum:
				p.HandEdited = append(p.HandEdited, path)
				if !force {
					continue
				}
			}
			p.Remove = append(p.Remove, path)
			p.Stale = append(p.Stale, path)
		}
	}
	for _, s := range [][]string{p.Remove, p.Stale, p.HandEdited} {
		slices.Sort(s)
	}
	return p, nil
}
