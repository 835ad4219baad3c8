// Command mutate checks that scaffold's tests catch known bugs without
// relying on golden bytes: for each mutation of its table it copies the
// repository to a temporary directory, applies the one-line change, runs
// `go test ./golden -run 'TestGolden$' -update` (so the golden files bless
// whatever the mutant now writes), then the whole suite. A mutation that the
// suite still passes has survived. `make mutate` runs it; MUTATIONS=a,b runs
// only the named ones. It exits 1 when a mutation survives or cannot be
// applied.
package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
)

// mutation replaces old, which must occur exactly once in file, with new.
type mutation struct {
	name, file, old, new string
}

var mutations = []mutation{
	{"result-cap", "templates/runtime/batch/batch.go",
		"const MaxResultLength = 1024", "const MaxResultLength = 2048"},
	{"report-cap", "localjob/report.go",
		"const MaxResultMessage = 1024", "const MaxResultMessage = 2048"},
	{"ten-args", "schema/check.go",
		"n > MaxArgs && !c.task", "false && n > MaxArgs && !c.task"},
	{"name-length", "schema/value.go",
		"MaxNameLength   = 64", "MaxNameLength   = 65"},
	{"key-bytes", "internal/s3rules/s3rules.go",
		"MaxKeyBytes = 1024", "MaxKeyBytes = 2048"},
	{"drop-maxlength-sample", "gen/samples.go",
		`c = append(c, candidate{strings.Repeat("x", int(*s.MaxLength)+1), fmt.Sprintf("maxLength %d", *s.MaxLength), true})`, ""},
	{"accept-skipped", "gen/samples.go",
		"if c.mustFail {", "if false && c.mustFail {"},
	{"sdk-not-retryable", "templates/runtime/batch/classify.go",
		`if reason := retryable(err); reason != "" {`, `if reason := retryable(err); false && reason != "" {`},
	{"deadline-permanent", "templates/runtime/batch/classify.go",
		"return TemporaryFailure, ReasonDeadline", "return PermanentFailure, ReasonDeadline"},
	{"sdk-before-lists", "templates/runtime/batch/classify.go",
		"case slices.Contains(c.PermanentCodes, apiErr.ErrorCode()):", `case slices.Contains(c.PermanentCodes, apiErr.ErrorCode()) && retryable(err) == "":`},
	{"plus-not-decoded", "templates/runtime/batch/handler.go",
		"key, err := url.QueryUnescape(t.S3Key)", "key, err := url.PathUnescape(t.S3Key)"},
	{"hand-edit-ignored", "project/plan.go",
		"case sum != disk.sum:", "case false && sum != disk.sum:"},
	{"journal-unchecked", "project/apply.go",
		"if err := d.checkJournal(&j, where, txn); err != nil {", "if err := d.checkJournal(&j, where, txn); false && err != nil {"},
	{"answer-loses-to-exit", "localjob/worker.go",
		"w.exited = closedWith(err)\n\t\t\tif r, ok := answered(c.inv); ok {", "w.exited = closedWith(err)\n\t\t\tif r, ok := answered(c.inv); false && ok {"},
	{"gzip-unbounded", "localjob/manifest.go",
		"if l.n += int64(n); l.n > l.max {", "if l.n += int64(n); false && l.n > l.max {"},
	{"report-through-link", "localjob/report.go",
		"if fi, err := os.Lstat(p); err == nil && fi.Mode()&fs.ModeSymlink != 0 {", "if fi, err := os.Lstat(p); false && err == nil && fi.Mode()&fs.ModeSymlink != 0 {"},
	{"lock-names-user-file", "project/project.go",
		"cmp.Or(CheckPath(p), gen.MayOwn(p))", "cmp.Or(CheckPath(p))"},
	{"response-not-utf8", "localjob/result.go",
		"if !utf8.Valid(data) || json.Unmarshal", "if false && !utf8.Valid(data) || json.Unmarshal"},
	{"args-file-null", "app/run.go",
		"case raw[0] != '\"' ||", "case false && raw[0] != '\"' ||"},
	{"args-value-not-utf8", "app/args.go",
		"case !utf8.ValidString(v):", "case false && !utf8.ValidString(v):"},
}

func main() {
	root, err := os.Getwd()
	if err != nil {
		fail(err)
	}
	only := strings.FieldsFunc(os.Getenv("MUTATIONS"), func(r rune) bool { return r == ',' })
	for _, name := range only {
		if !slices.ContainsFunc(mutations, func(m mutation) bool { return m.name == name }) {
			fmt.Fprintf(os.Stderr, "mutate: MUTATIONS names %q, which is not a mutation\n", name)
			os.Exit(2)
		}
	}
	survived, broken := 0, 0
	for _, m := range mutations {
		if len(only) > 0 && !slices.Contains(only, m.name) {
			continue
		}
		start := time.Now()
		verdict, detail := run(root, m)
		switch verdict {
		case "SURVIVED":
			survived++
		case "ERROR":
			broken++
		case "GOLDEN":
			survived++
		}
		fmt.Printf("%-22s %-8s %5.0fs  %s\n", m.name, verdict, time.Since(start).Seconds(), detail)
	}
	fmt.Printf("%d survived, %d could not be applied\n", survived, broken)
	if survived+broken > 0 {
		os.Exit(1)
	}
}

// run applies m to a copy of root and reports whether the suite caught it.
func run(root string, m mutation) (verdict, detail string) {
	dir, err := os.MkdirTemp("", "scaffold-mutate-")
	if err != nil {
		return "ERROR", err.Error()
	}
	defer os.RemoveAll(dir)
	if err := copyRepo(root, dir); err != nil {
		return "ERROR", err.Error()
	}
	path := filepath.Join(dir, filepath.FromSlash(m.file))
	data, err := os.ReadFile(path)
	if err != nil {
		return "ERROR", err.Error()
	}
	if n := bytes.Count(data, []byte(m.old)); n != 1 {
		return "ERROR", fmt.Sprintf("%s: %q occurs %d times, want once", m.file, m.old, n)
	}
	if err := os.WriteFile(path, bytes.Replace(data, []byte(m.old), []byte(m.new), 1), 0o644); err != nil {
		return "ERROR", err.Error()
	}
	// A mutant that does not compile proves nothing: the mutation is stale.
	if out, err := goCmd(dir, "vet", "./..."); err != nil {
		return "ERROR", "the mutant does not build or vet: " + firstLine(out)
	}
	// Bless the golden bytes first: what follows must not rely on them.
	refused := ""
	if out, err := goCmd(dir, "test", "./golden", "-run", "TestGolden$", "-update"); err != nil {
		refused = " (-update refused: " + failures(out) + ")"
	}
	out, err := goCmd(dir, "test", "-count=1", "./...")
	if err == nil {
		return "SURVIVED", "the whole suite passes after -update" + refused
	}
	// A mutation only TestGolden notices is caught by golden bytes (or by
	// an err- case's problems list): not enough.
	names := failures(out)
	for _, n := range strings.Fields(names) {
		if n != "FAIL" && n != "…" && !strings.HasPrefix(n, "TestGolden/") && n != "TestGolden" {
			return "caught", names + refused
		}
	}
	return "GOLDEN", "only TestGolden fails: " + names + refused
}

func goCmd(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	return cmd.CombinedOutput()
}

var failLine = regexp.MustCompile(`(?m)^\s*--- FAIL: (\S+)|^FAIL\s+(\S+)|^(\S+\.go:\d+:\d+: .*)$`)

// failures names the failed tests (or the build errors) in go test's output.
func failures(out []byte) string {
	var names []string
	for _, m := range failLine.FindAllSubmatch(out, -1) {
		name := string(bytes.Join([][]byte{m[1], m[2], m[3]}, nil))
		if !slices.Contains(names, name) && !strings.HasPrefix(name, "github.com/") {
			names = append(names, name)
		}
	}
	if len(names) > 8 {
		names = append(names[:8], "…")
	}
	return strings.Join(names, " ")
}

// copyRepo copies the files git knows of (tracked and untracked, not
// ignored) from root to dir.
func copyRepo(root, dir string) error {
	cmd := exec.Command("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("git ls-files: %w", err)
	}
	for _, name := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		src := filepath.Join(root, name)
		fi, err := os.Lstat(src)
		if err != nil {
			if os.IsNotExist(err) {
				continue // deleted in the work tree
			}
			return err
		}
		if !fi.Mode().IsRegular() {
			continue
		}
		data, err := os.ReadFile(src)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, data, fi.Mode().Perm()|0o200); err != nil {
			return err
		}
	}
	return nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "mutate:", err)
	os.Exit(2)
}

// firstLine returns the first line of out.
func firstLine(out []byte) string {
	line, _, _ := strings.Cut(string(out), "\n")
	return line
}
