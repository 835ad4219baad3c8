package project

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/s3batchops/scaffold/gen"
)

// A regeneration is written as a transaction, so that an interruption at
// any moment (even SIGKILL) cannot leave a project that is neither the old
// one nor the new one once scaffold runs again:
//
//  1. every new file is staged in .scaffold-txn.new/files, with a journal
//     listing the files to move in and to remove, all synced;
//  2. the staging directory is renamed to .scaffold-txn: the commit point;
//  3. the staged files are renamed into place, scaffold.lock last, and the
//     stale files removed;
//  4. .scaffold-txn is removed.
//
// Recover, which every command that reads a project runs first, discards an
// uncommitted .scaffold-txn.new and finishes a committed .scaffold-txn: the
// renames and removals are idempotent, so finishing twice is harmless.
const (
	txnDir     = ".scaffold-txn"
	stagingDir = ".scaffold-txn.new"
)

// journal lists a transaction's work, in order.
type journal struct {
	Write  []string `json:"write"`
	Remove []string `json:"remove"`
}

// beforeStep, when set by a test, runs before the i-th rename or removal
// of step 3.
var beforeStep func(i int)

// Apply writes plan to the project in dir as one transaction.
func Apply(dir string, plan *Plan) error {
	if len(plan.Write) == 0 && len(plan.Remove) == 0 {
		return nil
	}
	staging := filepath.Join(dir, stagingDir)
	if err := os.RemoveAll(staging); err != nil {
		return err
	}
	j := journal{Remove: plan.Remove}
	var lock *gen.File
	for i := range plan.Write {
		if plan.Write[i].Path == gen.LockPath {
			lock = &plan.Write[i]
			continue
		}
		j.Write = append(j.Write, plan.Write[i].Path)
	}
	files := append(gen.FileSet(nil), plan.Write...)
	if lock != nil {
		j.Write = append(j.Write, gen.LockPath) // last: the lock describes the files before it
	}
	if err := writeAll(filepath.Join(staging, "files"), files); err != nil {
		os.RemoveAll(staging)
		return err
	}
	data, err := json.Marshal(j)
	if err != nil {
		return err
	}
	if err := writeFile(filepath.Join(staging, "journal.json"), data); err != nil {
		os.RemoveAll(staging)
		return err
	}
	if err := syncDir(staging); err != nil {
		return err
	}
	if err := os.Rename(staging, filepath.Join(dir, txnDir)); err != nil {
		os.RemoveAll(staging)
		return err
	}
	if err := syncDir(dir); err != nil {
		return err
	}
	return finish(dir)
}

// Recover finishes or discards a transaction an interruption left in dir.
// It reports whether it finished one.
func Recover(dir string) (bool, error) {
	if err := os.RemoveAll(filepath.Join(dir, stagingDir)); err != nil {
		return false, err
	}
	if _, err := os.Stat(filepath.Join(dir, txnDir)); errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	return true, finish(dir)
}

// Pending reports whether dir has a committed transaction to finish.
func Pending(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, txnDir))
	return err == nil
}

// finish carries out the committed transaction in dir.
func finish(dir string) error {
	txn := filepath.Join(dir, txnDir)
	data, err := os.ReadFile(filepath.Join(txn, "journal.json"))
	if err != nil {
		return fmt.Errorf("reading the journal of an interrupted generate: %w", err)
	}
	var j journal
	if err := json.Unmarshal(data, &j); err != nil {
		return fmt.Errorf("%s: %w", filepath.Join(txn, "journal.json"), err)
	}
	for i, path := range j.Write {
		if beforeStep != nil {
			beforeStep(i)
		}
		src := filepath.Join(txn, "files", filepath.FromSlash(path))
		dst := filepath.Join(dir, filepath.FromSlash(path))
		if _, err := os.Stat(src); errors.Is(err, fs.ErrNotExist) {
			continue // moved before an interruption
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.Rename(src, dst); err != nil {
			return err
		}
	}
	for i, path := range j.Remove {
		if beforeStep != nil {
			beforeStep(len(j.Write) + i)
		}
		err := os.Remove(filepath.Join(dir, filepath.FromSlash(path)))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		removeEmptyParents(dir, filepath.Dir(filepath.Join(dir, filepath.FromSlash(path))))
	}
	if err := syncDir(dir); err != nil {
		return err
	}
	return os.RemoveAll(txn)
}

// removeEmptyParents removes the directories from d up to, not including,
// root, while they are empty.
func removeEmptyParents(root, d string) {
	for d != root && len(d) > len(root) {
		if os.Remove(d) != nil {
			return
		}
		d = filepath.Dir(d)
	}
}

func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
