package project

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
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
	root, err := os.OpenRoot(abs)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	src := sourceLines{root: root, files: map[string][]string{}}
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
			pos = filepath.ToSlash(pos)
			errs = append(errs, TypeError{Pos: pos, Msg: e.Msg, Cause: src.cause(pos, e.Msg, causes)})
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
// terms. An argument removed and another added with the same Go type, the
// only such pair, is a rename.
func explain(old, new []gen.LockArg) map[string]string {
	byName := map[string]gen.LockArg{}
	for _, a := range new {
		byName[a.Name] = a
	}
	oldNames := map[string]bool{}
	for _, o := range old {
		oldNames[o.Name] = true
	}
	renamed := renames(old, new, byName, oldNames)
	causes := map[string]string{}
	for _, o := range old {
		n, ok := byName[o.Name]
		switch r, isRename := renamed[o.Name]; {
		case isRename && r.Field != o.Field:
			causes[o.Field] = fmt.Sprintf("argument %q was renamed to %q, the field %s", o.Name, r.Name, r.Field)
		case isRename:
			causes[o.Field] = fmt.Sprintf("argument %q was renamed to %q; the field is still %s", o.Name, r.Name, r.Field)
		case !ok:
			causes[o.Field] = fmt.Sprintf("argument %q was removed from the schema", o.Name)
		case n.Field != o.Field:
			causes[o.Field] = fmt.Sprintf("argument %q is now the field %s", o.Name, n.Field)
		case n.Type != o.Type:
			causes[o.Field] = fmt.Sprintf("argument %q changed from %s to %s", o.Name, o.Type, n.Type)
		}
		if r, isRename := renamed[o.Name]; isRename {
			n, ok = r, true
		}
		for _, c := range o.Consts {
			if !ok || !slices.Contains(n.Consts, c) {
				causes[c] = fmt.Sprintf("argument %q no longer has the value %s", o.Name, c)
			}
		}
	}
	return causes
}

// renames pairs each removed argument with the added argument of the same
// Go type, where each is the only one of its type on its side.
func renames(old, new []gen.LockArg, byName map[string]gen.LockArg, oldNames map[string]bool) map[string]gen.LockArg {
	removed, added := map[string][]gen.LockArg{}, map[string][]gen.LockArg{}
	for _, o := range old {
		if _, ok := byName[o.Name]; !ok {
			removed[o.Type] = append(removed[o.Type], o)
		}
	}
	for _, n := range new {
		if !oldNames[n.Name] {
			added[n.Type] = append(added[n.Type], n)
		}
	}
	out := map[string]gen.LockArg{}
	for typ, rs := range removed {
		if as := added[typ]; len(rs) == 1 && len(as) == 1 {
			out[rs[0].Name] = as[0]
		}
	}
	return out
}

var (
	identifier = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*`)
	// variable is how the type checker names a variable in a message.
	variable = regexp.MustCompile(`\b([A-Za-z_][A-Za-z0-9_]*) \(variable of `)
)

// firstCause returns the cause of the first identifier in s that has one.
func firstCause(s string, causes map[string]string) string {
	for _, id := range identifier.FindAllString(s, -1) {
		if c, ok := causes[id]; ok {
			return c
		}
	}
	return ""
}

// sourceLines reads the project's Go files, a line each, to explain an
// error whose message does not name what the schema changed.
type sourceLines struct {
	root  *os.Root
	files map[string][]string
}

// cause returns the cause of a type error at pos (file:line:col): from an
// identifier of its message; else from one on its line (an error in a
// struct literal names the value, not the field); else, for a local
// variable the message names, from the line that assigned it last
// (p := a.Prefix, then p used as a string).
func (s *sourceLines) cause(pos, msg string, causes map[string]string) string {
	if c := firstCause(msg, causes); c != "" || len(causes) == 0 {
		return c
	}
	lines, n := s.at(pos)
	if n < 1 || n > len(lines) {
		return ""
	}
	if c := firstCause(lines[n-1], causes); c != "" {
		return c
	}
	for _, m := range variable.FindAllStringSubmatch(msg, -1) {
		assigned := regexp.MustCompile(`(^|[^.\w])` + m[1] + `\b[\w\s,]*:?=[^=]|\bvar\s+` + m[1] + `\b`)
		for i := n - 1; i >= 0; i-- {
			if assigned.MatchString(lines[i]) {
				if c := firstCause(lines[i], causes); c != "" {
					return c
				}
				break
			}
		}
	}
	return ""
}

// at returns the lines of pos's file and pos's line number; none when the
// file cannot be read inside the project.
func (s *sourceLines) at(pos string) ([]string, int) {
	rest, _, ok := cutLast(pos, ":") // the column
	if !ok {
		return nil, 0
	}
	file, line, ok := cutLast(rest, ":")
	if !ok || CheckPath(file) != nil {
		return nil, 0
	}
	n, err := strconv.Atoi(line)
	if err != nil {
		return nil, 0
	}
	lines, ok := s.files[file]
	if !ok {
		// checkSources bounded the project's Go files.
		if data, err := s.root.ReadFile(file); err == nil {
			lines = strings.Split(string(data), "\n")
		}
		s.files[file] = lines
	}
	return lines, n
}

func cutLast(s, sep string) (before, after string, ok bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
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
