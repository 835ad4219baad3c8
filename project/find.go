package project

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/s3batchops/scaffold/internal/quote"
)

// Find returns the project that dir is in: dir itself when it holds
// scaffold.yaml, or the nearest directory above it that does, as the go
// command finds go.mod and git finds .git. The walk is lexical, on dir made
// absolute, and stops at the filesystem's root. A directory found above dir
// is returned relative to the current directory when it can be, so that
// messages stay short.
func Find(dir string) (string, error) {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("%s does not exist", quote.Name(dir))
	case err != nil:
		return "", err
	case !fi.IsDir():
		return "", fmt.Errorf("%s is not a directory", quote.Name(dir))
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := abs; ; {
		fi, err := os.Stat(filepath.Join(d, ConfigFile))
		switch {
		case err == nil && d == abs:
			// In dir itself, whatever scaffold.yaml is: the commands that
			// read it say what is wrong with it.
			return dir, nil
		case err == nil && !fi.IsDir():
			return shortPath(d), nil
		case err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, fs.ErrPermission):
			return "", err
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", fmt.Errorf("%s is not in a project: neither it nor a directory above it has %s (scaffold new makes one)", quote.Name(dir), ConfigFile)
		}
		d = parent
	}
}

// shortPath returns abs relative to the current directory when that is
// possible, abs otherwise.
func shortPath(abs string) string {
	wd, err := os.Getwd()
	if err != nil {
		return abs
	}
	if rel, err := filepath.Rel(wd, abs); err == nil {
		return rel
	}
	return abs
}
