package listing

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFileIsAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "manifest.csv")
	os.WriteFile(path, []byte("before\n"), 0o644)
	err := WriteFile(path, func(w io.Writer) error {
		io.WriteString(w, "src,partial\n")
		return errors.New("listing failed")
	})
	if err == nil {
		t.Fatal("no error")
	}
	if data, _ := os.ReadFile(path); string(data) != "before\n" {
		t.Errorf("after a failure the file holds %q", data)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("a temporary file was left: %v", entries)
	}
	if err := WriteFile(path, func(w io.Writer) error { _, err := io.WriteString(w, "src,k\n"); return err }); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); string(data) != "src,k\n" {
		t.Errorf("the file holds %q", data)
	}
}

func TestEncodeKey(t *testing.T) {
	for key, want := range map[string]string{
		"photos/cat 1.jpg": "photos/cat%201.jpg", "a+b=c.txt": "a%2Bb%3Dc.txt", "100%": "100%25",
		"café": "caf%C3%A9", "a,b": "a%2Cb", "~-._/": "~-._/", "\n": "%0A",
	} {
		if got := EncodeKey(key); got != want {
			t.Errorf("EncodeKey(%q) = %q, want %q", key, got, want)
		}
	}
}
