package project

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

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
// The go command reads the project's files as they are, following a link
// anywhere, and would wait forever on a FIFO: first, checkSources refuses
// what it could read that is not a regular file (and more Go source than
// MaxGoSource), and the go command gets MaxTypeCheckTime.
func TypeCheck(dir string, old, new []gen.LockArg) ([]TypeError, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if err := checkSources(abs); err != nil {
		return nil, fmt.Errorf("%s was not type-checked: %w", dir, err)
	}
	if err := checkWorkspace(abs); err != nil {
		return nil, fmt.Errorf("%s was not type-checked: %w", dir, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), MaxTypeCheckTime)
	defer cancel()
	cfg := &packages.Config{
		Context: ctx,
		Mode:    packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes,
		Dir:     abs,
		Tests:   true,
	}
	pkgs, err := packages.Load(cfg, "./...")
	if ctx.Err() != nil {
		return nil, fmt.Errorf("type-checking %s: the go command did not finish in %s (MaxTypeCheckTime): is a file it reads blocking, or the module proxy unreachable? The files were written; run go vet ./... in the project to see", dir, MaxTypeCheckTime)
	}
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

// MaxTypeCheckTime bounds the go command's type-check of a project after
// a generate: loading a function project takes seconds, downloading its
// modules into an empty cache a minute or two.
const MaxTypeCheckTime = 10 * time.Minute

// toolchainFile reports whether the go command may read a file of this
// name in a package directory: Go, assembly, cgo's C, C++, Objective-C and
// Fortran, SWIG, system objects, and the module's own files.
func toolchainFile(name string) bool {
	switch name {
	case "go.mod", "go.sum", "go.work", "go.work.sum":
		return true
	}
	switch filepath.Ext(name) {
	case ".go", ".s", ".S", ".sx", ".c", ".h", ".cc", ".cpp", ".cxx", ".hh", ".hpp", ".hxx",
		".m", ".f", ".F", ".for", ".f90", ".swig", ".swigcxx", ".syso":
		return true
	}
	return false
}

// checkSources walks the packages the go command would load from dir (it
// skips testdata and directories starting with . or _, and does not follow
// links to directories) and vendor (read in vendor mode: modules.txt and
// the packages under it), and refuses a file the go command would wait on
// (a FIFO, a socket, a device), a file it reads (toolchainFile, and
// vendor/modules.txt) that is a link, and more than MaxGoSource bytes of
// the project's own Go.
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
			if p != "." && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return fs.SkipDir
			}
			return nil
		}
		switch t := d.Type(); {
		case t&fs.ModeSymlink != 0 && (toolchainFile(name) || p == "vendor/modules.txt"):
			return fmt.Errorf("%s is a link: the go command would read what it points to, wherever that is; replace it by a file", quote.Name(p))
		case t&fs.ModeSymlink != 0:
			return nil // the go command does not read it
		case !t.IsRegular():
			return fmt.Errorf("%s is not a regular file (%s): the go command could wait on it forever; remove it", quote.Name(p), t)
		}
		if !strings.HasSuffix(name, ".go") || strings.HasPrefix(p, "vendor/") {
			return nil // the bound is on the project's own Go
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

// checkWorkspace refuses a go.work the go command would read for dir (the
// one GOWORK names, in the environment or go env -w's file, or the first
// in dir and its parents) that is not a regular file: it would wait on a
// FIFO.
func checkWorkspace(dir string) error {
	work := goEnv("GOWORK")
	if work == "off" {
		return nil
	}
	if work == "" {
		for d := dir; ; d = filepath.Dir(d) {
			p := filepath.Join(d, "go.work")
			if _, err := os.Lstat(p); err == nil {
				work = p
				break
			}
			if filepath.Dir(d) == d {
				return nil
			}
		}
	}
	fi, err := os.Stat(work)
	if err != nil || fi.Mode().IsRegular() {
		return nil // the go command reports what is wrong with it
	}
	return fmt.Errorf("%s, the workspace file the go command would read, is not a regular file (%s): remove it, or set GOWORK=off", work, fi.Mode().Type())
}

// goEnv returns the go command's setting key: from the environment, else
// from the file go env -w writes (GOENV, or go/env in the user's
// configuration directory), read without running the go command.
func goEnv(key string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	file := os.Getenv("GOENV")
	switch {
	case file == "off":
		return "" // as the go command: no env file at all
	case file != "" && !filepath.IsAbs(file):
		return "" // relative: read from the current directory, the checkout under go generate
	case file == "":
		dir, err := os.UserConfigDir()
		if err != nil {
			return ""
		}
		file = filepath.Join(dir, "go", "env")
	}
	if fi, err := os.Stat(file); err != nil || !fi.Mode().IsRegular() || fi.Size() > 1<<20 {
		return ""
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), key+"="); ok {
			return v
		}
	}
	return ""
}
