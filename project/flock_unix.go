//go:build unix

package project

import (
	"errors"
	"os"
	"syscall"
)

// flock takes an exclusive lock on f, held until f is closed or the
// process ends (also by SIGKILL: the kernel releases it). When another
// process holds it, flock calls waiting once, then waits.
func flock(f *os.File, waiting func()) error {
	fd := int(f.Fd())
	err := syscall.Flock(fd, syscall.LOCK_EX|syscall.LOCK_NB)
	if !errors.Is(err, syscall.EWOULDBLOCK) {
		return err
	}
	if waiting != nil {
		waiting()
	}
	for {
		err := syscall.Flock(fd, syscall.LOCK_EX)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}

// tryLock reports whether it took the lock on f without waiting.
func tryLock(f *os.File) bool {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil
}

// openNoFollow makes OpenFile refuse a symbolic link.
const openNoFollow = syscall.O_NOFOLLOW

// processAlive reports whether a process with the ID pid exists.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
