package main

// This test drives the real scaffold binary as a busy CI machine would: two
// generates at once in one project, and generates killed with SIGKILL at
// moments spread over their run. Whatever happens, one plain generate then
// brings the project to what its schema asks, and --check passes.

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// buildScaffold builds the scaffold command into a temporary directory.
func buildScaffold(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "scaffold")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func scaffoldCmd(bin string, args ...string) *exec.Cmd {
	cmd := exec.Command(bin, args...)
	cmd.Stdin = nil // no terminal: never prompts
	return cmd
}

func mustRun(t *testing.T, bin string, args ...string) {
	t.Helper()
	if out, err := scaffoldCmd(bin, args...).CombinedOutput(); err != nil {
		t.Fatalf("scaffold %v: %v\n%s", args, err, out)
	}
}

// schemaVersion returns a schema whose one argument has the maximum n.
func schemaVersion(n int) []byte {
	return []byte(`{"type": "object", "properties": {"MaxKeys": {"type": "integer", "maximum": ` + strconv.Itoa(n) + `}}}`)
}

func TestGenerateConcurrentAndKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds scaffold and runs it many times")
	}
	bin := buildScaffold(t)
	dir := t.TempDir()
	schema := filepath.Join(dir, "args.json")
	os.WriteFile(schema, schemaVersion(1), 0o644)
	p := filepath.Join(dir, "p")
	mustRun(t, bin, "new", "--no-input", "--schema", schema, p)
	inProject := filepath.Join(p, "args.json")

	t.Run("concurrent", func(t *testing.T) {
		for i := range 8 {
			os.WriteFile(inProject, schemaVersion(100+i), 0o644)
			var cmds [2]*exec.Cmd
			var outs [2]bytes.Buffer
			for k := range cmds {
				cmds[k] = scaffoldCmd(bin, "generate", p)
				cmds[k].Stderr = &outs[k]
				if err := cmds[k].Start(); err != nil {
					t.Fatal(err)
				}
			}
			for k, cmd := range cmds {
				if err := cmd.Wait(); err != nil {
					t.Fatalf("pair %d: generate %d: %v\n%s", i, k, err, outs[k].String())
				}
			}
			mustRun(t, bin, "generate", "--check", p)
		}
	})

	t.Run("killed", func(t *testing.T) {
		for i := range 12 {
			os.WriteFile(inProject, schemaVersion(200+i), 0o644)
			cmd := scaffoldCmd(bin, "generate", p)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Spread the kills over the first 50 ms, where generate plans
			// and writes; where each lands does not matter to what follows.
			time.Sleep(time.Duration(i) * 4 * time.Millisecond)
			cmd.Process.Signal(syscall.SIGKILL)
			err := cmd.Wait()
			var exit *exec.ExitError
			if err != nil && !errors.As(err, &exit) {
				t.Fatal(err)
			}
			mustRun(t, bin, "generate", p)
			mustRun(t, bin, "generate", "--check", p)
			entries, _ := os.ReadDir(p)
			for _, e := range entries {
				if e.Name() == ".scaffold-txn" || e.Name() == ".scaffold-txn.new" {
					t.Errorf("kill %d: %s left after generate", i, e.Name())
				}
			}
		}
	})

	t.Run("new killed", func(t *testing.T) {
		parent := t.TempDir()
		for i := range 20 {
			cmd := scaffoldCmd(bin, "new", "--no-input", "--schema", schema, filepath.Join(parent, "p"+strconv.Itoa(i)))
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(time.Duration(i) * time.Millisecond)
			cmd.Process.Signal(syscall.SIGKILL)
			cmd.Wait()
		}
		// The next new beside them removes every staging directory the
		// killed ones left.
		mustRun(t, bin, "new", "--no-input", "--schema", schema, filepath.Join(parent, "last"))
		entries, _ := os.ReadDir(parent)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".scaffold-new-") {
				t.Errorf("staging directory %s left after the next new", e.Name())
			}
		}
	})
}
