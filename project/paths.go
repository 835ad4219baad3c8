package project

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/s3batchops/scaffold/internal/quote"
)

// Paths that scaffold reads from a checkout (scaffold.lock, a transaction's
// journal, scaffold.yaml) are untrusted: a cloned repository can carry any
// of them, and `go generate ./...` runs scaffold generate in it. Every such
// path is checked by CheckPath before it is used, and every file access goes
// through the project's os.Root, which refuses a path that leaves the
// directory, also through a symbolic link.

// MaxPathLength is the longest project-relative path scaffold accepts from
// a file, in bytes.
const MaxPathLength = 1024

// CheckPath returns an error unless p, a path read from a file of the
// project, names a file scaffold may touch: slash-separated, relative,
// clean, inside the project, of printable UTF-8, and not inside .git or
// scaffold's own transaction directories.
func CheckPath(p string) error {
	switch {
	case p == "":
		return errors.New("an empty path")
	case len(p) > MaxPathLength:
		return fmt.Errorf("a path of %d bytes, over the limit of %d (MaxPathLength)", len(p), MaxPathLength)
	case !utf8.ValidString(p):
		return errors.New("a path that is not valid UTF-8")
	case strings.ContainsFunc(p, func(r rune) bool { return !unicode.IsPrint(r) && r != ' ' }):
		return errors.New("a path with control characters")
	case strings.Contains(p, `\`):
		return errors.New(`a path with a backslash: paths are slash-separated`)
	case path.IsAbs(p) || filepath.IsAbs(p) || filepath.VolumeName(filepath.FromSlash(p)) != "":
		return errors.New("an absolute path: paths are relative to the project")
	case !filepath.IsLocal(filepath.FromSlash(p)):
		return errors.New("a path outside the project")
	case path.Clean(p) != p:
		return fmt.Errorf("a path that is not clean (want %s)", path.Clean(p))
	}
	for _, elem := range strings.Split(p, "/") {
		switch {
		case strings.EqualFold(elem, ".git"):
			return errors.New("a path inside .git")
		case strings.HasPrefix(elem, ".scaffold-"):
			return errors.New("a path inside scaffold's own working files (.scaffold-*)")
		}
	}
	return nil
}

// checkInside returns an error when rel (a checked path) goes through a
// symbolic link: scaffold's own files and directories are never links, and
// a link, even one that stays inside the project, could lead into .git or
// scaffold's working files. With own false, the last element may be a link
// (a user's file, which scaffold only looks for, never reads or writes).
func checkInside(root *os.Root, rel string, own bool) error {
	elems := strings.Split(rel, "/")
	for i := range elems {
		if i == len(elems)-1 && !own {
			return nil
		}
		prefix := strings.Join(elems[:i+1], "/")
		fi, err := root.Lstat(prefix)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			continue
		}
		target, _ := root.Readlink(prefix)
		if i == len(elems)-1 {
			return fmt.Errorf("%s is a symbolic link (to %s): scaffold reads and writes its files as regular files, never through a link; replace the link by the file", prefix, quote.Value(target))
		}
		return fmt.Errorf("%s is a symbolic link (to %s): scaffold never follows a link inside a project, which could lead outside it or into .git; replace the link by a directory", prefix, quote.Value(target))
	}
	return nil
}

// readBounded reads the file name of root, refusing one of more than max
// bytes, the limit named limit, without reading it all.
func readBounded(root *os.Root, name string, max int64, limit string) ([]byte, error) {
	data, err := readUpTo(root, name, max+1)
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s is larger than scaffold's limit of %s (%s)", name, byteSize(max), limit)
	}
	return data, nil
}

// readUpTo reads at most n bytes of the regular file name of root (a FIFO
// or a device a checkout carries would block, or never end).
func readUpTo(root *os.Root, name string, n int64) ([]byte, error) {
	if err := checkRegular(root, name); err != nil {
		return nil, err
	}
	f, err := root.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, n))
}

// byteSize formats n bytes, in KiB or MiB when round.
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// checkRegular returns an error unless name, in root, is a regular file
// (through links that stay inside root): opening a FIFO or a device a
// checkout carries would block or read forever.
func checkRegular(root *os.Root, name string) error {
	fi, err := root.Stat(name)
	if err != nil {
		if lfi, lerr := root.Lstat(name); lerr == nil && lfi.Mode()&fs.ModeSymlink != 0 && !errors.Is(err, fs.ErrNotExist) {
			target, _ := root.Readlink(name)
			return fmt.Errorf("%s is a symbolic link leaving the project (to %s): scaffold reads it only inside the project; replace the link by the file", name, quote.Name(target))
		}
		// os.Root's errors name its system call (statat): the file's name
		// and what is wrong say enough.
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return fmt.Errorf("%s: %w", name, pe.Err)
		}
		return err
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file (%s)", name, fi.Mode().Type())
	}
	return nil
}
