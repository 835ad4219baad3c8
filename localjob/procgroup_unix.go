//go:build unix

package localjob

import (
	"os/exec"
	"syscall"
)

// ownProcessGroup makes the bootstrap the leader of a process group of its
// own, so that killGroup reaches every process it starts, and so that a
// Ctrl-C in the terminal reaches scaffold alone, which then ends the
// function's processes itself.
func ownProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// killGroup kills the bootstrap's process group: the bootstrap and every
// process it started that did not leave the group. The group outlives its
// leader while any member runs, so this also ends the children of a
// bootstrap that has exited.
func killGroup(cmd *exec.Cmd) {
	if err := syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL); err != nil {
		cmd.Process.Kill()
	}
}
