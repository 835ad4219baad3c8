package gen

import (
	"slices"
	"strings"
)

// Owner says who may change a file after scaffold first writes it.
type Owner int

const (
	// Scaffold owns a file it rewrites on every generate; edits by hand
	// are detected with the hash in scaffold.lock.
	Scaffold Owner = iota
	// User owns a file scaffold writes once, as a starting point, and
	// never touches again.
	User
)

func (o Owner) String() string {
	if o == User {
		return "user"
	}
	return "scaffold"
}

// File is one file of a generated project.
type File struct {
	Path  string // slash-separated, relative to the project root
	Data  []byte
	Owner Owner
}

// FileSet is a generated project, sorted by path.
type FileSet []File

// Lookup returns the file at path, or nil.
func (fs FileSet) Lookup(path string) *File {
	i, ok := slices.BinarySearchFunc(fs, path, func(f File, p string) int { return strings.Compare(f.Path, p) })
	if !ok {
		return nil
	}
	return &fs[i]
}

func (fs FileSet) sort() {
	slices.SortFunc(fs, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
}
