//go:build !linux

package project

import "os"

// syncTree makes the files at paths and the directories under dir of root
// durable: each file and directory synced, all at once (syncFiles).
func syncTree(root *os.Root, dir string, paths []string) error {
	return syncFiles(root, dir, paths)
}
