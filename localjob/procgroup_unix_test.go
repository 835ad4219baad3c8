//go:build unix

package localjob

// These tests protect the promise that scaffold run leaves no process
// behind: a child that the function starts and forgets is killed with the
// function when the job ends, and when it is interrupted.

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestChildProcessDoesNotOutliveRun(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	pidfile := filepath.Join(t.TempDir(), "child.pid")
	results := runAll(t, fakeConfig(t, "LOCALJOB_TEST_PIDFILE="+pidfile), Task{Bucket: "my-bucket", Key: "k"})
	if len(results) != 1 || results[0].Code != Succeeded {
		t.Fatalf("results = %+v", results)
	}
	waitGone(t, readPid(t, pidfile))
}

func TestChildProcessDoesNotOutliveInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	pidfile := filepath.Join(t.TempDir(), "child.pid")
	cfg := fakeConfig(t, "LOCALJOB_TEST_PIDFILE="+pidfile, "LOCALJOB_TEST_HANG=1")
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		_, err := Run(ctx, cfg, func(yield func(Task, error) bool) { yield(Task{Bucket: "my-bucket", Key: "k"}, nil) },
			func(Result) error { return nil })
		done <- err
	}()
	// The function is mid-invocation once it has written its child's pid.
	pid := waitPid(t, pidfile)
	cancel() // as Ctrl-C does in scaffold run
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("Run = %v, want context.Canceled", err)
	}
	waitGone(t, pid)
}

// waitPid waits for the fake bootstrap to write its child's pid.
func waitPid(t *testing.T, pidfile string) int {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(pidfile); err == nil {
			return readPid(t, pidfile)
		}
	}
	t.Fatal("the function never started its child")
	return 0
}

func readPid(t *testing.T, pidfile string) int {
	t.Helper()
	data, err := os.ReadFile(pidfile)
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(string(data))
	if err != nil {
		t.Fatal(err)
	}
	return pid
}

// waitGone waits until pid no longer runs. SIGKILL is delivered
// asynchronously, so the child may take a moment to go; it is never
// signalled by the test itself, so only the run's kill can end it within
// the hour it sleeps. A zombie (killed, not yet reaped by init) counts as
// gone.
func waitGone(t *testing.T, pid int) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if !running(pid) {
			return
		}
	}
	syscall.Kill(pid, syscall.SIGKILL)
	t.Fatalf("the function's child process %d outlived the run", pid)
}

func running(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return !os.IsNotExist(err)
	}
	// The state follows the command name in parentheses: "pid (comm) Z ...".
	rest := string(stat[strings.LastIndexByte(string(stat), ')')+1:])
	return !strings.HasPrefix(strings.TrimSpace(rest), "Z")
}
