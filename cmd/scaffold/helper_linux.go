package main

import (
	"os"
	"os/exec"
	"syscall"
)

// forwarded are the signals scaffold passes on to scaffold-s3.
var forwarded = []os.Signal{os.Interrupt, syscall.SIGTERM}

// endWithParent has cmd terminated when scaffold dies, killed or not.
func endWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
}
