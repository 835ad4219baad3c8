//go:build !unix

package project

import "os"

// flock does nothing where scaffold has no file locks (Windows, Plan 9):
// there, two scaffold commands must not run at once in one project.
func flock(f *os.File, waiting func()) error { return nil }

// tryLock reports false: without locks, no staging directory is known to
// be abandoned.
func tryLock(f *os.File) bool { return false }

// openNoFollow is 0: where there is no O_NOFOLLOW, removeStaleStaging
// checks that the lock file is a regular file.
const openNoFollow = 0

// processAlive reports true: without a way to ask, a staging directory is
// never taken for abandoned.
func processAlive(pid int) bool { return true }
