package project

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"

	"github.com/s3batchops/scaffold/internal/quote"

	"github.com/s3batchops/scaffold/gen"
)

// A regeneration is written as a transaction, so that an interruption at
// any moment (even SIGKILL) cannot leave a project that is neither the old
// one nor the new one once scaffold runs again:
//
//  1. every new file is staged in .scaffold-txn.new/files, with a journal
//     listing the files to move in and to remove (each with the hash it
//     must still have), all synced;
//  2. the staging directory is renamed to .scaffold-txn: the commit point;
//  3. the staged files are renamed into place, scaffold.lock last, and the
//     stale files removed;
//  4. .scaffold-txn is removed: its files directory, then the journal, then
//     the directory itself.
//
// Recover, which every command that changes a project runs first, discards
// an uncommitted .scaffold-txn.new and finishes a committed .scaffold-txn:
// the renames and removals are idempotent, so finishing twice is harmless.
// A .scaffold-txn without a journal is the remains of step 4, and is
// removed. The journal is untrusted, as everything in a checkout is: its
// paths are checked before anything is touched.
const (
	txnDir      = ".scaffold-txn"
	stagingDir  = ".scaffold-txn.new"
	journalFile = txnDir + "/journal.json"
)

// MaxJournalSize bounds the journal scaffold reads from .scaffold-txn.
const MaxJournalSize = 1 << 20

// journal lists a transaction's work, in order.
type journal struct {
	Write  []string  `json:"write"`
	Remove []removal `json:"remove"`
}

// removal is a stale file to remove, with the sha256 it had when the
// removal was planned: a file with any other content is left alone.
type removal struct {
	Path string `json:"path"`
	Sum  string `json:"sum"`
}

// beforeStep, when set by a test, runs before the i-th rename or removal
// of step 3, and then before each of the three removals of step 4.
var beforeStep func(i int)

func step(i int) {
	if beforeStep != nil {
		beforeStep(i)
	}
}

// Apply writes plan to the project as one transaction.
func (d *Dir) Apply(plan *Plan) error {
	if len(plan.Write) == 0 && len(plan.Remove) == 0 {
		return nil
	}
	j := journal{}
	for _, p := range plan.Remove {
		j.Remove = append(j.Remove, removal{Path: p, Sum: plan.removeSums[p]})
	}
	var hasLock bool
	for _, f := range plan.Write {
		if err := CheckPath(f.Path); err != nil {
			return fmt.Errorf("writing %s: %v", quote.Value(f.Path), err)
		}
		if f.Path == gen.LockFile {
			hasLock = true
			continue
		}
		j.Write = append(j.Write, f.Path)
	}
	if hasLock {
		j.Write = append(j.Write, gen.LockFile) // last: the lock describes the files before it
	}
	data, err := json.Marshal(j)
	if err != nil {
		return err
	}
	if err := d.root.RemoveAll(stagingDir); err != nil {
		return err
	}
	// Everything staged is synced, with one syncTree, before the commit
	// point.
	paths, err := writeAll(d.root, stagingDir+"/files", plan.Write)
	if err == nil {
		err = writeFile(d.root, stagingDir+"/journal.json", data)
	}
	if err == nil {
		err = syncTree(d.root, stagingDir, append(paths, stagingDir+"/journal.json"))
	}
	if err == nil {
		err = d.root.Rename(stagingDir, txnDir)
	}
	if err != nil {
		d.root.RemoveAll(stagingDir)
		return err
	}
	if err := syncDir(d.root, "."); err != nil {
		return err
	}
	return d.finish(&j)
}

// Recover finishes or discards a transaction an interruption left in the
// project. It reports whether it found one.
func (d *Dir) Recover() (bool, error) {
	found := false
	if _, err := d.root.Lstat(stagingDir); err == nil {
		found = true
		if err := d.root.RemoveAll(stagingDir); err != nil {
			return false, err
		}
	}
	fi, err := d.root.Lstat(txnDir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return found, nil
	case err != nil:
		return found, err
	case !fi.IsDir():
		// Not scaffold's: a transaction is a directory. Remove the file
		// or the link (never what a link points to).
		return true, d.root.Remove(txnDir)
	}
	j, err := d.readJournal()
	if errors.Is(err, fs.ErrNotExist) {
		// Interrupted while removing a finished transaction (step 4):
		// what is left holds nothing to move in.
		return true, d.removeTxn(0)
	}
	if err != nil {
		return true, err
	}
	return true, d.finish(j)
}

// Pending reports whether the project has a transaction to finish or
// remains of one to remove.
func (d *Dir) Pending() bool {
	for _, name := range []string{txnDir, stagingDir} {
		if _, err := d.root.Lstat(name); err == nil {
			return true
		}
	}
	return false
}

// readJournal reads and checks the journal of a committed transaction: its
// paths (confined to the project) and what it would touch (checkJournal).
func (d *Dir) readJournal() (*journal, error) {
	where := d.Path + string(os.PathSeparator) + journalFile
	txn := d.Path + string(os.PathSeparator) + txnDir
	fix := fmt.Sprintf("it was not left by scaffold: remove %s, and run scaffold generate again", txn)
	if fi, err := d.root.Lstat(journalFile); err == nil && !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file (%s): %s", where, fi.Mode().Type(), fix)
	}
	data, err := readBounded(d.root, journalFile, MaxJournalSize, "MaxJournalSize")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %s", d.Path, err, fix)
	}
	var j journal
	if err := json.Unmarshal(data, &j); err != nil {
		return nil, fmt.Errorf("%s: %v: %s", where, err, fix)
	}
	bad := func(kind string, i int, p string, err error) error {
		return fmt.Errorf("%s: %s[%d] %s: %v: %s", where, kind, i, quote.Value(p), err, fix)
	}
	// A generate writes at most its files and the lock, and removes at
	// most what the lock lists: each entry is a file to check and read.
	if n := len(j.Write) + len(j.Remove); n > 2*gen.MaxLockFiles+1 {
		return nil, fmt.Errorf("%s: %d entries, more than a generate makes (2 × gen.MaxLockFiles + 1): %s", where, n, fix)
	}
	listed := map[string]bool{}
	for i, p := range j.Write {
		if listed[p] {
			return nil, bad("write", i, p, errors.New("listed twice"))
		}
		listed[p] = true
	}
	for i, r := range j.Remove {
		if listed[r.Path] {
			return nil, bad("remove", i, r.Path, errors.New("listed twice"))
		}
		listed[r.Path] = true
	}
	for i, p := range j.Write {
		if err := CheckPath(p); err != nil {
			return nil, bad("write", i, p, err)
		}
	}
	for i, r := range j.Remove {
		if err := CheckPath(r.Path); err != nil {
			return nil, bad("remove", i, r.Path, err)
		}
		if !gen.ValidSum(r.Sum) {
			return nil, bad("remove", i, r.Path, fmt.Errorf("sum %s is not sha256:<64 hex digits>", quote.Value(r.Sum)))
		}
	}
	for i, p := range j.Write {
		for _, q := range []string{p, txnDir + "/files/" + p} {
			if err := checkInside(d.root, q, true); err != nil {
				return nil, bad("write", i, p, err)
			}
		}
	}
	for i, r := range j.Remove {
		if err := checkInside(d.root, r.Path, true); err != nil {
			return nil, bad("remove", i, r.Path, err)
		}
	}
	if err := d.checkJournal(&j, where, txn); err != nil {
		return nil, err
	}
	return &j, nil
}

// finish carries out the committed transaction j: every step is idempotent.
// A staged file that is missing was moved in before an interruption; a file
// to remove whose bytes are not those the plan saw is left alone. The
// files are moved in, then the stale ones removed, then scaffold.lock moved
// in: until the very last step, the lock on disk is the one the plan read,
// which records every file the transaction still has to replace or remove
// (checkJournal relies on it).
func (d *Dir) finish(j *journal) error {
	n := 0 // the steps, in the order they run, for tests
	lockStaged := false
	for _, p := range j.Write {
		if p == LockFile {
			lockStaged = true
			continue
		}
		step(n)
		n++
		if err := d.moveIn(p); err != nil {
			return err
		}
	}
	for _, r := range j.Remove {
		step(n)
		n++
		data, err := d.readOwn(r.Path)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil || gen.Sum(data) != r.Sum {
			continue // changed since it was planned: not scaffold's to remove
		}
		if err := d.root.Remove(r.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		d.removeEmptyParents(path.Dir(r.Path))
	}
	if lockStaged {
		step(n)
		n++
		if err := d.moveIn(LockFile); err != nil {
			return err
		}
	}
	if err := syncDir(d.root, "."); err != nil {
		return err
	}
	return d.removeTxn(n)
}

// moveIn renames the staged copy of p into place, if it is still staged.
func (d *Dir) moveIn(p string) error {
	src := txnDir + "/files/" + p
	fi, err := d.root.Lstat(src)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // moved before an interruption
	}
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return nil // not staged by scaffold: the plan that follows rewrites the file
	}
	if dst, err := d.root.Lstat(p); err == nil && dst.IsDir() {
		return nil // not a file scaffold writes: a directory is never replaced
	}
	if dir := path.Dir(p); dir != "." {
		if err := d.root.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	return d.root.Rename(src, p)
}

// checkJournal refuses a journal found on disk that would replace or
// remove a file which scaffold.lock does not record, with the bytes it has
// now, as scaffold's. A plan replaces and removes only its own files, as
// they were when it was made, and finish moves the lock in last, so every
// file a real interrupted generate still has to replace or remove is in the
// lock on disk with its present sum. Anything else (a file of the user's,
// an untracked one, one edited since) is never touched on a journal's
// word: it may be a checkout's. (An interrupted generate --force over
// hand-edited files stops here too: the error says to remove .scaffold-txn
// and run generate --force again.)
func (d *Dir) checkJournal(j *journal, where, txn string) error {
	lock, err := d.ReadLock()
	if err != nil {
		// It names the lock; the journal cannot be checked against it.
		return fmt.Errorf("%w: the journal %s cannot be checked against it; restore the lock from version control, or remove %s and run scaffold generate again", err, where, txn)
	}
	var recorded map[string]string
	if lock != nil {
		recorded = lock.Files
	}
	refuse := func(entry, p, what string) error {
		return fmt.Errorf("%s: %s %s would %s a file that %s does not record as scaffold's with its present content (yours, or edited since): nothing was changed; remove %s, and run scaffold generate again",
			where, entry, quote.Value(p), what, LockFile, txn)
	}
	for i, p := range j.Write {
		if p == LockFile {
			continue // read and checked like any lock whenever it is used
		}
		if fi, err := d.root.Lstat(txnDir + "/files/" + p); err != nil || !fi.Mode().IsRegular() {
			continue // moved in already, or nothing staged to move
		}
		fi, err := d.root.Lstat(p)
		if err != nil || !fi.Mode().IsRegular() {
			continue // nothing there to lose (a directory is never replaced)
		}
		data, err := d.readOwn(p)
		if err != nil || recorded[p] != gen.Sum(data) {
			return refuse(fmt.Sprintf("write[%d]", i), p, "replace")
		}
	}
	for i, r := range j.Remove {
		data, err := d.readOwn(r.Path)
		if err != nil || gen.Sum(data) != r.Sum {
			continue // gone, or not the bytes planned: finish leaves it
		}
		if recorded[r.Path] != r.Sum {
			return refuse(fmt.Sprintf("remove[%d]", i), r.Path, "remove")
		}
	}
	return nil
}

// removeTxn removes .scaffold-txn in an order that keeps the journal until
// nothing staged is left: files, journal, directory. i numbers the steps
// for tests.
func (d *Dir) removeTxn(i int) error {
	step(i)
	if err := d.root.RemoveAll(txnDir + "/files"); err != nil {
		return err
	}
	step(i + 1)
	if err := d.root.Remove(journalFile); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	step(i + 2)
	return d.root.RemoveAll(txnDir)
}

// removeEmptyParents removes the directory dir and its parents, up to the
// project's root, while they are empty.
func (d *Dir) removeEmptyParents(dir string) {
	for dir != "." && dir != "/" && dir != "" {
		if d.root.Remove(dir) != nil {
			return
		}
		dir = path.Dir(dir)
	}
}

// writeAll writes files under the directory dir of root and returns their
// paths, making each directory once. It syncs nothing: the caller syncs
// the whole tree once (syncTree), rather than each file in turn.
func writeAll(root *os.Root, dir string, files gen.FileSet) ([]string, error) {
	paths := make([]string, len(files))
	made := map[string]bool{}
	for i, f := range files {
		paths[i] = path.Join(dir, f.Path)
		if d := path.Dir(paths[i]); !made[d] {
			if err := root.MkdirAll(d, 0o755); err != nil {
				return nil, err
			}
			made[d] = true
		}
	}
	for i, f := range files {
		if err := writeFile(root, paths[i], f.Data); err != nil {
			return nil, err
		}
	}
	return paths, nil
}

// writeFile writes a new file of root. It does not sync it.
func writeFile(root *os.Root, name string, data []byte) error {
	f, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncFiles syncs the files at paths, the directories holding them up to
// dir, and dir, in parallel:
// the file system commits concurrent syncs together, where one after
// another each waits for its own commit.
func syncFiles(root *os.Root, dir string, paths []string) error {
	names := map[string]bool{dir: true}
	for _, p := range paths {
		names[p] = true
		for d := path.Dir(p); d != dir && d != "." && !names[d]; d = path.Dir(d) {
			names[d] = true
		}
	}
	errs := make(chan error, len(names))
	for name := range names {
		go func() { errs <- syncDir(root, name) }()
	}
	var err error
	for range names {
		err = errors.Join(err, <-errs)
	}
	return err
}

// syncDir syncs the directory name of root.
func syncDir(root *os.Root, name string) error {
	f, err := root.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// syncPath syncs the directory dir.
func syncPath(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
