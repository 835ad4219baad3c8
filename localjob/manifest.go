package localjob

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"strings"
)

// Task is one line of a manifest: an object, its key as the manifest has
// it (URL-encoded), and its version.
type Task struct {
	Bucket    string
	Key       string // URL-encoded, as S3 passes it to the function
	VersionID string
	// HasVersion is set when the manifest has a version column; a task
	// without one is sent with a null s3VersionId.
	HasVersion bool
	// Line is where the task is in its manifest, for messages.
	Line string
}

// ReadCSV reads a CSV manifest: bucket,key[,versionId], keys URL-encoded,
// no header. Version ids are on every line or none.
func ReadCSV(r io.Reader, name string) iter.Seq2[Task, error] {
	return func(yield func(Task, error) bool) {
		cr := csv.NewReader(bufio.NewReader(r))
		cr.FieldsPerRecord = -1
		cr.ReuseRecord = true
		columns := 0
		for line := 1; ; line++ {
			rec, err := cr.Read()
			if err == io.EOF {
				return
			}
			where := fmt.Sprintf("%s:%d", name, line)
			if err != nil {
				yield(Task{}, fmt.Errorf("%s: %w", where, err))
				return
			}
			if columns == 0 {
				columns = len(rec)
			}
			switch {
			case len(rec) < 2 || len(rec) > 3:
				yield(Task{}, fmt.Errorf("%s: want bucket,key or bucket,key,versionId, not %d fields", where, len(rec)))
				return
			case len(rec) != columns:
				yield(Task{}, fmt.Errorf("%s: %d fields where the first line has %d: version ids go on every line or none", where, len(rec), columns))
				return
			}
			t := Task{Bucket: rec[0], Key: rec[1], Line: where}
			if len(rec) == 3 {
				t.VersionID, t.HasVersion = rec[2], true
			}
			if !yield(t, nil) {
				return
			}
		}
	}
}

// inventoryManifest is the manifest.json of an S3 Inventory report.
type inventoryManifest struct {
	FileFormat string `json:"fileFormat"`
	FileSchema string `json:"fileSchema"`
	Files      []struct {
		Key string `json:"key"`
	} `json:"files"`
}

// ReadInventory reads an S3 Inventory report: its manifest.json, and the
// CSV (or CSV.gz) files it lists, found beside it by their base names.
func ReadInventory(path string) iter.Seq2[Task, error] {
	return func(yield func(Task, error) bool) {
		data, err := os.ReadFile(path)
		if err != nil {
			yield(Task{}, err)
			return
		}
		var m inventoryManifest
		if err := json.Unmarshal(data, &m); err != nil {
			yield(Task{}, fmt.Errorf("%s: %w", path, err))
			return
		}
		if m.FileFormat != "CSV" {
			yield(Task{}, fmt.Errorf("%s: fileFormat %q: only CSV inventories can be read", path, m.FileFormat))
			return
		}
		cols := strings.Split(m.FileSchema, ",")
		idx := map[string]int{}
		for i, c := range cols {
			idx[strings.TrimSpace(c)] = i
		}
		bi, okB := idx["Bucket"]
		ki, okK := idx["Key"]
		vi, okV := idx["VersionId"]
		if !okB || !okK {
			yield(Task{}, fmt.Errorf("%s: fileSchema %q has no Bucket or Key", path, m.FileSchema))
			return
		}
		for _, f := range m.Files {
			file := filepath.Join(filepath.Dir(path), filepath.Base(f.Key))
			if !readInventoryFile(file, bi, ki, vi, okV, yield) {
				return
			}
		}
	}
}

// readInventoryFile yields the tasks of one inventory file; false stops.
func readInventoryFile(file string, bi, ki, vi int, hasVersion bool, yield func(Task, error) bool) bool {
	f, err := os.Open(file)
	if err != nil {
		return yield(Task{}, err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(file, ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return yield(Task{}, fmt.Errorf("%s: %w", file, err))
		}
		defer gz.Close()
		r = gz
	}
	cr := csv.NewReader(bufio.NewReader(r))
	cr.FieldsPerRecord = -1
	for line := 1; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return true
		}
		where := fmt.Sprintf("%s:%d", file, line)
		if err != nil {
			return yield(Task{}, fmt.Errorf("%s: %w", where, err))
		}
		if bi >= len(rec) || ki >= len(rec) || hasVersion && vi >= len(rec) {
			return yield(Task{}, fmt.Errorf("%s: %d fields, fewer than the fileSchema's", where, len(rec)))
		}
		t := Task{Bucket: rec[bi], Key: rec[ki], Line: where}
		if hasVersion {
			t.VersionID, t.HasVersion = rec[vi], true
		}
		if !yield(t, nil) {
			return false
		}
	}
}
