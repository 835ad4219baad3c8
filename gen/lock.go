package gen

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/s3batchops/scaffold/internal/quote"
	"github.com/s3batchops/scaffold/schema"
)

// This file is the format of scaffold.lock, whole: its name, what it holds,
// how it is written (Lock.Encode) and read (DecodeLock). Package project
// reads it from a project, confined to the project's root, and checks that
// every path it names is inside the project.

// LockFile is the name of scaffold.lock, at a project's root.
const LockFile = "scaffold.lock"

// Bounds on scaffold.lock, which a checkout may carry in any shape.
const (
	MaxLockSize  = 1 << 20 // bytes
	MaxLockFiles = 1000    // entries under files: (schema.MaxMembers bounds any YAML mapping too)
)

// Lock is the content of scaffold.lock.
type Lock struct {
	Version string            `yaml:"version"`
	Files   map[string]string `yaml:"files"` // slash-separated path -> Sum
	// Args is the arguments' Go API when the lock was written; locks of
	// older releases have none.
	Args []LockArg `yaml:"args"`
	// Previous is the arguments' Go API before the last change of it
	// (Options.PreviousArgs); absent until the API first changes.
	Previous []LockArg `yaml:"previous"`
}

// LockArg is one argument's Go API as scaffold.lock records it: what user
// code can refer to.
type LockArg struct {
	Name   string   `yaml:"name"`   // as S3 sends it
	Field  string   `yaml:"field"`  // the Args field
	Type   string   `yaml:"type"`   // the field's Go type, such as *int64
	Consts []string `yaml:"consts"` // an enum's constants
}

// LockArgs returns the Go API of spec's arguments, as scaffold.lock records it.
func LockArgs(spec *schema.Spec) []LockArg {
	var out []LockArg
	for _, a := range spec.Args {
		la := LockArg{Name: a.Name, Field: a.GoName, Type: fieldTypeName(a)}
		for _, e := range a.EnumValues() {
			la.Consts = append(la.Consts, e.GoName)
		}
		out = append(out, la)
	}
	return out
}

// Paths returns the paths of l.Files, sorted.
func (l *Lock) Paths() []string { return slices.Sorted(maps.Keys(l.Files)) }

// lockHeader opens every scaffold.lock.
const lockHeader = `# scaffold.lock: written by scaffold; do not edit. It records the files scaffold
# owns and their sha256, so that ` + "`scaffold generate`" + ` can tell a hand edit, and
# the arguments' Go API, so that it can explain what a schema change broke.
`

// Encode returns l as scaffold.lock: files sorted by path, every string
// quoted, so that the same lock is the same bytes.
func (l *Lock) Encode() []byte {
	var b strings.Builder
	b.WriteString(lockHeader)
	fmt.Fprintf(&b, "version: %s\nfiles:\n", schema.JSON(l.Version))
	for _, p := range l.Paths() {
		fmt.Fprintf(&b, "  %s: %s\n", schema.JSON(p), schema.JSON(l.Files[p]))
	}
	encodeArgs(&b, "args", l.Args)
	if len(l.Previous) > 0 {
		encodeArgs(&b, "previous", l.Previous)
	}
	return []byte(b.String())
}

// encodeArgs writes a list of LockArgs under key.
func encodeArgs(b *strings.Builder, key string, args []LockArg) {
	b.WriteString(key + ":")
	if len(args) == 0 {
		b.WriteString(" []")
	}
	for _, a := range args {
		fmt.Fprintf(b, "\n  - name: %s\n    field: %s\n    type: %s", schema.JSON(a.Name), schema.JSON(a.Field), schema.JSON(a.Type))
		if len(a.Consts) > 0 {
			fmt.Fprintf(b, "\n    consts: %s", schema.JSON(a.Consts))
		}
	}
	b.WriteString("\n")
}

// DecodeLock parses scaffold.lock's bytes, which a checkout may carry in
// any shape: a lock over MaxLockFiles entries, or with a hash that is not
// one Sum writes, is an error naming the entry; YAML past schema.CheckYAML's
// bounds is schema.Problems naming file. Whether each path is inside the
// project is for the reader of the project to check.
func DecodeLock(file string, data []byte) (*Lock, error) {
	if len(data) > MaxLockSize {
		return nil, fmt.Errorf("over the limit of %d bytes (MaxLockSize)", MaxLockSize)
	}
	// The lock as scaffold writes it is read without the YAML parser, its
	// bounds checked all the same; any other goes to CheckYAML, which
	// checks them itself.
	l, ok := decodeCanonicalLock(data)
	if ok {
		if err := schema.CheckYAMLBounds(file, data); err != nil {
			return nil, err
		}
	} else {
		y, err := schema.CheckYAML(file, data)
		if err != nil {
			return nil, err
		}
		l = new(Lock)
		if err := y.Decode(l); err != nil {
			return nil, err
		}
	}
	if len(l.Files) > MaxLockFiles {
		return nil, fmt.Errorf("files: %d entries, over the limit of %d (MaxLockFiles)", len(l.Files), MaxLockFiles)
	}
	for _, p := range l.Paths() {
		if sum := l.Files[p]; !ValidSum(sum) {
			return nil, fmt.Errorf("files: %s: the hash %s is not sha256:<64 hex digits>: restore the lock from version control", quote.Value(p), quote.Value(sum))
		}
	}
	return l, nil
}

// ownedFiles and ownedDirs are where scaffold's own files are: the files
// at the project's top, and the directories whose files it writes.
var (
	ownedFiles = []string{"Makefile", "go.mod", "go.sum", "main.go", "template.yaml"}
	ownedDirs  = []string{"internal/args", "internal/batch", "internal/params", "testdata/events"}
)

// MayOwn returns nil when scaffold could have written the file at p, a
// checked project path, and otherwise an error saying where its files
// are: a lock or journal naming any other file (.env, function.go) is not
// scaffold's, and would have generate replace or remove a file of the
// user's.
func MayOwn(p string) error {
	if slices.Contains(ownedFiles, p) || slices.Contains(ownedDirs, path.Dir(p)) {
		return nil
	}
	return fmt.Errorf("scaffold writes no such file (only %s, and the files of %s)", strings.Join(ownedFiles, ", "), strings.Join(ownedDirs, ", "))
}

// lockFile returns scaffold.lock for the files of fs that scaffold owns.
func lockFile(m *model, fs FileSet) File {
	l := &Lock{Version: m.opts.Version, Files: map[string]string{}, Args: LockArgs(m.spec), Previous: m.opts.PreviousArgs}
	for _, f := range fs {
		if f.Owner == Scaffold {
			l.Files[f.Path] = Sum(f.Data)
		}
	}
	return File{Path: LockFile, Data: l.Encode(), Owner: Scaffold}
}

// Sum is the hash scaffold.lock records for a file's contents.
func Sum(data []byte) string {
	h := sha256.Sum256(data)
	return "sha256:" + hex.EncodeToString(h[:])
}

// ValidSum reports whether s is a hash Sum writes: sha256: and 64
// lowercase hex digits.
func ValidSum(s string) bool {
	hex, ok := strings.CutPrefix(s, "sha256:")
	if !ok || len(hex) != 64 {
		return false
	}
	for _, c := range hex {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// Equal reports whether a and b are the same API.
func (a LockArg) Equal(b LockArg) bool {
	return a.Name == b.Name && a.Field == b.Field && a.Type == b.Type && slices.Equal(a.Consts, b.Consts)
}

// MaxPreviousArgs bounds Lock.Previous: arguments removed long ago are
// forgotten first.
const MaxPreviousArgs = 100

// PreviousArgs returns what scaffold.lock records as the API before the
// last change when the arguments' API becomes args: unchanged while the API
// stays as it is, so that every generate explains the change until the
// user's code compiles; else the API the lock recorded, followed by the
// arguments of the earlier ones that it no longer had (code broken two
// changes ago is explained too), at most MaxPreviousArgs.
func PreviousArgs(l *Lock, args []LockArg) []LockArg {
	if slices.EqualFunc(l.Args, args, LockArg.Equal) {
		return l.Previous
	}
	prev := slices.Clone(l.Args)
	for _, p := range l.Previous {
		if !slices.ContainsFunc(prev, func(a LockArg) bool { return a.Name == p.Name }) {
			prev = append(prev, p)
		}
	}
	if len(prev) > MaxPreviousArgs {
		prev = prev[:MaxPreviousArgs]
	}
	return prev
}
