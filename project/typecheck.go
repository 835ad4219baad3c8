package project

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/s3batchops/scaffold/gen"
	"github.com/s3batchops/scaffold/internal/quote"
)

// TypeError is a compile error in the project, with the schema change that
// caused it when one did.
type TypeError struct {
	Pos   string // file:line:col, relative to the project
	Msg   string
	Cause string // such as `argument "Prefix" was removed from the schema`; "" when unknown
}

func (e TypeError) String() string {
	if e.Cause == "" {
		return e.Pos + ": " + e.Msg
	}
	return fmt.Sprintf("%s: %s\n\t(%s)", e.Pos, e.Msg, e.Cause)
}

// TypeCheck loads every package of the project in dir, tests included, and
// returns its type errors, explained with the changes from old to new (the
// arguments' Go API before and after regenerating).
//
// The go command reads the project's Go files as they are, following a
// link anywhere: first, checkSources refuses a .go file that is a link or
// not a regular file, and more Go source than MaxGoSource.
func TypeCheck(dir string, old, new []gen.LockArg) ([]TypeError, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if err := checkSources(abs); err != nil {
		return nil, fmt.Errorf("%s was not type-checked: %w", dir, err)
	}
	cfg := &packages.Config{
		Mode:  packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes,
		Dir:   abs,
		Tests: true,
	}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		return nil, fmt.Errorf("type-checking %s: %w", dir, err)
	}
	causes := explain(old, new)
	var errs []TypeError
	seen := map[string]bool{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			pos := e.Pos
			if rel, err := filepath.Rel(abs, pos); err == nil && !strings.HasPrefix(rel, "..") {
				pos = rel
			}
			key := pos + e.Msg
			if seen[key] {
				continue
			}
			seen[key] = true
			errs = append(errs, TypeError{Pos: filepath.ToSlash(pos), Msg: e.Msg, Cause: cause(e.Msg, causes)})
		}
	})
	// go list relays the compiler's output for packages it had to build, as
	// errors with no position; they repeat the positioned ones.
	if slices.ContainsFunc(errs, func(e TypeError) bool { return e.Pos != "" }) {
		errs = slices.DeleteFunc(errs, func(e TypeError) bool { return e.Pos == "" })
	}
	slices.SortFunc(errs, func(a, b TypeError) int { return strings.Compare(a.Pos+a.Msg, b.Pos+b.Msg) })
	return errs, nil
}

// explain maps each Go identifier that user code could have used and that
// the schema change removed or altered to what happened, in the schema's
// terms.
func explain(old, new []gen.LockArg) map[string]string {
	byName := map[string]gen.LockArg{}
	for _, a := range new {
		byName[a.Name] = a
	}
	causes := map[string]string{}
	for _, o := range old {
		n, ok := byName[o.Name]
		switch {
		case !ok:
			causes[o.Field] = fmt.Sprintf("argument %q was removed from the schema", o.Name)
		case n.Field != o.Field:
			causes[o.Field] = fmt.Sprintf("argument %q is now the field %s", o.Name, n.Field)
		case n.Type != o.Type:
			causes[o.Field] = fmt.Sprintf("argument %q changed from %s to %s", o.Name, o.Type, n.Type)
		}
		for _, c := range o.Consts {
			if !ok || !slices.Contains(n.Consts, c) {
				causes[c] = fmt.Sprintf("argument %q no longer has the value %s", o.Name, c)
			}
		}
	}
	return causes
}

var identifier = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*`)

// cause returns the cause of the first identifier in msg that has one.
func cause(msg string, causes map[string]string) string {
	for _, id := range identifier.FindAllString(msg, -1) {
		if c, ok := causes[id]; ok {
			return c
		}
	}
	return ""
}

// MaxGoSource bounds the Go source scaffold generate type-checks, in bytes:
// a function project is a few hundred kilobytes.
const MaxGoSource = 64 << 20

// checkSources walks the packages the go command would load from dir (it
// skips testdata, vendor, and directories starting with . or _, and does
// not follow links to directories) and refuses a .go file that is a link or
// not a regular file, and more than MaxGoSource bytes of Go.
func checkSources(dir string) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	var total int64
	return fs.WalkDir(root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != "." && (name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") {
			return nil
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s is not a regular file (%s): the go command would read it; replace it by a file", quote.Name(p), d.Type())
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		if total += fi.Size(); total > MaxGoSource {
			return fmt.Errorf("the project has more than %d MiB of Go source, scaffold's limit for a type-check (MaxGoSource)", MaxGoSource>>20)
		}
		return nil
	})
}
