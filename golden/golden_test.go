package golden

// These tests protect scaffold's output byte for byte: every golden case is
// run through the real binary and compared, and every golden project must
// build, vet and pass its own tests.

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/diff"
	"golang.org/x/tools/txtar"
)

var (
	update        = flag.Bool("update", false, "rewrite the golden files with scaffold's current output")
	allowRemovals = flag.Bool("allow-removals", false, "with -update, allow it to remove rows of generated invalid-value tables")
)

// GoldenVersion is the version of scaffold the goldens are written by.
const GoldenVersion = "v0.1.0"

// scaffoldBin is the scaffold binary under test, built once by TestMain.
var scaffoldBin string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "scaffold-golden-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	scaffoldBin = filepath.Join(dir, "scaffold")
	// The goldens are written by scaffold as a release, GoldenVersion, so
	// that projects pin it as a tool; -buildvcs=false keeps version
	// control out of it.
	// scaffold-s3, which scaffold manifest --list runs, goes beside it, as
	// go install puts it.
	build := exec.Command("go", "build", "-buildvcs=false", "-ldflags", "-X github.com/s3batchops/scaffold/internal/buildversion.Version="+GoldenVersion,
		"-o", dir+string(filepath.Separator), "github.com/s3batchops/scaffold/cmd/scaffold", "github.com/s3batchops/scaffold/cmd/scaffold-s3")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building scaffold:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func cases(t *testing.T) []string {
	files, err := filepath.Glob("*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	return files
}

// TestGolden runs each case and compares the whole result with its archive.
func TestGolden(t *testing.T) {
	for _, file := range cases(t) {
		t.Run(strings.TrimSuffix(file, ".txtar"), func(t *testing.T) {
			t.Parallel()
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			got := run(t, txtar.Parse(want))
			// A case fails exactly when its name says so, so that -update
			// cannot turn a broken project into an expected error.
			if failed := slices.ContainsFunc(txtar.Parse(got).Files, func(f txtar.File) bool { return f.Name == "exit" }); failed != strings.HasPrefix(file, "err-") {
				t.Fatalf("%s: scaffold failed = %v, but the case's name says %v:\n%s", file, failed, !failed, got)
			}
			if failed := slices.ContainsFunc(txtar.Parse(got).Files, func(f txtar.File) bool { return f.Name == "exit" }); failed {
				checkProblems(t, txtar.Parse(want), txtar.Parse(got))
			}
			if bytes.Equal(got, want) {
				return
			}
			if *update {
				if lost := lostInvalidRows(t, txtar.Parse(want), txtar.Parse(got)); len(lost) > 0 && !*allowRemovals {
					t.Fatalf("%s: -update would remove %d rows of invalid values from the generated tests (-allow-removals to do so):\n%s", file, len(lost), strings.Join(lost, "\n"))
				}
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			t.Errorf("%s is out of date (go test ./golden -update rewrites it):\n%s", file, diff.Diff(file, want, "got", got))
		})
	}
}

// problemsFile is the input of an err- case that lists the problems scaffold
// must report, one a line. It is an input, so -update never rewrites it: a
// diagnostic that vanishes fails the case even after an update.
const problemsFile = "problems"

// checkProblems compares the problems listed in the case's problems file,
// as a set, with the lines of scaffold's stderr that state a problem (not a
// hint, a usage pointer, or the count of problems).
func checkProblems(t *testing.T, want, got *txtar.Archive) {
	t.Helper()
	file := func(ar *txtar.Archive, name string) (string, bool) {
		for _, f := range ar.Files {
			if f.Name == name {
				return string(f.Data), true
			}
		}
		return "", false
	}
	listed, ok := file(want, problemsFile)
	if !ok {
		t.Fatalf("an err- case must list its problems in a %q input file, one a line", problemsFile)
	}
	stderr, _ := file(got, "stderr")
	lines := func(text string, keep func(string) bool) map[string]bool {
		set := map[string]bool{}
		for _, l := range strings.Split(text, "\n") {
			if l != "" && keep(l) {
				set[l] = true
			}
		}
		return set
	}
	summary := regexp.MustCompile(`^scaffold: .*: [0-9]+ problems?$`)
	reported := lines(stderr, func(l string) bool {
		return !strings.HasPrefix(l, "\t") && !strings.HasPrefix(l, "Run 'scaffold") && !summary.MatchString(l)
	})
	expected := lines(listed, func(string) bool { return true })
	for l := range expected {
		if !reported[l] {
			t.Errorf("listed problem not reported: %.200s", l)
		}
	}
	for l := range reported {
		if !expected[l] {
			t.Errorf("problem reported but not listed in %s: %.200s", problemsFile, l)
		}
	}
}

// lostInvalidRows returns the rows of the generated tables of invalid values
// (TestParseInvalid in args_test.go, invalid in params_test.go) that old has
// and new does not.
func lostInvalidRows(t *testing.T, old, new *txtar.Archive) []string {
	rows := func(ar *txtar.Archive) map[string]bool {
		set := map[string]bool{}
		for _, f := range ar.Files {
			if strings.HasPrefix(f.Name, "out/") && strings.HasSuffix(f.Name, "_test.go") {
				for _, r := range invalidRows(t, f.Name, f.Data) {
					set[f.Name+": "+r] = true
				}
			}
		}
		return set
	}
	now := rows(new)
	var lost []string
	for r := range rows(old) {
		if !now[r] {
			lost = append(lost, r)
		}
	}
	slices.Sort(lost)
	return lost
}

// invalidRows returns the source of each row of the invalid-value tables in
// a generated test file.
func invalidRows(t *testing.T, name string, src []byte) []string {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, 0)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var out []string
	elts := func(lit *ast.CompositeLit) {
		for _, e := range lit.Elts {
			out = append(out, string(src[fset.Position(e.Pos()).Offset:fset.Position(e.End()).Offset]))
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			if n.Name.Name == "TestParseInvalid" {
				ast.Inspect(n.Body, func(n ast.Node) bool {
					if r, ok := n.(*ast.RangeStmt); ok {
						if lit, ok := r.X.(*ast.CompositeLit); ok {
							elts(lit)
						}
						return false
					}
					return true
				})
			}
			return false
		case *ast.ValueSpec:
			if len(n.Names) == 1 && n.Names[0].Name == "invalid" && len(n.Values) == 1 {
				if lit, ok := n.Values[0].(*ast.CompositeLit); ok {
					elts(lit)
				}
			}
		}
		return true
	})
	return out
}

// isOutput reports whether an archive file is produced by the case rather
// than an input to it.
func isOutput(name string) bool {
	return strings.HasPrefix(name, "out/") || name == "stdout" || name == "stderr" || name == "exit"
}

// commands returns the scaffold command lines in the archive's comment: the
// lines starting "$ scaffold ", run in order.
func commands(t *testing.T, ar *txtar.Archive) [][]string {
	var cmds [][]string
	for _, line := range strings.Split(string(ar.Comment), "\n") {
		if rest, ok := strings.CutPrefix(line, "$ scaffold "); ok {
			cmds = append(cmds, strings.Fields(rest))
		}
	}
	if len(cmds) == 0 {
		t.Fatal("the comment has no line starting with \"$ scaffold \"")
	}
	return cmds
}

// editPrefix marks an input written after the first command, before the
// next: an edit by the user (edit/out/scaffold.yaml before a generate).
const editPrefix = "edit/"

// run runs the case in a fresh directory and returns the archive of its
// result: the comment and inputs as they were, then the outputs.
func run(t *testing.T, ar *txtar.Archive) []byte {
	work := t.TempDir()
	result := &txtar.Archive{Comment: ar.Comment}
	write := func(name string, data []byte) {
		p := filepath.Join(work, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var edits []txtar.File
	for _, f := range ar.Files {
		if isOutput(f.Name) {
			continue
		}
		result.Files = append(result.Files, f)
		if name, ok := strings.CutPrefix(f.Name, editPrefix); ok {
			edits = append(edits, txtar.File{Name: name, Data: f.Data})
			continue
		}
		write(f.Name, f.Data)
	}
	var stdout, stderr bytes.Buffer
	var exit *exec.ExitError
	for i, args := range commands(t, ar) {
		if i == 1 {
			for _, f := range edits {
				write(f.Name, f.Data)
			}
		}
		cmd := exec.Command(scaffoldBin, args...)
		cmd.Dir = work
		cmd.Env = append(os.Environ(), "NO_COLOR=1")
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			if !errors.As(err, &exit) {
				t.Fatal(err)
			}
			break
		}
	}
	add := func(name string, data []byte) {
		if len(data) > 0 {
			result.Files = append(result.Files, txtar.File{Name: name, Data: data})
		}
	}
	add("stdout", stdout.Bytes())
	add("stderr", stderr.Bytes())
	if exit != nil {
		add("exit", fmt.Appendf(nil, "%d\n", exit.ExitCode()))
	}
	out := filepath.Join(work, "out")
	var paths []string
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	slices.Sort(paths)
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		checkDirectives(t, p, data)
		rel, _ := filepath.Rel(work, p)
		add(filepath.ToSlash(rel), data)
	}
	return txtar.Format(result)
}

// TestGoldenProjects extracts the project of every case that succeeds and
// runs go vet, go build and go test in it, as a user would after
// `scaffold new`. go.sum must be complete: nothing may be added to it.
func TestGoldenProjects(t *testing.T) {
	if testing.Short() {
		t.Skip("compiling the golden projects takes a while; skipped with -short")
	}
	for _, file := range cases(t) {
		if strings.HasPrefix(file, "err-") || file == "dryrun.txtar" {
			continue // no project
		}
		t.Run(strings.TrimSuffix(file, ".txtar"), func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			project := writeProject(t, file, dir)
			work := writeWorkspace(t, dir)
			for _, args := range [][]string{{"vet", "./..."}, {"build", "./..."}, {"test", "-count=1", "./..."}} {
				cmd := exec.Command("go", args...)
				cmd.Dir = dir
				cmd.Env = append(os.Environ(), "GOFLAGS=-mod=readonly", "GOWORK="+work)
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Fatalf("go %s in the %s project: %v\n%s", strings.Join(args, " "), file, err, out)
				}
			}
			if file != "copier.txtar" {
				return
			}
			// go generate runs the scaffold go.mod pins as a tool: on a
			// project that is up to date, it changes nothing.
			cmd := exec.Command("go", "generate", "./...")
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "GOFLAGS=-mod=readonly", "GOWORK="+work)
			out, err := cmd.CombinedOutput()
			if err != nil || !strings.Contains(string(out), "is up to date") {
				t.Fatalf("go generate ./... in the %s project: %v\n%s", file, err, out)
			}
			for _, f := range project {
				if got, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Name))); !bytes.Equal(got, f.Data) {
					t.Errorf("go generate changed %s", f.Name)
				}
			}
		})
	}
}

// directives are the only compiler and tool directives scaffold writes into
// Go files. Anything else that looks like one came from a schema.
var directives = []string{"//go:generate go tool scaffold generate"}

// checkDirectives fails when a Go file has a line that the go command or
// the compiler would read as a directive (//go:generate, //go:embed,
// //line, //export, //extern, //sys) and that scaffold did not mean to write.
func checkDirectives(t *testing.T, path string, data []byte) {
	if !strings.HasSuffix(path, ".go") {
		return
	}
	for i, line := range strings.Split(string(data), "\n") {
		trimmed := strings.TrimLeft(line, " \t")
		for _, prefix := range []string{"//go:", "//line ", "//export ", "//extern ", "//sys "} {
			if strings.HasPrefix(trimmed, prefix) && !slices.Contains(directives, trimmed) {
				t.Errorf("%s:%d: unexpected directive %q", path, i+1, trimmed)
			}
		}
	}
}

// TestExamplesMatchGoldens keeps the schemas in examples/, which the README
// uses, the same as the golden cases that test them.
func TestExamplesMatchGoldens(t *testing.T) {
	for example, input := range map[string]string{
		"../examples/copier.schema.json":       "copier.txtar:args.schema.json",
		"../examples/alltypes.schema.yaml":     "alltypes.txtar:args.schema.yaml",
		"../examples/renamer.args.json":        "task.txtar:args.json",
		"../examples/renamer.task.schema.json": "task.txtar:task.schema.json",
	} {
		file, name, _ := strings.Cut(input, ":")
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(example)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(ar.Files, func(f txtar.File) bool { return f.Name == name })
		if i < 0 || !bytes.Equal(ar.Files[i].Data, data) {
			t.Errorf("%s differs from %s in %s", example, name, file)
		}
	}
}

// BenchmarkBootstrapSize builds the copier golden project as `make build`
// does and reports the size of the stripped bootstrap (target: under 12 MB).
func BenchmarkBootstrapSize(b *testing.B) {
	dir := b.TempDir()
	writeProject(b, "copier.txtar", dir)
	var size int64
	for b.Loop() {
		cmd := exec.Command("make", "build")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("make build: %v\n%s", err, out)
		}
		fi, err := os.Stat(filepath.Join(dir, "build", "bootstrap"))
		if err != nil {
			b.Fatal(err)
		}
		size = fi.Size()
	}
	b.ReportMetric(float64(size), "bootstrap-bytes")
}

// repoRoot is the absolute path of this repository.
func repoRoot(t testing.TB) string {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// writeProject writes the out/ files of the golden case file under dir,
// and returns them.
func writeProject(t testing.TB, file, dir string) []txtar.File {
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var project []txtar.File
	for _, f := range ar.Files {
		name, ok := strings.CutPrefix(f.Name, "out/")
		if !ok {
			continue
		}
		project = append(project, txtar.File{Name: name, Data: f.Data})
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return project
}

// writeWorkspace writes a go.work for the project in dir and returns its
// path, for GOWORK. Golden projects pin scaffold as a tool, a version that
// is not published: the workspace points it at this repository.
func writeWorkspace(t testing.TB, dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	gowork := filepath.Join(t.TempDir(), "go.work")
	data := fmt.Appendf(nil, "go 1.26.0\n\nuse %q\n\nreplace github.com/s3batchops/scaffold => %q\n", abs, repoRoot(t))
	if err := os.WriteFile(gowork, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return gowork
}
