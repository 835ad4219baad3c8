//go:build linux || darwin

package main

// TestInterviewInTerminal drives the real scaffold binary in an 80x24
// pseudo-terminal, answering every prompt as a user would (keys, not a fake
// prompter), and compares the project it writes with the golden case
// golden/interview.txtar.

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	expect "github.com/Netflix/go-expect"
	"github.com/creack/pty"
	"github.com/hinshun/vt10x"
	"golang.org/x/tools/txtar"
)

// terminalRun is scaffold new running in an 80x24 pseudo-terminal.
type terminalRun struct {
	c    *expect.Console
	term vt10x.Terminal
	raw  *bytes.Buffer
	cmd  *exec.Cmd
	work string
}

// startInTerminal builds scaffold and starts scaffold new in a terminal.
func startInTerminal(t *testing.T) *terminalRun {
	t.Helper()
	if testing.Short() {
		t.Skip("builds scaffold; skipped with -short")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "scaffold")
	// Built as the goldens are, as release v0.1.0 (golden.GoldenVersion).
	if out, err := exec.Command("go", "build", "-buildvcs=false", "-ldflags", "-X github.com/s3batchops/scaffold/internal/buildversion.Version=v0.1.0", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	// The terminal emulator reads what scaffold writes and answers its
	// queries (survey asks for the cursor position) through a second
	// pseudo-terminal whose master feeds the console's input, as a real
	// terminal would.
	emuMaster, emuTTY, err := pty.Open()
	if err != nil {
		t.Fatal(err)
	}
	term := vt10x.New(vt10x.WithWriter(emuTTY), vt10x.WithSize(80, 24))
	var raw bytes.Buffer
	c, err := expect.NewConsole(expect.WithStdin(emuMaster), expect.WithStdout(term, &raw),
		expect.WithCloser(emuTTY, emuMaster), expect.WithDefaultTimeout(20*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if err := vt10x.ResizePty(c.Tty(), 80, 24); err != nil {
		t.Fatal(err)
	}

	work := filepath.Join(dir, "work")
	os.Mkdir(work, 0o755)
	cmd := exec.Command(bin, "new")
	cmd.Dir = work
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "TERM=xterm")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = c.Tty(), c.Tty(), c.Tty()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return &terminalRun{c: c, term: term, raw: &raw, cmd: cmd, work: work}
}

// answer waits for each expected text and sends its keys.
func (r *terminalRun) answer(t *testing.T, steps []struct{ expect, send string }) {
	t.Helper()
	for _, step := range steps {
		if _, err := r.c.ExpectString(step.expect); err != nil {
			t.Fatalf("waiting for %q: %v\nscreen:\n%s", step.expect, err, expect.StripTrailingEmptyLines(r.term.String()))
		}
		if _, err := r.c.Send(step.send); err != nil {
			t.Fatal(err)
		}
	}
}

// TestInterviewCancelInSelect checks that Ctrl-C at a list of choices
// leaves the question on the screen, not the list, and exits 3.
func TestInterviewCancelInSelect(t *testing.T) {
	r := startInTerminal(t)
	r.answer(t, []struct{ expect, send string }{
		{"Project directory", "out\r"},
		{"Function name", "copier\r"},
		{"Go module path", "\r"},
		{"Invocation schema", "\r"},
		{"Lambda architecture", ""},
	})
	// Move down the list and wait for the move to show: survey reads keys
	// in raw mode by then (it draws the list before leaving the line
	// discipline, which would take a Ctrl-C sent earlier as a signal for
	// nobody). Then interrupt.
	r.c.Send("\x1b[B")
	if _, err := r.c.ExpectString("> x86_64"); err != nil {
		t.Fatalf("waiting for the list: %v\nscreen:\n%s", err, expect.StripTrailingEmptyLines(r.term.String()))
	}
	r.c.Send("\x03")
	if _, err := r.c.ExpectString("cancelled"); err != nil {
		t.Fatalf("waiting for cancelled: %v\nscreen:\n%s", err, expect.StripTrailingEmptyLines(r.term.String()))
	}
	err := r.cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitCancelled {
		t.Errorf("scaffold new: %v, want exit status 3", err)
	}
	screen := r.term.String()
	if strings.Contains(screen, "x86_64") || strings.Contains(screen, "> arm64") {
		t.Errorf("the list of choices is still on the screen after Ctrl-C:\n%s", expect.StripTrailingEmptyLines(screen))
	}
	if _, err := os.Stat(filepath.Join(r.work, "out")); err == nil {
		t.Error("out was written")
	}
}

func TestInterviewInTerminal(t *testing.T) {
	r := startInTerminal(t)
	c, term, raw, cmd, work := r.c, r.term, r.raw, r.cmd, r.work
	const down = "\x1b[B"
	for _, step := range []struct{ expect, send string }{
		{"Project directory", "out\r"},
		{"Function name", "copier\r"},
		{"Go module path", "\r"}, // the default, example.com/copier
		{"Invocation schema", "\r"},
		{"Lambda architecture", "\r"},
		{"Starter", "\r"},       // blank
		{"Job arguments", "\r"}, // define them one by one
		{"Argument name", "MyDestinationBucket\r"},
		{"Type of MyDestinationBucket", "\r"}, // string
		{"Limit the values", "y\r"},
		{"Minimum length", "3\r"},
		{"Maximum length", "\r"},
		{"Pattern", "\r"},
		{"required?", "\r"}, // yes
		{"Description", "The bucket to copy to.\r"},
		{"Add another argument", "y\r"},
		{"Argument name", "MyDestinationPrefix\r"},
		{"Type of MyDestinationPrefix", down + down + down + down + down + down + "\x1b[A\x1b[A\x1b[A\x1b[A\x1b[A\x1b[A\r"}, // around the list and back to string
		{"Limit the values", "n\r"},
		{"required?", "n\r"},
		{"Default", "copied/\r"},
		{"Description", "\r"},
		{"Add another argument", "\r"},     // no
		{"manifest keys carry JSON", "\r"}, // no
		{"Create the project?", "\r"},      // yes
	} {
		if _, err := c.ExpectString(step.expect); err != nil {
			t.Fatalf("waiting for %q: %v\nscreen:\n%s", step.expect, err, expect.StripTrailingEmptyLines(term.String()))
		}
		if _, err := c.Send(step.send); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.ExpectString("created out"); err != nil {
		t.Fatalf("waiting for the end: %v\nscreen:\n%s", err, expect.StripTrailingEmptyLines(term.String()))
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("scaffold new: %v", err)
	}
	if strings.Contains(raw.String(), "\x1b[3") {
		t.Error("colour escapes in the output although NO_COLOR is set")
	}
	compareWithGolden(t, filepath.Join(work, "out"), "../../golden/interview.txtar")
}

// compareWithGolden compares the files under dir with the out/ files of a
// golden case.
func compareWithGolden(t *testing.T, dir, golden string) {
	t.Helper()
	ar, err := txtar.ParseFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{}
	for _, f := range ar.Files {
		if name, ok := strings.CutPrefix(f.Name, "out/"); ok {
			want[name] = f.Data
		}
	}
	got := map[string][]byte{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		// .scaffold-txn.lock, the empty file whose flock serialises
		// scaffold's commands, is not part of the output.
		if err == nil && !d.IsDir() && d.Name() != ".scaffold-txn.lock" {
			rel, _ := filepath.Rel(dir, p)
			got[filepath.ToSlash(rel)], _ = os.ReadFile(p)
		}
		return err
	})
	for name, data := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("%s: missing", name)
		} else if !bytes.Equal(g, data) {
			t.Errorf("%s differs from %s:\n%s", name, golden, g)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: not in %s", name, golden)
		}
	}
}
