//go:build unix

package project

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestTypeCheckRefusesWhatWouldBlock: the go command reads more than .go
// files (assembly, cgo's sources, go.work), and a FIFO among them would
// hold it forever; scaffold refuses them before it runs, naming the file.
func TestTypeCheckRefusesWhatWouldBlock(t *testing.T) {
	for _, tc := range []struct{ name, path, want string }{
		{"fifo .s", "internal/args/evil.s", "evil.s is not a regular file"},
		{"fifo anywhere", "notes", "notes is not a regular file"},
		{"fifo go.work", "go.work", "go.work is not a regular file"},
		{"linked .h", "internal/args/x.h", "x.h is a link"},
		{"fifo go.work above", "../go.work", "go.work, the workspace file the go command would read, is not a regular file"},
		{"fifo vendor/modules.txt", "vendor/modules.txt", "modules.txt is not a regular file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("GOWORK", "")
			dir := filepath.Join(t.TempDir(), "p")
			os.Mkdir(dir, 0o755)
			os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/p\n\ngo 1.24\n"), 0o644)
			os.MkdirAll(filepath.Join(dir, "internal", "args"), 0o755)
			os.MkdirAll(filepath.Join(dir, "vendor"), 0o755)
			os.WriteFile(filepath.Join(dir, "internal", "args", "args.go"), []byte("package args\n"), 0o644)
			p := filepath.Join(dir, filepath.FromSlash(tc.path))
			var err error
			if strings.Contains(tc.name, "linked") {
				err = os.Symlink("/etc/hostname", p)
			} else {
				err = syscall.Mkfifo(p, 0o644)
			}
			if err != nil {
				t.Skip(err)
			}
			_, err = TypeCheck(dir, nil, nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "was not type-checked") {
				t.Errorf("TypeCheck = %v, want %q", err, tc.want)
			}
		})
	}
}

// TestTypeCheckReadsGoEnvFile: a GOWORK set with go env -w (in the GOENV
// file) is the workspace the go command reads, and is checked like one.
func TestTypeCheckReadsGoEnvFile(t *testing.T) {
	root := t.TempDir()
	fifo := filepath.Join(root, "work.fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	envFile := filepath.Join(root, "env")
	os.WriteFile(envFile, []byte("GOFLAGS=-mod=mod\nGOWORK="+fifo+"\n"), 0o644)
	t.Setenv("GOENV", envFile)
	t.Setenv("GOWORK", "")
	os.Unsetenv("GOWORK")
	dir := filepath.Join(root, "p")
	os.Mkdir(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/p\n\ngo 1.24\n"), 0o644)
	_, err := TypeCheck(dir, nil, nil)
	if err == nil || !strings.Contains(err.Error(), "work.fifo, the workspace file the go command would read, is not a regular file") {
		t.Errorf("TypeCheck = %v, want the FIFO GOWORK of the GOENV file refused", err)
	}
}

// TestGoEnvOffOrRelative: GOENV=off reads no file, as the go command does,
// and a relative GOENV (a file in the checkout go generate runs in) is not
// read either.
func TestGoEnvOffOrRelative(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, name := range []string{"off", "env"} {
		os.WriteFile(filepath.Join(dir, name), []byte("GOWORK=/planted/go.work\n"), 0o644)
	}
	t.Setenv("GOWORK", "")
	os.Unsetenv("GOWORK")
	for _, goenv := range []string{"off", "env", "./env"} {
		t.Setenv("GOENV", goenv)
		if got := goEnv("GOWORK"); got != "" {
			t.Errorf("GOENV=%s: GOWORK %q read from the current directory", goenv, got)
		}
	}
	t.Setenv("GOENV", filepath.Join(dir, "env"))
	if got := goEnv("GOWORK"); got != "/planted/go.work" {
		t.Errorf("GOENV absolute: GOWORK %q, want the file's", got)
	}
}
