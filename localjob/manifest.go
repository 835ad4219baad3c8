package localjob

import (
	"bufio"
	"bytes"
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
	"unicode/utf8"

	"github.com/s3batchops/scaffold/internal/quote"
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

// MaxManifestLine is the longest manifest record scaffold run reads, in
// bytes: far more than any record S3 could act on (a bucket name of 63
// characters, a key of 1,024 bytes URL-encoded to at most 3,072, CSV
// quoting, a version id), so that a file that is not a manifest, or a
// hostile one, is refused at once with its line number instead of being
// read into memory whole.
const MaxManifestLine = 16 << 10

// utf8BOM is the byte order mark that some editors and spreadsheets put at
// the start of a CSV file; it is not part of the first bucket's name.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// ReadCSV reads a CSV manifest: bucket,key[,versionId], keys URL-encoded,
// no header. Version ids are on every line or none. A leading UTF-8 byte
// order mark is skipped; a record longer than MaxManifestLine, a field that
// is not valid UTF-8, or a malformed record stops the manifest with an
// error naming the file and the line the record starts on (lines, not
// records: blank lines count).
func ReadCSV(r io.Reader, name string) iter.Seq2[Task, error] {
	return func(yield func(Task, error) bool) {
		columns := 0
		err := readRecords(r, name, func(where string, rec []string) (bool, error) {
			if columns == 0 {
				columns = len(rec)
			}
			switch {
			case len(rec) == 1:
				return false, fmt.Errorf("%s: want bucket,key or bucket,key,versionId, not one field", where)
			case len(rec) > 3:
				return false, fmt.Errorf("%s: want bucket,key or bucket,key,versionId, not %d fields", where, len(rec))
			case len(rec) != columns:
				return false, fmt.Errorf("%s: %d fields where the first line has %d: version ids go on every line or none", where, len(rec), columns)
			}
			t := Task{Bucket: rec[0], Key: rec[1], Line: where}
			if len(rec) == 3 {
				t.VersionID, t.HasVersion = rec[2], true
			}
			return yield(t, nil), nil
		})
		if err != nil {
			yield(Task{}, err)
		}
	}
}

// readRecords reads the CSV records of r, bounded by MaxManifestLine, and
// passes each to fn with its place, name:line. It returns fn's error, or
// the reading's, with its place.
func readRecords(r io.Reader, name string, fn func(where string, rec []string) (bool, error)) error {
	br := bufio.NewReader(r)
	if b, _ := br.Peek(len(utf8BOM)); bytes.Equal(b, utf8BOM) {
		br.Discard(len(utf8BOM))
	}
	lr := &recordLimiter{r: br, max: MaxManifestLine, line: 1, start: 1}
	cr := csv.NewReader(lr)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	shown := quote.Name(name)
	for {
		rec, err := cr.Read()
		var tooLong *recordTooLongError
		var pe *csv.ParseError
		switch {
		case errors.Is(err, io.EOF):
			return nil
		case errors.As(err, &tooLong):
			return fmt.Errorf("%s:%d: the line is longer than %d bytes (MaxManifestLine): a manifest line is bucket,key[,versionId] with the key URL-encoded; is %s a manifest?", shown, tooLong.line, MaxManifestLine, shown)
		case errors.As(err, &pe):
			return fmt.Errorf("%s:%d:%d: %v", shown, pe.Line, pe.Column, pe.Err)
		case err != nil:
			return fmt.Errorf("%s: %w", shown, err)
		}
		line, _ := cr.FieldPos(0)
		where := fmt.Sprintf("%s:%d", shown, line)
		for i, f := range rec {
			if !utf8.ValidString(f) {
				return fmt.Errorf("%s: field %d is not valid UTF-8 (%s): a manifest is UTF-8 text", where, i+1, quote.Value(f))
			}
		}
		if more, err := fn(where, rec); err != nil || !more {
			return err
		}
	}
}

// recordLimiter passes a CSV stream through and fails once a record (a
// line, or several when a quoted field holds newlines) is longer than max
// bytes, so that the CSV reader never holds more. It counts lines as it
// goes, for the error.
type recordLimiter struct {
	r        io.Reader
	max      int
	line     int  // the line being read
	start    int  // the line the current record started on
	n        int  // bytes of the current record so far
	inQuotes bool // inside a quoted field: a newline does not end the record
	err      error
}

type recordTooLongError struct{ line int }

func (e *recordTooLongError) Error() string {
	return fmt.Sprintf("line %d: the record is too long", e.line)
}

func (l *recordLimiter) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(p)
	for i, c := range p[:n] {
		if l.n++; l.n > l.max {
			l.err = &recordTooLongError{l.start}
			return i, l.err
		}
		switch c {
		case '"':
			l.inQuotes = !l.inQuotes // a doubled quote toggles twice
		case '\n':
			l.line++
			if !l.inQuotes {
				l.n, l.start = 0, l.line
			}
		}
	}
	return n, err
}

// inventoryManifest is the manifest.json of an S3 Inventory report.
type inventoryManifest struct {
	FileFormat string `json:"fileFormat"`
	FileSchema string `json:"fileSchema"`
	Files      []struct {
		Key string `json:"key"`
	} `json:"files"`
}

// MaxInventoryManifest is the largest inventory manifest.json scaffold run
// reads, in bytes: an inventory of millions of objects lists a few
// thousand data files, a few hundred kilobytes.
const MaxInventoryManifest = 16 << 20

// MaxInventoryFiles is the most data files an inventory manifest.json may
// list: each is opened and read, and an inventory of billions of objects
// lists some thousands.
const MaxInventoryFiles = 100_000

// ReadInventory reads an S3 Inventory report: its manifest.json, and the
// CSV (or CSV.gz) files it lists, found beside it by their base names.
func ReadInventory(path string) iter.Seq2[Task, error] {
	return func(yield func(Task, error) bool) {
		shown := quote.Name(path)
		data, err := readAtMost(path, MaxInventoryManifest)
		if err != nil {
			yield(Task{}, err)
			return
		}
		if len(data) > MaxInventoryManifest {
			yield(Task{}, fmt.Errorf("%s: more than %d bytes (MaxInventoryManifest): is it an S3 Inventory manifest.json?", shown, MaxInventoryManifest))
			return
		}
		var m inventoryManifest
		if err := json.Unmarshal(data, &m); err != nil {
			yield(Task{}, fmt.Errorf("%s: %w", shown, err))
			return
		}
		if len(m.Files) > MaxInventoryFiles {
			yield(Task{}, fmt.Errorf("%s: %d data files, more than %d (MaxInventoryFiles): is it an S3 Inventory manifest.json?", shown, len(m.Files), MaxInventoryFiles))
			return
		}
		if m.FileFormat != "CSV" {
			yield(Task{}, fmt.Errorf("%s: fileFormat %s: only CSV inventories can be read", shown, quote.Value(m.FileFormat)))
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
			yield(Task{}, fmt.Errorf("%s: fileSchema %s has no Bucket or Key", shown, quote.Value(m.FileSchema)))
			return
		}
		seen := map[string]int{}
		for i, f := range m.Files {
			// Only the base name: the data files are read beside
			// manifest.json, never from where the manifest says.
			base := filepath.Base(filepath.FromSlash(f.Key))
			entry := fmt.Sprintf("%s: files[%d] %s", shown, i, quote.Value(f.Key))
			if f.Key == "" || base == "." || base == ".." || base == string(filepath.Separator) {
				yield(Task{}, fmt.Errorf("%s: not the key of a data file (the data files are read from beside manifest.json, by their base names)", entry))
				return
			}
			if j, ok := seen[base]; ok {
				yield(Task{}, fmt.Errorf("%s: the data file %s is listed again (files[%d]): an inventory lists each once", entry, quote.Name(base), j))
				return
			}
			seen[base] = i
			file := filepath.Join(filepath.Dir(path), base)
			if !readInventoryFile(file, entry, bi, ki, vi, okV, yield) {
				return
			}
		}
	}
}

// readAtMost reads up to max+1 bytes of the file at path: more than max
// means too large, without reading it all.
func readAtMost(path string, max int64) ([]byte, error) {
	// Checked before it is opened: opening a FIFO waits for a writer.
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file (%s)", quote.Name(path), fi.Mode().Type())
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, max+1))
}

// MaxInventoryRatio bounds how much larger than itself a gzipped inventory
// data file may decompress: CSV of keys compresses 5 to 80 times, 270 for
// the most repetitive keys measured (a 1,000-byte key of one repeated
// URL-encoded character); a file made to decompress as much as it can (a
// "gzip bomb", which would keep a run reading for hours before anything
// starts) does about 1,030 times.
const MaxInventoryRatio = 512

// readInventoryFile yields the tasks of one inventory file, the entry of
// manifest.json named by entry; false stops.
func readInventoryFile(file, entry string, bi, ki, vi int, hasVersion bool, yield func(Task, error) bool) bool {
	// Checked before it is opened, not followed: opening a FIFO waits for
	// a writer, and a link could read any file of this machine as tasks.
	fi, err := os.Lstat(file)
	if err != nil {
		return yield(Task{}, fmt.Errorf("%s: %w (the data files are read from beside manifest.json)", entry, err))
	}
	if !fi.Mode().IsRegular() {
		return yield(Task{}, fmt.Errorf("%s: %s is not a regular file (%s): the data files are read from beside manifest.json, as files", entry, quote.Name(file), fi.Mode().Type()))
	}
	f, err := os.Open(file)
	if err != nil {
		return yield(Task{}, fmt.Errorf("%s: %w", entry, err))
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(file, ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return yield(Task{}, fmt.Errorf("%s: %s: %w", entry, quote.Name(file), err))
		}
		defer gz.Close()
		r = &ratioLimiter{r: gz, max: MaxInventoryRatio*fi.Size() + 64<<10}
	}
	stop := false
	err = readRecords(r, file, func(where string, rec []string) (bool, error) {
		if bi >= len(rec) || ki >= len(rec) || hasVersion && vi >= len(rec) {
			return false, fmt.Errorf("%s: %d fields, fewer than the fileSchema's", where, len(rec))
		}
		t := Task{Bucket: rec[bi], Key: rec[ki], Line: where}
		if hasVersion {
			t.VersionID, t.HasVersion = rec[vi], true
		}
		if !yield(t, nil) {
			stop = true
			return false, nil
		}
		return true, nil
	})
	if err != nil {
		return yield(Task{}, fmt.Errorf("%s: %w", entry, err))
	}
	return !stop
}

// ratioLimiter reads r, a decompressed file, and fails once it has given
// more than max bytes.
type ratioLimiter struct {
	r   io.Reader
	n   int64
	max int64
}

func (l *ratioLimiter) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	if l.n += int64(n); l.n > l.max {
		return n, fmt.Errorf("decompresses to more than %d times its size (MaxInventoryRatio), as only a file made to do so does: is it an S3 Inventory data file?", MaxInventoryRatio)
	}
	return n, err
}
