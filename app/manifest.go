package app

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/s3batchops/scaffold/internal/quote"
	"github.com/s3batchops/scaffold/internal/s3rules"
	"github.com/s3batchops/scaffold/listing"
	"github.com/s3batchops/scaffold/project"
	"github.com/s3batchops/scaffold/schema"
)

// Bounds of scaffold manifest's input.
const (
	// MaxTaskLine is the longest line of task parameters read, in bytes.
	// A line's JSON, compacted and URL-encoded, must fit S3's key field of
	// 1,024 characters, so a longer line can only be a mistake (or not
	// JSON lines at all); it is named and skipped, not read into memory.
	MaxTaskLine = 64 << 10
	// maxProblems is how many wrong lines are listed: reading stops at the
	// first line past them, so that a file that is not task parameters at
	// all is refused at once.
	maxProblems = 100
)

// ManifestInput is what scaffold manifest encodes.
type ManifestInput struct {
	Dir    string // the project, whose task schema checks each line
	Bucket string // the manifest's Bucket column
	In     io.Reader
	Name   string // In's name in messages, such as "standard input"
	Out    io.Writer
	// Keys reads In as plain object keys, one a line, rather than task
	// parameters: no task schema is needed, and Dir is not read.
	Keys bool
}

// Manifest reads task parameters, one JSON object a line, from in.In, and
// writes the CSV manifest to in.Out: bucket,<URL-encoded JSON> a line. When
// any line is wrong, the wrong lines are listed, with their numbers, and
// nothing is written: the manifest is staged in a temporary file, so that
// memory stays flat however long the input.
func Manifest(in ManifestInput) error {
	if in.Bucket == "" {
		return &InputError{[]string{"missing --bucket"}}
	}
	if err := s3rules.CheckBucket(in.Bucket); err != nil {
		return &InputError{[]string{fmt.Sprintf("--bucket %s: %v", quote.Value(in.Bucket), err)}}
	}
	var task *schema.Spec
	if !in.Keys {
		cfg, err := project.ReadConfig(in.Dir)
		if err != nil {
			return err
		}
		if task, _, err = project.LoadTaskSchema(in.Dir, cfg); err != nil {
			return err
		}
		if task == nil {
			return fmt.Errorf("%s has no task schema (taskSchema in scaffold.yaml): its keys are plain object keys; use --keys FILE to encode them, one a line", quote.Name(in.Dir))
		}
	}
	out, err := os.CreateTemp("", "scaffold-manifest-*.csv")
	if err != nil {
		return err
	}
	defer os.Remove(out.Name())
	defer out.Close()
	if in.Keys {
		err = keyLines(in.In, in.Name, in.Bucket, out)
	} else {
		err = manifestLines(in.In, in.Name, in.Bucket, task, out)
	}
	if err != nil {
		return err
	}
	if _, err := out.Seek(0, io.SeekStart); err != nil {
		return err
	}
	_, err = io.Copy(in.Out, out)
	return err
}

// keyLines reads object keys, one a line, and writes the manifest to out,
// or returns an error listing the lines that are wrong.
func keyLines(r io.Reader, name, bucket string, out io.Writer) error {
	return encodeLines(r, name, s3rules.MaxKeyBytes, out, func(n int, line []byte, tooLong bool, w io.Writer, problem func(int, string, ...any)) {
		key := string(line)
		switch err := s3rules.CheckKey(key, false); {
		case tooLong:
			problem(n, "the key is longer than %d bytes (MaxKeyBytes), S3's limit", s3rules.MaxKeyBytes)
		case key == "":
		case err != nil:
			problem(n, "%v", err)
		default:
			fmt.Fprintf(w, "%s,%s\n", bucket, listing.EncodeKey(key))
		}
	})
}

// manifestLines reads JSON objects a line and writes the manifest to out,
// or returns an error listing the lines that are wrong.
func manifestLines(r io.Reader, name, bucket string, task *schema.Spec, out io.Writer) error {
	var compact bytes.Buffer
	return encodeLines(r, name, MaxTaskLine, out, func(n int, line []byte, tooLong bool, w io.Writer, problem func(int, string, ...any)) {
		checkTaskLine(n, line, tooLong, bucket, task, &compact, w, problem)
	})
}

// encodeLines calls encode with each line of r (of at most max bytes),
// which writes its manifest line to a buffer or reports its problem. When
// any line is wrong, it returns an error listing the first maxProblems of
// them (reading stops there), and out gets nothing.
func encodeLines(r io.Reader, name string, max int, out io.Writer, encode func(n int, line []byte, tooLong bool, w io.Writer, problem func(int, string, ...any))) error {
	w := bufio.NewWriter(out)
	var probs []string
	problem := func(n int, format string, args ...any) {
		probs = append(probs, fmt.Sprintf("%s:%d: ", name, n)+fmt.Sprintf(format, args...))
	}
	stopped := 0
	err := readLines(r, max, func(n int, line []byte, tooLong bool) bool {
		if len(probs) == maxProblems {
			stopped = n
			return false
		}
		encode(n, line, tooLong, w, problem)
		return true
	})
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if len(probs) > 0 {
		if stopped > 0 {
			probs = append(probs, fmt.Sprintf("%s: stopped at line %d after %d wrong lines", name, stopped, maxProblems))
		}
		return errors.New(strings.Join(probs, "\n") + "\nnothing was written")
	}
	return w.Flush()
}

// checkTaskLine checks line n and writes its manifest line to w, or
// reports its problem.
func checkTaskLine(n int, line []byte, tooLong bool, bucket string, task *schema.Spec, compact *bytes.Buffer, w io.Writer, problem func(int, string, ...any)) {
	line = bytes.TrimSpace(line)
	switch half := loneSurrogateAt(line); {
	case tooLong:
		problem(n, "the line is longer than %d bytes (MaxTaskLine): one JSON object a line, whose key must fit S3's %d characters", MaxTaskLine, schema.MaxKeyLength)
		return
	case len(line) == 0:
		return
	case !utf8.Valid(line):
		problem(n, "not valid UTF-8 (at byte %d): task parameters are UTF-8 JSON", invalidUTF8At(line)+1)
		return
	case half >= 0:
		// The key would carry it; the function would read U+FFFD.
		problem(n, "%s (at byte %d) is no character", halfSurrogate, half+1)
		return
	}
	compact.Reset()
	if err := json.Compact(compact, line); err != nil {
		problem(n, "not JSON: %v", err)
		return
	}
	// The key's length first: a value too long to send is not echoed
	// by the schema's checks.
	key := url.QueryEscape(compact.String())
	if l := utf8.RuneCountInString(key); l > schema.MaxKeyLength {
		problem(n, "the key is %d characters long once URL-encoded, more than S3's limit of %d (MaxKeyLength): shorten its values", l, schema.MaxKeyLength)
		return
	}
	if p := task.CheckTask(compact.String()); len(p) > 0 {
		problem(n, "%s", strings.Join(p, "; "))
		return
	}
	fmt.Fprintf(w, "%s,%s\n", bucket, key)
}

// utf8BOM is the byte order mark some editors put at the start of a file.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// invalidUTF8At returns the offset of the first byte of b that is not
// valid UTF-8.
func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// readLines calls fn with each line of r, numbered from 1, without its
// line ending, until fn returns false. A line longer than max bytes is
// passed as tooLong, with no content, and the rest of it is skipped:
// memory stays within max. A byte order mark at the start is dropped: it is
// no part of the first line, nor of its length.
func readLines(r io.Reader, max int, fn func(n int, line []byte, tooLong bool) bool) error {
	br := bufio.NewReaderSize(r, 64<<10)
	if head, _ := br.Peek(len(utf8BOM)); bytes.Equal(head, utf8BOM) {
		br.Discard(len(utf8BOM))
	}
	var buf []byte
	for n := 1; ; n++ {
		buf = buf[:0]
		tooLong := false
		for {
			chunk, err := br.ReadSlice('\n')
			if !tooLong {
				if len(buf)+len(chunk) > max+2 { // room for \r\n
					tooLong, buf = true, buf[:0]
				} else {
					buf = append(buf, chunk...)
				}
			}
			if errors.Is(err, bufio.ErrBufferFull) {
				continue
			}
			if errors.Is(err, io.EOF) {
				if len(buf) > 0 || tooLong {
					fn(n, trimEOL(buf, max, &tooLong), tooLong)
				}
				return nil
			}
			if err != nil {
				return err
			}
			break
		}
		if !fn(n, trimEOL(buf, max, &tooLong), tooLong) {
			return nil
		}
	}
}

// trimEOL drops a line's \n or \r\n, and marks a line still over max
// without it too long.
func trimEOL(b []byte, max int, tooLong *bool) []byte {
	b = bytes.TrimSuffix(b, []byte("\n"))
	b = bytes.TrimSuffix(b, []byte("\r"))
	if len(b) > max {
		*tooLong = true
	}
	if *tooLong {
		return nil
	}
	return b
}
