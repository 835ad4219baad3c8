//go:build !unix

package localjob

import "os/exec"

// ownProcessGroup does nothing where there are no Unix process groups.
func ownProcessGroup(cmd *exec.Cmd) {}

// killGroup kills the bootstrap only: without Unix process groups, the
// processes it started are not reached (a Windows job object would be the
// equivalent, not done here).
func killGroup(cmd *exec.Cmd) { cmd.Process.Kill() }
