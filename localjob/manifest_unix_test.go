//go:build unix

package localjob

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestManifestFilesNotRegular: a manifest, or an inventory's data file,
// that is a FIFO would hold the run before it starts (opening one waits for
// a writer), and a data file that is a link would read any file of the
// machine as tasks: each is refused before it is opened, naming the entry.
func TestManifestFilesNotRegular(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.csv"), 0o644); err != nil {
		t.Skip(err)
	}
	os.WriteFile(filepath.Join(dir, "real.csv"), []byte("b,k\n"), 0o644)
	os.Symlink(filepath.Join(dir, "real.csv"), filepath.Join(dir, "link.csv"))
	manifest := filepath.Join(dir, "manifest.json")
	for _, key := range []string{"fifo.csv", "link.csv"} {
		os.WriteFile(manifest, []byte(`{"fileFormat":"CSV","fileSchema":"Bucket, Key","files":[{"key":"data/`+key+`"}]}`), 0o644)
		_, err := collect(t, ReadInventory(manifest))
		if err == nil || !strings.Contains(err.Error(), `files[0] "data/`+key+`"`) || !strings.Contains(err.Error(), "is not a regular file") {
			t.Errorf("%s: %v, want the entry refused", key, err)
		}
	}
	os.Remove(manifest)
	if err := syscall.Mkfifo(manifest, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := collect(t, ReadInventory(manifest)); err == nil || !strings.Contains(err.Error(), "manifest.json is not a regular file") {
		t.Errorf("a FIFO manifest.json: %v", err)
	}
}
