package project

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/s3batchops/scaffold/gen"
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
func TypeCheck(dir string, old, new []gen.LockArg) ([]TypeError, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
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
