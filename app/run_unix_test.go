//go:build unix

package app

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestManifestFIFORefused: a --manifest that is a FIFO (a checkout can carry
// one) would hold scaffold run before it starts: it is refused, unopened.
func TestManifestFIFORefused(t *testing.T) {
	p := filepath.Join(t.TempDir(), "manifest.csv")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skip(err)
	}
	if _, err := readManifest(p); err == nil || !strings.Contains(err.Error(), "not a regular file") || !strings.Contains(err.Error(), "--manifest") {
		t.Errorf("readManifest = %v, want the FIFO refused", err)
	}
}
