//go:build !linux

package main

import (
	"os"
	"os/exec"
)

// forwarded are the signals scaffold passes on to scaffold-s3.
var forwarded = []os.Signal{os.Interrupt}

// endWithParent does nothing here: only Linux ends a child with its parent.
func endWithParent(*exec.Cmd) {}
