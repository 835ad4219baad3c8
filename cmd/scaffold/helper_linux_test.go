package main

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// fakeHelper puts a scaffold-s3 running script on PATH.
func fakeHelper(t *testing.T, script string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, helperName), []byte("#!/bin/sh\n"+script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
}

// syncBuilder is a strings.Builder safe to read while it is written.
type syncBuilder struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuilder) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuilder) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestHelperHandOver: scaffold gives scaffold-s3 the checked flags and
// stands for it: its exit status, a signal that ended it, flags it refuses
// (another version), and an interrupt of scaffold passed on to it.
func TestHelperHandOver(t *testing.T) {
	t.Run("arguments and status", func(t *testing.T) {
		fakeHelper(t, `echo "$@"; exit 3`)
		var stdout, stderr syncBuilder
		e := &env{stdout: &stdout, stderr: &stderr}
		code := e.run([]string{"manifest", "--list", "s3://src/-photos/", "--suffix", "-x", "--min-size", "2", "--out", "m.csv"})
		if want := "list --suffix -x --min-size 2 --out m.csv -- s3://src/-photos/\n"; code != 3 || stdout.String() != want {
			t.Errorf("exit %d, stdout %q: want 3 and %q", code, stdout.String(), want)
		}
	})
	t.Run("killed", func(t *testing.T) {
		fakeHelper(t, `kill -KILL $$`)
		var stderr syncBuilder
		e := &env{stdout: &syncBuilder{}, stderr: &stderr}
		if code := e.run([]string{"manifest", "--list", "s3://src"}); code != exitFailure || !strings.Contains(stderr.String(), "signal: killed") {
			t.Errorf("exit %d, %q: want %d and the signal named", code, stderr.String(), exitFailure)
		}
	})
	t.Run("another version", func(t *testing.T) {
		fakeHelper(t, `echo "flag provided but not defined: -suffix" >&2; exit 2`)
		var stderr syncBuilder
		e := &env{stdout: &syncBuilder{}, stderr: &stderr}
		if code := e.run([]string{"manifest", "--list", "s3://src", "--suffix", ".jpg"}); code != exitUsage || !strings.Contains(stderr.String(), "another version") {
			t.Errorf("exit %d, %q: want %d and a word on versions", code, stderr.String(), exitUsage)
		}
	})
	t.Run("interrupt passed on", func(t *testing.T) {
		fakeHelper(t, `trap 'echo interrupted >&2; exit 7' INT
echo ready >&2
sleep 30 &
wait`)
		var stderr syncBuilder
		e := &env{stdout: &syncBuilder{}, stderr: &stderr}
		codes := make(chan int, 1)
		go func() { codes <- e.run([]string{"manifest", "--list", "s3://src"}) }()
		// scaffold already catches SIGINT once the script has started.
		for waited := time.Duration(0); !strings.Contains(stderr.String(), "ready"); waited += 10 * time.Millisecond {
			if waited > 20*time.Second {
				t.Fatalf("the fake scaffold-s3 never started: %q", stderr.String())
			}
			time.Sleep(10 * time.Millisecond)
		}
		syscall.Kill(os.Getpid(), syscall.SIGINT)
		select {
		case code := <-codes:
			if code != 7 || !strings.Contains(stderr.String(), "interrupted") {
				t.Errorf("exit %d, %q: want the helper's 7 after its trap ran", code, stderr.String())
			}
		case <-time.After(20 * time.Second):
			t.Fatal("scaffold did not pass the interrupt on")
		}
	})
}
