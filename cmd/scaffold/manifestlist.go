package main

// scaffold manifest --list: a bucket's objects listed into a manifest, and
// uploaded, by scaffold-s3 (cmd/scaffold-s3), the command that talks to S3:
// scaffold itself links no AWS SDK.

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"time"

	"github.com/s3batchops/scaffold/listing"
)

// manifestList is scaffold manifest --list's flags.
type manifestList struct{ f listing.Flags }

// flags declares --list and the flags that go with it.
func (l *manifestList) flags(fs *verbFlags) {
	fs.StringVar(&l.f.List, "list", "", "list `s3://bucket[/prefix]` into a manifest")
	l.f.Register(fs.FlagSet, "with --list: ")
}

// run checks the listing's flags, then hands the listing to scaffold-s3,
// which talks to S3, and stands for it: its output and exit status are
// scaffold's, and an interrupt or termination of scaffold is passed on to
// it (on Linux it also ends should scaffold be killed outright), so that it
// removes its temporary file and stops.
func (l *manifestList) run(e *env) error {
	r, err := l.f.Request()
	if err != nil {
		return usagef("%v", err)
	}
	helper, err := findHelper()
	if err != nil {
		return err
	}
	cmd := exec.Command(helper, r.Args()...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = nil, e.stdout, e.stderr
	// scaffold-s3 says so when it is not this scaffold's release.
	cmd.Env = append(os.Environ(), versionEnv+"="+scaffoldVersion())
	endWithParent(cmd)
	// Once it has exited, a process it left holding its output does not
	// keep scaffold waiting.
	cmd.WaitDelay = time.Second
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, forwarded...)
	defer signal.Stop(signals)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting %s: %w", helper, err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
wait:
	for {
		select {
		case sig := <-signals:
			cmd.Process.Signal(sig)
		case err = <-done:
			break wait
		}
	}
	var exit *exec.ExitError
	switch {
	case err == nil:
		return nil
	case !errors.As(err, &exit):
		return fmt.Errorf("%s: %w", helper, err)
	case exit.ExitCode() < 0: // ended by a signal: it could say nothing
		return fmt.Errorf("%s, which lists the bucket, ended: %v", helper, exit.ProcessState)
	case exit.ExitCode() == exitUsage:
		// scaffold checked these flags: one that scaffold-s3 refuses is
		// one it does not know.
		fmt.Fprintf(e.stderr, "scaffold: %s refused the flags this scaffold (%s) gave it: is it another version? Install both again, from the same release or clone\n", helper, scaffoldVersion())
	}
	return &exitStatus{exit.ExitCode()}
}

// helperName is the command that talks to S3 for scaffold manifest --list.
const helperName = "scaffold-s3"

// versionEnv carries scaffold's version to scaffold-s3.
const versionEnv = "SCAFFOLD_VERSION"

// findHelper returns scaffold-s3's path: beside this executable, as go
// install and make install put it, or else on PATH.
func findHelper() (string, error) {
	if self, err := os.Executable(); err == nil {
		p := filepath.Join(filepath.Dir(self), helperName+exeSuffix())
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			return p, nil
		}
	}
	if p, err := exec.LookPath(helperName); err == nil {
		return p, nil
	}
	how := "run make install in the clone this scaffold was built from, which installs both"
	if v := scaffoldVersion(); v != "devel" {
		how = fmt.Sprintf("install it with go install github.com/s3batchops/scaffold/cmd/%s@%s", helperName, v)
	}
	return "", fmt.Errorf("--list needs %s, the command that talks to S3, beside scaffold or on PATH: %s", helperName, how)
}

// exeSuffix is ".exe" on Windows.
func exeSuffix() string {
	if runtime.GOOS == "windows" {
		return ".exe"
	}
	return ""
}
