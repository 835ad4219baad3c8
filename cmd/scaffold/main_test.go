package main

// These tests run scaffold's command line as a user would, through
// testscript scripts in testdata/script: flags, messages, exit statuses and
// the files left on disk.

import (
	"bufio"
	"errors"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"scaffold": main,
	})
}

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			// scaffold generate type-checks with the go command, and scripts
			// build the projects they make: share the caches of the test run.
			for _, v := range []string{"GOCACHE", "GOMODCACHE", "GOPATH", "GOPROXY", "GOFLAGS", "GONOSUMDB", "GOSUMDB", "GOTOOLCHAIN"} {
				if out, err := exec.Command("go", "env", v).Output(); err == nil {
					env.Setenv(v, strings.TrimSpace(string(out)))
				}
			}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// envq NAME PART... sets NAME to the PARTs joined, each a Go
			// string literal or N*literal (repeated N times): hostile values
			// (control characters, escape sequences, invalid UTF-8, 5,000
			// characters) for command lines, as $NAME.
			"envq": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) < 1 {
					ts.Fatalf("usage: envq NAME PART...")
				}
				var b strings.Builder
				writeParts(ts, &b, args[1:])
				ts.Setenv(args[0], b.String())
			},
			// mkfile FILE PART... writes the PARTs (as for envq) to FILE:
			// large or binary files that a txtar archive cannot hold.
			"mkfile": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) < 1 {
					ts.Fatalf("usage: mkfile FILE PART...")
				}
				f, err := os.Create(ts.MkAbs(args[0]))
				ts.Check(err)
				w := bufio.NewWriter(f)
				writeParts(ts, w, args[1:])
				ts.Check(w.Flush())
				ts.Check(f.Close())
			},
			// exitcode N CMD ARGS... runs CMD as exec does and checks that its
			// exit status is N.
			"exitcode": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) < 2 {
					ts.Fatalf("usage: exitcode N command [args...]")
				}
				want, err := strconv.Atoi(args[0])
				ts.Check(err)
				got := 0
				if err := ts.Exec(args[1], args[2:]...); err != nil {
					var exit *exec.ExitError
					if !errors.As(err, &exit) {
						ts.Fatalf("%v", err)
					}
					got = exit.ExitCode()
				}
				if got != want {
					ts.Fatalf("exit status %d, want %d", got, want)
				}
			},
		},
		UpdateScripts: os.Getenv("UPDATE_SCRIPTS") == "1",
	})
}

// writeParts writes each part, a Go string literal or N*literal.
func writeParts(ts *testscript.TestScript, w io.StringWriter, parts []string) {
	for _, p := range parts {
		n := 1
		if count, lit, ok := strings.Cut(p, "*"); ok && count != "" && strings.Trim(count, "0123456789") == "" {
			var err error
			n, err = strconv.Atoi(count)
			ts.Check(err)
			p = lit
		}
		s, err := strconv.Unquote(p)
		if err != nil {
			ts.Fatalf("%s: want a Go string literal: %v", p, err)
		}
		for range n {
			_, err := w.WriteString(s)
			ts.Check(err)
		}
	}
}
