package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

// holdingInterrupts runs write with Ctrl-C and SIGTERM held until it
// returns: writing a project takes milliseconds, and finishing it is better
// than leaving a staging directory or a pending transaction behind. A signal
// that arrived meanwhile then ends the command as cancelled (exit 3), saying
// that the write was finished. (SIGKILL cannot be held: the transaction's
// journal covers it.)
func holdingInterrupts(e *env, write func() error) error {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(ch)
	err := write()
	select {
	case <-ch:
		if err == nil {
			fmt.Fprintln(e.stderr, "scaffold: interrupted; the write in progress was finished first")
			return errCancelled
		}
	default:
	}
	return err
}
